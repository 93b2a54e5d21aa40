"""create_service_app: one error shape, request ids, 415, metrics by route template, readiness,
and the CurrentUser / AdminUser dependencies. In-process only (TestClient)."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Annotated

import pytest
from fastapi import APIRouter, FastAPI, Query
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, Field

from backend_services.auth.keys import SigningKey, generate_signing_key
from backend_services.auth.tokens import issue_access_token
from backend_services.kernel.errors import (
    Conflict,
    DependencyUnavailable,
    DomainError,
    Forbidden,
    InvalidInput,
    NotFound,
    RateLimited,
    Unauthorized,
)
from backend_services.kernel.identity import AdminUser, CurrentUser
from backend_services.kernel.service_app import create_service_app
from backend_services.kernel.sessions import SessionCheck
from backend_services.kernel.settings import ServiceSettings
from backend_services.kernel.tokens import AccessTokenVerifier

SERVICE = "unit-app"  # unique label value: the metrics registry is process-wide
ISSUER, AUDIENCE = "fitledger-auth", "fitledger"
# a traceback's line reads 'File "x.py", line 3': a JSON error's "line 3, column 5" is not one
LEAKS = ("Traceback", 'File "', "RuntimeError", "SELECT", "password=hunter2", '", line ')


class ItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=50)
    amount: float = Field(ge=0, le=10_000, allow_inf_nan=False)


STORED: list[dict] = []
READY = {"db": True}


def _raise(kind: str) -> None:
    errors: dict[str, DomainError] = {
        "not_found": NotFound("No such item."),
        "conflict": Conflict("Already there.", fields={"name": "taken"}),
        "unauthorized": Unauthorized("Sign in."),
        "forbidden": Forbidden("Not yours."),
        "invalid": InvalidInput("Bad.", fields={"amount": "too big"}),
        "rate_limited": RateLimited("Slow down.", retry_after=30),
        "unavailable": DependencyUnavailable("Try later."),
        "custom_code": Conflict("Version mismatch.", code="version_conflict"),
        "base": DomainError("Plain domain error."),
    }
    raise errors[kind]


class KnownSessions(SessionCheck):
    """The session index as a set of (session, user) pairs."""

    def __init__(self, *live: tuple[str, str]):
        self.live = set(live)

    def is_live(self, session_id: str, user_id: str) -> bool:
        return (session_id, user_id) in self.live

    def account_deleted(self, user_id: str) -> bool:
        return False


SESSIONS = KnownSessions(("s-1", "user-7"))


def build_router() -> APIRouter:
    router = APIRouter()

    @router.get("/items/{item_id}")
    def get_item(item_id: int) -> dict[str, int]:
        return {"id": item_id}

    @router.get("/items")
    def list_items() -> list[dict]:
        return STORED

    @router.post("/items", status_code=201)
    def create_item(item: ItemIn) -> dict:
        STORED.append(item.model_dump())
        return item.model_dump()

    @router.get("/search")
    def search(limit: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, int]:
        return {"limit": limit}

    @router.get("/raise/{kind}")
    def raise_domain(kind: str) -> None:
        _raise(kind)

    @router.get("/boom")
    def boom() -> None:
        raise RuntimeError("SELECT * FROM users WHERE password=hunter2")

    @router.get("/me")
    def me(user: CurrentUser) -> dict[str, str]:
        return {"user_id": user.user_id, "role": user.role}

    @router.get("/admin/stats")
    def admin_stats(user: AdminUser) -> dict[str, str]:
        return {"admin": user.user_id}

    return router


def build_prefixed_router() -> APIRouter:
    router = APIRouter(prefix="/api/meals")

    @router.get("/{meal_id}/items/{item_id}")
    def meal_item(meal_id: int, item_id: int) -> dict[str, int]:
        return {"meal": meal_id, "item": item_id}

    return router


def _db_check() -> None:
    if not READY["db"]:
        raise ConnectionError("db down at 10.0.0.5:5432 password=hunter2")


def _slow_check() -> None:
    time.sleep(0.5)


@pytest.fixture(scope="module")
def key_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("keys")


@pytest.fixture(scope="module")
def signing_key(key_dir: Path) -> SigningKey:
    return generate_signing_key(key_dir, kid="k-test")


@pytest.fixture(scope="module")
def app(signing_key: SigningKey, key_dir: Path) -> FastAPI:
    verifier = AccessTokenVerifier.from_jwks_file(
        key_dir / "jwks.json", issuer=ISSUER, audience=AUDIENCE
    )
    return create_service_app(
        ServiceSettings(service_name=SERVICE, environment="test", log_level="WARNING"),
        routers=[build_router(), build_prefixed_router()],
        readiness={"db": _db_check},
        verifier=verifier,
        session_check=SESSIONS,
    )


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    STORED.clear()
    READY["db"] = True
    # raise_server_exceptions=False: see the response a real server would send for a 500.
    return TestClient(app, raise_server_exceptions=False)


def token_for(key: SigningKey, role: str = "user", **kw) -> str:
    return issue_access_token(
        key,
        user_id=kw.get("user_id", "user-7"),
        role=role,
        session_id=kw.get("session_id", "s-1"),
        issuer=kw.get("issuer", ISSUER),
        audience=AUDIENCE,
    )


def assert_error_shape(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["fields"], dict)
    for leak in LEAKS:
        assert leak not in response.text
    return body["error"]


# --------------------------------------------------------------------------------------------
# Error shape
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "status", "code", "fields"),
    [
        ("not_found", 404, "not_found", {}),
        ("conflict", 409, "conflict", {"name": "taken"}),
        ("unauthorized", 401, "unauthorized", {}),
        ("forbidden", 403, "forbidden", {}),
        ("invalid", 422, "validation_error", {"amount": "too big"}),
        ("rate_limited", 429, "rate_limited", {}),
        ("unavailable", 503, "service_unavailable", {}),
        ("custom_code", 409, "version_conflict", {}),
        ("base", 400, "bad_request", {}),
    ],
)
def test_domain_errors_map_to_the_one_shape(client, kind, status, code, fields):
    error = assert_error_shape(client.get(f"/raise/{kind}"), status, code)
    assert error["fields"] == fields


def test_rate_limited_sends_retry_after(client):
    response = client.get("/raise/rate_limited")
    assert response.status_code == 429
    assert response.headers["retry-after"] == "30"


def test_body_validation_lists_fields_and_stores_nothing(client):
    response = client.post("/items", json={"name": "x" * 10_000, "amount": -1, "role": "admin"})
    error = assert_error_shape(response, 422, "validation_error")
    assert {"name", "amount", "role"} <= set(error["fields"])
    assert STORED == []


@pytest.mark.parametrize("amount", ["NaN", "Infinity", 1e308])
def test_absurd_numbers_are_422(client, amount):
    response = client.post(
        "/items",
        content=f'{{"name": "oats", "amount": {amount}}}',
        headers={"content-type": "application/json"},
    )
    error = assert_error_shape(response, 422, "validation_error")
    assert "amount" in error["fields"]
    assert STORED == []


def test_query_and_path_validation_use_the_shape(client):
    error = assert_error_shape(client.get("/search", params={"limit": 0}), 422, "validation_error")
    assert "limit" in error["fields"]
    error = assert_error_shape(client.get("/items/not-a-number"), 422, "validation_error")
    assert "item_id" in error["fields"]


def test_malformed_json_is_422_in_the_shape(client):
    response = client.post(
        "/items", content=b'{"name": "oats",', headers={"content-type": "application/json"}
    )
    error = assert_error_shape(response, 422, "validation_error")
    # where it broke, as a place in the body (not "fields": {"16": "JSON decode error"})
    assert list(error["fields"]) == ["body"]
    assert error["fields"]["body"].startswith(
        "not valid JSON at line 1, column 17 (character 16): Expecting"
    ), error


def test_malformed_json_over_several_lines_names_the_line_and_column(client):
    body = b'{\n  "name": "oats",\n  "amount": 12,,\n}'
    response = client.post("/items", content=body, headers={"content-type": "application/json"})
    error = assert_error_shape(response, 422, "validation_error")
    # the second comma of line 3: where an editor's cursor would go
    assert error["fields"] == {
        "body": "not valid JSON at line 3, column 16 (character 35): "
        "Expecting property name enclosed in double quotes"
    }, error
    assert STORED == []


def test_valid_body_is_accepted(client):
    response = client.post("/items", json={"name": "oats", "amount": 40})
    assert response.status_code == 201
    assert STORED == [{"name": "oats", "amount": 40.0}]


def test_unknown_route_is_404_in_the_shape(client):
    assert_error_shape(client.get("/no/such/route"), 404, "not_found")


def test_wrong_method_is_405_in_the_shape(client):
    assert_error_shape(client.delete("/items/1"), 405, "method_not_allowed")


def test_405_allows_every_method_of_the_path_across_routes(client):
    assert client.delete("/items/1").headers["allow"] == "GET"
    # GET /items and POST /items are two routes: both are named
    assert client.put("/items").headers["allow"] == "GET, POST"


def test_405_names_only_methods_that_are_served(client):
    """HEAD is not listed: FastAPI's routes do not answer it (405 too)."""
    head = client.head("/items/1")
    assert head.status_code == 405
    assert "HEAD" not in head.headers["allow"].split(", ")


