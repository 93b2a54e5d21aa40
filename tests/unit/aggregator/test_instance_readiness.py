"""An instance's readiness probe (aggregator/health.py): one failed connection is tried again."""

from __future__ import annotations

import asyncio

import httpx

from backend_services.aggregator.health import instance_readiness


def _probe(failures: int) -> tuple[dict, int]:
    calls = 0

    def answer(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls <= failures:
            raise httpx.RemoteProtocolError("Server disconnected", request=request)
        return httpx.Response(200, json={"instance": "1", "checks": {"postgres": "ok"}})

    async def run() -> dict:
        async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as client:
            return await instance_readiness(client, "http://users-1")

    return asyncio.run(run()), calls


def test_a_connection_closed_under_the_probe_is_tried_once_more() -> None:
    answer, calls = _probe(failures=1)
    assert (answer["ready"], answer["instance"], calls) == (True, "1", 2)


def test_an_instance_that_stays_unreachable_is_reported_so() -> None:
    answer, calls = _probe(failures=5)
    assert (answer["ready"], calls) == (False, 2)
    assert answer["error"] == "unreachable (RemoteProtocolError)"
