"""Which of our exercises an imported exercise name (Strong's, Hevy's) is, and why.

Deterministic and explainable, first rule that answers wins:

1. ``yours``: the user mapped this name before (in an earlier import's review);
2. ``name``: the same words as one of our names, the app's qualifier included: "Bench Press
   (Barbell)" is "Barbell Bench Press"; a catalog name without its equipment counts it as a
   word ("Overhead Press (Barbell)" is our barbell "Overhead Press");
3. ``alias``: a name the apps use for one of the built-in exercises (``ALIASES``);
4. ``words``: every word of the name is one of the exercise's and their Dice score,
   2|A∩B| / (|A|+|B|), is at least ``AUTO_MATCH`` with no other exercise scoring as much
   ("Back Squat" is "Barbell Back Squat"). A word of its own ("Incline", "Dumbbell" against a
   barbell exercise) means another exercise: suggested, never matched.

Words are lower-cased, singular ("squats" -> "squat") and spelled one way ("db" ->
"dumbbell", "pullup" -> "pull up"). A name no rule matches is unmatched, with up to
``SUGGESTIONS`` exercises scoring at least ``SUGGEST_FROM`` that share a word other than the
equipment, best first (ties: built-in before imported catalog entries, then by name).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

AUTO_MATCH = 0.8
SUGGEST_FROM = 0.34
SUGGESTIONS = 3

_WORD = re.compile(r"[^\W_]+")
_SPELLINGS = {
    "db": "dumbbell",
    "bb": "barbell",
    "kb": "kettlebell",
    "pullup": "pull up",
    "pushup": "push up",
    "chinup": "chin up",
    "situp": "sit up",
    "ohp": "overhead press",
    "rdl": "romanian deadlift",
    "body": "bodyweight",  # free-exercise-db's equipment "body only"
    "only": "",
}
# Words that never tell two exercises apart.
_FILLER = frozenset({"the", "with", "on", "and", "a", "of", "to", "other", "none"})
# Words that say what it is done with, not what is done: alone they suggest nothing.
EQUIPMENT = frozenset(
    {"barbell", "dumbbell", "cable", "machine", "kettlebell", "bodyweight", "band", "smith",
     "bar", "straight", "rope", "ez", "plate", "weighted", "assisted"}
)  # fmt: skip

# Names Strong and Hevy use for the built-in exercises (their exercise lists, November 2026),
# where the words alone do not meet (a qualifier our name lacks, another word for it).
ALIASES: dict[str, tuple[str, ...]] = {
    "builtin:barbell-back-squat": ("Squat (Barbell)", "Back Squat (Barbell)", "Full Squat"),
    "builtin:barbell-bench-press": ("Bench Press", "Flat Bench Press (Barbell)"),
    "builtin:barbell-deadlift": ("Deadlift", "Conventional Deadlift (Barbell)"),
    "builtin:overhead-press": (
        "Military Press (Barbell)",
        "Strict Military Press (Barbell)",
        "Shoulder Press (Barbell)",
        "Standing Overhead Press",
    ),
    "builtin:barbell-row": ("Bent Over Row (Barbell)", "Pendlay Row (Barbell)"),
    "builtin:pull-up": ("Pull Up (Bodyweight)", "Pull Up (Weighted)", "Pullups"),
    "builtin:push-up": ("Push Up (Bodyweight)", "Pushups"),
    "builtin:dumbbell-lunge": ("Walking Lunge (Dumbbell)", "Lunge"),
    "builtin:romanian-deadlift": ("Romanian Deadlift (Barbell)", "RDL (Barbell)"),
    "builtin:lat-pulldown": ("Lat Pulldown (Cable)", "Lat Pulldown (Machine)"),
    "builtin:leg-press": ("Leg Press (Machine)", "Leg Press Horizontal (Machine)"),
    "builtin:dumbbell-curl": ("Bicep Curl (Dumbbell)", "Biceps Curl (Dumbbell)", "Curl"),
    "builtin:triceps-pushdown": (
        "Triceps Pushdown (Cable - Straight Bar)",
        "Triceps Pushdown (Cable - Rope)",
        "Triceps Rope Pushdown",
        "Tricep Pushdown (Cable)",
    ),
    "builtin:kettlebell-swing": ("Kettlebell Swing (Kettlebell)", "Russian Kettlebell Swing"),
    "builtin:running": ("Running (Treadmill)", "Treadmill", "Running (Outdoor)", "Run"),
    "builtin:walking": ("Walking (Treadmill)", "Walk"),
    "builtin:cycling": ("Cycling (Outdoor)", "Bike"),
    "builtin:stationary-bike": ("Cycling (Indoor)", "Cycling (Stationary)", "Spinning"),
    "builtin:elliptical": ("Elliptical Machine", "Elliptical"),
    "builtin:stair-climber": ("Stair Machine", "Stairmaster", "Stair Stepper"),
    "builtin:rowing-machine": ("Rowing (Machine)", "Rowing", "Rower"),
    "builtin:jump-rope": ("Skipping", "Jump Rope (Bodyweight)"),
    "builtin:swimming": ("Swimming", "Swim"),
    "builtin:yoga": ("Yoga",),
}


def words(name: str) -> tuple[str, ...]:
    """The name's words as matching sees them: a qualifier in brackets first ("Bench Press
    (Barbell)" -> barbell bench press), lower-cased, one spelling, singular."""
    qualifiers = " ".join(re.findall(r"\(([^)]*)\)", name))
    main = re.sub(r"\([^)]*\)", " ", name)
    found: list[str] = []
    for raw in _WORD.findall(f"{qualifiers} {main}".lower()):
        for word in _SPELLINGS.get(raw, raw).split():
            word = _singular(word)
            if word and word not in _FILLER and word not in found:
                found.append(word)
    return tuple(found)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us")):
        return word[:-1]
    return word


