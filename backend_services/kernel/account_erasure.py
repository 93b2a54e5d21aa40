"""No data outlives a deleted account, not even a write that raced the deletion.

Auth marks an account deleted in the session index (``deleted_account_key``) *before* its
deletion commits, so before ``auth.user.deleted`` can reach any service. A write that passed
its session check just before the revocation may still commit after that service's handler
ran; so after every successful write by a signed-in user, this middleware looks the mark up
(one Redis ``EXISTS``, uncached) and, if it is there, erases what the service holds for that
account (the handler's own erase, run again; every step is a delete) and answers 401.

Why this closes the window: a write commits at *c* and is checked at *k > c*; the handler
erases at *h*, after the mark was set at *m*. If *c < h*, the handler's erase removes the
write; otherwise *k > c > h > m*, so the check sees the mark and erases it here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .db import unit_of_work
from .errors import error_response
from .sessions import SessionCheck

log = logging.getLogger("fitledger.account_erasure")
EraseAccount = Callable[[str], None]
_WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def erase_in_transaction(engine: Engine, erase: Callable[[Session, str], None]) -> EraseAccount:
    """A PostgreSQL service's erase (its ``auth.user.deleted`` step) in a transaction of its own."""

    def run(user_id: str) -> None:
        with unit_of_work(engine) as session:
            erase(session, user_id)

    return run


class ErasedAccountWrites:
    """ASGI middleware: a write for a deleted account is erased and answered 401."""

    def __init__(self, app: ASGIApp, erase: EraseAccount, sessions: Callable[[], SessionCheck]):
        self.app = app
        self.erase = erase
        self.sessions = sessions

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _WRITES:
            await self.app(scope, receive, send)
            return
        held: list[Message] = []

        async def hold(message: Message) -> None:
            held.append(message)

        await self.app(scope, receive, hold)  # returns after the use case has committed
        user_id = scope.get("state", {}).get("user_id")
        status = next((m["status"] for m in held if m["type"] == "http.response.start"), 500)
        if user_id and status < 400 and await run_in_threadpool(self._deleted, user_id):
            log.warning("write for a deleted account erased", extra={"path": scope["path"]})
            await run_in_threadpool(self.erase, user_id)
            refusal = error_response(401, "unauthorized", "This account has been deleted.")
            await refusal(scope, receive, send)
            return
        for message in held:
            await send(message)

    def _deleted(self, user_id: str) -> bool:
        return self.sessions().account_deleted(user_id)
