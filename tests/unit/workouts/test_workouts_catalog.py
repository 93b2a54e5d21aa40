"""The built-in catalog's Compendium codes against the published table; free-exercise-db
mapping and the search keys."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from reference_data import COMPENDIUM_SAMPLE, EXERCISES_SAMPLE, full_dataset

from backend_services.workouts.catalog import (
    ALL_METS,
    BUILTIN_EXERCISES,
    exercise_document,
    russian_names,
)
from backend_services.workouts.importers.free_exercise_db import met_for, to_document
from backend_services.workouts.repository import search_keys, search_name


def read_compendium(path: Path) -> dict[str, float]:
    with path.open(encoding="utf-8") as f:
        return {
            row["code_2011"]: float(row["met_2011"]) for row in csv.DictReader(f) if row["met_2011"]
        }


@pytest.fixture(
    scope="module",
    params=["sample", "full"],
    ids=["compendium-sample", "compendium-full"],
)
def compendium(request: pytest.FixtureRequest) -> dict[str, float]:
    """The published rows of the catalog's codes (sample), or the whole 2011 table."""
    if request.param == "sample":
        return read_compendium(COMPENDIUM_SAMPLE)
    return read_compendium(full_dataset("MET_COMPENDIUM_FILE"))


def test_every_catalog_met_matches_the_2011_compendium(compendium: dict[str, float]) -> None:
    assert len(ALL_METS) > 30
    for met in ALL_METS:
        assert compendium.get(met.code) == met.value, met


def test_domain_md_reference_values(compendium: dict[str, float]) -> None:
    for code, value in {"12050": 9.8, "17190": 3.5, "01015": 7.5, "02050": 6.0}.items():
        assert compendium[code] == value


def test_builtin_ids_are_unique_and_sports_have_intensities() -> None:
    ids = [e.id for e in BUILTIN_EXERCISES]
    assert len(ids) == len(set(ids))
    tennis = next(e for e in BUILTIN_EXERCISES if e.id == "builtin:tennis")
    assert tennis.met_by_intensity["vigorous"].code == "15690"


def test_free_exercise_db_maps_every_record() -> None:
    data = json.loads(full_dataset("EXERCISES_FILE").read_text())
    docs = [to_document(raw) for raw in data]
    assert len(docs) == 873
    assert {d["_id"] for d in docs} >= {d["_id"] for d in sample_documents()}


def sample_documents() -> list[dict]:
    return [to_document(raw) for raw in json.loads(EXERCISES_SAMPLE.read_text())]


def test_free_exercise_db_sample_maps_kinds_and_mets() -> None:
    data = json.loads(EXERCISES_SAMPLE.read_text())
    docs = sample_documents()
    assert len(docs) == 26
    by_id = {d["_id"]: d for d in docs}
    assert by_id["fedb:Barbell_Squat"]["met"]["code"] == "02054"
    treadmill = next(r for r in data if r["name"] == "Running, Treadmill")
    assert met_for(treadmill).code == "12050"
    assert by_id["fedb:Plank"]["kind"] == "strength"


@pytest.mark.parametrize("bad", [[], {"id": "$ne", "name": "x"}, {"id": "ok", "name": ""}])
def test_free_exercise_db_rejects_bad_records(bad: object) -> None:
    with pytest.raises(ValueError):
        to_document(bad)


def test_search_keys_make_substrings_prefixes() -> None:
    keys = search_keys("Barbell Bench-Press")
    assert {"barbell", "bench", "press", "ench", "ress"} <= set(keys)
    assert all(len(k) >= 2 for k in keys)


def test_every_builtin_exercise_has_a_russian_name_that_is_searchable() -> None:
    names = russian_names()
    assert set(names) == {ex.id for ex in BUILTIN_EXERCISES}
    bench = next(ex for ex in BUILTIN_EXERCISES if ex.id == "builtin:barbell-bench-press")
    doc = exercise_document(bench)
    keys = set(search_keys(doc["name"], *doc["names"].values()))
    # Russian words, their substrings, and "ё" folded to its undotted letter
    assert {"bench", "жим", "штанги", "лежа", "анги"} <= keys
    assert search_name("Жим штанги лёжа") == "жим штанги лежа"
