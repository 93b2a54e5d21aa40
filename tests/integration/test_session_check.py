"""The services' live-session check against a real Redis: the session must be in auth's index
and belong to the token's user; an answer is kept locally for at most the cache time (a fake
clock moves time, so nothing here waits)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import redis

from backend_services.auth.sessions import SessionIndex
from backend_services.kernel.cache import make_redis
from backend_services.kernel.sessions import RedisSessionCheck

REDIS_URL = "redis://127.0.0.1:6379/0"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def client() -> Iterator[redis.Redis]:
    connection = make_redis(REDIS_URL)
    yield connection
    connection.close()


@pytest.fixture
def session(client: redis.Redis) -> Iterator[tuple[str, str]]:
    sid, user = uuid.uuid4().hex, str(uuid.uuid4())
    SessionIndex(client).add(sid, user, ttl_seconds=60)
    yield sid, user
    SessionIndex(client).revoke(sid)


def test_a_live_session_of_its_own_user_passes(client, session):
    sid, user = session
    assert RedisSessionCheck(client).is_live(sid, user)


def test_a_session_of_another_user_or_an_unknown_one_does_not(client, session):
    sid, _ = session
    check = RedisSessionCheck(client)
    assert not check.is_live(sid, str(uuid.uuid4()))
    assert not check.is_live(uuid.uuid4().hex, session[1])


def test_a_revocation_is_seen_once_the_cached_answer_expires(client, session):
    sid, user = session
    clock = Clock()
    check = RedisSessionCheck(client, cache_seconds=0.5, clock=clock)
    assert check.is_live(sid, user)
    SessionIndex(client).revoke(sid)
    clock.now += 0.4
    assert check.is_live(sid, user)  # still the cached answer, inside the bound
    clock.now += 0.2
    assert not check.is_live(sid, user)


def test_without_a_cache_every_answer_is_fresh(client, session):
    sid, user = session
    check = RedisSessionCheck(client, cache_seconds=0)
    assert check.is_live(sid, user)
    SessionIndex(client).revoke(sid)
    assert not check.is_live(sid, user)


def test_the_cache_stays_bounded(client, session):
    sid, user = session
    clock = Clock()
    check = RedisSessionCheck(client, cache_seconds=0.5, max_entries=3, clock=clock)
    for _ in range(10):
        check.is_live(uuid.uuid4().hex, user)
    assert len(check._answers) <= 3
    assert check.is_live(sid, user)


@pytest.mark.parametrize("seconds", [1.0, 2.5, -0.1])
def test_a_cache_of_a_second_or_more_is_refused(client, seconds):
    with pytest.raises(ValueError):
        RedisSessionCheck(client, cache_seconds=seconds)
