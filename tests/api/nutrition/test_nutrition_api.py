"""Nutrition API through the real gateway, services and PostgreSQL (run with E2E_PORT_SHIFT)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from reference_data import SR28_SHIPPED
from stack_env import STACK_ENV

from backend_services.nutrition.importers.run import import_foods, psycopg_url

pytestmark = pytest.mark.e2e
API = "/api/nutrition"


def db_scalar(query: str, *params: object) -> Any:
    with psycopg.connect(psycopg_url(STACK_ENV["DATABASE_URL"])) as conn:
        row = conn.execute(query, params).fetchone()
    return row[0] if row else None


@pytest.fixture(scope="module")
def sr28(stack: str) -> None:
    import_foods("sr28", SR28_SHIPPED, STACK_ENV["DATABASE_URL"])


@pytest.fixture
def as_user(make_token: Callable[..., str], user_id: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(user_id)}"}


@pytest.fixture
def other_user(make_token: Callable[..., str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token('intruder-' + 'x' * 6)}"}


def apple_id(client: httpx.Client, headers: dict[str, str]) -> int:
    found = client.get(f"{API}/foods", params={"q": "apple"}, headers=headers).json()
    return int(found["items"][0]["id"])


def test_search_detail_and_barcode(
    client: httpx.Client, as_user: dict[str, str], sr28: None
) -> None:
    found = client.get(f"{API}/foods", params={"q": "pear", "limit": 3}, headers=as_user)
    assert found.status_code == 200
    body = found.json()
    assert body["items"][0]["name"] == "Pears, raw"
    assert body["next_cursor"]
    page2 = client.get(
        f"{API}/foods",
        params={"q": "pear", "limit": 3, "cursor": body["next_cursor"]},
        headers=as_user,
    )
    assert {i["id"] for i in page2.json()["items"]}.isdisjoint({i["id"] for i in body["items"]})
    food = client.get(f"{API}/foods/{apple_id(client, as_user)}", headers=as_user).json()
    assert food["nutrients_per_100g"]["energy_kcal"] == 52.0
    assert any(p["grams"] == 182.0 for p in food["portions"])
    assert client.get(f"{API}/foods/barcode/4006381333932", headers=as_user).status_code == 422
    assert client.get(f"{API}/foods/barcode/4006381333931", headers=as_user).status_code == 404
    assert client.get(f"{API}/foods", params={"q": "pear"}).status_code == 401


OFF_HEADER = (
    "code\tproduct_name\tfat_100g\tsaturated-fat_100g\tcarbohydrates_100g\tsugars_100g"
    "\tfiber_100g\tproteins_100g\tsalt_100g\tsodium_100g\talcohol_100g"
)
# two rows of the Open Food Facts snapshot: an EAN-8 and a UPC-E product
OFF_ROWS = (
    "80176800\tNutella\t30.9\t10.6\t57.5\t56.3\t\t6.3\t0.107\t0.0421259842519685\t0",
    "04963406\tCoca-Cola\t0\t0\t11\t11\t\t0\t0.0322\t0.0127\t",
)


def test_ean8_and_upc_e_barcodes_find_their_products_also_as_a_search(
    client: httpx.Client, as_user: dict[str, str], sr28: None, tmp_path: Path
) -> None:
    off = tmp_path / "off.tsv"
    off.write_text("\n".join((OFF_HEADER, *OFF_ROWS)) + "\n", encoding="utf-8")
    import_foods("off", off, STACK_ENV["DATABASE_URL"])
    for code, name in (
        ("80176800", "Nutella"),  # EAN-8
        ("04963406", "Coca-Cola"),  # UPC-E as printed
        ("049000006346", "Coca-Cola"),  # the same product's UPC-A
    ):
        found = client.get(f"{API}/foods/barcode/{code}", headers=as_user)
        assert found.status_code == 200 and found.json()["name"] == name, (code, found.text)
        searched = client.get(f"{API}/foods", params={"q": code}, headers=as_user).json()
        assert searched["items"][0]["name"] == name, (code, searched)
    bad = client.get(f"{API}/foods/barcode/80176801", headers=as_user)
    assert bad.status_code == 422 and "code" in bad.json()["error"]["fields"]


def test_micronutrient_keys_have_a_name_unit_and_daily_value(
    client: httpx.Client, as_user: dict[str, str], sr28: None
) -> None:
    found = client.get(f"{API}/nutrients", headers=as_user)
    assert found.status_code == 200, found.text
    nutrients = found.json()["nutrients"]
    assert nutrients["vitc_mg"] == {
        "name": "Vitamin C, total ascorbic acid",
        "unit": "mg",
        "daily_value": 90.0,
    }
    apple = client.get(f"{API}/foods/{apple_id(client, as_user)}", headers=as_user).json()
    assert set(apple["nutrients_per_100g"]["micronutrients"]) <= set(nutrients)


def test_a_private_food_with_impossible_values_is_refused_and_a_wrong_energy_flagged(
    client: httpx.Client, as_user: dict[str, str], user_id: str, sr28: None
) -> None:
    impossible = {"name": "Impossible", "energy_kcal": 100}
    impossible |= {"protein_g": 50, "fat_g": 50, "carbohydrate_g": 50}
    refused = client.post(f"{API}/foods", json=impossible, headers=as_user)
    assert refused.status_code == 422, refused.text
    assert set(refused.json()["error"]["fields"]) == {"protein_g", "fat_g", "carbohydrate_g"}
    mine = "SELECT count(*) FROM nutrition.foods WHERE owner_id = %s"
    assert db_scalar(mine, user_id) == 0
    wrong_energy = {"name": "Odd label", "energy_kcal": 100, "protein_g": 30, "fat_g": 30}
    flagged = client.post(f"{API}/foods", json=wrong_energy, headers=as_user)
    assert flagged.status_code == 201, flagged.text
    assert flagged.json()["quality_flags"] == ["stated energy differs from macronutrients"]
    right = {"name": "Good label", "energy_kcal": 390, "protein_g": 30, "fat_g": 30}
    assert client.post(f"{API}/foods", json=right, headers=as_user).json()["quality_flags"] == []


def test_log_meal_returns_totals_and_writes_one_event(
    client: httpx.Client, as_user: dict[str, str], user_id: str, sr28: None
) -> None:
    apple = apple_id(client, as_user)
    medium = next(
        p["id"]
        for p in client.get(f"{API}/foods/{apple}", headers=as_user).json()["portions"]
        if p["grams"] == 182.0
    )
    meal = {
        "date": "2025-03-01",
        "meal_type": "breakfast",
        "items": [
            {"food_id": apple, "portion_id": medium, "quantity": 1},
            {"food_id": apple, "grams": 100},
            {"quick_add": {"energy_kcal": 200, "protein_g": 10}},
        ],
    }
    headers = {**as_user, "Idempotency-Key": "k-1"}
    first = client.post(f"{API}/meals", json=meal, headers=headers)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["meal"]["totals"]["energy_kcal"] == pytest.approx(94.64 + 52 + 200)
    assert body["day_totals"]["energy_kcal"] == body["meal"]["totals"]["energy_kcal"]
    again = client.post(f"{API}/meals", json=meal, headers=headers)
    assert again.status_code == 201 and again.json()["meal"]["id"] == body["meal"]["id"]
    assert db_scalar("SELECT count(*) FROM nutrition.meals WHERE user_id = %s", user_id) == 1
    events = db_scalar(
        "SELECT count(*) FROM nutrition.outbox WHERE type = 'nutrition.meal.logged' "
        "AND payload->'data'->>'meal_id' = %s",
        body["meal"]["id"],
    )
    assert events == 1
    diary = client.get(f"{API}/diary/2025-03-01", headers=as_user).json()
    assert diary["totals"] == body["day_totals"]
    assert (
        client.post(f"{API}/meals", json={**meal, "note": "other"}, headers=headers).status_code
        == 409
    )

    item = body["meal"]["items"][1]["id"]
    edited = client.patch(f"{API}/items/{item}", json={"grams": 200}, headers=as_user).json()
    assert edited["day_totals"]["energy_kcal"] == pytest.approx(94.64 + 104 + 200)
    copied = client.post(
        f"{API}/meals/{body['meal']['id']}/copy", json={"to_date": "2025-03-02"}, headers=as_user
    )
    assert copied.status_code == 201 and copied.json()["day_totals"] == edited["day_totals"]
    recent = client.get(f"{API}/foods-used/frequent", headers=as_user).json()["items"]
    assert recent[0]["id"] == apple
    report = client.get(
        f"{API}/reports", params={"from": "2025-03-01", "to": "2025-03-02"}, headers=as_user
    )
    assert report.json()["days_logged"] == 2
    csv = client.get(
        f"{API}/reports",
        params={"from": "2025-03-01", "to": "2025-03-02", "format": "csv"},
        headers=as_user,
    )
    assert csv.headers["content-type"].startswith("text/csv") and "2025-03-02" in csv.text
    assert csv.headers["content-disposition"] == (
        'attachment; filename="fitledger-nutrition-2025-03-01-2025-03-02.csv"'
    )
    assert len(client.get(f"{API}/export", headers=as_user).json()["diary"]) == 2
    deleted = client.delete(f"{API}/meals/{body['meal']['id']}", headers=as_user)
    assert deleted.status_code == 200
    assert (
        db_scalar(
            "SELECT count(*) FROM nutrition.outbox WHERE type = 'nutrition.meal.deleted' "
            "AND payload->'data'->>'meal_id' = %s",
            body["meal"]["id"],
        )
        == 1
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"items": [{"food_id": 1, "grams": -5}]}, "items.0.grams"),
        ({"items": [{"food_id": 1, "grams": "NaN"}]}, "items.0.grams"),
        ({"items": [{"food_id": 1, "grams": 1e308}]}, "items.0.grams"),
        ({"items": [{"food_id": 999999999, "grams": 10}]}, "items.0.food_id"),
        ({"date": "2099-01-01"}, "date"),
        # more than a week ahead of every time zone's today (planning has a horizon)
        ({"date": (date.today() + timedelta(days=9)).isoformat()}, "date"),
        ({"note": "x" * 10_000}, "note"),
        ({"user_id": "someone-else"}, "user_id"),
        ({"items": []}, "items"),
    ],
)
def test_bad_meals_are_refused_and_nothing_is_stored(
    client: httpx.Client,
    as_user: dict[str, str],
    user_id: str,
    change: dict[str, Any],
    field: str,
    sr28: None,
) -> None:
    meal = {
        "date": "2025-03-01",
        "meal_type": "lunch",
        "items": [{"food_id": 1, "grams": 10}],
        **change,
    }
    response = client.post(f"{API}/meals", json=meal, headers=as_user)
    assert response.status_code == 422, response.text
    assert any(k.startswith(field) for k in response.json()["error"]["fields"]), response.json()
    assert db_scalar("SELECT count(*) FROM nutrition.meals WHERE user_id = %s", user_id) == 0


def test_another_users_meals_foods_and_recipes_are_invisible(
    client: httpx.Client, as_user: dict[str, str], other_user: dict[str, str], sr28: None
) -> None:
    private = client.post(
        f"{API}/foods", json={"name": "Grandma's pie", "energy_kcal": 300}, headers=as_user
    )
    assert private.status_code == 201, private.text
    food_id = private.json()["id"]
    recipe = client.post(
        f"{API}/recipes",
        json={
            "name": "Pie plate",
            "ingredients": [{"food_id": food_id, "grams": 200}],
            "servings": 2,
        },
        headers=as_user,
    )
    assert recipe.status_code == 201 and recipe.json()["per_serving"]["energy_kcal"] == 300.0
    meal = client.post(
        f"{API}/meals",
        json={
            "date": "2025-03-01",
            "meal_type": "dinner",
            "items": [{"recipe_id": recipe.json()["id"], "quantity": 1}],
        },
        headers=as_user,
    ).json()["meal"]
    assert meal["totals"]["energy_kcal"] == 300.0
    item = meal["items"][0]["id"]
    assert client.get(f"{API}/foods/{food_id}", headers=other_user).status_code == 404
    assert client.get(f"{API}/recipes/{recipe.json()['id']}", headers=other_user).status_code == 404
    assert (
        client.patch(
            f"{API}/meals/{meal['id']}", json={"note": "mine"}, headers=other_user
        ).status_code
        == 404
    )
    assert client.delete(f"{API}/meals/{meal['id']}", headers=other_user).status_code == 404
    assert (
        client.patch(f"{API}/items/{item}", json={"grams": 5}, headers=other_user).status_code
        == 404
    )
    assert client.delete(f"{API}/items/{item}", headers=other_user).status_code == 404
    assert (
        client.post(
            f"{API}/meals/{meal['id']}/copy", json={"to_date": "2025-03-05"}, headers=other_user
        ).status_code
        == 404
    )
    stolen = client.post(
        f"{API}/meals",
        json={"date": "2025-03-01", "meal_type": "x", "items": [{"food_id": food_id, "grams": 10}]},
        headers=other_user,
    )
    assert stolen.status_code == 422
    assert client.get(f"{API}/diary/2025-03-01", headers=other_user).json()["meals"] == []
    names = [
        i["name"]
        for i in client.get(f"{API}/foods", params={"q": "grandma pie"}, headers=other_user).json()[
            "items"
        ]
    ]
    assert "Grandma's pie" not in names
    assert (
        client.get(f"{API}/diary/2025-03-01", headers=as_user).json()["meals"][0]["id"]
        == meal["id"]
    )
