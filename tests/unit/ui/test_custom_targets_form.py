"""The "set your own targets" form: what is typed → what is sent (empty = the formula)."""

from __future__ import annotations

import pytest

from app.api.users import CustomTargets
from app.state.custom_targets import parse_custom_targets


def test_empty_boxes_mean_the_formula_decides() -> None:
    assert parse_custom_targets("", " ", "") == (CustomTargets(None, None, None), {})


def test_typed_values_are_sent_in_the_api_units() -> None:
    choices, errors = parse_custom_targets("2,000", "1,6", "25 %")
    assert errors == {}
    assert choices == CustomTargets(2000, 1.6, 0.25)


@pytest.mark.parametrize(
    ("kcal", "protein", "fat", "bad"),
    [
        ("799", "", "", "kcal"),
        ("2000.5", "", "", "kcal"),
        ("lots", "", "", "kcal"),
        ("", "4", "", "protein"),
        ("", "0.5", "", "protein"),
        ("", "", "0.3", "fat"),  # a share typed where a percentage is asked
        ("", "", "70", "fat"),
    ],
)
def test_out_of_range_values_are_refused_with_a_message(
    kcal: str, protein: str, fat: str, bad: str
) -> None:
    _choices, errors = parse_custom_targets(kcal, protein, fat)
    assert set(errors) == {bad}
    assert "leave it empty" in errors[bad]
