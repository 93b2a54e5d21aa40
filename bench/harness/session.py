"""A scenario's run of its stack: the stop signals armed, the tokens minted for it forgotten
and the signals restored whatever happens, the stack always stopped, the wall time measured."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from bench.harness.cli import restore_signals, stop_on_signals
from bench.harness.stack import BenchStack, forget_sessions, mint_token


@dataclass
class BenchSession:
    stack: BenchStack
    settings: Any  # the running stack's settings (ports, keys, instances)
    redis: Any  # a client of the stack's Redis database
    started: float
    session_keys: list[str] = field(default_factory=list)

    def token_for(self, user_id: str) -> str:
        """An access token for ``user_id``, its session registered until the run ends."""
        token, key = mint_token(self.settings.keys_dir, self.redis, user_id)
        self.session_keys.append(key)
        return token

    def wall_seconds(self) -> float:
        """Since the session began (stack start and stop included once it has ended)."""
        return round(time.monotonic() - self.started, 1)


@contextmanager
def bench_session(stack: BenchStack, *, wait: int = 0) -> Iterator[BenchSession]:
    import redis

    old = stop_on_signals()
    started = time.monotonic()
    client = redis.Redis.from_url(stack.redis_url, decode_responses=True)
    keys: list[str] = []
    try:
        with stack.running(wait=wait) as settings:
            yield BenchSession(stack, settings, client, started, keys)
    finally:
        forget_sessions(client, keys)
        restore_signals(old)
