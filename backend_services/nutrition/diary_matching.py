"""Matching another app's food names and amounts to our foods: a deterministic score (0-1)
that says why, over the candidates our food search ranked for the name.

score = 0.5 x name + 0.5 x nutrients, where
- name: how many of the row's words the food's name has (3/4 of the weight) and how many of
  the food's words the row has (1/4): "Bananas, raw" for "Banana, Raw" is 1.0;
- nutrients: how closely our food, at the row's grams, gives the energy, protein, fat and
  carbohydrate the app stated (each 1 - |ours - stated| / the larger, with a floor of 20 kcal
  or 2 g so tiny amounts do not swing it), averaged. When the amount names no grams, the
  grams are the ones that give the stated energy, and only the macros are compared.
A row is matched when its best candidate scores at least ``MATCHED``; the others go to review
with the candidates as suggestions. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .domain import quantize
from .importers.diary_rows import DiaryRow

MATCHED = 0.8
NAME_WEIGHT = 0.5
ROW_WORDS_WEIGHT = 0.75
MAX_GRAMS = Decimal(5000)
SUGGESTIONS = 3
COMPARED = {"energy_kcal": 20.0, "protein_g": 2.0, "fat_g": 2.0, "carbohydrate_g": 2.0}
_WORD = re.compile(r"[^\W_]+(?:\.\d+)?%?", re.UNICODE)
_STOP = frozenset({"and", "or", "with", "without", "of", "the", "in", "a", "an", "w"})


@dataclass(frozen=True)
class Candidate:
    """What the score needs of one of our foods (per 100 g)."""

    food_id: int
    name: str
    brand: str | None
    per_100g: Mapping[str, Decimal | None]

    @classmethod
    def from_search(cls, row: Mapping[str, Any]) -> Candidate:
        return cls(
            food_id=int(row["id"]),
            name=row["name"],
            brand=row.get("brand"),
            per_100g={name: _dec(row.get(name)) for name in COMPARED},
        )


@dataclass(frozen=True)
class Scored:
    food_id: int
    name: str
    brand: str | None
    grams: Decimal | None
    grams_from: str | None  # "amount" (the row said it) | "energy" (what gives its energy)
    energy_kcal: float | None  # ours at those grams
    name_score: float
    nutrient_score: float
    score: float

    def to_json(self) -> dict[str, Any]:
        return {
            "food_id": self.food_id,
            "name": self.name,
            "brand": self.brand,
            "grams": None if self.grams is None else float(self.grams),
            "grams_from": self.grams_from,
            "energy_kcal": self.energy_kcal,
            "name_score": self.name_score,
            "nutrient_score": self.nutrient_score,
            "score": self.score,
        }


def words(name: str) -> set[str]:
    """Lower-cased words without stop words, plurals folded: "Bananas" and "banana" agree."""
    out = set()
    for word in _WORD.findall(name.lower()):
        if word in _STOP:
            continue
        if len(word) > 3 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.add(word)
    return out


def name_score(row_name: str, food_name: str) -> float:
    ours, theirs = words(food_name), words(row_name)
    if not ours or not theirs:
        return 0.0
    shared = len(ours & theirs)
    return round(
        ROW_WORDS_WEIGHT * shared / len(theirs) + (1 - ROW_WORDS_WEIGHT) * shared / len(ours), 3
    )


def grams_for(row: DiaryRow, food: Candidate) -> tuple[Decimal | None, str | None]:
    if row.grams is not None:
        return row.grams, "amount"
    per_100 = food.per_100g.get("energy_kcal")
    stated = row.stated.energy_kcal
    if per_100 and stated:
        grams = quantize(stated / per_100 * 100)
        if 0 < grams <= MAX_GRAMS:
            return grams, "energy"
    return None, None


def nutrient_score(
    row: DiaryRow, food: Candidate, grams: Decimal | None, grams_from: str | None
) -> float:
    if grams is None:
        return 0.0
    agreements = []
    for name, floor in COMPARED.items():
        if name == "energy_kcal" and grams_from == "energy":
            continue  # the grams were chosen to give it
        stated, per_100 = getattr(row.stated, name), food.per_100g.get(name)
        if stated is None or per_100 is None:
            continue
        ours = float(per_100) * float(grams) / 100
        gap = abs(ours - float(stated)) / max(ours, float(stated), floor)
        agreements.append(1 - min(1.0, gap))
    # grams from energy and no macros stated: nothing checks it, so it counts half
    return round(sum(agreements) / len(agreements), 3) if agreements else 0.5


def score(row: DiaryRow, food: Candidate) -> Scored:
    grams, grams_from = grams_for(row, food)
    names = name_score(row.name, food.name)
    nutrients = nutrient_score(row, food, grams, grams_from)
    per_100 = food.per_100g.get("energy_kcal")
    ours = None if grams is None or per_100 is None else round(float(per_100 * grams / 100), 1)
    return Scored(
        food_id=food.food_id,
        name=food.name,
        brand=food.brand,
        grams=grams,
        grams_from=grams_from,
        energy_kcal=ours,
        name_score=names,
        nutrient_score=nutrients,
        score=round(NAME_WEIGHT * names + (1 - NAME_WEIGHT) * nutrients, 3),
    )


def ranked(row: DiaryRow, candidates: Iterable[Candidate]) -> list[Scored]:
    """Best first; ties keep the search's order (sorted() is stable)."""
    return sorted((score(row, c) for c in candidates), key=lambda s: -s.score)


def best_match(scored: list[Scored]) -> Scored | None:
    """The match, when the best candidate is good enough and has an amount."""
    if scored and scored[0].score >= MATCHED and scored[0].grams is not None:
        return scored[0]
    return None


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))
