"""Units: SI stored, metric or imperial shown; week start."""

from __future__ import annotations

import datetime as dt

import pytest

from app.state import units as u


@pytest.mark.parametrize(
    ("kg", "units", "text"),
    [
        (72.5, "metric", "72.5 kg"),
        (72.5, "imperial", "159.8 lb"),
        (100, "imperial", "220.5 lb"),
        (0.45359237, "imperial", "1 lb"),
        (1217.5, "metric", "1,217.5 kg"),
        (60, "metric", "60 kg"),
        (None, "imperial", "—"),
    ],
)
def test_weights_read_in_the_chosen_unit(kg: float | None, units: str, text: str) -> None:
    assert u.weight_text(kg, units) == text


def test_a_typed_weight_is_stored_in_kg_and_reads_back_as_typed() -> None:
    # 1 lb = 0.45359237 kg exactly (1959 agreement)
    assert u.weight_to_kg(1, "imperial") == pytest.approx(0.45359237)
    assert u.weight_to_kg(160, "imperial") == pytest.approx(72.5747792)
    assert u.weight_to_kg(72.5, "metric") == 72.5
    for typed in (100.0, 135.5, 225.0, 315.0):
        stored = round(u.weight_to_kg(typed, "imperial"), 2)  # the services keep 0.01 kg
        assert u.weight_field(stored, "imperial") == f"{typed:.1f}".removesuffix(".0")


def test_weight_field_has_no_separators() -> None:
    assert u.weight_field(1000, "imperial") == "2204.6"
    assert u.weight_field(None, "metric") == ""


@pytest.mark.parametrize(
    ("cm", "units", "text"),
    [
        (170, "metric", "170 cm"),
        (170, "imperial", "5 ft 6.9 in"),
        (182.88, "imperial", "6 ft 0 in"),
        (152.4, "imperial", "5 ft 0 in"),
        (182.8, "imperial", "6 ft 0 in"),  # 71.97 in rounds to 72.0: a whole foot, not 5 ft 12
        (None, "imperial", "—"),
    ],
)
def test_heights_in_cm_or_feet_and_inches(cm: float | None, units: str, text: str) -> None:
    assert u.height_text(cm, units) == text


def test_feet_and_inches_convert_back_to_cm() -> None:
    assert u.height_to_cm(5, 7) == pytest.approx(170.18)
    assert u.height_to_cm(6, 0) == pytest.approx(182.88)


def test_distances_in_km_or_miles() -> None:
    assert u.distance_text(5213, "metric") == "5.2 km"
    assert u.distance_text(1609.344, "imperial") == "1 mi"
    assert u.distance_text(None, "metric") == "—"


@pytest.mark.parametrize(
    ("day", "start", "first"),
    [
        (dt.date(2026, 12, 1), "monday", dt.date(2026, 11, 30)),  # a Tuesday
        (dt.date(2026, 12, 1), "sunday", dt.date(2026, 11, 29)),
        (dt.date(2026, 11, 29), "monday", dt.date(2026, 11, 23)),  # a Sunday
        (dt.date(2026, 11, 29), "sunday", dt.date(2026, 11, 29)),
        (dt.date(2026, 11, 30), "monday", dt.date(2026, 11, 30)),  # a Monday
        (dt.date(2026, 11, 30), "sunday", dt.date(2026, 11, 29)),
    ],
)
def test_the_week_starts_on_the_users_day(day: dt.date, start: str, first: dt.date) -> None:
    assert u.week_start_day(day, start) == first
    days = u.week_days(day, start)
    assert days[0] == first and len(days) == 7 and day in days


def test_weekday_names_follow_the_week_start() -> None:
    assert u.weekday_names("monday")[0] == "Mon" and u.weekday_names("monday")[-1] == "Sun"
    assert u.weekday_names("sunday")[:2] == ("Sun", "Mon")


@pytest.mark.parametrize(
    ("text", "cm"),
    [
        ("5 ft 7 in", 170.18),
        ("5'7\"", 170.18),
        ("5' 7", 170.18),
        ("5 ft", 152.4),
        ("5 7", 170.18),
        ("67 in", 170.18),
        ("6 feet 0 inches", 182.88),
        ("5 ft 6,5 in", 168.91),
    ],
)
def test_imperial_heights_as_people_type_them(text: str, cm: float) -> None:
    assert u.parse_height_cm(text, "imperial") == pytest.approx(cm)


@pytest.mark.parametrize("text", ["", "tall", "5 ft 13 in", "5 7 1", "-5 ft"])
def test_unreadable_heights_are_none(text: str) -> None:
    assert u.parse_height_cm(text, "imperial") is None


def test_metric_heights_and_weights_are_plain_numbers() -> None:
    assert u.parse_height_cm("170,5", "metric") == 170.5
    assert u.parse_weight_kg("72,5", "metric") == 72.5
    assert u.parse_weight_kg("160", "imperial") == pytest.approx(72.5747792)
    assert u.parse_weight_kg("heavy", "imperial") is None


def test_height_fields_read_back_as_typed() -> None:
    assert u.height_field(170.18, "imperial") == "5 ft 7 in"
    assert u.parse_height_cm(u.height_field(170.18, "imperial"), "imperial") == pytest.approx(
        170.18
    )
    assert u.height_field(182.8, "imperial") == "6 ft 0 in"
    assert u.height_field(170.5, "metric") == "170.5"
    assert u.height_field(None, "imperial") == ""
