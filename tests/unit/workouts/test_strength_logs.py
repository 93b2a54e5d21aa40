"""Strong and Hevy CSV exports read into workouts, exercises and sets (fixtures in their
published column layouts: tests/fixtures/strength_logs/)."""

from __future__ import annotations

from datetime import datetime

import pytest
from reference_data import FIXTURES

from backend_services.workouts.importers.strength_logs import (
    KG_PER_LB,
    LoggedSet,
    StrengthLogError,
    detect,
    parse,
)

LOGS = FIXTURES / "strength_logs"
STRONG = (LOGS / "strong_export.csv").read_text(encoding="utf-8")
STRONG_COMMA = (LOGS / "strong_export_comma.csv").read_text(encoding="utf-8")
HEVY = (LOGS / "hevy_export.csv").read_text(encoding="utf-8")


def test_the_header_says_which_app_wrote_it() -> None:
    assert detect(STRONG) == "strong"
    assert detect(STRONG_COMMA) == "strong"
    assert detect(HEVY) == "hevy"
    assert detect("Date,Meal,Calories\n") is None


def test_strong_rows_become_workouts_exercises_and_sets() -> None:
    push, legs = parse(STRONG)
    assert (push.title, push.started_at) == ("Push A", datetime(2024, 5, 6, 7, 2, 11))
    assert push.ended_at == datetime(2024, 5, 6, 8, 6, 11)  # "1h 4m"
    assert [e.name for e in push.exercises] == [
        "Bench Press (Barbell)",
        "Overhead Press (Barbell)",
        "Triceps Pushdown (Cable - Straight Bar)",
        "Plank",
    ]
    bench = push.exercises[0].sets
    assert bench[1] == LoggedSet("working", 80.0, 5, rpe=8.0)
    assert bench[2].rpe == 8.5
    assert push.exercises[1].notes == "felt heavy"
    plank = push.exercises[3].sets[0]
    assert (plank.weight_kg, plank.reps, plank.duration_s) == (None, None, 60.0)
    run = legs.exercises[1].sets[0]
    assert (run.distance_m, run.duration_s) == (2500.0, 900.0)
    assert legs.notes == "Good day" and legs.ended_at == datetime(2024, 5, 8, 19, 22)


def test_strong_comma_separated_and_quoted_reads_as_the_semicolon_export() -> None:
    semicolon, comma = parse(STRONG), parse(STRONG_COMMA)
    assert comma[0].exercises[1].notes == 'felt heavy, "grindy"'  # a quoted comma and quotes
    comma[0].exercises[1].notes = semicolon[0].exercises[1].notes
    assert comma == semicolon


def test_strong_in_pounds_is_stored_in_kilograms() -> None:
    push = parse(STRONG, units="imperial")[0]
    assert push.exercises[0].sets[1].weight_kg == round(80 * KG_PER_LB, 2)
    legs = parse(STRONG, units="imperial")[1]
    assert legs.exercises[1].sets[0].distance_m == round(2.5 * 1609.344, 1)


def test_hevy_set_types_and_units() -> None:
    push, legs = parse(HEVY)
    assert push.ended_at == datetime(2024, 5, 6, 8, 6)
    assert [s.kind for s in push.exercises[0].sets] == ["warm_up", "working", "failure"]
    assert push.exercises[2].sets[0].kind == "drop"
    assert push.exercises[0].sets[2] == LoggedSet("failure", 80.0, 4, rpe=10.0)
    treadmill = legs.exercises[1].sets[0]
    assert (treadmill.weight_kg, treadmill.distance_m, treadmill.duration_s) == (
        None,
        2500.0,
        900.0,
    )


def test_the_same_workout_gets_the_same_id_on_every_import() -> None:
    first, again = parse(HEVY), parse(HEVY)
    assert [w.external_id for w in first] == [w.external_id for w in again]
    assert len({w.external_id for w in first}) == 2
    assert first[0].external_id.startswith("hevy:")
    assert parse(STRONG)[0].external_id != first[0].external_id


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Not a Strong or Hevy CSV export"),
        ("a,b,c\n1,2,3\n", "Not a Strong or Hevy CSV export"),
        (STRONG.splitlines()[0] + "\n", "holds no workouts"),
        (STRONG.replace("2024-05-06 07:02:11", "yesterday", 1), "line 2: unreadable date"),
        (STRONG.replace(";80;5;", ";-80;5;", 1), "impossible value '-80'"),
        (STRONG.replace(";1h 4m;", ";soon;", 1), "unreadable duration 'soon'"),
        (HEVY.replace('"warmup"', '"mystery"', 1), "unknown set type 'mystery'"),
        (HEVY.replace(",,,8\n", ",,,12\n", 1), "RPE must be 1-10"),
        (STRONG + "2024-05-09 10:00:00;Extra\n", "wrong number of columns"),
    ],
)
def test_a_broken_export_is_refused_with_the_line(text: str, message: str) -> None:
    with pytest.raises(StrengthLogError, match=message):
        parse(text)


def test_strong_units_must_be_known() -> None:
    with pytest.raises(StrengthLogError):
        parse(STRONG, units="stone")
