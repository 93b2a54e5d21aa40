"""The diary-import page: the client reads the nutrition service's answers, the review rows
offer the suggestions, the stated energy or leaving a row out, and become the decisions the
import takes; counts in words, in English and Russian."""

from __future__ import annotations

import datetime as dt

from reference_data import CRONOMETER_SUMMARY

from app.api.diary_imports import DiaryImport
from app.state import diary_import_logic as logic

OATS = {
    "key": "cronometer:aa11",
    "line": 9,
    "date": "2026-03-03",
    "meal_type": "breakfast",
    "name": "Oats, Rolled, Dry",
    "amount": "40.00 g",
    "stated": {"energy_kcal": 151.6, "protein_g": 5.3, "fat_g": 2.6, "carbohydrate_g": 27.1},
    "status": "review",
    "match": None,
    "suggestions": [
        {
            "food_id": 8120,
            "name": "Cereals, oats, regular and quick, not fortified, dry",
            "brand": None,
            "grams": 40.0,
            "grams_from": "amount",
            "energy_kcal": 151.6,
            "name_score": 0.571,
            "nutrient_score": 0.997,
            "score": 0.784,
        },
        {
            "food_id": 9001,
            "name": "Water",
            "brand": None,
            "grams": None,
            "grams_from": None,
            "energy_kcal": None,
            "name_score": 0.0,
            "nutrient_score": 0.0,
            "score": 0.0,
        },
    ],
}
BANANA = {
    **OATS,
    "key": "cronometer:bb22",
    "line": 2,
    "date": "2026-03-02",
    "name": "Bananas, raw",
    "amount": "1.00 medium - 118g",
    "status": "matched",
    "match": {
        **OATS["suggestions"][0],
        "food_id": 1,
        "name": "Bananas, raw",
        "grams": 118.0,
        "energy_kcal": 105.0,
        "score": 1.0,
    },
    "suggestions": [],
}
JOB = {
    "id": "5d1c",
    "source": "cronometer",
    "file_name": "servings.csv",
    "status": "review",
    "created_at": "2026-12-01T10:00:00Z",
    "imported_at": None,
    "summary": CRONOMETER_SUMMARY,
    "review": [OATS],
    "matched": [BANANA],
    "rejected": [{"line": 10, "reason": "Energy (kcal): not a number: 'lots'"}],
    "report": None,
}


def test_the_client_reads_an_import() -> None:
    job = DiaryImport.from_json(JOB)
    assert (job.id, job.source, job.status, job.report) == ("5d1c", "cronometer", "review", None)
    (oats,) = job.review
    assert (oats.date, oats.stated_kcal, len(oats.suggestions)) == (dt.date(2026, 3, 3), 151.6, 2)
    assert job.matched[0].match is not None and job.matched[0].match.grams == 118.0
    assert job.rejected == ((10, "Energy (kcal): not a number: 'lots'"),)
    done = DiaryImport.from_json({**JOB, "status": "imported", "report": {"imported": 7}})
    assert done.report == {"imported": 7}


def test_a_review_row_offers_the_stated_energy_its_suggestions_and_leaving_it_out() -> None:
    (row,) = logic.review_rows(DiaryImport.from_json(JOB))
    assert row.name == "Oats, Rolled, Dry"
    assert row.when == "Tue 3 Mar 2026 · Breakfast"
    assert row.amount == "40.00 g · 152 kcal"
    assert [o.value for o in row.options] == ["stated", "food:8120", "skip"]  # water: no grams
    assert row.options[0].label == "Keep as in the file: 152 kcal"
    assert row.options[1].label == (
        "Cereals, oats, regular and quick, not fortified, dry — 40 g, 152 kcal (78% alike)"
    )
    assert row.choice == "stated"


def test_choices_become_the_decisions_the_import_takes() -> None:
    rows = logic.review_rows(DiaryImport.from_json(JOB))
    assert logic.decisions(rows) == [{"key": "cronometer:aa11", "action": "stated"}]
    picked = logic.chosen(rows, "cronometer:aa11", "food:8120")
    assert logic.decisions(picked) == [
        {"key": "cronometer:aa11", "action": "food", "food_id": 8120}
    ]
    assert logic.decisions(logic.chosen(picked, "cronometer:aa11", "skip"))[0]["action"] == "skip"
    # a value the row does not offer changes nothing
    assert logic.chosen(picked, "cronometer:aa11", "food:9001")[0].choice == "food:8120"


def test_matched_rows_say_which_food_and_how_much() -> None:
    (row,) = logic.matched_rows(DiaryImport.from_json(JOB))
    assert row.food == "Bananas, raw · 118 g · 105 kcal"


def test_summary_and_report_in_words() -> None:
    job = DiaryImport.from_json(JOB)
    summary = {line.id: (line.label, line.count) for line in logic.summary_lines(job)}
    assert summary["diary-summary-review"] == ("To review", "2")
    assert "diary-summary-stated" not in summary  # none: not shown
    report = {
        "days": 2,
        "meals": 5,
        "imported": 7,
        "matched": 6,
        "stated": 1,
        "skipped": 1,
        "already_imported": 0,
        "unmatched": 0,
        "rejected": 1,
    }
    lines = {line.id: line.count for line in logic.report_lines(report)}
    assert (lines["diary-report-imported"], lines["diary-report-skipped"]) == ("7", "1")
    assert logic.rejected_words(job.rejected) == ["Line 10: Energy (kcal): not a number: 'lots'"]


def test_russian() -> None:
    (row,) = logic.review_rows(DiaryImport.from_json(JOB), "ru")
    assert row.options[0].label == "Как в файле: 152 ккал"
    assert row.when.endswith("Завтрак")
    assert "сходство 78%" in row.options[1].label
    assert logic.file_refusal("empty_file", "ru") == "Файл пуст."
    assert logic.file_refusal("conflict", "ru") is None
    assert "1,9 МБ" in logic.rejection_words([{"errors": [{"code": "file-too-large"}]}], "ru")