def test_unhandled_exception_is_a_bare_500(client):
    response = client.get("/boom", headers={"X-Request-ID": "trace-500"})
    assert_error_shape(response, 500, "internal_error")
    assert "hunter2" not in response.text
    assert response.headers.get("x-request-id") == "trace-500"


# --------------------------------------------------------------------------------------------
# Request ids, content types
# --------------------------------------------------------------------------------------------


def test_valid_request_id_is_echoed(client):
    response = client.get("/items/1", headers={"X-Request-ID": "abc-123.DEF_4"})
    assert response.headers["x-request-id"] == "abc-123.DEF_4"


@pytest.mark.parametrize(
    "incoming", ["has space", "x" * 65, "semi;colon", "<script>", "", "ünïcode".encode()]
)
def test_invalid_request_id_is_replaced(client, incoming: str | bytes):
    response = client.get("/items/1", headers={"X-Request-ID": incoming})
    echoed = response.headers["x-request-id"]
    assert echoed != (incoming.decode() if isinstance(incoming, bytes) else incoming)
    assert re.fullmatch(r"[0-9a-f]{32}", echoed)


def test_request_id_is_generated_when_missing(client):
    first = client.get("/items/1").headers["x-request-id"]
    second = client.get("/items/1").headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and first != second


def test_request_id_is_on_error_responses_too(client):
    response = client.get("/no/such/route", headers={"X-Request-ID": "err-1"})
    assert response.headers["x-request-id"] == "err-1"


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_non_json_body_is_415_and_not_processed(client, content_type):
    response = client.post(
        "/items",
        content=b'{"name": "oats", "amount": 1}',
        headers={"content-type": content_type},
    )
    assert_error_shape(response, 415, "unsupported_media_type")
    assert response.headers.get("x-request-id")
    assert STORED == []


