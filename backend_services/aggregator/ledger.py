"""The energy ledger of a day or a range: intake, exercise, expenditure, balance, weight trend,
each number with the source it came from. Pure functions over the services' JSON answers.

balance = intake - (expenditure estimate + net exercise). The estimate is the adaptive one
(users' ``/me/expenditure``) once it has enough data, else the formula's BMR x activity factor
(``/me/targets``). Exercise is counted net of the resting energy the estimate already holds
(``kernel.exercise_energy``; each workout's: ``ledger_exercise.py``). An adaptive estimate is
measured total expenditure, which already contains the user's usual workouts: their mean net
energy over its window is taken out of it, so the day's own workouts are added once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from backend_services.kernel.exercise_energy import NET_EXERCISE_RULE

from .dashboard import Part
from .ledger_exercise import exercise_by_day, net_of, rounded
from .ledger_reasons import Reason, reason

MAX_LEDGER_DAYS = 93  # a quarter: a week or a month with room
ADAPTIVE_WINDOW_DAYS = 28  # users' expenditure window (users/expenditure.py WINDOW_DAYS)
KCAL_PER_KG = 7700.0  # rule of thumb for a kg of body mass (DOMAIN.md "Goal")
BALANCE_RULE = "balance = intake - (expenditure estimate + net exercise)"
INTAKE_SOURCE = "nutrition diary: the energy of every food logged that day"
TREND_SOURCE_FALLBACK = "exponential moving average of the weight log"


def history_start(start: date, end: date) -> date:
    """Where the workouts and weights asked for begin: the adaptive window may reach further
    back than the range (its exercise is taken out of the estimate; the trend needs history)."""
    return min(start, end - timedelta(days=ADAPTIVE_WINDOW_DAYS - 1))


def ledger_parts(start: date, end: date) -> list[Part]:
    first, last, back = start.isoformat(), end.isoformat(), history_start(start, end).isoformat()
    return [
        Part("targets", "users", "/api/users/me/targets", {"date": last}),
        Part("expenditure", "users", "/api/users/me/expenditure", {"to": last}),
        Part("weights", "users", "/api/users/me/weights", {"from": back, "to": last}),
        Part("nutrition", "nutrition", "/api/nutrition/reports", {"from": first, "to": last}),
        Part(
            "workouts",
            "workouts",
            "/api/workouts/workouts",
            {"from": back, "to": last, "limit": "500"},
        ),
    ]


# --- the expenditure estimate ---


@dataclass(frozen=True)
class Estimate:
    kcal: float
    method: str  # "adaptive", "mifflin_st_jeor", "katch_mcardle", "harris_benedict"
    source: str
    exercise_removed_kcal_per_day: float = 0.0
    reason: Reason | None = None
    adaptive_not_used: Reason | None = None  # the formula's, while the adaptive lacks data


FORMULA_METHODS = {
    "Mifflin-St Jeor": "mifflin_st_jeor",
    "Katch-McArdle": "katch_mcardle",
    "Harris-Benedict (revised)": "harris_benedict",
}


def formula_estimate(targets: Mapping[str, Any]) -> Estimate:
    bmr = targets["bmr"]
    return Estimate(
        kcal=float(targets["tdee_kcal"]),
        method=FORMULA_METHODS.get(bmr["name"], bmr["name"]),
        reason=reason(
            "formula",
            formula=bmr["name"],
            bmr_kcal=bmr["value"],
            bmr_source=bmr["source"],
            **{k: targets[k] for k in ("activity_factor", "activity_level", "tdee_kcal")},
        ),
        source=(
            f"{bmr['name']} BMR {bmr['value']:,.0f} kcal ({bmr['source']}) x activity factor "
            f"{targets['activity_factor']:g} ({targets['activity_level']}) = "
            f"{targets['tdee_kcal']:,.0f} kcal/day"
        ),
    )


def expenditure_estimate(
    targets: Mapping[str, Any] | None,
    adaptive: Mapping[str, Any] | None,
    window_exercise: Mapping[date, list[dict[str, Any]]],
) -> Estimate | None:
    """The adaptive estimate less its window's mean net exercise when it rests on data; the
    formula's otherwise (the reason the adaptive one is not used is named)."""
    if adaptive is not None and adaptive.get("source") == "data":
        start = date.fromisoformat(str(adaptive["window_start"]))
        end = date.fromisoformat(str(adaptive["window_end"]))
        days = (end - start).days + 1
        in_window = sum(
            net_of(lines) for day, lines in window_exercise.items() if start <= day <= end
        )
        mean_net = in_window / days
        kcal = float(adaptive["tdee_kcal"]) - mean_net
        return Estimate(
            kcal=kcal,
            method="adaptive",
            reason=reason(
                "adaptive",
                **{k: adaptive[k] for k in ("tdee_kcal", "band_kcal", "trusted_days", "weigh_ins")},
                window_start=start.isoformat(),
                window_end=end.isoformat(),
                exercise_removed_kcal_per_day=round(mean_net, 1),
            ),
            source=(
                f"adaptive: {adaptive['tdee_kcal']:,.0f} ± {adaptive['band_kcal']:,.0f} kcal/day "
                f"from {adaptive['trusted_days']} fully logged days and {adaptive['weigh_ins']} "
                f"weigh-ins, {start.isoformat()} to {end.isoformat()} ({adaptive['method']}); "
                f"less the {mean_net:,.0f} kcal/day of net exercise logged in that window, which "
                "the measured expenditure already holds"
            ),
            exercise_removed_kcal_per_day=round(mean_net, 1),
        )
    if targets is None:
        return None
    estimate = formula_estimate(targets)
    if adaptive is not None and adaptive.get("reason"):
        estimate = Estimate(
            estimate.kcal,
            estimate.method,
            f"{estimate.source}; the adaptive estimate is not used yet: {adaptive['reason']}",
            reason=estimate.reason,
            adaptive_not_used=reason(
                str(adaptive["reason_code"]), **dict(adaptive["reason_params"])
            ),
        )
    return estimate


