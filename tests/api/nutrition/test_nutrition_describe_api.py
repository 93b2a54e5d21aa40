"""Logging in words through the gateway, over the SR28 foods the stack imports on first start.

The answer is a list to confirm, nothing is saved; the confirmed items log as a meal."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

pytestmark = pytest.mark.e2e
API = "/api/nutrition"


def _describe(client: httpx.Client, headers: dict[str, str], text: str) -> httpx.Response:
    return client.post(f"{API}/describe", json={"text": text}, headers=headers)


def test_a_breakfast_in_english_becomes_items_to_confirm_then_a_meal(
    client: httpx.Client, make_token: Callable[..., str], user_id: str
) -> None:
    h = {"Authorization": f"Bearer {make_token(user_id)}"}
    answer = _describe(client, h, "2 eggs, a slice of toast with butter and a coffee with milk")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    items = {i["query"]: i for i in body["items"]}
    assert list(items) == ["eggs", "toast", "butter", "coffee", "milk"]
    assert body["unmatched"] == []
    assert items["eggs"]["food"]["name"] == "Egg, whole, raw, fresh"
    assert items["eggs"]["amount"] == "2 medium (88 g)"  # SR28: medium egg 44 g
    assert items["eggs"]["energy_kcal"] == pytest.approx(88 * 1.43)  # 143 kcal / 100 g
    assert items["toast"]["food"]["name"] == "Bread, white, commercially prepared, toasted"
    assert items["butter"]["food"]["name"] == "Butter, salted"
    assert items["butter"]["goes_with"] == "toast"
    assert items["butter"]["assumption"].startswith("the usual 1 tsp with toast")
    assert items["coffee"]["food"]["name"].startswith("Beverages, coffee, brewed")
    assert items["milk"]["food"]["name"].startswith("Milk, whole")
    assert items["milk"]["assumption"] == "the usual 30 ml with coffee"
    assert body["energy_kcal"] == pytest.approx(
        sum(i["energy_kcal"] for i in body["items"]), abs=0.05
    )
    # Nothing was saved by describing it.
    assert client.get(f"{API}/diary/2026-01-15", headers=h).json()["meals"] == []

    # The person confirms: the log_item bodies log as one meal with the same energy.
    meal = {
        "date": "2026-01-15",
        "meal_type": "breakfast",
        "items": [i["log_item"] for i in body["items"]],
    }
    logged = client.post(f"{API}/meals", json=meal, headers=h)
    assert logged.status_code == 201, logged.text
    assert logged.json()["meal"]["totals"]["energy_kcal"] == pytest.approx(
        body["energy_kcal"], abs=0.5
    )


def test_the_same_breakfast_in_russian_finds_the_same_foods(
    client: httpx.Client, make_token: Callable[..., str], user_id: str
) -> None:
    h = {"Authorization": f"Bearer {make_token(user_id)}"}
    body = _describe(client, h, "два яйца, тост с маслом и кофе с молоком").json()
    names = [i["food"]["name"] for i in body["items"]]
    assert names[0] == "Egg, whole, raw, fresh"
    assert names[1] == "Bread, white, commercially prepared, toasted"
    assert names[2] == "Butter, salted"
    assert names[3].startswith("Beverages, coffee, brewed")
    assert names[4].startswith("Milk, whole")
    grams = client.post(
        f"{API}/describe", json={"text": "200 г гречки и куриная грудка 150 г"}, headers=h
    ).json()["items"]
    assert [(i["food"]["name"].split(",")[0], i["grams"]) for i in grams] == [
        ("Buckwheat groats", 200.0),
        ("Chicken", 150.0),
    ]


def test_what_is_not_found_is_listed_not_guessed(
    client: httpx.Client, make_token: Callable[..., str], user_id: str
) -> None:
    h = {"Authorization": f"Bearer {make_token(user_id)}"}
    body = _describe(client, h, "an apple and 2 zqxjvw").json()
    assert [i["food"]["name"] for i in body["items"]] == ["Apples, raw, with skin"]
    assert body["unmatched"] == [{"text": "2 zqxjvw", "query": "zqxjvw"}]


@pytest.mark.parametrize(
    "payload",
    [
        {"text": ""},
        {"text": "   "},
        {"text": "x" * 501},
        {"text": "egg\u0000"},
        {"text": "and, with"},
        {"text": "eggs", "meal": "lunch"},
        {"phrase": "eggs"},
    ],
)
def test_bad_phrases_are_refused_with_the_field(
    client: httpx.Client, make_token: Callable[..., str], user_id: str, payload: dict[str, str]
) -> None:
    h = {"Authorization": f"Bearer {make_token(user_id)}"}
    response = client.post(f"{API}/describe", json=payload, headers=h)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["fields"]


def test_describing_needs_a_session(client: httpx.Client) -> None:
    assert client.post(f"{API}/describe", json={"text": "an egg"}).status_code == 401
