"""Exercise search in Russian over the whole catalog (built-in + every free-exercise-db
exercise with its Russian name) on the MongoDB wire server: typical queries of Russian gym
goers find the right exercise first, English queries keep working, and "ё" need not be typed."""

from __future__ import annotations

import pytest
from reference_data import full_dataset

from backend_services.workouts.importers.free_exercise_db import import_free_exercise_db
from backend_services.workouts.repository import WorkoutsRepository
from backend_services.workouts.service import WorkoutService

# query -> the exercises that are the right first answer (the built-in one and its
# free-exercise-db twin where both exist)
EXPECTED_FIRST = {
    "жим лёжа": {"builtin:barbell-bench-press", "fedb:Barbell_Bench_Press_-_Medium_Grip"},
    "жим лежа": {"builtin:barbell-bench-press", "fedb:Barbell_Bench_Press_-_Medium_Grip"},
    "жим штанги лёжа": {"builtin:barbell-bench-press", "fedb:Barbell_Bench_Press_-_Medium_Grip"},
    "жим гантелей лёжа": {"fedb:Dumbbell_Bench_Press"},
    "приседания со штангой": {"builtin:barbell-back-squat", "fedb:Barbell_Squat"},
    "фронтальные приседания": {"fedb:Front_Barbell_Squat"},
    "становая тяга": {"builtin:barbell-deadlift", "fedb:Barbell_Deadlift"},
    "становая тяга сумо": {"fedb:Sumo_Deadlift"},
    "румынская тяга": {"builtin:romanian-deadlift", "fedb:Romanian_Deadlift"},
    "подтягивания": {"builtin:pull-up", "fedb:Pullups"},
    "отжимания": {"builtin:push-up", "fedb:Pushups"},
    "отжимания на брусьях": {"fedb:Parallel_Bar_Dip"},
    "тяга верхнего блока": {"builtin:lat-pulldown", "fedb:Wide-Grip_Lat_Pulldown"},
    "тяга штанги в наклоне": {"builtin:barbell-row", "fedb:Bent_Over_Barbell_Row"},
    "жим ногами": {"builtin:leg-press", "fedb:Leg_Press"},
    "выпады с гантелями": {"builtin:dumbbell-lunge", "fedb:Dumbbell_Lunges"},
    "армейский жим стоя": {"fedb:Standing_Military_Press"},
    "жим арнольда": {"fedb:Arnold_Dumbbell_Press"},
    "французский жим": {"fedb:Lying_Triceps_Press"},
    "подъём штанги на бицепс": {"fedb:Barbell_Curl"},
    "молотки": {"fedb:Hammer_Curls"},
    "разведение гантелей": {"fedb:Dumbbell_Flyes"},
    "сгибания ног лёжа": {"fedb:Lying_Leg_Curls"},
    "разгибания ног": {"fedb:Leg_Extensions"},
    "гиперэкстензия": {"fedb:Hyperextensions_Back_Extensions"},
    "скручивания": {"fedb:Crunches"},
    "русские скручивания": {"fedb:Russian_Twist"},
    "планка": {"builtin:plank", "fedb:Plank"},
    "махи гирей": {"builtin:kettlebell-swing"},
    "гоблет": {"fedb:Goblet_Squat"},
    "прогулка фермера": {"fedb:Farmers_Walk"},
    "рывок": {"fedb:Snatch"},
    "велотренажёр": {"builtin:stationary-bike", "fedb:Bicycling_Stationary"},
    "гребной тренажёр": {"builtin:rowing-machine", "fedb:Rowing_Stationary"},
    "бег": {"builtin:running"},
    # English keeps working over the same catalog
    "bench press": {"builtin:barbell-bench-press"},
    "squat": {"builtin:barbell-back-squat", "fedb:Barbell_Squat"},
    "deadlift": {"builtin:barbell-deadlift", "fedb:Barbell_Deadlift"},
}


@pytest.fixture
def catalog(repo: WorkoutsRepository) -> WorkoutService:
    report = import_free_exercise_db(repo, full_dataset("EXERCISES_FILE"))
    assert (report.inserted, report.rejected) == (873, [])
    return WorkoutService(repo)


def test_typical_russian_queries_find_the_right_exercise_first(catalog: WorkoutService) -> None:
    wrong = {}
    for query, expected in EXPECTED_FIRST.items():
        found = catalog.search_exercises("u-ru", query, None, None, None, None, 5)
        first = found[0]["_id"] if found else None
        if first not in expected:
            wrong[query] = [(d["_id"], (d.get("names") or {}).get("ru")) for d in found[:3]]
    assert wrong == {}, wrong
    assert sum(any("\u0400" <= c <= "\u04ff" for c in q) for q in EXPECTED_FIRST) >= 20
