"""The Redis index of live sessions: the gateway's check and every service read it."""

from __future__ import annotations

import redis

from backend_services.kernel.sessions import session_key


class SessionIndex:
    def __init__(self, client: redis.Redis):
        self._redis = client

    def add(self, session_id: str, user_id: str, ttl_seconds: int) -> None:
        self._redis.set(session_key(session_id), user_id, ex=ttl_seconds)

    def is_active(self, session_id: str) -> bool:
        return bool(self._redis.exists(session_key(session_id)))

    def revoke(self, *session_ids: str) -> None:
        if session_ids:
            self._redis.delete(*(session_key(sid) for sid in session_ids))
