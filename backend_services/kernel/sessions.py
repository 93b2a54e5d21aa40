"""Is this session still live? Every service asks auth's Redis session index itself.

The auth service writes ``auth:session:<sid> = <user id>`` when a session starts and deletes
it on logout, logout-all, password change or reset, disabling, a role change and account
deletion. A token whose session is gone is refused by every service, not only by the gateway
(defence in depth). No call to the auth service: one Redis ``GET`` per session and at most
``cache_seconds`` (below a second) of a local answer, so a revocation is seen everywhere
within that time.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable

import redis

SESSION_KEY_PREFIX = "auth:session:"
# Written by auth before an account's deletion commits, kept for a day: a write that passed
# its session check just before the revocation finds it after its commit (account_erasure.py).
DELETED_ACCOUNT_PREFIX = "auth:deleted-account:"
DELETED_ACCOUNT_SECONDS = 24 * 3600


def session_key(session_id: str) -> str:
    return SESSION_KEY_PREFIX + session_id


def deleted_account_key(user_id: str) -> str:
    return DELETED_ACCOUNT_PREFIX + user_id


class SessionCheck(ABC):
    """Answers whether ``session_id`` is a live session of ``user_id``."""

    @abstractmethod
    def is_live(self, session_id: str, user_id: str) -> bool: ...

    @abstractmethod
    def account_deleted(self, user_id: str) -> bool:
        """Whether the account is being or has been deleted (never cached)."""


class RedisSessionCheck(SessionCheck):
    """Reads the session index, keeping each answer for ``cache_seconds`` at most.

    A revoked session never comes back, so a "no" could be kept longer; both are kept for
    the same short time to keep the cache small and the rule simple.
    """

    def __init__(
        self,
        client: redis.Redis,
        *,
        cache_seconds: float = 0.5,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ):
        if not 0 <= cache_seconds < 1:
            raise ValueError("a revocation must be seen within a second: cache_seconds < 1")
        self._redis = client
        self._ttl = cache_seconds
        self._max = max_entries
        self._clock = clock
        self._answers: dict[tuple[str, str], tuple[float, bool]] = {}
        self._lock = threading.Lock()

    def is_live(self, session_id: str, user_id: str) -> bool:
        now = self._clock()
        key = (session_id, user_id)
        with self._lock:
            cached = self._answers.get(key)
        if cached is not None and cached[0] > now:
            return cached[1]
        owner = self._redis.get(session_key(session_id))
        if isinstance(owner, bytes):
            owner = owner.decode()
        live = owner is not None and owner == user_id
        if self._ttl > 0:
            with self._lock:
                if len(self._answers) >= self._max:
                    self._forget_expired(now)
                self._answers[key] = (now + self._ttl, live)
        return live

    def account_deleted(self, user_id: str) -> bool:
        return bool(self._redis.exists(deleted_account_key(user_id)))

    def _forget_expired(self, now: float) -> None:
        for stale in [k for k, (until, _) in self._answers.items() if until <= now]:
            del self._answers[stale]
        if len(self._answers) >= self._max:  # all fresh: start over rather than grow
            self._answers.clear()
