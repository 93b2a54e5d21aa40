"""Internal routes answer only services that prove themselves with the shared secret."""

from __future__ import annotations

import pytest
from fastapi import APIRouter, Depends
from fastapi.testclient import TestClient

from backend_services.kernel.service_app import create_service_app
from backend_services.kernel.service_credentials import (
    CREDENTIAL_HEADER,
    internal_callers,
    load_service_secret,
    service_credential,
    verified_caller,
    write_service_secret,
)
from backend_services.kernel.settings import ServiceSettings

SECRET = b"s" * 64


def _client(secret: bytes | None) -> TestClient:
    router = APIRouter(prefix="/internal", dependencies=[Depends(internal_callers("workouts"))])

    @router.get("/answer")
    def answer() -> dict[str, int]:
        return {"answer": 42}

    app = create_service_app(
        ServiceSettings(service_name="unit", environment="test", log_level="WARNING"),
        routers=[router],
    )
    app.state.service_secret = secret
    return TestClient(app)


def test_an_allowed_service_with_the_right_mac_is_answered():
    headers = {CREDENTIAL_HEADER: service_credential(SECRET, "workouts")}
    assert _client(SECRET).get("/internal/answer", headers=headers).json() == {"answer": 42}


@pytest.mark.parametrize(
    "credential",
    [
        "",
        "workouts",
        "workouts.",
        "workouts." + "0" * 64,
        service_credential(b"x" * 64, "workouts"),
    ],
)
def test_missing_or_forged_credentials_are_401(credential):
    response = _client(SECRET).get("/internal/answer", headers={CREDENTIAL_HEADER: credential})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_a_genuine_service_that_is_not_allowed_is_403():
    headers = {CREDENTIAL_HEADER: service_credential(SECRET, "nutrition")}
    assert _client(SECRET).get("/internal/answer", headers=headers).status_code == 403


def test_without_a_configured_secret_nothing_is_accepted():
    headers = {CREDENTIAL_HEADER: service_credential(SECRET, "workouts")}
    assert _client(None).get("/internal/answer", headers=headers).status_code == 401
    assert verified_caller(None, service_credential(SECRET, "workouts")) is None


def test_the_launcher_secret_is_private_and_long(tmp_path):
    path = tmp_path / "keys" / "service-secret"
    write_service_secret(path)
    assert path.stat().st_mode & 0o077 == 0
    assert len(load_service_secret(path) or b"") == 64
    short = tmp_path / "short"
    short.write_text("too short")
    with pytest.raises(ValueError):
        load_service_secret(short)
