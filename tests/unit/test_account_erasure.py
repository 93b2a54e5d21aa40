"""The after-write check of a deleted account (kernel/account_erasure.py), in-process: a
write by an account marked deleted is erased and answered 401; other writes and reads pass."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from backend_services.auth.keys import generate_signing_key
from backend_services.auth.tokens import issue_access_token
from backend_services.kernel.identity import CurrentUser
from backend_services.kernel.service_app import create_service_app
from backend_services.kernel.sessions import SessionCheck
from backend_services.kernel.settings import ServiceSettings
from backend_services.kernel.tokens import AccessTokenVerifier

ISSUER, AUDIENCE = "fitledger-auth", "fitledger"


class Accounts(SessionCheck):
    """Every session is live; ``deleted`` holds the accounts auth marked deleted."""

    def __init__(self) -> None:
        self.deleted: set[str] = set()

    def is_live(self, session_id: str, user_id: str) -> bool:
        return True

    def account_deleted(self, user_id: str) -> bool:
        return user_id in self.deleted


STORE: dict[str, list[str]] = {}


def _router() -> APIRouter:
    router = APIRouter()

    @router.post("/notes", status_code=201)
    def add_note(user: CurrentUser) -> dict[str, int]:
        STORE.setdefault(user.user_id, []).append("note")
        return {"count": len(STORE[user.user_id])}

    @router.get("/notes")
    def notes(user: CurrentUser) -> list[str]:
        return STORE.get(user.user_id, [])

    return router


@dataclass
class Setup:
    client: TestClient
    accounts: Accounts
    erased: list[str]
    headers: dict[str, dict[str, str]]


@pytest.fixture
def setup(tmp_path: Path) -> Setup:
    key = generate_signing_key(tmp_path, kid="k-erase")
    accounts, erased = Accounts(), []

    def erase(user_id: str) -> None:
        erased.append(user_id)
        STORE.pop(user_id, None)

    app = create_service_app(
        ServiceSettings(service_name="unit-erasure", environment="test", log_level="WARNING"),
        routers=[_router()],
        verifier=AccessTokenVerifier.from_jwks_file(
            tmp_path / "jwks.json", issuer=ISSUER, audience=AUDIENCE
        ),
        session_check=accounts,
        erase_account=erase,
    )
    headers = {
        user: {
            "Authorization": "Bearer "
            + issue_access_token(
                key,
                user_id=user,
                role="user",
                session_id=f"s-{user}",
                issuer=ISSUER,
                audience=AUDIENCE,
            )
        }
        for user in ("alice", "bob")
    }
    STORE.clear()
    return Setup(TestClient(app), accounts, erased, headers)


def test_a_write_of_a_deleted_account_is_erased_and_refused(setup: Setup) -> None:
    assert setup.client.post("/notes", headers=setup.headers["alice"]).status_code == 201
    setup.accounts.deleted.add("alice")  # the deletion raced the next write
    refused = setup.client.post("/notes", headers=setup.headers["alice"])
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "unauthorized"
    assert setup.erased == ["alice"] and "alice" not in STORE


def test_writes_of_live_accounts_and_reads_are_left_alone(setup: Setup) -> None:
    setup.accounts.deleted.add("alice")
    added = setup.client.post("/notes", headers=setup.headers["bob"])
    assert added.status_code == 201 and added.json() == {"count": 1}
    assert setup.client.get("/notes", headers=setup.headers["alice"]).status_code == 200
    assert setup.erased == [] and STORE == {"bob": ["note"]}