# --- weight trend ---


def trend_by_day(weights: Mapping[str, Any] | None, days: list[date]) -> dict[date, dict[str, Any]]:
    """Each day's weigh-in (if any) and the trend in force that day (the last one on or before
    it, carried over days without a weigh-in)."""
    entries = sorted(
        (date.fromisoformat(str(e["date"])), e) for e in (weights or {}).get("entries", [])
    )
    found: dict[date, dict[str, Any]] = {}
    last: tuple[date, Mapping[str, Any]] | None = None
    index = 0
    for day in days:
        while index < len(entries) and entries[index][0] <= day:
            last = entries[index]
            index += 1
        logged = last is not None and last[0] == day
        found[day] = {
            "weight_kg": last[1]["weight_kg"] if logged and last else None,
            "trend_kg": last[1]["trend_kg"] if last else None,
            "trend_from": last[0] if last else None,
        }
    return found


# --- the ledger ---


def excluded_days(adaptive: Mapping[str, Any] | None) -> dict[date, Mapping[str, Any]]:
    """The days the adaptive estimate left out, each with its reason (text, code, numbers)."""
    if adaptive is None:
        return {}
    return {date.fromisoformat(str(e["day"])): e for e in adaptive.get("excluded", [])}


def ledger(start: date, end: date, parts: Mapping[str, Any]) -> dict[str, Any]:
    """The ledger's body from the parts' answers (a missing part is None)."""
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    targets, adaptive = parts.get("targets"), parts.get("expenditure")
    nutrition, workouts = parts.get("nutrition"), parts.get("workouts")
    intake = {
        date.fromisoformat(row["date"]): row.get("energy_kcal")
        for row in (nutrition or {}).get("daily", [])
    }
    exercise = exercise_by_day((workouts or {}).get("items", []))
    # without the workouts neither the days' exercise nor the adaptive window's is known
    estimate = expenditure_estimate(targets, adaptive, exercise) if workouts is not None else None
    trends = trend_by_day(parts.get("weights"), days)
    excluded = excluded_days(adaptive)
    rows = []
    for day in days:
        kcal = intake.get(day) if nutrition is not None else None
        lines = exercise.get(day, [])
        net = net_of(lines) if workouts is not None else None
        expenditure = estimate.kcal if estimate else None
        balance = (
            None if kcal is None or expenditure is None or net is None else kcal - expenditure - net
        )
        trend = trends[day]
        rows.append(
            {
                "date": day,
                "intake_kcal": rounded(kcal),
                "intake_source": INTAKE_SOURCE if kcal is not None else "nothing logged",
                "intake_reason": reason("diary" if kcal is not None else "nothing_logged"),
                "exercise_net_kcal": rounded(net),
                "exercise": lines,
                "expenditure_kcal": rounded(expenditure),
                "balance_kcal": rounded(balance),
                "weight_kg": trend["weight_kg"],
                "trend_kg": trend["trend_kg"],
                "trend_from": trend["trend_from"],
                "adaptive_excluded": None if day not in excluded else excluded[day]["reason"],
                "adaptive_excluded_reason": None
                if day not in excluded
                else reason(str(excluded[day]["code"]), **dict(excluded[day]["params"])),
            }
        )
    return {
        "from": start,
        "to": end,
        "days": rows,
        "totals": totals(rows),
        "estimate": None
        if estimate is None
        else {
            "kcal_per_day": round(estimate.kcal, 1),
            "method": estimate.method,
            "source": estimate.source,
            "exercise_removed_kcal_per_day": estimate.exercise_removed_kcal_per_day,
            "reason": estimate.reason,
            "adaptive_not_used": estimate.adaptive_not_used,
        },
        "trend": trend_summary(parts.get("weights"), rows),
        "rules": {
            "balance": BALANCE_RULE,
            "exercise": NET_EXERCISE_RULE,
            "intake": INTAKE_SOURCE,
            "energy_per_kg": f"{KCAL_PER_KG:,.0f} kcal per kg of body mass (rule of thumb)",
        },
    }


def totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    logged = [r for r in rows if r["intake_kcal"] is not None]
    balanced = [r["balance_kcal"] for r in rows if r["balance_kcal"] is not None]
    balance = sum(balanced) if balanced else None
    return {
        "days": len(rows),
        "logged_days": len(logged),
        "intake_kcal": rounded(sum(r["intake_kcal"] for r in logged)),
        "exercise_net_kcal": rounded(sum(r["exercise_net_kcal"] or 0.0 for r in rows)),
        "balance_kcal": rounded(balance),
        "balance_days": len(balanced),
        "mean_balance_kcal": None if balance is None else round(balance / len(balanced), 1),
        "implied_change_kg": None if balance is None else round(balance / KCAL_PER_KG, 2),
    }


def trend_summary(weights: Mapping[str, Any] | None, rows: list[dict[str, Any]]) -> dict[str, Any]:
    with_trend = [r for r in rows if r["trend_kg"] is not None]
    first = with_trend[0]["trend_kg"] if with_trend else None
    last = with_trend[-1]["trend_kg"] if with_trend else None
    method = (weights or {}).get("trend_method") or TREND_SOURCE_FALLBACK
    smoothing = (weights or {}).get("trend_smoothing")
    return {
        "start_kg": first,
        "end_kg": last,
        "change_kg": None if first is None or last is None else round(last - first, 2),
        "weigh_ins": sum(1 for r in rows if r["weight_kg"] is not None),
        "source": method if smoothing is None else f"{method}, smoothing {smoothing:g} per day",
        # both the users service's trend and the fallback are exponential moving averages
        "reason": reason("moving_average", smoothing=smoothing),
    }