def test_body_without_content_type_is_415(client):
    response = client.post("/items", content=b'{"name": "oats", "amount": 1}')
    assert_error_shape(response, 415, "unsupported_media_type")
    assert STORED == []


def test_json_with_charset_is_accepted(client):
    response = client.post(
        "/items",
        content=b'{"name": "oats", "amount": 1}',
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 201


# --------------------------------------------------------------------------------------------
# Metrics, health, readiness
# --------------------------------------------------------------------------------------------


def _request_lines(metrics_text: str) -> list[str]:
    return [
        line
        for line in metrics_text.splitlines()
        if line.startswith("http_requests_total{") and f'service="{SERVICE}"' in line
    ]


def test_metrics_use_the_route_template_not_the_raw_path(client):
    for item_id in (101, 202, 303):
        assert client.get(f"/items/{item_id}").status_code == 200
    client.get("/no/such/route/9999")
    lines = _request_lines(client.get("/metrics").text)
    template = [line for line in lines if 'route="/items/{item_id}"' in line]
    assert template, lines
    assert any('method="GET"' in line and 'status="200"' in line for line in template)
    count = next(line for line in template if 'status="200"' in line).rsplit(" ", 1)[1]
    assert float(count) >= 3
    joined = "\n".join(lines)
    for raw in ("/items/101", "/items/202", "/items/303", "9999"):
        assert raw not in joined
    assert 'route="unmatched"' in joined


def test_metrics_template_includes_the_router_prefix(client):
    assert client.get("/api/meals/5/items/6").json() == {"meal": 5, "item": 6}
    lines = _request_lines(client.get("/metrics").text)
    assert any('route="/api/meals/{meal_id}/items/{item_id}"' in line for line in lines), lines
    assert not any("/api/meals/5" in line for line in lines)


def test_healthz_is_alive(client):
    body = client.get("/healthz").json()
    assert body == {"status": "alive", "service": SERVICE, "instance": "0"}


def test_readyz_follows_its_checks(client):
    ok = client.get("/readyz")
    assert ok.status_code == 200
    assert ok.json()["status"] == "ready"
    assert ok.json()["checks"] == {"db": "ok"}

    READY["db"] = False
    down = client.get("/readyz")
    assert down.status_code == 503
    assert down.json()["status"] == "not_ready"
    assert down.json()["checks"]["db"].startswith("error")
    assert "hunter2" not in down.text and "10.0.0.5" not in down.text

    READY["db"] = True
    assert client.get("/readyz").status_code == 200


def test_readyz_times_out_a_hanging_check():
    app = create_service_app(
        ServiceSettings(service_name=SERVICE, environment="test", log_level="WARNING"),
        readiness={"slow": _slow_check},
        readiness_timeout=0.05,
    )
    response = TestClient(app).get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"slow": "timeout"}


