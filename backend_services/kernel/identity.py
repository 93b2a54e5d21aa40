"""Who is calling: the FastAPI dependencies that turn an access token into a Principal.

Services verify the token themselves and check that its session is still live in auth's
session index (defence in depth: the gateway is not the only door), and never trust identity
headers a client could send.
"""

from __future__ import annotations

from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network
from typing import Annotated

from fastapi import Depends, Request

from .errors import Forbidden, Unauthorized
from .sessions import SessionCheck
from .tokens import AccessTokenVerifier, InvalidToken, Principal

ACCESS_COOKIE = "fl_access"


def bearer_or_cookie_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(ACCESS_COOKIE)


def current_principal(request: Request) -> Principal:
    verifier: AccessTokenVerifier | None = getattr(request.app.state, "token_verifier", None)
    token = bearer_or_cookie_token(request)
    if verifier is None or not token:
        raise Unauthorized("Sign in to continue.")
    try:
        principal = verifier.verify(token)
    except InvalidToken as exc:
        raise Unauthorized("Your session is not valid; sign in again.") from exc
    sessions: SessionCheck | None = getattr(request.app.state, "session_check", None)
    # Fail closed: without a way to see revocations, no token is accepted.
    if sessions is None or not sessions.is_live(principal.session_id, principal.user_id):
        raise Unauthorized("This session has ended; sign in again.")
    # For the after-write check of a deleted account (account_erasure.py).
    request.state.user_id = principal.user_id
    return principal


def admin_principal(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
    if not principal.is_admin:
        raise Forbidden("Administrators only.")
    return principal


CurrentUser = Annotated[Principal, Depends(current_principal)]
AdminUser = Annotated[Principal, Depends(admin_principal)]


def client_address(request: Request) -> str:
    """The caller's address. The gateway overwrites X-Real-IP, so the header is believed only
    when the connection comes from a gateway address (``TRUSTED_PROXIES``)."""
    peer = request.client.host if request.client else ""
    trusted: tuple[IPv4Network | IPv6Network, ...] = getattr(
        request.app.state, "trusted_proxies", ()
    )
    forwarded = request.headers.get("x-real-ip", "").strip()
    if forwarded and _within(peer, trusted):
        return forwarded
    return peer


def trusted_networks(entries: tuple[str, ...]) -> tuple[IPv4Network | IPv6Network, ...]:
    return tuple(ip_network(entry, strict=False) for entry in entries)


def _within(address: str, networks: tuple[IPv4Network | IPv6Network, ...]) -> bool:
    try:
        ip = ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)
