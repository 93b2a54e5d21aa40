"""The Strong/Hevy import card's logic: the job read from the API's answer, its progress in
words, the review's choices (the suggestion preselected) and the report."""

from __future__ import annotations

from app.api.strength_imports import NEW_EXERCISE, StrengthImportJob
from app.api.workouts import Exercise, MetValue
from app.state import strength_import_logic as logic
from app.state.import_logic import source_label

REVIEW = {
    "id": "j1",
    "provider": "strong",
    "file_name": "strong.csv",
    "status": "needs_review",
    "progress": {"phase": "review", "fraction": 1.0},
    "report": {
        "workouts_read": 2,
        "exercises_matched": 6,
        "matched": [{"name": "Plank", "exercise_id": "builtin:plank"}],
        "unmatched": [
            {
                "name": "Zercher Lunge Hold",
                "sets": 1,
                "kind": "strength",
                "suggestions": [
                    {
                        "exercise_id": "builtin:dumbbell-lunge",
                        "name": "Dumbbell Lunge",
                        "score": 0.4,
                    }
                ],
            },
            {"name": "Sled Push", "sets": 3, "kind": "strength", "suggestions": []},
        ],
    },
    "error": None,
}


def _exercise(exercise_id: str, name: str, ru: str) -> Exercise:
    return Exercise(
        exercise_id, name, "strength", "strength", (), None, MetValue("02054", 3.5, "", ""),
        "builtin", (("ru", ru),),
    )  # fmt: skip


CATALOG = (
    _exercise("builtin:dumbbell-lunge", "Dumbbell Lunge", "Выпады с гантелями"),
    _exercise("builtin:plank", "Plank", "Планка"),
)


def test_the_job_keeps_counts_and_unmatched_names_apart() -> None:
    job = StrengthImportJob.from_json(REVIEW)
    assert job.waiting_for_review and not job.finished
    assert job.counts == {"workouts_read": 2, "exercises_matched": 6}
    assert [u.name for u in job.unmatched] == ["Zercher Lunge Hold", "Sled Push"]
    assert job.unmatched[0].suggestions[0].exercise_id == "builtin:dumbbell-lunge"


def test_review_preselects_the_suggestion_else_a_new_exercise() -> None:
    zercher, sled = logic.review_rows(StrengthImportJob.from_json(REVIEW), CATALOG)
    assert zercher.chosen == "builtin:dumbbell-lunge" and sled.chosen == NEW_EXERCISE
    assert [o.value for o in zercher.options] == [
        "builtin:dumbbell-lunge",  # the suggestion, once
        "builtin:plank",
        NEW_EXERCISE,
    ]
    assert zercher.options[0].label == "Dumbbell Lunge (suggested, 40 %)"
    assert (zercher.sets, sled.sets) == ("1 set", "3 sets")


def test_review_in_russian() -> None:
    zercher, sled = logic.review_rows(StrengthImportJob.from_json(REVIEW), CATALOG, "ru")
    assert zercher.options[1].label == "Планка"
    assert zercher.options[-1].label == "Новое упражнение «Zercher Lunge Hold»"
    assert sled.sets == "3 подхода"


def test_choosing_changes_one_row_and_ignores_values_it_does_not_offer() -> None:
    rows = logic.review_rows(StrengthImportJob.from_json(REVIEW), CATALOG)
    rows = logic.choose(rows, "Sled Push", "builtin:plank")
    rows = logic.choose(rows, "Zercher Lunge Hold", "builtin:not-offered")
    assert logic.choices(rows) == {
        "Zercher Lunge Hold": "builtin:dumbbell-lunge",
        "Sled Push": "builtin:plank",
    }


def test_progress_and_report() -> None:
    job = StrengthImportJob.from_json(REVIEW)
    assert logic.progress_percent(job) == 40
    assert "Choose one of our exercises" in logic.progress_words(job)
    storing = StrengthImportJob.from_json(
        {**REVIEW, "status": "running", "progress": {"phase": "storing", "fraction": 0.5}}
    )
    assert (logic.progress_percent(storing), logic.progress_words(storing)) == (
        70,
        "Saving workouts… 50 %",
    )
    done = StrengthImportJob.from_json(
        {
            **REVIEW,
            "status": "succeeded",
            "report": {"workouts_imported": 0, "workouts_already_present": 2, "sets_imported": 0},
        }
    )
    lines = logic.report_lines(done.counts)
    assert [(line.label, line.count) for line in lines] == [
        ("Imported as new workouts", "0"),
        ("Skipped: already imported before", "2"),
        ("Sets imported", "0"),
    ]


def test_history_names_the_app_a_workout_came_from() -> None:
    assert (source_label("strong"), source_label("hevy")) == ("Strong", "Hevy")


def test_a_refused_file_says_why() -> None:
    too_large = [{"errors": [{"code": "file-too-large"}]}]
    assert logic.rejection_words(too_large) == (
        "This file is larger than 16 MB, the most FitLedger imports at once."
    )
    assert "Strong или Hevy" in logic.rejection_words([{"errors": [{"code": "x"}]}], "ru")
