"""Typed client of the energy ledger (`GET /api/aggregator/ledger`): per day intake, net
exercise, the expenditure estimate, the balance and the weight trend, each with its source."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.api import parsing as p
from app.api.gateway import Authorized


@dataclass(frozen=True)
class Reason:
    """Why a number is what it is: a code and the numbers and names its sentence holds
    (`app/state/ledger_logic.py` words it; the aggregator's schema lists the codes)."""

    code: str
    params: dict[str, Any]

    @classmethod
    def from_json(cls, data: Any) -> Reason:
        b = p.obj(data)
        return cls(code=p.text(b.get("code")), params=dict(p.obj(b.get("params"))))

    @classmethod
    def opt_from_json(cls, data: Any) -> Reason | None:
        return None if data is None else cls.from_json(data)

    def number(self, name: str) -> float:
        return p.num(self.params.get(name))

    def text(self, name: str) -> str:
        return p.text(self.params.get(name))


@dataclass(frozen=True)
class ActivityEnergy:
    code: str
    met: float
    description: str
    edition: str
    minutes: float
    reason: Reason

    @classmethod
    def from_json(cls, data: Any) -> ActivityEnergy:
        b = p.obj(data)
        return cls(
            code=p.text(b.get("code")),
            met=p.num(b.get("met")),
            description=p.text(b.get("description")),
            edition=p.text(b.get("edition")),
            minutes=p.num(b.get("minutes")),
            reason=Reason.from_json(b.get("reason")),
        )


@dataclass(frozen=True)
class WorkoutEnergy:
    name: str
    gross_kcal: float | None
    net_kcal: float | None
    reason: Reason
    activities: tuple[ActivityEnergy, ...]

    @classmethod
    def from_json(cls, data: Any) -> WorkoutEnergy:
        b = p.obj(data)
        return cls(
            name=p.text(b.get("name")),
            gross_kcal=p.opt_num(b.get("gross_kcal")),
            net_kcal=p.opt_num(b.get("net_kcal")),
            reason=Reason.from_json(b.get("reason")),
            activities=tuple(ActivityEnergy.from_json(a) for a in p.items(b.get("activities"))),
        )


@dataclass(frozen=True)
class LedgerDay:
    date: dt.date
    intake_kcal: float | None
    exercise_net_kcal: float | None
    exercise: tuple[WorkoutEnergy, ...]
    expenditure_kcal: float | None
    balance_kcal: float | None
    weight_kg: float | None
    trend_kg: float | None
    adaptive_excluded: Reason | None

    @classmethod
    def from_json(cls, data: Any) -> LedgerDay:
        b = p.obj(data)
        return cls(
            date=p.day(b.get("date")),
            intake_kcal=p.opt_num(b.get("intake_kcal")),
            exercise_net_kcal=p.opt_num(b.get("exercise_net_kcal")),
            exercise=tuple(WorkoutEnergy.from_json(w) for w in p.items(b.get("exercise"))),
            expenditure_kcal=p.opt_num(b.get("expenditure_kcal")),
            balance_kcal=p.opt_num(b.get("balance_kcal")),
            weight_kg=p.opt_num(b.get("weight_kg")),
            trend_kg=p.opt_num(b.get("trend_kg")),
            adaptive_excluded=Reason.opt_from_json(b.get("adaptive_excluded_reason")),
        )


@dataclass(frozen=True)
class Ledger:
    start: dt.date
    end: dt.date
    days: tuple[LedgerDay, ...]
    logged_days: int
    intake_kcal: float | None
    exercise_net_kcal: float | None
    balance_kcal: float | None
    mean_balance_kcal: float | None
    implied_change_kg: float | None
    estimate_kcal: float | None  # None: the profile is incomplete
    estimate_method: str  # "adaptive", "mifflin_st_jeor", "katch_mcardle", ...
    estimate_reason: Reason | None
    adaptive_not_used: Reason | None  # why the formula's estimate is used, if it is
    trend_change_kg: float | None
    trend_reason: Reason
    missing: tuple[str, ...]

    @classmethod
    def from_json(cls, data: Any) -> Ledger:
        b = p.obj(data)
        totals, estimate, trend = p.obj(b.get("totals")), b.get("estimate"), p.obj(b.get("trend"))
        e = p.obj(estimate) if estimate is not None else {}
        return cls(
            start=p.day(b.get("from")),
            end=p.day(b.get("to")),
            days=tuple(LedgerDay.from_json(d) for d in p.items(b.get("days"))),
            logged_days=p.whole(totals.get("logged_days")),
            intake_kcal=p.opt_num(totals.get("intake_kcal")),
            exercise_net_kcal=p.opt_num(totals.get("exercise_net_kcal")),
            balance_kcal=p.opt_num(totals.get("balance_kcal")),
            mean_balance_kcal=p.opt_num(totals.get("mean_balance_kcal")),
            implied_change_kg=p.opt_num(totals.get("implied_change_kg")),
            estimate_kcal=p.opt_num(e.get("kcal_per_day")),
            estimate_method=p.text(e.get("method")),
            estimate_reason=Reason.opt_from_json(e.get("reason")),
            adaptive_not_used=Reason.opt_from_json(e.get("adaptive_not_used")),
            trend_change_kg=p.opt_num(trend.get("change_kg")),
            trend_reason=Reason.from_json(trend.get("reason")),
            missing=p.texts(b.get("missing")),
        )


async def ledger(api: Authorized, start: dt.date, end: dt.date) -> Ledger:
    """422 (`validation_error`) for a range the aggregator refuses (over 93 days, reversed)."""
    params = {"from": start.isoformat(), "to": end.isoformat()}
    return Ledger.from_json(await api.get("/api/aggregator/ledger", params=params))
