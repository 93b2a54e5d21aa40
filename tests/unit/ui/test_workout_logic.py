"""The workout tracker's pure logic: set parsing, volume, e1RM as shown, rows and hints, the
rest timer, and the words of the summary and the program targets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from app.api.workouts import Workout
from app.state import workout_logic as logic
from app.state.workouts import history_row

NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)


def make_entry(**overrides: Any) -> logic.EntryView:
    values: dict[str, Any] = {
        "id": "e1",
        "exercise_id": "builtin:barbell-bench-press",
        "name": "Barbell Bench Press",
        "set_kind": "strength",
        "sets": (),
    }
    values.update(overrides)
    return logic.EntryView(**values)


@dataclass(frozen=True)
class FakeEntry:
    exercise_id: str
    sets: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class FakeWorkout:
    id: str
    started_at: dt.datetime
    completed: bool = True
    exercises: tuple[FakeEntry, ...] = field(default_factory=tuple)


# ---- parsing what was typed ----


def test_strength_set_takes_a_decimal_comma_and_an_optional_rpe():
    assert logic.parse_strength_set("62,5", "5", "", "working") == {
        "kind": "strength",
        "reps": 5,
        "weight_kg": 62.5,
        "set_type": "working",
    }
    assert logic.parse_strength_set(" 100 ", "3", "8.5", "failure")["rpe"] == 8.5


def test_bodyweight_set_has_no_weight():
    assert logic.parse_strength_set("", "12", "", "warm_up")["weight_kg"] == 0.0


@pytest.mark.parametrize(
    ("weight", "reps", "rpe", "field"),
    [
        ("abc", "5", "", "weight"),
        ("-5", "5", "", "weight"),
        ("60", "", "", "reps"),
        ("60", "5.5", "", "reps"),
        ("60", "five", "", "reps"),
        ("60", "5", "11", "rpe"),
        ("60", "5", "x", "rpe"),
    ],
)
def test_impossible_sets_name_the_box_to_fix(weight, reps, rpe, field):
    with pytest.raises(logic.InvalidSet) as problem:
        logic.parse_strength_set(weight, reps, rpe, "working")
    assert problem.value.field == field


def test_unknown_set_type_is_a_working_set():
    assert logic.parse_strength_set("60", "5", "", "mystery")["set_type"] == "working"


def test_cardio_set_in_minutes_or_minutes_and_seconds():
    assert logic.parse_cardio_set("25", "5") == {
        "kind": "cardio",
        "duration_s": 1500,
        "distance_m": 5000.0,
    }
    assert logic.parse_cardio_set("25:30", "") == {"kind": "cardio", "duration_s": 1530}
    with pytest.raises(logic.InvalidSet):
        logic.parse_cardio_set("", "5")
    with pytest.raises(logic.InvalidSet):
        logic.parse_cardio_set("20", "far")


def test_body_weight_for_the_calories_is_optional_and_sane():
    assert logic.parse_body_weight("") is None
    assert logic.parse_body_weight("81,5") == 81.5
    for wrong in ("heavy", "5", "500"):
        with pytest.raises(logic.InvalidSet):
            logic.parse_body_weight(wrong)


def test_numbers_for_the_boxes_have_no_trailing_zero():
    assert logic.plain(60.0) == "60"
    assert logic.plain(62.5) == "62.5"
    assert logic.plain(None) == ""
    assert logic.minutes_text(1530) == "25:30"
    assert logic.minutes_text(1500) == "25"


# ---- volume and e1RM ----


def test_volume_counts_working_drop_and_failure_sets_not_warm_ups():
    sets = [
        {"reps": 10, "weight_kg": 40, "set_type": "warm_up"},
        {"reps": 5, "weight_kg": 100, "set_type": "working"},
        {"reps": 8, "weight_kg": 80, "set_type": "drop"},
        {"reps": 3, "weight_kg": 100, "set_type": "failure"},
    ]
    assert logic.volume(sets) == 500 + 640 + 300


def test_e1rm_is_the_mean_of_epley_and_brzycki():
    # 100 kg x 5: Epley 116.67, Brzycki 112.5 (DOMAIN.md), mean 114.58.
    assert logic.estimated_one_rep_max(100, 5) == pytest.approx(114.58, abs=0.01)
    # They agree at 10 reps: 100 x (1 + 10/30) = 133.33 = 100 x 36 / 27.
    assert logic.estimated_one_rep_max(100, 10) == pytest.approx(133.33, abs=0.01)
    assert logic.e1rm_text(100, 5) == "e1RM 114.6 kg"


def test_no_e1rm_above_twelve_reps_or_without_weight():
    assert logic.estimated_one_rep_max(60, 13) is None
    assert logic.estimated_one_rep_max(0, 5) is None
    assert logic.e1rm_text(60, 20) == ""
    assert logic.estimated_one_rep_max(140, 1) == 140


def test_set_and_weight_texts():
    assert logic.set_text({"reps": 5, "weight_kg": 62.5}) == "62.5 kg \u00d7 5"
    assert logic.set_text({"reps": 12, "weight_kg": 0}) == "12 reps"
    assert logic.set_text({"duration_s": 1500, "distance_m": 5000}) == "25 min · 5 km"


# ---- rows ----


def test_a_program_exercise_starts_with_its_target_sets():
    entry = make_entry(target_sets=3, target_reps=5, target_weight_kg=42.5, target_rule="progress")
    drafts = logic.first_drafts(entry)
    assert [(d["weight"], d["reps"], d["done"]) for d in drafts] == [("42.5", "5", "")] * 3


def test_target_rows_already_logged_are_not_made_again():
    entry = make_entry(
        target_sets=3, target_reps=5, target_weight_kg=40, sets=({"id": "s1", "reps": 5},)
    )
    assert len(logic.first_drafts(entry)) == 2


def test_a_new_exercise_repeats_last_times_sets_else_one_empty_row():
    last = [{"reps": 8, "weight_kg": 60, "set_type": "working"}, {"reps": 6, "weight_kg": 62.5}]
    assert [(d["weight"], d["reps"]) for d in logic.first_drafts(make_entry(), last)] == [
        ("60", "8"),
        ("62.5", "6"),
    ]
    assert logic.first_drafts(make_entry()) == [logic.draft_row()]


def test_rows_are_numbered_through_the_workout_logged_first_with_last_times_hint():
    bench = make_entry(sets=({"id": "s1", "reps": 8, "weight_kg": 60, "set_type": "working"},))
    row = make_entry(id="e2", exercise_id="builtin:barbell-row")
    rows = logic.numbered_rows(
        [bench, row],
        {"e1": [logic.draft_row("60", "8")], "e2": [logic.draft_row()]},
        {"builtin:barbell-bench-press": [{"reps": 8, "weight_kg": 57.5}]},
    )
    assert [(r["n"], r["label"], r["done"], r["key"]) for r in rows["e1"]] == [
        ("1", "1", "1", "e1:0"),
        ("2", "2", "", "e1:1"),
    ]
    assert rows["e1"][0]["set_id"] == "s1"
    assert rows["e1"][0]["e1rm"] == "e1RM 75.2 kg"  # 60 x 8: Epley 76.0, Brzycki 74.48
    assert rows["e1"][1]["e1rm"] == ""
    assert rows["e1"][0]["hint"] == "57.5 kg \u00d7 8"
    assert rows["e1"][1]["hint"] == ""  # last time had one set
    assert [r["n"] for r in rows["e2"]] == ["3"]


def test_last_sets_come_from_the_newest_completed_workout_with_that_exercise():
    old = FakeWorkout(
        "w1", NOW - dt.timedelta(days=7), exercises=(FakeEntry("bench", ({"reps": 5},)),)
    )
    new = FakeWorkout(
        "w2", NOW - dt.timedelta(days=2), exercises=(FakeEntry("bench", ({"reps": 8},)),)
    )
    open_one = FakeWorkout(
        "w3", NOW, completed=False, exercises=(FakeEntry("bench", ({"reps": 1},)),)
    )
    assert logic.last_sets_by_exercise([old, open_one, new]) == {"bench": [{"reps": 8}]}
    assert logic.last_sets_by_exercise([old, new], exclude_id="w2") == {"bench": [{"reps": 5}]}


def test_recently_used_exercises_go_first_in_the_picker():
    workouts = [
        FakeWorkout("w1", NOW - dt.timedelta(days=3), exercises=(FakeEntry("squat"),)),
        FakeWorkout("w2", NOW, exercises=(FakeEntry("row"), FakeEntry("squat"))),
    ]
    recent = logic.recent_exercise_ids(workouts)
    assert recent == ["row", "squat"]
    rows = [{"id": "bench"}, {"id": "squat"}, {"id": "curl"}, {"id": "row"}]
    assert [r["id"] for r in logic.recent_first(rows, recent)] == ["row", "squat", "bench", "curl"]


# ---- rest timer ----


def test_rest_timer_counts_down_from_its_stored_end_and_stops_at_zero():
    end = logic.rest_end(NOW, 120)
    assert logic.rest_remaining(end, NOW) == 120
    assert logic.rest_remaining(end, NOW + dt.timedelta(seconds=45.5)) == 75
    assert logic.rest_remaining(end, NOW + dt.timedelta(minutes=5)) == 0
    assert logic.rest_remaining(None, NOW) == 0
    assert logic.clock_text(75) == "1:15"
    assert logic.clock_text(0) == "0:00"


def test_stored_rest_belongs_to_one_workout():
    stored = logic.encode_rest("abc", 1_796_112_000.4)
    assert logic.decode_rest(stored, "abc") == 1_796_112_000
    assert logic.decode_rest(stored, "other") is None
    assert logic.decode_rest("", "abc") is None
    assert logic.decode_rest("abc|soon", "abc") is None


# ---- words ----


def test_progression_rule_in_words():
    assert (
        logic.rule_text("progress", 102.5, 5, 3)
        == "3 \u00d7 5 at 102.5 kg — every target rep made last time: weight up"
    )
    assert logic.rule_text("start", 0, 8, 3) == (
        "3 \u00d7 8 — first time: the program's starting weight"
    )
    assert logic.rule_text("unknown", 20, 5, 1) == "1 \u00d7 5 at 20 kg"


def test_summary_words():
    assert logic.count_text(1, "exercise") == "1 exercise"
    assert logic.count_text(3, "set") == "3 sets"
    assert logic.duration_text(42) == "42 s"
    assert logic.duration_text(47 * 60) == "47 min"
    assert logic.duration_text(75 * 60) == "1 h 15 min"
    assert logic.exercise_name_from_id("builtin:barbell-back-squat") == "Barbell back squat"
    assert logic.record_text("e1rm", 83.07, 75.24, None) == "Estimated 1RM: 83.1 kg (was 75.2 kg)"
    assert logic.record_text("weight_at_reps", 100, None, 5) == (
        "Heaviest for 5 reps: 100 kg (first time)"
    )


def _run(distance_m: float | None) -> Workout:
    sets = [{"kind": "cardio", "duration_s": 1800, "distance_m": distance_m}]
    return Workout.from_json(
        {
            "id": "w1",
            "name": "Evening run",
            "status": "completed",
            "local_date": "2026-11-30",
            "source": "manual",
            "exercises": [{"id": "e1", "exercise_id": "builtin:running", "sets": sets}],
        }
    )


def test_history_shows_a_runs_distance_in_the_users_units() -> None:
    assert "5 km" in history_row(_run(5000))["facts"]
    assert "3.1 mi" in history_row(_run(5000), units="imperial")["facts"]
    assert "5 км" in history_row(_run(5000), language="ru")["facts"]
    assert "km" not in history_row(_run(None))["facts"]  # strength only: no distance
