"""The datasets tests read: samples in tests/fixtures/, the full datasets from configured paths.

The samples are in the repository, so every test that uses them runs on any clone. A test that
needs a full dataset asks for it with :func:`full_dataset`: the path comes from an environment
variable (``FOOD_DATA_DIR``, ``OFF_FILE``, ``EXERCISES_FILE``, ``MET_COMPENDIUM_FILE``); when it
is not set the test is skipped and says which variable to set. With ``REQUIRE_FULL_DATASETS=1``
(CI sets it, see ``.ci/run``) a missing dataset fails the test instead, so CI cannot pass while
quietly skipping them. ``fitledger data fetch`` downloads the official files.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backend_services.nutrition.importers.sr28_compact import SHIPPED_SR28

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"

# Always there: the SR28 the repository ships (every food, compact form) and the samples.
SR28_SHIPPED = SHIPPED_SR28
SR28_SAMPLE = FIXTURES / "sr28"  # 302 foods in the release's own ASCII layout
OFF_SAMPLE = FIXTURES / "openfoodfacts" / "off_sample.tsv.gz"  # 300 rows, ODbL (README there)
EXERCISES_SAMPLE = FIXTURES / "exercises" / "free_exercise_db_sample.json"  # 26 exercises
COMPENDIUM_SAMPLE = FIXTURES / "exercises" / "compendium_2011_sample.csv"  # the catalog's codes
CRONOMETER_SAMPLE = FIXTURES / "diary_exports" / "cronometer_servings.csv"
# What a diary import makes of the Cronometer sample on the SR28 sample: its line 10 is refused.
CRONOMETER_SUMMARY = {
    "rows": 8,
    "days": 2,
    "matched": 6,
    "review": 2,
    "stated": 0,
    "already_imported": 0,
    "rejected": 1,
}

# variable -> what it points at, and how to get it
FULL_DATASETS = {
    "FOOD_DATA_DIR": "the USDA SR28 release folder; `fitledger data fetch sr28` downloads it",
    "OFF_FILE": "an Open Food Facts export (.tsv/.csv[.gz]); `fitledger data fetch off`",
    "EXERCISES_FILE": "free-exercise-db's exercises.json; `fitledger data fetch exercises`",
    "MET_COMPENDIUM_FILE": "the 2011 Compendium of Physical Activities (code_2011,met_2011,...)"
    " as CSV",
}


def required() -> bool:
    return os.environ.get("REQUIRE_FULL_DATASETS", "") not in ("", "0", "false")


def full_dataset(variable: str) -> Path:
    """The configured path of a full dataset; skips (or, when required, fails) without it."""
    what = FULL_DATASETS[variable]
    value = os.environ.get(variable, "")
    if not value:
        problem = f"{variable} is not set ({what})"
    elif not Path(value).exists():
        problem = f"{variable}={value} does not exist ({what})"
    else:
        return Path(value)
    if required():
        pytest.fail(f"full dataset required (REQUIRE_FULL_DATASETS=1): {problem}")
    pytest.skip(f"full dataset not configured: {problem}")
