"""The Redis index of live sessions: the gateway's check and every service read it."""

from __future__ import annotations

import redis

from backend_services.kernel.sessions import (
    DELETED_ACCOUNT_SECONDS,
    deleted_account_key,
    session_key,
)


class SessionIndex:
    def __init__(self, client: redis.Redis):
        self._redis = client

    def add(self, session_id: str, user_id: str, ttl_seconds: int) -> None:
        self._redis.set(session_key(session_id), user_id, ex=ttl_seconds)

    def is_active(self, session_id: str) -> bool:
        return bool(self._redis.exists(session_key(session_id)))

    def mark_deleted(self, user_id: str) -> None:
        """Before an account's deletion commits: services erase writes that raced it."""
        self._redis.set(deleted_account_key(user_id), "1", ex=DELETED_ACCOUNT_SECONDS)

    def unmark_deleted(self, user_id: str) -> None:
        self._redis.delete(deleted_account_key(user_id))

    def revoke(self, *session_ids: str) -> None:
        if session_ids:
            self._redis.delete(*(session_key(sid) for sid in session_ids))
