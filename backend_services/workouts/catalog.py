"""Built-in exercises and activities, each with its Compendium 2011 code and MET value.

MET values: Ainsworth BE et al., 2011 Compendium of Physical Activities: a second update of
codes and MET values, Med Sci Sports Exerc 2011;43(8):1575-81. A unit test checks every code
and value here against the published table (its rows in tests/fixtures/exercises/, the whole
table from MET_COMPENDIUM_FILE).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

MET_EDITION = "Compendium 2011"


@dataclass(frozen=True)
class Met:
    code: str
    value: float
    description: str
    edition: str = MET_EDITION

    def as_doc(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "value": self.value,
            "description": self.description,
            "edition": self.edition,
        }


# The codes the product uses (value and wording from the 2011 table).
RESISTANCE_MODERATE = Met("02054", 3.5, "resistance training, 8-15 repetitions")
RESISTANCE_VIGOROUS = Met("02050", 6.0, "resistance training, power lifting or body building")
SQUATS = Met("02052", 5.0, "resistance training, squats, slow or explosive effort")
CALISTHENICS_VIGOROUS = Met("02020", 8.0, "calisthenics, vigorous effort")
CALISTHENICS_MODERATE = Met("02030", 3.5, "calisthenics, light or moderate effort")
CIRCUIT_TRAINING = Met("02040", 8.0, "circuit training, vigorous intensity")
STRETCHING = Met("02101", 2.3, "stretching, mild")
HATHA_YOGA = Met("02150", 2.5, "yoga, Hatha")
PILATES = Met("02105", 3.0, "pilates, general")
BICYCLING = Met("01015", 7.5, "bicycling, general")
BICYCLING_MODERATE = Met("01030", 8.0, "bicycling, 12-13.9 mph, moderate effort")
STATIONARY_BIKE = Met("02010", 7.0, "bicycling, stationary, general")
ELLIPTICAL = Met("02048", 5.0, "elliptical trainer, moderate effort")
STAIR_TREADMILL = Met("02065", 9.0, "stair-treadmill ergometer, general")
ROWING_MACHINE = Met("02071", 4.8, "rowing, stationary, general, moderate effort")
ROPE_SKIPPING = Met("02068", 11.0, "rope skipping, general")
JOGGING = Met("12020", 7.0, "jogging, general")
RUNNING_5MPH = Met("12030", 8.3, "running, 5 mph (12 min/mile)")
RUNNING_6MPH = Met("12050", 9.8, "running, 6 mph (10 min/mile)")
WALKING = Met("17190", 3.5, "walking, 2.8-3.2 mph, moderate pace")
WALKING_BRISK = Met("17200", 4.3, "walking, 3.5 mph, brisk")
HIKING = Met("17080", 6.0, "hiking, cross country")
SWIMMING_SLOW = Met("18240", 5.8, "swimming laps, freestyle, slow, light or moderate effort")
SWIMMING_FAST = Met("18230", 9.8, "swimming laps, freestyle, fast, vigorous effort")
SKIING = Met("19075", 7.0, "skiing, general")
MARTIAL_ARTS = Met("15430", 10.3, "martial arts, moderate pace")
BASKETBALL = Met("15055", 6.5, "basketball, general")
BASKETBALL_NON_GAME = Met("15050", 6.0, "basketball, non-game, general")
SOCCER_CASUAL = Met("15610", 7.0, "soccer, casual, general")
SOCCER_COMPETITIVE = Met("15605", 10.0, "soccer, competitive")
TENNIS = Met("15675", 7.3, "tennis, general")
TENNIS_DOUBLES = Met("15685", 4.5, "tennis, doubles")
TENNIS_SINGLES = Met("15690", 8.0, "tennis, singles")
VOLLEYBALL = Met("15710", 4.0, "volleyball")
VOLLEYBALL_COMPETITIVE = Met("15711", 6.0, "volleyball, competitive, in gymnasium")
HEALTH_CLUB = Met("02060", 5.5, "health club exercise, general")

ALL_METS: tuple[Met, ...] = tuple(v for v in dict(globals()).values() if isinstance(v, Met))


@dataclass(frozen=True)
class CatalogExercise:
    id: str
    name: str
    kind: str  # strength | cardio | sport | flexibility
    category: str
    primary_muscles: tuple[str, ...]
    met: Met
    equipment: str | None = None
    secondary_muscles: tuple[str, ...] = ()
    mechanic: str | None = None
    # Sports: the Compendium code that fits each intensity the user may log.
    met_by_intensity: dict[str, Met] = field(default_factory=dict)


def _s(
    slug: str,
    name: str,
    primary: tuple[str, ...],
    equipment: str,
    secondary: tuple[str, ...] = (),
    met: Met = RESISTANCE_MODERATE,
    mechanic: str = "compound",
) -> CatalogExercise:
    return CatalogExercise(
        f"builtin:{slug}",
        name,
        "strength",
        "strength",
        primary,
        met,
        equipment,
        secondary,
        mechanic,
    )


def _c(slug: str, name: str, met: Met, equipment: str | None = None) -> CatalogExercise:
    return CatalogExercise(f"builtin:{slug}", name, "cardio", "cardio", (), met, equipment)


def _sport(slug: str, name: str, met: Met, **by_intensity: Met) -> CatalogExercise:
    return CatalogExercise(
        f"builtin:{slug}", name, "sport", "sport", (), met, None, met_by_intensity=by_intensity
    )


BUILTIN_EXERCISES: tuple[CatalogExercise, ...] = (
    _s("barbell-back-squat", "Barbell Back Squat", ("quadriceps",), "barbell",
       ("glutes", "hamstrings", "lower back"), SQUATS),
    _s("barbell-bench-press", "Barbell Bench Press", ("chest",), "barbell",
       ("shoulders", "triceps")),
    _s("barbell-deadlift", "Barbell Deadlift", ("lower back",), "barbell",
       ("glutes", "hamstrings", "quadriceps", "traps"), RESISTANCE_VIGOROUS),
    _s("overhead-press", "Overhead Press", ("shoulders",), "barbell", ("triceps",)),
    _s("barbell-row", "Barbell Row", ("middle back",), "barbell", ("lats", "biceps")),
    _s("pull-up", "Pull-Up", ("lats",), "body only", ("biceps", "middle back")),
    _s("push-up", "Push-Up", ("chest",), "body only", ("shoulders", "triceps"),
       CALISTHENICS_MODERATE),
    _s("dumbbell-lunge", "Dumbbell Lunge", ("quadriceps",), "dumbbell", ("glutes", "hamstrings")),
    _s("romanian-deadlift", "Romanian Deadlift", ("hamstrings",), "barbell",
       ("glutes", "lower back")),
    _s("lat-pulldown", "Lat Pulldown", ("lats",), "cable", ("biceps",)),
    _s("leg-press", "Leg Press", ("quadriceps",), "machine", ("glutes", "hamstrings")),
    _s("dumbbell-curl", "Dumbbell Biceps Curl", ("biceps",), "dumbbell", ("forearms",),
       mechanic="isolation"),
    _s("triceps-pushdown", "Triceps Pushdown", ("triceps",), "cable", mechanic="isolation"),
    _s("plank", "Plank", ("abdominals",), "body only", (), CALISTHENICS_MODERATE, "isolation"),
    _s("kettlebell-swing", "Kettlebell Swing", ("hamstrings",), "kettlebells",
       ("glutes", "shoulders"), CIRCUIT_TRAINING),
    _c("running", "Running", RUNNING_6MPH),
    _c("jogging", "Jogging", JOGGING),
    _c("walking", "Walking", WALKING),
    _c("brisk-walking", "Brisk Walking", WALKING_BRISK),
    _c("hiking", "Hiking", HIKING),
    _c("cycling", "Cycling", BICYCLING, "bicycle"),
    _c("stationary-bike", "Stationary Bike", STATIONARY_BIKE, "machine"),
    _c("elliptical", "Elliptical Trainer", ELLIPTICAL, "machine"),
    _c("stair-climber", "Stair Climber", STAIR_TREADMILL, "machine"),
    _c("rowing-machine", "Rowing Machine", ROWING_MACHINE, "machine"),
    _c("jump-rope", "Jump Rope", ROPE_SKIPPING, "other"),
    _c("swimming", "Swimming (freestyle)", SWIMMING_SLOW),
    _c("circuit-training", "Circuit Training", CIRCUIT_TRAINING),
    _c("skiing", "Skiing", SKIING),
    _sport("basketball", "Basketball", BASKETBALL, light=BASKETBALL_NON_GAME,
           moderate=BASKETBALL),
    _sport("soccer", "Soccer", SOCCER_CASUAL, moderate=SOCCER_CASUAL,
           vigorous=SOCCER_COMPETITIVE),
    _sport("tennis", "Tennis", TENNIS, light=TENNIS_DOUBLES, moderate=TENNIS,
           vigorous=TENNIS_SINGLES),
    _sport("volleyball", "Volleyball", VOLLEYBALL, moderate=VOLLEYBALL,
           vigorous=VOLLEYBALL_COMPETITIVE),
    _sport("martial-arts", "Martial Arts", MARTIAL_ARTS),
    # A whole strength session as health platforms record it (no lifts, only its time):
    # the Compendium's resistance-training activities, by intensity.
    CatalogExercise("builtin:strength-training", "Strength Training", "sport", "strength", (),
                    RESISTANCE_MODERATE, met_by_intensity={"light": RESISTANCE_MODERATE,
                    "moderate": RESISTANCE_MODERATE, "vigorous": RESISTANCE_VIGOROUS}),
    CatalogExercise("builtin:yoga", "Hatha Yoga", "flexibility", "stretching", (), HATHA_YOGA),
    CatalogExercise("builtin:pilates", "Pilates", "flexibility", "stretching", (), PILATES),
    CatalogExercise("builtin:stretching", "Stretching", "flexibility", "stretching", (),
                    STRETCHING),
)  # fmt: skip


# The built-in exercises' Russian names (curated; the file notes its source).
RUSSIAN_NAMES_FILE = Path(__file__).with_name("data") / "exercise_names_ru.csv"


@cache
def russian_names() -> dict[str, str]:
    with RUSSIAN_NAMES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["id"]: row["ru"] for row in rows}


def exercise_document(ex: CatalogExercise) -> dict[str, Any]:
    """The stored form of a built-in exercise (shared, no owner)."""
    return {
        "_id": ex.id,
        "name": ex.name,
        # the name in other languages, by language code
        "names": {"ru": russian_names()[ex.id]} if ex.id in russian_names() else {},
        "kind": ex.kind,
        "category": ex.category,
        "primary_muscles": list(ex.primary_muscles),
        "secondary_muscles": list(ex.secondary_muscles),
        "equipment": ex.equipment,
        "mechanic": ex.mechanic,
        "met": ex.met.as_doc(),
        "met_by_intensity": {k: m.as_doc() for k, m in ex.met_by_intensity.items()},
        "source": "builtin",
        "owner_id": None,
    }


# free-exercise-db categories -> Compendium code used for calorie estimates.
FREE_EXERCISE_DB_CATEGORY_MET: dict[str, Met] = {
    "strength": RESISTANCE_MODERATE,
    "powerlifting": RESISTANCE_VIGOROUS,
    "olympic weightlifting": RESISTANCE_VIGOROUS,
    "strongman": RESISTANCE_VIGOROUS,
    "plyometrics": CALISTHENICS_VIGOROUS,
    "stretching": STRETCHING,
    "cardio": HEALTH_CLUB,
}
# free-exercise-db's 14 cardio exercises by name keyword (first match wins).
FREE_EXERCISE_DB_CARDIO_MET: tuple[tuple[str, Met], ...] = (
    ("stationary", STATIONARY_BIKE),
    ("recumbent", STATIONARY_BIKE),
    ("bicycling", BICYCLING),
    ("elliptical", ELLIPTICAL),
    ("jogging", JOGGING),
    ("running", RUNNING_6MPH),
    ("walking", WALKING),
    ("rowing", ROWING_MACHINE),
    ("rope jumping", ROPE_SKIPPING),
    ("stairmaster", STAIR_TREADMILL),
    ("step mill", STAIR_TREADMILL),
    ("prowler", CIRCUIT_TRAINING),
)
