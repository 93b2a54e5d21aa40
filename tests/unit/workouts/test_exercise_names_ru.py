"""Russian names of the free-exercise-db catalog (data/free_exercise_db_names_ru.csv): every
exercise has one, the shipped table is what the curated names and the glossary give, and the
glossary writes Russian word order."""

from __future__ import annotations

import csv
import json
import re

from reference_data import EXERCISES_SAMPLE, full_dataset

from backend_services.workouts.exercise_names_ru import (
    NAMES_FILE,
    build,
    compose,
    free_exercise_db_names_ru,
    read_curated,
)
from backend_services.workouts.importers.free_exercise_db import to_document

CYRILLIC = re.compile("[\u0400-\u04ff]")


def _shipped_rows() -> list[dict[str, str]]:
    with NAMES_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def test_every_exercise_of_the_full_catalog_has_a_russian_name() -> None:
    exercises = json.loads(full_dataset("EXERCISES_FILE").read_text(encoding="utf-8"))
    names = free_exercise_db_names_ru()
    assert len(exercises) == len(names) == 873
    missing = [e["id"] for e in exercises if not CYRILLIC.search(names.get(e["id"], ""))]
    assert missing == []


def test_the_shipped_table_is_the_curated_names_and_the_glossary() -> None:
    exercises = json.loads(full_dataset("EXERCISES_FILE").read_text(encoding="utf-8"))
    assert build(exercises, read_curated()) == _shipped_rows()


def test_imported_exercises_carry_their_russian_name() -> None:
    for raw in json.loads(EXERCISES_SAMPLE.read_text(encoding="utf-8")):
        assert CYRILLIC.search(to_document(raw)["names"]["ru"]), raw["id"]


def test_the_glossary_puts_the_movement_first_and_the_implement_in_its_case() -> None:
    def ru(name: str, **fields: object) -> str:
        return compose({"name": name, **fields})

    assert ru("Incline Dumbbell Flyes") == "Разведение гантелей лёжа на наклонной скамье"
    assert ru("Seated Barbell Military Press") == "Армейский жим штанги сидя"
    assert ru("One-Arm Kettlebell Row") == "Тяга гири одной рукой"
    assert ru("Dumbbell Step Ups") == "Зашагивания на платформу с гантелями"
    assert ru("Cable Seated Lateral Raise") == "Махи на блоке в стороны сидя"
    assert ru("Quadriceps-SMR", primaryMuscles=["quadriceps"]) == (
        "МФР: квадрицепсов на массажном ролике"
    )
