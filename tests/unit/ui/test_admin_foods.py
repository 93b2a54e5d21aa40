"""What the food-database admin page shows, from the typed API answers (no I/O): each
source's counts and last run, flagged foods with their reasons, reported foods, the reason
sent when hiding."""

from __future__ import annotations

import datetime as dt

from app.api.admin import AdminFood, ImportedSource, ImportRun
from app.pages.admin.foods import describe_report, fix_body, food_rows, hide_reason, source_rows

AT = dt.datetime(2026, 12, 1, 13, 5, tzinfo=dt.UTC)

FLAGGED = {
    "id": 7,
    "name": "Apples, raw",
    "brand": None,
    "source": "usda-sr28",
    "source_id": "09003",
    "licence": "US public domain",
    "private": False,
    "hidden": True,
    "hidden_reason": "Quality flags: energy far off",
    "corrected_at": None,
    "quality_flags": [
        {"flag": "energy_mismatch", "reason": "52 kcal stated, 71 kcal from the macronutrients"},
        {"flag": "energy_derived", "reason": ""},
    ],
    "nutrients_per_100g": {"energy_kcal": 52.0},
    "open_reports": 1,
    "reports": [{"id": 1, "user_id": "u", "reason": "Too low", "created_at": AT.isoformat()}],
}


def test_a_food_from_the_api_keeps_its_flags_reasons_and_reports() -> None:
    food = AdminFood.from_json(FLAGGED)
    assert food.flags[0] == ("energy_mismatch", "52 kcal stated, 71 kcal from the macronutrients")
    assert food.energy_kcal == 52.0
    assert food.reports[0].created_at == AT
    [row] = food_rows((food,))
    assert row.flags == ["52 kcal stated, 71 kcal from the macronutrients", "energy derived"]
    assert row.detail == "usda-sr28 · US public domain · 52 kcal/100 g · #7"
    assert row.hidden and row.hidden_reason == "Quality flags: energy far off"
    assert row.reports == ["2026-12-01 13:05 UTC: Too low"]


def test_a_food_with_missing_fields_still_reads() -> None:
    [row] = food_rows((AdminFood.from_json({"id": 3, "name": "X"}),))
    assert row.flags == [] and row.reports == [] and not row.hidden
    assert "energy unknown" in row.detail


def test_a_source_shows_its_counts_and_last_run_with_its_report() -> None:
    run = ImportRun(
        "usda-sr28",
        ("US public domain",),
        "sr28.zip",
        "succeeded",
        AT,
        8000,
        10,
        3,
        {"rejected": {"no_name": 3}, "flagged": {"energy_mismatch": 120}, "kept_corrected": 1},
        None,
    )
    sr28 = ImportedSource("usda-sr28", ("US public domain",), 8789, 0, 128, run)
    users = ImportedSource("user", (), 12, 1, 0, None)
    old = ImportedSource("fdc", ("CC0",), 5, 0, 0, None)
    first, mine, before = source_rows((sr28, users, old))
    assert first.counts == "8789 foods · 128 flagged · 0 hidden"
    assert first.last_import == (
        "succeeded 2026-12-01 13:05 UTC from sr28.zip: 8000 new, 10 updated, 3 rejected"
    )
    assert first.report == "rejected: 3 no name; flagged: 120 energy mismatch; kept corrected: 1"
    assert mine.licences == "—" and mine.last_import.startswith("Created by users")
    assert before.last_import == "No import run recorded."


def test_a_failed_run_shows_its_error_and_an_empty_report_nothing() -> None:
    assert describe_report({}) == ""
    failed = ImportRun("off", (), "off.tsv", "failed", AT, 0, 0, 0, {}, "file truncated")
    [row] = source_rows((ImportedSource("off", ("ODbL",), 0, 0, 0, failed),))
    assert row.report == "file truncated"


def test_hiding_gives_the_flags_as_the_reason_within_the_services_limit() -> None:
    assert hide_reason(["a", "b"]) == "Quality flags: a; b"
    assert hide_reason([]) == "Hidden by an admin."
    assert len(hide_reason(["x" * 2000])) == 1000


def test_the_correction_form_starts_from_the_foods_values() -> None:
    food = AdminFood.from_json(
        {**FLAGGED, "nutrients_per_100g": {"energy_kcal": 52.0, "protein_g": 0.26, "fat_g": None}}
    )
    [row] = food_rows((food,))
    assert row.values == {
        "energy_kcal": "52",
        "protein_g": "0.26",
        "fat_g": "",
        "carbohydrate_g": "",
    }


def test_the_correction_form_sends_the_boxes_filled_and_keeps_the_empty_ones() -> None:
    body, errors = fix_body(
        {"name": " Apples, raw ", "energy_kcal": "71", "protein_g": "0,3", "fat_g": ""}
    )
    assert errors == {}
    assert body == {"name": "Apples, raw", "energy_kcal": 71.0, "protein_g": 0.3}


def test_the_correction_form_refuses_what_is_not_a_value_and_sends_nothing() -> None:
    body, errors = fix_body({"name": "", "energy_kcal": "lots", "fat_g": "-1"}, "ru")
    assert body == {}
    assert errors == {
        "name": "У продукта должно быть название.",
        "energy_kcal": "Введите число не меньше 0.",
        "fat_g": "Введите число не меньше 0.",
    }
