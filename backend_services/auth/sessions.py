"""The Redis index of live sessions: the gateway's check asks it, never the database."""

from __future__ import annotations

import redis

_PREFIX = "auth:session:"


class SessionIndex:
    def __init__(self, client: redis.Redis):
        self._redis = client

    def add(self, session_id: str, user_id: str, ttl_seconds: int) -> None:
        self._redis.set(_PREFIX + session_id, user_id, ex=ttl_seconds)

    def is_active(self, session_id: str) -> bool:
        return bool(self._redis.exists(_PREFIX + session_id))

    def revoke(self, *session_ids: str) -> None:
        if session_ids:
            self._redis.delete(*(_PREFIX + sid for sid in session_ids))
