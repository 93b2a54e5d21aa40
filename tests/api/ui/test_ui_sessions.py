"""The UI's server-side sessions against the real auth service and Redis.

Rotating refresh tokens punish reuse by ending the whole session, so several tabs (or UI
workers) renewing at once must share one renewal, and a revoked session must end here too.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace

import pytest
import redis.asyncio as aioredis
from accounts import Account

from app.api.auth import AuthApi
from app.api.errors import Unauthorized
from app.api.gateway import Gateway
from app.session.store import SessionEnded, SessionStore

pytestmark = pytest.mark.e2e
# A database of its own on the shared local Redis (the stack uses 3 and 5+).
UI_SESSION_TEST_REDIS = "redis://127.0.0.1:6379/14"


async def _signed_in(stack: str, account: Account) -> tuple[SessionStore, str, Gateway]:
    gateway = Gateway(stack)
    store = SessionStore(
        aioredis.Redis.from_url(UI_SESSION_TEST_REDIS, decode_responses=True), gateway=gateway
    )
    tokens = await AuthApi(gateway).login(account.email, account.password)
    me = await AuthApi(gateway).me(tokens.access_token)
    session_id = await store.create(
        tokens, user_id=me.id, role=me.role, display_name=me.display_name, email=me.email
    )
    return store, session_id, gateway


async def _expire_access_token(store: SessionStore, session_id: str) -> str:
    stored = await store.read(session_id)
    assert stored is not None
    await store._write(session_id, replace(stored, access_expires_at=0.0))
    return stored.access_token


def test_concurrent_renewals_share_one_refresh(
    stack: str, register: Callable[..., Account]
) -> None:
    async def scenario() -> None:
        store, session_id, gateway = await _signed_in(stack, register())
        stale = await _expire_access_token(store, session_id)
        tokens = await asyncio.gather(*(store.access_token(session_id) for _ in range(8)))
        assert len(set(tokens)) == 1 and tokens[0] != stale
        # The session is still alive: had two renewals used one refresh token, auth would
        # have seen reuse and ended it.
        me = await AuthApi(gateway).me(tokens[0])
        assert me.email
        again = await _expire_access_token(store, session_id)
        renewed = await store.access_token(session_id)
        assert renewed not in (again, tokens[0])
        assert (await AuthApi(gateway).me(renewed)).email == me.email

    asyncio.run(scenario())


def test_a_session_signed_out_elsewhere_ends_here(
    stack: str, register: Callable[..., Account]
) -> None:
    async def scenario() -> None:
        store, session_id, gateway = await _signed_in(stack, register())
        token = await store.access_token(session_id)
        await AuthApi(gateway).logout(token, everywhere=True)
        with pytest.raises(Unauthorized):
            await AuthApi(gateway).me(token)
        # The page's call was refused: renewing finds the refresh token revoked.
        with pytest.raises(SessionEnded):
            await store.access_token(session_id, rejected=token)
        assert await store.read(session_id) is None

    asyncio.run(scenario())
