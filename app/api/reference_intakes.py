"""Typed client of the users service's micronutrient targets
(`GET /api/users/me/targets/micronutrients`): the Dietary Reference Intakes for a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.api import parsing as p
from app.api.gateway import Authorized

ROUTE = "/api/users/me/targets/micronutrients"


@dataclass(frozen=True)
class ReferenceIntake:
    key: str  # the food data's key, as in the diary's totals ("ca_mg", "fibre_g")
    unit: str  # the food data's unit ("mg", "ug", "g")
    reference: str  # "RDA" | "AI"
    target: float
    upper_limit: float | None
    upper_limit_kind: str | None  # "UL" | "CDRR"
    upper_limit_key: str | None  # the intake the limit is measured on (vitamin A: retinol)
    flag_shortfall: bool  # False for sodium: only its upper side matters

    @classmethod
    def from_json(cls, data: Any) -> ReferenceIntake:
        b = p.obj(data)
        return cls(
            key=p.text(b.get("key")),
            unit=p.text(b.get("unit")),
            reference=p.text(b.get("reference")),
            target=p.num(b.get("target")),
            upper_limit=p.opt_num(b.get("upper_limit")),
            upper_limit_kind=p.opt_text(b.get("upper_limit_kind")),
            upper_limit_key=p.opt_text(b.get("upper_limit_key")),
            flag_shortfall=p.flag(b.get("flag_shortfall"), True),
        )


@dataclass(frozen=True)
class ReferenceIntakes:
    date: dt.date
    sex: str  # "male" | "female"
    age_years: int
    age_band: str  # "9-13", "14-18", "19-30", "31-50", "51-70", "71+"
    source: str
    intakes: tuple[ReferenceIntake, ...]

    @classmethod
    def from_json(cls, data: Any) -> ReferenceIntakes:
        b = p.obj(data)
        return cls(
            date=p.day(b.get("date")),
            sex=p.text(b.get("sex")),
            age_years=p.whole(b.get("age_years")),
            age_band=p.text(b.get("age_band")),
            source=p.text(b.get("source")),
            intakes=tuple(ReferenceIntake.from_json(i) for i in p.items(b.get("nutrients"))),
        )

    def by_key(self) -> dict[str, ReferenceIntake]:
        return {intake.key: intake for intake in self.intakes}


class ReferenceIntakesApi:
    def __init__(self, api: Authorized):
        self.api = api

    async def on(self, day: dt.date) -> ReferenceIntakes:
        """409 Conflict (`profile_incomplete`) until the profile has sex and birth date."""
        return ReferenceIntakes.from_json(await self.api.get(ROUTE, params={"on": p.iso(day)}))
