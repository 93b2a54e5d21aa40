"""What the web app added to the nutrition API: listing recipes (`GET /recipes`) and
switching a diary item to another portion of its food (`PATCH /items/{id}` with
`portion_id`)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

pytestmark = pytest.mark.e2e
API = "/api/nutrition"


def _headers(make_token: Callable[..., str], user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(user)}"}


def test_recipes_are_listed_oldest_first_for_their_owner_only(
    client: httpx.Client, make_token: Callable[..., str], user_id: str
) -> None:
    mine, other = _headers(make_token, user_id), _headers(make_token, user_id + "-other")
    assert client.get(f"{API}/recipes", headers=mine).json() == {"items": []}
    food = client.get(f"{API}/foods", params={"q": "apple", "limit": 1}, headers=mine).json()
    apple = food["items"][0]["id"]
    made = [
        client.post(
            f"{API}/recipes",
            json={"name": name, "ingredients": [{"food_id": apple, "grams": 200}], "servings": 2},
            headers=mine,
        )
        for name in ("Baked apples", "Apple sauce")
    ]
    assert [r.status_code for r in made] == [201, 201]

    listed = client.get(f"{API}/recipes", headers=mine)
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert [r["name"] for r in items] == ["Baked apples", "Apple sauce"]
    assert items[0] == made[0].json()  # the same shape as GET /recipes/{id}
    # serving_g is a decimal string in the existing recipe shape (kept as it is)
    assert float(items[0]["serving_g"]) == 100 and items[0]["per_serving"]["energy_kcal"] == 52.0
    assert client.get(f"{API}/recipes", headers=other).json() == {"items": []}
    assert client.get(f"{API}/recipes").status_code == 401


def test_an_item_switches_to_another_portion_of_its_food(
    client: httpx.Client, make_token: Callable[..., str], user_id: str
) -> None:
    h = _headers(make_token, user_id)
    apple = client.get(f"{API}/foods", params={"q": "apple", "limit": 1}, headers=h).json()
    food = client.get(f"{API}/foods/{apple['items'][0]['id']}", headers=h).json()
    medium = next(p for p in food["portions"] if p["grams"] == 182.0)
    other = next(p for p in food["portions"] if p["id"] != medium["id"])
    meal = client.post(
        f"{API}/meals",
        json={
            "date": "2025-04-01",
            "meal_type": "snack",
            "items": [
                {"food_id": food["id"], "portion_id": medium["id"], "quantity": 1},
                {"quick_add": {"energy_kcal": 100}},
            ],
        },
        headers=h,
    ).json()["meal"]
    item, quick = meal["items"][0]["id"], meal["items"][1]["id"]

    switched = client.patch(
        f"{API}/items/{item}", json={"portion_id": other["id"], "quantity": 2}, headers=h
    )
    assert switched.status_code == 200, switched.text
    row = switched.json()["meal"]["items"][0]
    per_unit = other["grams"] / other["amount"]
    assert (row["portion_id"], row["quantity"]) == (other["id"], 2.0)
    assert row["grams"] == pytest.approx(2 * per_unit, abs=0.001)
    assert row["nutrients"]["energy_kcal"] == pytest.approx(0.52 * 2 * per_unit, abs=0.01)
    events = client.get(f"{API}/diary/2025-04-01", headers=h).json()
    assert events["totals"]["energy_kcal"] == pytest.approx(100 + 0.52 * 2 * per_unit, abs=0.01)

    in_grams = client.patch(f"{API}/items/{item}", json={"grams": 50}, headers=h).json()
    assert in_grams["meal"]["items"][0]["portion_id"] is None  # grams are no portion count

    foreign = client.get(f"{API}/foods", params={"q": "pear", "limit": 1}, headers=h).json()
    pear = client.get(f"{API}/foods/{foreign['items'][0]['id']}", headers=h).json()
    for body, field in [
        ({"portion_id": pear["portions"][0]["id"]}, "portion_id"),
        ({"portion_id": other["id"], "grams": 10}, "grams"),
        ({"portion_id": 2**61}, "portion_id"),
    ]:
        refused = client.patch(f"{API}/items/{item}", json=body, headers=h)
        assert refused.status_code == 422 and field in refused.json()["error"]["fields"]
    quick_refused = client.patch(
        f"{API}/items/{quick}", json={"portion_id": other["id"]}, headers=h
    )
    assert quick_refused.status_code == 422
    assert client.get(f"{API}/diary/2025-04-01", headers=h).json()["meals"][0]["items"][0][
        "grams"
    ] == pytest.approx(50)
