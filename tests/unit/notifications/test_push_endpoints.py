"""Push endpoints the worker may call: https to public addresses, or the configured test
receiver's exact origin. Names are resolved by a fake resolver (no DNS in unit tests)."""

from __future__ import annotations

import pytest

from backend_services.notifications.pinned_http import pinned_url
from backend_services.notifications.push_endpoints import (
    EndpointRefused,
    check_push_endpoint,
    normalized_origins,
)

PUBLIC = {"push.example": ["93.184.216.34", "2606:2800:220:1::1"]}
NAMES = {
    **PUBLIC,
    "rebound.example": ["93.184.216.34", "10.0.0.7"],  # one private answer is enough
    "metadata.example": ["169.254.169.254"],
}
TEST_RECEIVER = normalized_origins(["http://127.0.0.1:18380"])


def resolve(host: str, port: int) -> list[str]:
    if host in NAMES:
        return NAMES[host]
    if host.replace(".", "").isdigit() or ":" in host:
        return [host]
    raise EndpointRefused("its host name does not resolve")


@pytest.mark.parametrize(
    "url",
    [
        "https://push.example/send/abc",
        "https://push.example:8443/send/abc",
        "https://93.184.216.34/send",
        "http://127.0.0.1:18380/sub/1",  # the configured receiver
    ],
)
def test_allowed(url):
    check_push_endpoint(url, TEST_RECEIVER, resolve)


@pytest.mark.parametrize(
    "url",
    [
        "http://push.example/send",  # not https
        "https://127.0.0.1:18380/sub/1",  # the receiver's host, but not its origin
        "http://127.0.0.1:18381/sub/1",  # another port on the receiver's host
        "http://127.0.0.1:5432/",
        "https://localhost:5432/",
        "https://127.0.0.1/",
        "https://169.254.169.254/latest/meta-data/",
        "https://metadata.example/",
        "https://rebound.example/",
        "https://10.1.2.3/",
        "https://192.168.1.1/",
        "https://[::1]/",
        "https://[::ffff:127.0.0.1]/",
        "https://[fd00::1]/",
        "https://0.0.0.0/",
        "https://user:secret@push.example/",
        "https://unknown.invalid/",
        "ftp://push.example/",
        "https:///nohost",
    ],
)
def test_refused(url):
    with pytest.raises(EndpointRefused):
        check_push_endpoint(url, TEST_RECEIVER, resolve)


def test_localhost_resolves_to_loopback_with_the_real_resolver():
    with pytest.raises(EndpointRefused):
        check_push_endpoint("https://localhost:5432/", frozenset())


def test_the_check_names_the_address_to_connect_to():
    """The sender dials this address (pinned_http.py), not a second answer for the name."""
    assert check_push_endpoint("https://push.example/send", TEST_RECEIVER, resolve) == (
        "93.184.216.34"
    )
    assert check_push_endpoint("https://[2606:2800:220:1::1]/send", TEST_RECEIVER, resolve) == (
        "2606:2800:220:1::1"
    )
    assert check_push_endpoint("http://127.0.0.1:18380/sub/1", TEST_RECEIVER, resolve) is None


@pytest.mark.parametrize(
    ("url", "address", "pinned"),
    [
        ("https://push.example/send/a?x=1", "93.184.216.34", "https://93.184.216.34/send/a?x=1"),
        ("https://push.example:8443/s", "93.184.216.34", "https://93.184.216.34:8443/s"),
        ("https://push.example/s", "2606:2800:220:1::1", "https://[2606:2800:220:1::1]/s"),
    ],
)
def test_pinned_url(url, address, pinned):
    assert pinned_url(url, address) == pinned
