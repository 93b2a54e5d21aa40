"""The gateway's request limits, on a real nginx rendered from the same template with tiny
limits, in front of the test stack's services: a signed-in caller is limited per user, so
other people behind the same address are not, and every address has a ceiling of its own."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest
from polling import wait_until
from ports import free_port
from stack_env import STACK_ENV

from backend_services.stack.render import render_gateway
from backend_services.stack.topology import StackSettings

UI_KEY = "rate-limit-test-key"
ROUTE = "/api/notifications/push/vapid-public-key"  # any private route: the limit comes first


@pytest.fixture(scope="module")
def limited_gateway(stack: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second gateway: 1 request/s with a burst of 2 per user, 30 per address."""
    settings = StackSettings(
        data_dir=tmp_path_factory.mktemp("gateway"),
        gateway_port=free_port(),
        exporter_port_base=free_port(),
        port_base=int(STACK_ENV["SERVICE_PORT_BASE"]),
        with_ui=False,
        api_rate_per_second=1,
        api_burst=2,
        address_rate_per_second=1,
        address_burst=30,
    )
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (settings.run_dir / "nginx-tmp" / folder).mkdir(parents=True)
    (settings.run_dir / "nginx" / "logs").mkdir(parents=True)
    settings.log_dir.mkdir(parents=True, exist_ok=True)
    conf = settings.run_dir / "nginx.conf"
    conf.write_text(render_gateway(settings, ui_key=UI_KEY))
    nginx = subprocess.Popen(
        ["nginx", "-p", str(settings.run_dir / "nginx"), "-c", str(conf)],
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{settings.gateway_port}"
    try:
        wait_until(lambda: _answers(base), timeout=15, what="the limited gateway to start")
        yield base
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)


def _answers(base: str) -> bool:
    try:
        httpx.get(f"{base}/api/health", timeout=2)
    except httpx.HTTPError:
        return False
    return True


def _from(address: str, token: str | None = None) -> dict[str, str]:
    """Headers of a call the UI backend makes for a browser at `address` (it names the
    browser's address together with the key it shares with the gateway)."""
    headers = {"X-FitLedger-UI-Key": UI_KEY, "X-FitLedger-Client-IP": address}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def _statuses(base: str, headers: dict[str, str], count: int) -> list[int]:
    with httpx.Client(base_url=base, timeout=10) as http:
        return [http.get(ROUTE, headers=headers).status_code for _ in range(count)]


def test_one_user_is_limited_and_another_behind_the_same_address_is_not(
    limited_gateway: str, make_token: Callable[..., str]
) -> None:
    alice, bob = make_token(str(uuid.uuid4())), make_token(str(uuid.uuid4()))
    alice_statuses = _statuses(limited_gateway, _from("203.0.113.10", alice), 12)
    assert alice_statuses[0] == 200
    assert 429 in alice_statuses
    rejected = httpx.get(f"{limited_gateway}{ROUTE}", headers=_from("203.0.113.10", alice))
    assert rejected.status_code == 429
    assert rejected.json()["error"]["code"] == "rate_limited"
    # Bob shares Alice's address (an office, a carrier's NAT): his allowance is his own.
    assert _statuses(limited_gateway, _from("203.0.113.10", bob), 2) == [200, 200]


def test_the_same_user_counts_once_across_sessions(
    limited_gateway: str, make_token: Callable[..., str]
) -> None:
    user = str(uuid.uuid4())
    _statuses(limited_gateway, _from("203.0.113.20", make_token(user)), 12)
    # A new session (a second device) does not buy a fresh allowance.
    again = httpx.get(f"{limited_gateway}{ROUTE}", headers=_from("203.0.113.21", make_token(user)))
    assert again.status_code == 429


def test_callers_without_a_token_are_limited_by_address(limited_gateway: str) -> None:
    statuses = _statuses(limited_gateway, _from("203.0.113.30"), 12)
    assert statuses[0] == 401  # counted, then refused by the token check
    assert 429 in statuses
    assert _statuses(limited_gateway, _from("203.0.113.31"), 1) == [401]


def test_every_address_has_a_ceiling_made_up_subjects_cannot_lift(
    limited_gateway: str, make_token: Callable[..., str]
) -> None:
    """Forty different users (or forty invented subjects) from one address: each within its
    own limit, together past the address's burst of 30."""
    statuses = [
        _statuses(limited_gateway, _from("203.0.113.40", make_token(str(uuid.uuid4()))), 1)[0]
        for _ in range(40)
    ]
    assert statuses[0] == 200
    assert 429 in statuses
    assert _statuses(limited_gateway, _from("203.0.113.41", make_token(str(uuid.uuid4()))), 1) == [
        200
    ]
