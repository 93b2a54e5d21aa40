"""The auth service as the UI uses it: accounts, sign-in tokens, sessions, password reset."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.api.gateway import Authorized, Gateway


@dataclass(frozen=True, slots=True)
class Tokens:
    """A signed-in session's pair: a short-lived access token and its rotating refresh token."""

    access_token: str
    refresh_token: str
    expires_in: int


@dataclass(frozen=True, slots=True)
class Account:
    id: str
    email: str
    display_name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True, slots=True)
class DeviceSession:
    """One signed-in device, as listed on the security page."""

    id: str
    created_at: datetime
    last_used_at: datetime
    user_agent: str
    ip: str
    current: bool


def _tokens(body: dict[str, Any]) -> Tokens:
    return Tokens(
        access_token=str(body["access_token"]),
        refresh_token=str(body["refresh_token"]),
        expires_in=int(body.get("expires_in", 900)),
    )


class AuthApi:
    """Calls that need no session (sign-up, sign-in, refresh, password reset)."""

    def __init__(
        self, gateway: Gateway, client_ip: str | None = None, user_agent: str | None = None
    ):
        self.gateway = gateway
        self.client_ip = client_ip
        self.user_agent = user_agent  # the browser's: auth records it with the new session

    async def register(self, email: str, password: str, display_name: str) -> None:
        await self.gateway.call(
            "POST",
            "/api/auth/register",
            json={"email": email, "password": password, "display_name": display_name},
            client_ip=self.client_ip,
        )

    async def login(self, email: str, password: str) -> Tokens:
        body = await self.gateway.call(
            "POST",
            "/api/auth/login",
            json={"email": email, "password": password},
            client_ip=self.client_ip,
            user_agent=self.user_agent,
        )
        return _tokens(body)

    async def refresh(self, refresh_token: str) -> Tokens:
        body = await self.gateway.call(
            "POST",
            "/api/auth/refresh",
            json={"refresh_token": refresh_token},
            client_ip=self.client_ip,
        )
        return _tokens(body)

    async def forgot_password(self, email: str) -> None:
        await self.gateway.call(
            "POST", "/api/auth/password/forgot", json={"email": email}, client_ip=self.client_ip
        )

    async def reset_password(self, token: str, new_password: str) -> None:
        await self.gateway.call(
            "POST",
            "/api/auth/password/reset",
            json={"token": token, "new_password": new_password},
            client_ip=self.client_ip,
        )

    async def me(self, access_token: str) -> Account:
        body = await self.gateway.call(
            "GET", "/api/auth/me", token=access_token, client_ip=self.client_ip
        )
        return Account(
            id=str(body["id"]),
            email=str(body["email"]),
            display_name=str(body.get("display_name", "")),
            role=str(body.get("role", "user")),
        )

    async def logout(self, access_token: str, *, everywhere: bool = False) -> None:
        path = "/api/auth/logout-all" if everywhere else "/api/auth/logout"
        await self.gateway.call("POST", path, token=access_token, client_ip=self.client_ip)


class AccountApi:
    """Calls about the signed-in account (sessions, password, deletion)."""

    def __init__(self, api: Authorized):
        self.api = api

    async def sessions(self) -> list[DeviceSession]:
        rows = await self.api.get("/api/auth/sessions")
        return [
            DeviceSession(
                id=str(r["id"]),
                created_at=datetime.fromisoformat(r["created_at"]),
                last_used_at=datetime.fromisoformat(r["last_used_at"]),
                user_agent=str(r.get("user_agent", "")),
                ip=str(r.get("ip", "")),
                current=bool(r.get("current", False)),
            )
            for r in rows
        ]

    async def end_session(self, session_id: str) -> None:
        await self.api.delete(f"/api/auth/sessions/{session_id}")

    async def change_password(self, current_password: str, new_password: str) -> None:
        await self.api.post(
            "/api/auth/password/change",
            json={"current_password": current_password, "new_password": new_password},
        )
