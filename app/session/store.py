"""Server-side sessions: an opaque id in an HttpOnly cookie, the user's tokens in Redis.

The browser never sees an access or refresh token. The cookie holds a random id; Redis maps
its SHA-256 to the token pair. Every tab and every UI backend worker reads the same record,
so a refresh done by one is seen by all, and rotating refresh tokens never fork (two tabs
refreshing with one token would look like reuse and end the session).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import secrets
import time
from dataclasses import asdict, dataclass

import redis.asyncio as aioredis

from app.api.auth import AuthApi, Tokens
from app.api.errors import Unauthorized
from app.api.gateway import Gateway, shared_gateway

COOKIE = "fl_session"
KEY_PREFIX = "ui:session:"
LOCK_PREFIX = "ui:session-lock:"
# Renew a little before the access token expires, so a call never races its expiry.
RENEW_MARGIN_SECONDS = 30
LOCK_SECONDS = 10
SESSION_TTL_SECONDS = int(os.environ.get("UI_SESSION_TTL_DAYS", "30")) * 86400


class SessionEnded(Unauthorized):
    """The session is gone (signed out, revoked, expired): the page sends the user to sign in."""

    def __init__(self) -> None:
        super().__init__(status=401, code="session_ended", message="Please sign in again.")


@dataclass(frozen=True, slots=True)
class StoredSession:
    user_id: str
    access_token: str
    refresh_token: str
    access_expires_at: float
    role: str = "user"
    display_name: str = ""
    email: str = ""


def new_session_id() -> str:
    return secrets.token_urlsafe(32)


def _key(session_id: str) -> str:
    return KEY_PREFIX + hashlib.sha256(session_id.encode()).hexdigest()


def _lock(session_id: str) -> str:
    return LOCK_PREFIX + hashlib.sha256(session_id.encode()).hexdigest()


def _redis_url() -> str:
    # The UI's own Redis database (rxconfig.py puts Reflex state there too).
    from urllib.parse import urlsplit, urlunsplit

    shared = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
    return urlunsplit(urlsplit(shared)._replace(path="/3"))


class SessionStore:
    def __init__(self, client: aioredis.Redis | None = None, gateway: Gateway | None = None):
        self._client = client
        self._gateway = gateway

    def _redis(self) -> aioredis.Redis:
        if self._client is None:
            self._client = aioredis.Redis.from_url(_redis_url(), decode_responses=True)
        return self._client

    async def create(
        self, tokens: Tokens, *, user_id: str, role: str, display_name: str, email: str
    ) -> str:
        session_id = new_session_id()
        await self._write(
            session_id,
            StoredSession(
                user_id=user_id,
                access_token=tokens.access_token,
                refresh_token=tokens.refresh_token,
                access_expires_at=time.time() + tokens.expires_in,
                role=role,
                display_name=display_name,
                email=email,
            ),
        )
        return session_id

    async def read(self, session_id: str) -> StoredSession | None:
        if not session_id:
            return None
        raw = await self._redis().get(_key(session_id))
        if not raw:
            return None
        return StoredSession(**json.loads(raw))

    async def _write(self, session_id: str, stored: StoredSession) -> None:
        await self._redis().set(
            _key(session_id), json.dumps(asdict(stored)), ex=SESSION_TTL_SECONDS
        )

    async def delete(self, session_id: str) -> None:
        if session_id:
            await self._redis().delete(_key(session_id))

    async def update_profile(self, session_id: str, **changes: str) -> None:
        stored = await self.read(session_id)
        if stored is not None:
            await self._write(session_id, StoredSession(**{**asdict(stored), **changes}))

    async def access_token(self, session_id: str, *, rejected: str | None = None) -> str:
        """A valid access token, renewed through auth when it is (about to be) expired."""
        stored = await self.read(session_id)
        if stored is None:
            raise SessionEnded()
        fresh = stored.access_expires_at - time.time() > RENEW_MARGIN_SECONDS
        if fresh and stored.access_token != rejected:
            return stored.access_token
        return await self._renew(session_id, stale=stored.access_token)

    async def _renew(self, session_id: str, *, stale: str) -> str:
        redis = self._redis()
        for _ in range(int(LOCK_SECONDS / 0.1)):
            if await redis.set(_lock(session_id), "1", nx=True, ex=LOCK_SECONDS):
                break
            await asyncio.sleep(0.1)  # another tab or worker is renewing: use its result
            stored = await self.read(session_id)
            if stored is None:
                raise SessionEnded()
            if stored.access_token != stale:
                return stored.access_token
        try:
            stored = await self.read(session_id)
            if stored is None:
                raise SessionEnded()
            if stored.access_token != stale:
                return stored.access_token
            try:
                tokens = await AuthApi(self._gateway or shared_gateway()).refresh(
                    stored.refresh_token
                )
            except Unauthorized as exc:
                await self.delete(session_id)
                raise SessionEnded() from exc
            await self._write(
                session_id,
                StoredSession(
                    **{
                        **asdict(stored),
                        "access_token": tokens.access_token,
                        "refresh_token": tokens.refresh_token,
                        "access_expires_at": time.time() + tokens.expires_in,
                    }
                ),
            )
            return tokens.access_token
        finally:
            await redis.delete(_lock(session_id))


class SessionTokens:
    """`TokenSource` for `Authorized`: one browser session's tokens."""

    def __init__(self, store: SessionStore, session_id: str):
        self.store = store
        self.session_id = session_id

    async def access_token(self) -> str:
        return await self.store.access_token(self.session_id)

    async def renewed_access_token(self, rejected: str) -> str:
        return await self.store.access_token(self.session_id, rejected=rejected)


_shared: SessionStore | None = None


def shared_store() -> SessionStore:
    global _shared
    if _shared is None:
        _shared = SessionStore()
    return _shared