def test_production_profile_hides_docs():
    app = create_service_app(
        ServiceSettings(service_name=SERVICE, environment="production", log_level="WARNING")
    )
    client = TestClient(app)
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").status_code == 404


# --------------------------------------------------------------------------------------------
# Identity
# --------------------------------------------------------------------------------------------


def test_current_user_requires_a_token(client):
    assert_error_shape(client.get("/me"), 401, "unauthorized")


@pytest.mark.parametrize(
    "header", ["Bearer", "Bearer ", "Bearer not.a.token", "Basic dXNlcjpwYXNz", "Token abc"]
)
def test_current_user_rejects_bad_authorization(client, header):
    assert_error_shape(client.get("/me", headers={"Authorization": header}), 401, "unauthorized")


def test_current_user_with_valid_token(client, signing_key):
    token = token_for(signing_key)
    response = client.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json() == {"user_id": "user-7", "role": "user"}


def test_current_user_from_cookie(client, signing_key):
    client.cookies.set("fl_access", token_for(signing_key))
    try:
        assert client.get("/me").status_code == 200
    finally:
        client.cookies.clear()


def test_token_from_another_issuer_is_401(client, signing_key):
    token = token_for(signing_key, issuer="someone-else")
    response = client.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert_error_shape(response, 401, "unauthorized")


def test_identity_headers_are_not_trusted(client):
    response = client.get("/me", headers={"X-User-Id": "user-7", "X-User-Role": "admin"})
    assert_error_shape(response, 401, "unauthorized")


def test_admin_route_is_403_for_a_user(client, signing_key):
    token = token_for(signing_key, role="user")
    response = client.get("/admin/stats", headers={"Authorization": f"Bearer {token}"})
    assert_error_shape(response, 403, "forbidden")


def test_admin_route_is_401_without_token(client):
    assert_error_shape(client.get("/admin/stats"), 401, "unauthorized")


def test_admin_route_is_200_for_an_admin(client, signing_key):
    token = token_for(signing_key, role="admin")
    response = client.get("/admin/stats", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json() == {"admin": "user-7"}


def test_an_ended_session_is_refused(client, signing_key):
    token = token_for(signing_key, session_id="s-ended")
    response = client.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert_error_shape(response, 401, "unauthorized")


def test_a_session_of_another_user_is_refused(client, signing_key):
    token = token_for(signing_key, user_id="user-8")  # signed, but s-1 belongs to user-7
    response = client.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert_error_shape(response, 401, "unauthorized")


def test_without_a_session_index_tokens_are_refused(signing_key, key_dir):
    verifier = AccessTokenVerifier.from_jwks_file(
        key_dir / "jwks.json", issuer=ISSUER, audience=AUDIENCE
    )
    app = create_service_app(
        ServiceSettings(service_name=SERVICE, environment="test", log_level="WARNING"),
        routers=[build_router()],
        verifier=verifier,
    )
    app.state.session_check = None
    response = TestClient(app).get(
        "/me", headers={"Authorization": f"Bearer {token_for(signing_key)}"}
    )
    assert_error_shape(response, 401, "unauthorized")


def test_duplicate_keys_are_422_and_store_nothing(client):
    response = client.post(
        "/items",
        content='{"name": "oats", "amount": 1, "amount": 2}',
        headers={"content-type": "application/json"},
    )
    error = assert_error_shape(response, 422, "validation_error")
    assert error["fields"] == {"amount": "given more than once"}
    assert STORED == []


def test_a_body_over_the_service_limit_is_413_even_without_a_length(client):
    def chunks():
        yield b'{"name": "'
        for _ in range(3):
            yield b"x" * (1024 * 1024)
        yield b'", "amount": 1}'

    response = client.post("/items", content=chunks(), headers={"content-type": "application/json"})
    assert_error_shape(response, 413, "payload_too_large")
    assert STORED == []


def test_without_a_verifier_protected_routes_fail_closed(signing_key):
    app = create_service_app(
        ServiceSettings(service_name=SERVICE, environment="test", log_level="WARNING"),
        routers=[build_router()],
    )
    client = TestClient(app)
    response = client.get("/me", headers={"Authorization": f"Bearer {token_for(signing_key)}"})
    assert_error_shape(response, 401, "unauthorized")
