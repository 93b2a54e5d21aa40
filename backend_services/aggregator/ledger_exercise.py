"""Each workout's energy for the energy ledger: gross and net of the resting energy the
day's estimate already holds, which activities and MET values made it, and why (a reason
code with its numbers beside the English ``source``). Pure functions over the workouts
service's JSON answers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from backend_services.kernel.exercise_energy import net_exercise_kcal, resting_kcal

from .ledger_reasons import reason


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _met_description(workout: Mapping[str, Any], entry_id: str | None, code: str) -> dict[str, str]:
    """The Compendium wording and edition of ``code`` as the workout's entry copied them."""
    for entry in workout.get("exercises") or []:
        if entry_id is not None and entry.get("id") != entry_id:
            continue
        for met in [entry.get("met") or {}, *(entry.get("met_by_intensity") or {}).values()]:
            if met.get("code") == code:
                return {
                    "description": met.get("description", ""),
                    "edition": met.get("edition", ""),
                }
    return {"description": "", "edition": ""}


def _activity(
    workout: Mapping[str, Any],
    entry_id: str | None,
    code: str,
    met: float,
    seconds: float,
    kg: float,
) -> dict[str, Any]:
    hours = seconds / 3600
    gross = met * kg * hours
    net = net_exercise_kcal(gross, kg, hours)
    named = _met_description(workout, entry_id, code)
    return {
        "code": code,
        "met": met,
        "description": named["description"],
        "edition": named["edition"],
        "minutes": round(seconds / 60, 1),
        "gross_kcal": round(gross, 1),
        "net_kcal": round(net, 1),
        "reason": reason(
            "met_formula",
            weight_kg=kg,
            hours=round(hours, 2),
            gross_kcal=round(gross, 1),
            net_kcal=round(net, 1),
        ),
        "source": (
            f"Compendium {named['edition'] or ''} {code} {named['description']}: "
            f"MET {met:g} x {kg:g} kg x {hours:.2f} h = {gross:,.0f} kcal gross; "
            f"(MET {met:g} - 1) x {kg:g} kg x {hours:.2f} h = "
            f"{net:,.0f} kcal net"
        ).replace("  ", " "),
    }


def workout_energy(workout: Mapping[str, Any]) -> dict[str, Any]:
    """One workout's gross and net energy, which activities and MET values made it, and why."""
    result = workout.get("result") or {}
    kg = result.get("weight_kg")
    gross = result.get("calories_kcal")
    seconds = float(result.get("duration_s") or 0)
    base = {
        "workout_id": workout["id"],
        "name": workout.get("name") or "",
        "weight_kg": kg,
        "weight_source": result.get("weight_source"),
        "minutes": round(seconds / 60, 1),
        "gross_kcal": rounded(gross),
    }
    if workout.get("status") != "completed":
        return {
            **base,
            "net_kcal": None,
            "activities": [],
            "reason": reason("not_completed"),
            "source": "not completed: not counted",
        }
    if kg is None or gross is None:
        return {
            **base,
            "net_kcal": None,
            "activities": [],
            "reason": reason("no_body_weight"),
            "source": "no body weight known for that day: its energy was not estimated",
        }
    activities = [
        _activity(workout, item.get("entry_id"), part["code"], part["value"], part["seconds"], kg)
        for item in result.get("per_exercise") or []
        for part in item.get("met") or []
    ]
    if activities:  # logged in the app: the workouts service's own (MET - 1) figure
        net = result.get("net_calories_kcal")
        if net is None:
            net = sum(a["net_kcal"] for a in activities)
        why = reason("activities_sum")
        source = "sum over its activities of (MET - 1) x kg x h"
    else:  # imported: one figure for the session, the device's or a MET estimate
        net = net_exercise_kcal(gross, kg, seconds / 3600)
        rest = resting_kcal(kg, seconds / 3600)
        device = result.get("calorie_source") == "device"
        why = reason(
            "session_figure",
            figure="device" if device else "met_estimate",
            gross_kcal=rounded(gross),
            weight_kg=kg,
            hours=round(seconds / 3600, 2),
            resting_kcal=rounded(rest),
        )
        how = "the device's figure" if device else "MET estimate"
        source = (
            f"{how}, {gross:,.0f} kcal gross, less 1 MET x {kg:g} kg x {seconds / 3600:.2f} h "
            f"= {rest:,.0f} kcal resting"
        )
        entries = workout.get("exercises") or []
        met = (entries[0].get("met") or {}) if entries else {}
        if met.get("code"):
            activities = [
                {
                    **_activity(workout, None, met["code"], float(met["value"]), seconds, kg),
                    "gross_kcal": rounded(gross),
                    "net_kcal": rounded(net),
                }
            ]
    return {
        **base,
        "net_kcal": rounded(net),
        "activities": activities,
        "reason": why,
        "source": source,
    }


def exercise_by_day(workouts: Iterable[Mapping[str, Any]]) -> dict[date, list[dict[str, Any]]]:
    found: dict[date, list[dict[str, Any]]] = {}
    for workout in workouts:
        found.setdefault(date.fromisoformat(workout["local_date"]), []).append(
            workout_energy(workout)
        )
    return found


def net_of(lines: Iterable[Mapping[str, Any]]) -> float:
    return sum(line["net_kcal"] or 0.0 for line in lines)
