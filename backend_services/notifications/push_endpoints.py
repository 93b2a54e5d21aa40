"""Which push endpoints the worker may POST to: never an address inside our network (SSRF).

A push endpoint is a URL a client hands us. It must be ``https``, carry no user name or
password, and its host must resolve only to public (globally routable) addresses. The check
runs when the subscription is stored and again before every send (a name can be pointed
somewhere else later); the sender then connects to the address this check approved, not to
a fresh answer for the name (``pinned_http.py``), and follows no redirects. The one
exception is an origin listed in ``PUSH_ALLOWED_TEST_ORIGINS`` (the local test push
receiver, e.g. ``http://127.0.0.1:18380``): allowed exactly, never in production.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterable
from ipaddress import ip_address
from urllib.parse import urlsplit

Resolver = Callable[[str, int], list[str]]


class EndpointRefused(ValueError):
    """The endpoint is not one our worker may call; the message says why."""


def resolve_addresses(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise EndpointRefused("its host name does not resolve") from exc
    return [str(info[4][0]) for info in infos]


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    default = {"https": 443, "http": 80}.get(parts.scheme)
    port = parts.port or default
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def normalized_origins(origins: Iterable[str]) -> frozenset[str]:
    return frozenset(origin_of(o) for o in origins)


def check_push_endpoint(
    url: str, allowed_origins: frozenset[str], resolve: Resolver = resolve_addresses
) -> str | None:
    """Raise ``EndpointRefused`` unless the worker may POST to ``url``; return the checked
    address to connect to (None for a configured test origin, reached as it is)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise EndpointRefused("it is not a valid URL") from exc
    if parts.username is not None or parts.password is not None:
        raise EndpointRefused("it carries a user name or password")
    if origin_of(url) in allowed_origins:
        return None  # the configured test receiver
    if parts.scheme != "https":
        raise EndpointRefused("it does not use https")
    host = parts.hostname or ""
    if not host:
        raise EndpointRefused("it has no host")
    addresses = resolve(host, port or 443)
    if not addresses:
        raise EndpointRefused("its host name does not resolve")
    for address in addresses:
        ip = ip_address(address.split("%", 1)[0])
        mapped = getattr(ip, "ipv4_mapped", None)
        if not (mapped or ip).is_global or ip.is_multicast:
            raise EndpointRefused("it points into a private network")
    return addresses[0].split("%", 1)[0]
