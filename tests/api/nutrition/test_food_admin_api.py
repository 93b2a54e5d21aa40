"""The food-database admin and the user's "report this food" through the gateway, against
the stack's nutrition service and PostgreSQL (the stack imports the shipped SR28 at start)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from polling import wait_until
from reference_data import SR28_SHIPPED
from stack_env import STACK_ENV

from backend_services.nutrition.domain import ENERGY_MISMATCH
from backend_services.nutrition.importers.run import import_foods

pytestmark = pytest.mark.e2e
API = "/api/nutrition"
ADMIN = f"{API}/admin"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def audited_actions(client: httpx.Client, admin: Any, food_id: int) -> list[str]:
    """The audit log's entries (decision 0009: outbox -> audit consumer) for this food by this
    admin, oldest first."""
    page = client.get(
        "/api/notifications/admin/audit", params={"limit": 200}, headers=admin.headers
    )
    assert page.status_code == 200, page.text
    entries = [
        e["action"]
        for e in page.json()["items"]
        if e["actor_id"] == admin.user_id
        and e["producer"] == "nutrition"
        and (e["target_type"], e["target_id"]) == ("food", str(food_id))
    ]
    return entries[::-1]  # the log is newest first


@pytest.fixture
def user(make_token: Callable[..., str]) -> dict[str, str]:
    return bearer(make_token(f"food-user-{uuid.uuid4().hex[:8]}"))


@pytest.fixture
def private_food(client: httpx.Client, user: dict[str, str]) -> dict[str, Any]:
    name = f"Grandma's flapjack {uuid.uuid4().hex[:6]}"
    made = client.post(
        f"{API}/foods",
        json={"name": name, "energy_kcal": 450, "protein_g": 6, "fat_g": 20, "carbohydrate_g": 60},
        headers=user,
    )
    assert made.status_code == 201, made.text
    food: dict[str, Any] = made.json()
    return food


def test_non_admins_are_refused_every_food_admin_route(
    client: httpx.Client, user: dict[str, str]
) -> None:
    for method, path in [
        ("GET", f"{ADMIN}/imports"),
        ("GET", f"{ADMIN}/foods/flagged"),
        ("GET", f"{ADMIN}/foods/reported"),
        ("POST", f"{ADMIN}/foods/1/hide"),
        ("POST", f"{ADMIN}/foods/1/show"),
        ("PATCH", f"{ADMIN}/foods/1"),
        ("POST", f"{ADMIN}/foods/1/reports/resolve"),
    ]:
        answer = client.request(method, path, headers=user, json={})
        assert answer.status_code == 403, (method, path, answer.text)
        assert answer.json()["error"]["code"] == "forbidden"


@pytest.fixture(scope="module")
def sr28_run(stack: str) -> None:
    """An import of the shipped SR28 of our own (the stack seeds it only into an empty food
    table, so a reused database may hold it without a recorded run)."""
    import_foods("sr28", SR28_SHIPPED, STACK_ENV["DATABASE_URL"])


def test_imports_show_the_shipped_sr28_with_its_run(
    client: httpx.Client, admin_account: Any, sr28_run: None
) -> None:
    answer = client.get(f"{ADMIN}/imports", headers=admin_account.headers)
    assert answer.status_code == 200, answer.text
    sources = {s["source"]: s for s in answer.json()["sources"]}
    sr28 = sources["usda-sr28"]
    assert sr28["foods"] == 8789
    assert sr28["licences"] == ["US public domain (USDA ARS, SR28)"]
    run = sr28["last_import"]
    assert run["status"] == "succeeded" and run["imported"] + run["updated"] == 8789
    assert run["file_name"] == SR28_SHIPPED.name
    assert set(run["report"]) == {"rejected", "flagged", "kept_corrected"}
    # a food can carry two flags: the run counts flags, the source counts foods
    assert 0 < sr28["flagged"] <= sum(run["report"]["flagged"].values())


def test_flagged_foods_page_with_reasons(client: httpx.Client, admin_account: Any) -> None:
    first = client.get(
        f"{ADMIN}/foods/flagged", params={"limit": 5}, headers=admin_account.headers
    ).json()
    after = client.get(
        f"{ADMIN}/foods/flagged", params={"limit": 5, "offset": 5}, headers=admin_account.headers
    ).json()
    assert first["total"] == after["total"] > 10
    assert not {f["id"] for f in first["items"]} & {f["id"] for f in after["items"]}
    for food in first["items"]:
        assert food["quality_flags"] and all(q["reason"] for q in food["quality_flags"])
    for bad in ({"limit": 0}, {"limit": 101}, {"offset": -1}, {"flag": ""}):
        refused = client.get(f"{ADMIN}/foods/flagged", params=bad, headers=admin_account.headers)
        assert refused.status_code == 422, bad
        assert set(refused.json()) == {"error"}


def test_a_reported_food_is_fixed_hidden_and_resolved(
    client: httpx.Client,
    admin_account: Any,
    user: dict[str, str],
    private_food: dict[str, Any],
) -> None:
    ident = private_food["id"]
    for bad in ({}, {"reason": ""}, {"reason": "x" * 1001}, {"reason": "x", "user_id": "y"}):
        refused = client.post(f"{API}/foods/{ident}/reports", json=bad, headers=user)
        assert refused.status_code == 422, bad
    missing = client.post(f"{API}/foods/{2**40}/reports", json={"reason": "x"}, headers=user)
    assert missing.status_code == 404
    reported = client.post(
        f"{API}/foods/{ident}/reports", json={"reason": "it has twice the sugar"}, headers=user
    )
    assert reported.status_code == 201, reported.text
    assert reported.json()["food_id"] == ident and reported.json()["resolved_at"] is None

    listed = client.get(
        f"{ADMIN}/foods/reported", params={"limit": 100}, headers=admin_account.headers
    ).json()
    [mine] = [f for f in listed["items"] if f["id"] == ident]
    assert [r["reason"] for r in mine["reports"]] == ["it has twice the sugar"]
    assert mine["private"] is True and mine["open_reports"] == 1

    # an impossible fix is refused and changes nothing
    impossible = client.patch(
        f"{ADMIN}/foods/{ident}", json={"protein_g": 80}, headers=admin_account.headers
    )
    assert impossible.status_code == 422
    assert "protein_g" in impossible.json()["error"]["fields"]
    for bad in ({}, {"energy_kcal": None}, {"energy_kcal": -1}, {"owner_id": "x"}):
        refused = client.patch(f"{ADMIN}/foods/{ident}", json=bad, headers=admin_account.headers)
        assert refused.status_code == 422, bad
    unchanged = client.get(f"{API}/foods/{ident}", headers=user).json()
    assert unchanged["nutrients_per_100g"]["protein_g"] == 6.0

    fixed = client.patch(
        f"{ADMIN}/foods/{ident}", json={"energy_kcal": 200}, headers=admin_account.headers
    )
    assert fixed.status_code == 200, fixed.text
    assert [q["flag"] for q in fixed.json()["quality_flags"]] == [ENERGY_MISMATCH]
    assert client.get(f"{API}/foods/{ident}", headers=user).json()["quality_flags"] == [
        ENERGY_MISMATCH
    ]

    def found() -> bool:
        page = client.get(f"{API}/foods", params={"q": private_food["name"]}, headers=user)
        assert page.status_code == 200
        return ident in [f["id"] for f in page.json()["items"]]

    assert found()
    hidden = client.post(
        f"{ADMIN}/foods/{ident}/hide",
        json={"reason": "wrong values"},
        headers=admin_account.headers,
    )
    assert hidden.status_code == 200 and hidden.json()["hidden"] is True
    assert not found()
    shown = client.post(f"{ADMIN}/foods/{ident}/show", headers=admin_account.headers)
    assert shown.status_code == 200 and shown.json()["hidden"] is False
    assert found()

    resolved = client.post(
        f"{ADMIN}/foods/{ident}/reports/resolve",
        json={"resolution": "energy corrected"},
        headers=admin_account.headers,
    )
    assert resolved.status_code == 200 and resolved.json() == {"food_id": ident, "resolved": 1}
    listed = client.get(
        f"{ADMIN}/foods/reported", params={"limit": 100}, headers=admin_account.headers
    ).json()
    assert ident not in [f["id"] for f in listed["items"]]
    expected = ["food.corrected", "food.hidden", "food.shown", "food.reports_resolved"]
    assert wait_until(lambda: audited_actions(client, admin_account, ident) == expected)
    assert (
        client.post(f"{ADMIN}/foods/{2**40}/show", headers=admin_account.headers).status_code == 404
    )
