"""Kernel body rules: booleans and strings are not numbers, PATCH nulls only where a field may
be cleared, duplicate JSON keys are refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import Field, StrictBool, ValidationError

from backend_services.kernel.bodies import PatchBody, StrictBody
from backend_services.kernel.strict_json import DuplicateKey, strict_loads


class Portion(StrictBody):
    grams: float


class Entry(StrictBody):
    count: int
    amount: Decimal = Decimal(0)
    ratio: float | None = None
    done: StrictBool = False
    reps: list[int] = Field(default_factory=list)
    portion: Portion | None = None


class EntryPatch(PatchBody):
    nullable_in_patch = frozenset({"note"})

    name: str | None = None
    note: str | None = None
    count: int | None = Field(default=None, ge=1)


def _error_locations(model: type[StrictBody], data: dict) -> list[tuple]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [error["loc"] for error in caught.value.errors()]


@pytest.mark.parametrize(
    ("data", "location"),
    [
        ({"count": True}, ("count",)),
        ({"count": 1, "amount": False}, ("amount",)),
        ({"count": 1, "ratio": True}, ("ratio",)),
        ({"count": 1, "reps": [5, True]}, ("reps", 1)),
        ({"count": 1, "portion": {"grams": True}}, ("portion", "grams")),
    ],
)
def test_a_boolean_is_not_a_number(data, location):
    assert _error_locations(Entry, data) == [location]


@pytest.mark.parametrize(
    ("data", "location"),
    [
        ({"count": "3"}, ("count",)),
        ({"count": 1, "amount": "1.5"}, ("amount",)),
        ({"count": 1, "ratio": "0.5"}, ("ratio",)),
        ({"count": 1, "reps": [5, "5"]}, ("reps", 1)),
        ({"count": 1, "portion": {"grams": "100"}}, ("portion", "grams")),
    ],
)
def test_a_string_is_not_a_number(data, location):
    assert _error_locations(Entry, data) == [location]


def test_a_string_passes_where_the_type_takes_one():
    class Tagged(StrictBody):
        code: int | str
        note: str | None = None

    tagged = Tagged.model_validate({"code": "A1", "note": "12"})
    assert (tagged.code, tagged.note) == ("A1", "12")


def test_booleans_where_the_type_is_bool_and_numbers_pass():
    entry = Entry.model_validate({"count": 3, "amount": 1.5, "done": True, "reps": [5, 5]})
    assert (entry.count, entry.amount, entry.done, entry.reps) == (3, Decimal("1.5"), True, [5, 5])


def test_unknown_fields_are_refused():
    assert _error_locations(Entry, {"count": 1, "user_id": "someone"}) == [("user_id",)]


@pytest.mark.parametrize("name", ["name", "count"])
def test_patch_null_is_refused_where_a_field_cannot_be_cleared(name):
    assert _error_locations(EntryPatch, {name: None}) == [(name,)]


def test_patch_null_clears_a_nullable_field_and_absent_fields_stay_unset():
    patch = EntryPatch.model_validate({"note": None})
    assert patch.model_dump(exclude_unset=True) == {"note": None}


def test_patch_schema_says_which_fields_are_nullable():
    properties = EntryPatch.model_json_schema()["properties"]
    assert properties["name"] == {"title": "Name", "type": "string"}
    assert properties["count"]["type"] == "integer" and "anyOf" not in properties["count"]
    assert {"type": "null"} in properties["note"]["anyOf"]


def test_duplicate_keys_are_refused_at_any_depth():
    with pytest.raises(DuplicateKey) as caught:
        strict_loads('{"a": {"weight_kg": 70, "weight_kg": 71}}')
    assert caught.value.key == "weight_kg"
    assert strict_loads('{"a": {"b": 1}, "b": 2}') == {"a": {"b": 1}, "b": 2}