def dice(a: Iterable[str], b: Iterable[str]) -> float:
    first, second = set(a), set(b)
    if not first or not second:
        return 0.0
    return round(2 * len(first & second) / (len(first) + len(second)), 3)


@dataclass(frozen=True)
class Candidate:
    """One of our exercises as matching sees it."""

    id: str
    name: str
    words: frozenset[str]
    # the name's words and its equipment ("Overhead Press" + barbell)
    words_with_equipment: frozenset[str]
    builtin: bool

    @classmethod
    def of(cls, doc: Mapping[str, Any]) -> Candidate:
        own = frozenset(words(doc["name"]))
        equipment = frozenset(words(doc.get("equipment") or ""))
        return cls(doc["_id"], doc["name"], own, own | equipment, doc.get("source") == "builtin")

    def score(self, imported: frozenset[str]) -> float:
        return max(dice(imported, self.words), dice(imported, self.words_with_equipment))


@dataclass(frozen=True)
class Match:
    name: str  # as the app wrote it
    exercise_id: str
    exercise_name: str
    method: str  # yours | name | alias | words
    score: float


@dataclass(frozen=True)
class Suggestion:
    exercise_id: str
    name: str
    score: float


@dataclass(frozen=True)
class Unmatched:
    name: str
    suggestions: tuple[Suggestion, ...]


class ExerciseMatcher:
    """Matches names against a catalog (built-in, imported and the user's own exercises) and
    the user's earlier choices (normalised name -> exercise id)."""

    def __init__(
        self, catalog: Iterable[Mapping[str, Any]], remembered: Mapping[str, str] | None = None
    ):
        self.candidates = sorted(
            (Candidate.of(doc) for doc in catalog), key=lambda c: (not c.builtin, c.name, c.id)
        )
        self.by_id = {c.id: c for c in self.candidates}
        self.remembered = {k: v for k, v in (remembered or {}).items() if v in self.by_id}
        self.aliases = {
            key(alias): exercise_id
            for exercise_id, names in ALIASES.items()
            if exercise_id in self.by_id
            for alias in names
        }

    def match(self, name: str) -> Match | Unmatched:
        chosen = self.remembered.get(key(name))
        if chosen is not None:
            return self._match(name, chosen, "yours", 1.0)
        imported = frozenset(words(name))
        if not imported:
            return Unmatched(name, ())
        for c in self.candidates:
            if imported in (c.words, c.words_with_equipment):
                return self._match(name, c.id, "name", 1.0)
        alias = self.aliases.get(key(name))
        if alias is not None:
            return self._match(name, alias, "alias", 1.0)
        scored = sorted(
            ((c.score(imported), n, c) for n, c in enumerate(self.candidates)),
            key=lambda item: (-item[0], item[1]),
        )
        if scored:
            score, _, best = scored[0]
            runner_up = scored[1][0] if len(scored) > 1 else 0.0
            if score >= AUTO_MATCH and score > runner_up and imported <= best.words_with_equipment:
                return self._match(name, best.id, "words", score)
        movement = imported - EQUIPMENT
        suggested = (
            Suggestion(c.id, c.name, score)
            for score, _, c in scored
            if score >= SUGGEST_FROM and movement & c.words
        )
        return Unmatched(name, tuple(itertools.islice(suggested, SUGGESTIONS)))

    def match_all(self, names: Iterable[str]) -> tuple[list[Match], list[Unmatched]]:
        matched: list[Match] = []
        unmatched: list[Unmatched] = []
        for name in dict.fromkeys(names):
            found = self.match(name)
            if isinstance(found, Match):
                matched.append(found)
            else:
                unmatched.append(found)
        return matched, unmatched

    def _match(self, name: str, exercise_id: str, method: str, score: float) -> Match:
        return Match(name, exercise_id, self.by_id[exercise_id].name, method, score)


def key(name: str) -> str:
    """The order-free form of a name a remembered choice or an alias is stored under."""
    return " ".join(sorted(words(name))) or name.strip().lower()
