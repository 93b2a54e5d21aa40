"""Typed client of `GET /api/users/me/expenditure`: the adaptive expenditure and check-in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.api import parsing as p
from app.api.gateway import Authorized


@dataclass(frozen=True)
class CheckIn:
    tdee_kcal: int
    band_kcal: int
    suggested_target_kcal: int
    current_target_kcal: int
    floor_applied: bool
    message: str

    @classmethod
    def from_json(cls, data: Any) -> CheckIn:
        b = p.obj(data)
        return cls(
            tdee_kcal=p.whole(b.get("tdee_kcal")),
            band_kcal=p.whole(b.get("band_kcal")),
            suggested_target_kcal=p.whole(b.get("suggested_target_kcal")),
            current_target_kcal=p.whole(b.get("current_target_kcal")),
            floor_applied=bool(b.get("floor_applied")),
            message=p.text(b.get("message")),
        )


@dataclass(frozen=True)
class Expenditure:
    tdee_kcal: float
    band_kcal: float  # half-width of the 95 % interval
    source: str  # "formula" (too little data: see reason) or "data"
    formula_tdee_kcal: float
    window_start: dt.date
    window_end: dt.date
    trusted_days: int
    completeness: float  # 0-1
    weigh_ins: int
    mean_intake_kcal: float | None
    weight_slope_kg_per_week: float | None
    data_weight: float  # the data's share of the answer, 0-1
    excluded: tuple[tuple[dt.date, str], ...]
    reason: str
    method: str
    check_in: CheckIn

    @classmethod
    def from_json(cls, data: Any) -> Expenditure:
        b = p.obj(data)
        return cls(
            tdee_kcal=p.num(b.get("tdee_kcal")),
            band_kcal=p.num(b.get("band_kcal")),
            source=p.text(b.get("source"), "formula"),
            formula_tdee_kcal=p.num(b.get("formula_tdee_kcal")),
            window_start=p.day(b.get("window_start")),
            window_end=p.day(b.get("window_end")),
            trusted_days=p.whole(b.get("trusted_days")),
            completeness=p.num(b.get("completeness")),
            weigh_ins=p.whole(b.get("weigh_ins")),
            mean_intake_kcal=p.opt_num(b.get("mean_intake_kcal")),
            weight_slope_kg_per_week=p.opt_num(b.get("weight_slope_kg_per_week")),
            data_weight=p.num(b.get("data_weight")),
            excluded=tuple(
                (p.day(p.obj(e).get("day")), p.text(p.obj(e).get("reason")))
                for e in p.items(b.get("excluded"))
            ),
            reason=p.text(b.get("reason")),
            method=p.text(b.get("method")),
            check_in=CheckIn.from_json(b.get("check_in")),
        )


async def expenditure(api: Authorized, end: dt.date | None = None) -> Expenditure:
    """409 Conflict (`profile_incomplete`) before the body data is filled in."""
    params = {"to": p.iso(end)}
    return Expenditure.from_json(await api.get("/api/users/me/expenditure", params=params))
