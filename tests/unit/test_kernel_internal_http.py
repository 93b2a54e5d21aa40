"""The internal HTTP client: rotation over instances, the next one when one is unreachable."""

from __future__ import annotations

import httpx
import pytest

from backend_services.kernel.internal_http import InternalClient, NoInstance, ServiceInstances


def client(behaviour: dict[str, str], seen: list[str]) -> InternalClient:
    def handler(request: httpx.Request) -> httpx.Response:
        host = request.url.host
        seen.append(host)
        if behaviour[host] == "refuse":
            raise httpx.ConnectError("refused", request=request)
        if behaviour[host] == "timeout":
            raise httpx.ReadTimeout("slow", request=request)
        return httpx.Response(int(behaviour[host]), json={"from": host})

    instances = ServiceInstances({"users": ["http://u1", "http://u2"], "none": []})
    return InternalClient(httpx.Client(transport=httpx.MockTransport(handler)), instances)


def test_successive_calls_start_at_the_next_instance() -> None:
    seen: list[str] = []
    users = client({"u1": "200", "u2": "200"}, seen)
    answers = [users.get("users", "/x").json()["from"] for _ in range(4)]
    assert answers == ["u1", "u2", "u1", "u2"]


@pytest.mark.parametrize("failure", ["refuse", "timeout"])
def test_an_unreachable_instance_falls_back_to_the_other(failure: str) -> None:
    seen: list[str] = []
    users = client({"u1": failure, "u2": "200"}, seen)
    assert [users.get("users", "/x").json()["from"] for _ in range(2)] == ["u2", "u2"]
    assert seen == ["u1", "u2", "u2"]


def test_an_answer_of_any_status_is_the_answer() -> None:
    seen: list[str] = []
    users = client({"u1": "404", "u2": "200"}, seen)
    assert users.get("users", "/x").status_code == 404
    assert seen == ["u1"]


def test_no_instance_answering_raises_the_last_connection_error() -> None:
    users = client({"u1": "refuse", "u2": "timeout"}, [])
    with pytest.raises(httpx.ReadTimeout):
        users.get("users", "/x")


def test_a_service_without_instances_is_refused() -> None:
    users = client({}, [])
    for service in ("none", "unknown"):
        with pytest.raises(NoInstance):
            users.get(service, "/x")
