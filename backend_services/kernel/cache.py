"""Redis client factory: short timeouts, health checks and retries so a restart heals itself."""

from __future__ import annotations

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry


def make_redis(url: str, *, timeout_seconds: float = 1.0) -> redis.Redis:
    return redis.Redis.from_url(
        url,
        socket_timeout=timeout_seconds,
        socket_connect_timeout=timeout_seconds,
        health_check_interval=15,
        retry=Retry(ExponentialBackoff(cap=0.5, base=0.05), retries=2),
        retry_on_error=[redis.exceptions.ConnectionError, redis.exceptions.TimeoutError],
        decode_responses=True,
    )


def ping_redis(client: redis.Redis) -> None:
    client.ping()
