"""Imported exercise names matched to the catalog: which rule, and what is suggested instead
(backend_services/workouts/importers/exercise_matching.py)."""

from __future__ import annotations

import pytest

from backend_services.workouts.catalog import BUILTIN_EXERCISES, exercise_document
from backend_services.workouts.importers.exercise_matching import (
    ALIASES,
    ExerciseMatcher,
    Match,
    Unmatched,
    key,
    words,
)

CATALOG = [exercise_document(e) for e in BUILTIN_EXERCISES]
CUSTOM = {"_id": "custom:1", "name": "Zercher Squat", "source": "custom", "equipment": None}


def _matcher(**remembered: str) -> ExerciseMatcher:
    return ExerciseMatcher([*CATALOG, CUSTOM], {key(k): v for k, v in remembered.items()})


def test_words_put_the_qualifier_first_in_one_spelling_singular() -> None:
    assert words("Bench Press (Barbell)") == ("barbell", "bench", "press")
    assert words("DB Bicep Curls") == ("dumbbell", "bicep", "curl")
    assert words("Pullup") == words("Pull-Up") == ("pull", "up")
    assert key("Squat (Barbell)") == key("Barbell Squat")


@pytest.mark.parametrize(
    ("name", "exercise_id", "method"),
    [
        ("Bench Press (Barbell)", "builtin:barbell-bench-press", "name"),
        ("Overhead Press (Barbell)", "builtin:overhead-press", "name"),  # its equipment
        ("Pull Up", "builtin:pull-up", "name"),
        ("zercher squats", "custom:1", "name"),  # the user's own exercise
        ("Squat (Barbell)", "builtin:barbell-back-squat", "alias"),
        ("Triceps Pushdown (Cable - Straight Bar)", "builtin:triceps-pushdown", "alias"),
        ("Running (Treadmill)", "builtin:running", "alias"),
        ("Back Squat", "builtin:barbell-back-squat", "words"),
    ],
)
def test_rules_in_order(name: str, exercise_id: str, method: str) -> None:
    found = _matcher().match(name)
    assert isinstance(found, Match)
    assert (found.exercise_id, found.method) == (exercise_id, method)


@pytest.mark.parametrize(
    ("name", "first_suggestion"),
    [
        # a word of its own is another exercise: suggested, never matched
        ("Incline Bench Press (Barbell)", "builtin:barbell-bench-press"),
        ("Overhead Press (Dumbbell)", "builtin:overhead-press"),
        ("Bicep Curl (Barbell)", "builtin:dumbbell-curl"),
        ("Squat", "custom:1"),  # Zercher Squat (2 words) is nearer than Barbell Back Squat
    ],
)
def test_near_names_are_suggested_not_matched(name: str, first_suggestion: str) -> None:
    found = _matcher().match(name)
    assert isinstance(found, Unmatched)
    assert found.suggestions[0].exercise_id == first_suggestion
    scores = [s.score for s in found.suggestions]
    assert scores == sorted(scores, reverse=True) and len(scores) <= 3


def test_the_same_equipment_alone_suggests_nothing() -> None:
    assert _matcher().match("Lateral Raise (Dumbbell)") == Unmatched("Lateral Raise (Dumbbell)", ())


def test_an_earlier_choice_comes_first_and_a_gone_exercise_is_forgotten() -> None:
    matcher = _matcher(**{"Lateral Raise (Dumbbell)": "builtin:push-up"})
    found = matcher.match("Dumbbell Lateral Raises")  # the same words
    assert isinstance(found, Match) and (found.exercise_id, found.method) == (
        "builtin:push-up",
        "yours",
    )
    gone = ExerciseMatcher(CATALOG, {key("Lateral Raise"): "custom:deleted"})
    assert isinstance(gone.match("Lateral Raise"), Unmatched)


def test_match_all_reports_each_name_once_in_file_order() -> None:
    matched, unmatched = _matcher().match_all(["Plank", "Lateral Raise", "Plank", "?"])
    assert [m.name for m in matched] == ["Plank"]
    assert [u.name for u in unmatched] == ["Lateral Raise", "?"]


def test_every_alias_names_a_builtin_exercise_and_matches_it() -> None:
    ids = {doc["_id"] for doc in CATALOG}
    matcher = ExerciseMatcher(CATALOG)
    for exercise_id, names in ALIASES.items():
        assert exercise_id in ids
        for name in names:
            found = matcher.match(name)
            assert isinstance(found, Match) and found.exercise_id == exercise_id, name
