"""The "In words" tab: the service's answer read into rows the picker shows."""

from __future__ import annotations

from app.api.describe import Described
from app.state.describe_meal import item_row

ANSWER = {
    "items": [
        {
            "text": "2 eggs",
            "query": "eggs",
            "goes_with": None,
            "food": {"id": 7, "name": "Egg, whole, raw, fresh", "brand": None},
            "alternatives": [{"id": 8, "name": "Egg, whole, cooked, hard-boiled", "brand": None}],
            "amount": "2 medium (88 g)",
            "grams": 88.0,
            "energy_kcal": 125.84,
            "assumption": None,
            "log_item": {"food_id": 7, "portion_id": 2, "quantity": 2.0},
        },
        {
            "text": "butter",
            "query": "butter",
            "goes_with": "toast",
            "food": {"id": 9, "name": "Butter, salted", "brand": None},
            "alternatives": [],
            "amount": "5 ml (5 g)",
            "grams": 4.8,
            "energy_kcal": 34.39,
            "assumption": "the usual 1 tsp with toast",
            "log_item": {"food_id": 9, "grams": 4.8},
        },
    ],
    "unmatched": [{"text": "2 zqxj", "query": "zqxj"}],
    "energy_kcal": 160.2,
}


def test_the_answer_reads_into_items_that_log_as_sent() -> None:
    found = Described.from_json(ANSWER)
    assert [i.food_name for i in found.items] == ["Egg, whole, raw, fresh", "Butter, salted"]
    assert found.items[0].item.body == {"food_id": 7, "portion_id": 2, "quantity": 2.0}
    assert found.items[0].alternatives == ("Egg, whole, cooked, hard-boiled",)
    assert found.items[0].assumption == "" and found.items[0].goes_with == ""
    assert found.unmatched == ("2 zqxj",)


def test_rows_say_what_was_understood_and_assumed() -> None:
    found = Described.from_json(ANSWER)
    assert item_row(0, found.items[0]) == {
        "index": "0",
        "name": "Egg, whole, raw, fresh",
        "said": "2 eggs",
        "amount": "2 medium (88 g)",
        "kcal": "126 kcal",
        "assumption": "",
    }
    side = item_row(1, found.items[1])
    assert side["amount"] == "with toast · 5 ml (5 g)"
    assert side["assumption"] == "the usual 1 tsp with toast"
