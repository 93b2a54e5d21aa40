"""HTTP to the address the endpoint check approved, not to whatever the name resolves to next.

Checking a host name and then letting the HTTP client resolve it again leaves a window (DNS
rebinding: a public answer for the check, a private one for the connection). This session
asks ``approve`` once per request for the address to use, connects to that address, and
keeps the name for the ``Host`` header, TLS SNI and the certificate check. It follows no
redirect (a redirect is another way into the network).
"""

from __future__ import annotations

from collections.abc import Callable
from ipaddress import ip_address
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool

# The address to connect to for a URL, or None to connect as usual (an exact test origin);
# raises when the URL may not be called.
Approve = Callable[[str], str | None]


def pinned_url(url: str, address: str) -> str:
    """``url`` with its host replaced by ``address`` (bracketed when it is IPv6)."""
    parts = urlsplit(url)
    literal = f"[{address}]" if ip_address(address).version == 6 else address
    netloc = f"{literal}:{parts.port}" if parts.port else literal
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


class _NamedTlsAdapter(HTTPAdapter):
    """Connects to the URL's address; TLS speaks to and verifies the ``Host`` header's name."""

    def get_connection_with_tls_context(
        self,
        request: requests.PreparedRequest,
        verify: bool | str,
        proxies: dict[str, str] | None = None,
        cert: Any = None,
    ) -> HTTPConnectionPool:
        host = request.headers.get("Host") or ""
        if isinstance(host, bytes):
            host = host.decode("latin-1")
        name = urlsplit(f"//{host}").hostname
        if proxies or not name or urlsplit(request.url or "").scheme != "https":
            return super().get_connection_with_tls_context(request, verify, proxies, cert)
        host_params, pool_kwargs = self.build_connection_pool_key_attributes(request, verify, cert)
        pool_kwargs = {**pool_kwargs, "server_hostname": name, "assert_hostname": name}
        pool: HTTPConnectionPool = self.poolmanager.connection_from_host(
            **host_params, pool_kwargs=pool_kwargs
        )
        return pool


class PinnedSession(requests.Session):
    def __init__(self, approve: Approve):
        super().__init__()
        self._approve = approve
        self.trust_env = False  # no proxy from the environment: it would resolve the name
        adapter = _NamedTlsAdapter()
        self.mount("https://", adapter)
        self.mount("http://", adapter)

    def request(  # type: ignore[override]
        self, method: str, url: str, *args: Any, **kwargs: Any
    ) -> requests.Response:
        kwargs["allow_redirects"] = False
        address = self._approve(url)
        if address is not None:
            kwargs["headers"] = {**(kwargs.get("headers") or {}), "Host": urlsplit(url).netloc}
            url = pinned_url(url, address)
        return super().request(method, url, *args, **kwargs)
