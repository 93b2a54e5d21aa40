"""The diary's water and fasting as the page shows them, pure (no Reflex, no I/O).

Water is stored in ml; imperial users read and type US fluid ounces (1 US fl oz =
29.5735295625 ml exactly: 1/128 of the US gallon of 231 cubic inches). A fast's times are
instants; the page shows them in the user's time zone.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.api.water_fasting import Fast
from app.i18n import tr
from app.i18n.formats import fmt_date, fmt_number
from app.state.numbers import parse_decimal
from app.state.units import imperial

ML_PER_FL_OZ = 29.5735295625
# The quick buttons: a glass and a bottle (8 and 16 fl oz for imperial users).
QUICK_ML = {"metric": (250, 500), "imperial": (round(8 * ML_PER_FL_OZ), round(16 * ML_PER_FL_OZ))}
MIN_DRINK_ML, MAX_DRINK_ML = 10, 5000  # the service's bounds (water_fasting_domain)
MIN_GOAL_ML, MAX_GOAL_ML = 500, 10_000
# A goal from body weight: 30-35 ml per kg a day is the usual clinical rule of thumb for
# adults (e.g. ESPEN guideline on clinical nutrition and hydration in geriatrics, Volkert
# et al. 2019: 30 ml/kg as a starting point); the middle of it, to the nearest 50 ml.
ML_PER_KG = 33
PROTOCOLS = ("16:8", "18:6", "20:4", "custom")
MIN_TARGET_HOURS, MAX_TARGET_HOURS = 1, 72
HISTORY_SHOWN = 7


def water_unit(units: str, language: str = "en") -> str:
    return "fl oz" if imperial(units) else tr(language, "ml")


def water_number(ml: float, units: str, language: str = "en") -> str:
    """ml as the user reads it without its unit: "750" / "25.4" (fl oz, to 0.1)."""
    if imperial(units):
        return fmt_number(language, round(ml / ML_PER_FL_OZ, 1), 1)
    return fmt_number(language, round(ml))


def water_text(ml: float, units: str, language: str = "en") -> str:
    """ "1,250 ml" / "42.3 fl oz" (Russian "1 250 мл")."""
    return f"{water_number(ml, units, language)} {water_unit(units, language)}"


def quick_amounts(units: str) -> tuple[int, ...]:
    return QUICK_ML["imperial" if imperial(units) else "metric"]


def typed_ml(text: str, units: str) -> int | None:
    """What the user typed (ml or fl oz) in whole ml; None when it is not a number."""
    value = parse_decimal(text)
    if value is None:
        return None
    return round(value * ML_PER_FL_OZ) if imperial(units) else round(value)


def drink_error(ml: int | None, units: str, language: str = "en") -> str:
    """Why an amount cannot be logged, or "" (the service's bounds, in the user's unit)."""
    if ml is None:
        return tr(language, "Enter an amount.")
    if not MIN_DRINK_ML <= ml <= MAX_DRINK_ML:
        return tr(
            language,
            "Enter {low} to {high}.",
            low=water_text(MIN_DRINK_ML, units, language),
            high=water_text(MAX_DRINK_ML, units, language),
        )
    return ""


def goal_error(ml: int | None, units: str, language: str = "en") -> str:
    if ml is None or not MIN_GOAL_ML <= ml <= MAX_GOAL_ML:
        return tr(
            language,
            "Enter {low} to {high}.",
            low=water_text(MIN_GOAL_ML, units, language),
            high=water_text(MAX_GOAL_ML, units, language),
        )
    return ""


def goal_from_weight(weight_kg: float | None) -> int | None:
    """33 ml per kg, to the nearest 50 ml, within the goal's bounds; None without a weight."""
    if not weight_kg or weight_kg <= 0:
        return None
    goal = round(weight_kg * ML_PER_KG / 50) * 50
    return min(max(goal, MIN_GOAL_ML), MAX_GOAL_ML)


def goal_field(ml: int, units: str) -> str:
    """A goal put into an input for editing (no separators)."""
    return f"{ml / ML_PER_FL_OZ:.0f}" if imperial(units) else str(ml)


def percent(part: float, whole: float) -> int:
    """0-100, for a progress bar."""
    return 0 if whole <= 0 else min(100, round(100 * part / whole))


def duration_text(seconds: int, language: str = "en") -> str:
    """ "5 h 07 min" (Russian "5 ч 07 мин"); under an hour "42 min"."""
    hours, minutes = divmod(max(seconds, 0) // 60, 60)
    if not hours:
        return tr(language, "{minutes} min", minutes=minutes)
    return tr(language, "{hours} h {minutes} min", hours=hours, minutes=f"{minutes:02d}")


def zone(timezone: str) -> ZoneInfo:
    try:
        return ZoneInfo(timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_time(moment: dt.datetime | None, timezone: str, language: str = "en") -> str:
    """ "Tue 1 Dec, 20:15" in the user's zone ("—" when unknown)."""
    if moment is None:
        return "—"
    local = moment.astimezone(zone(timezone))
    return f"{fmt_date(language, local.date())}, {local:%H:%M}"


def local_instant(text: str, timezone: str) -> dt.datetime | None:
    """A ``datetime-local`` input's "2026-12-01T20:15" as an instant in the user's zone."""
    try:
        naive = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if naive.tzinfo is not None:
        return naive
    return naive.replace(tzinfo=zone(timezone))


def typed_hours(text: str) -> int | None:
    """A custom fast's target in whole hours within the bounds, or None."""
    value = parse_decimal(text)
    if value is None or value != int(value):
        return None
    hours = int(value)
    return hours if MIN_TARGET_HOURS <= hours <= MAX_TARGET_HOURS else None


def protocol_label(protocol: str, target_hours: int, language: str = "en") -> str:
    if protocol == "custom":
        return tr(language, "{hours} h fast", hours=target_hours)
    return protocol


def elapsed_seconds(fast: Fast, now: dt.datetime) -> int:
    """A running fast's length now (the page ticks without asking the service)."""
    if fast.started_at is None:
        return fast.elapsed_seconds
    end = fast.ended_at or now
    return max(int((end - fast.started_at).total_seconds()), 0)


def running_view(fast: Fast, now: dt.datetime, timezone: str, language: str = "en") -> dict:
    """The running fast's card: since when, how long so far of its target, how far."""
    elapsed = elapsed_seconds(fast, now)
    target = fast.target_hours * 3600
    left = target - elapsed
    return {
        "id": fast.id,
        "protocol": protocol_label(fast.protocol, fast.target_hours, language),
        "since": tr(language, "Since {time}", time=local_time(fast.started_at, timezone, language)),
        "elapsed": duration_text(elapsed, language),
        "target": tr(language, "of {hours} h", hours=fast.target_hours),
        "percent": str(percent(elapsed, target)),
        "left": tr(language, "{time} to go", time=duration_text(left, language))
        if left > 0
        else tr(language, "Target reached"),
        "reached": "1" if left <= 0 else "",
    }


def _status(status: str, language: str) -> str:
    return tr(language, "Completed") if status == "completed" else tr(language, "Short")


def history_rows(fasts: tuple[Fast, ...], timezone: str, language: str = "en") -> list[dict]:
    return [
        {
            "id": f.id,
            "when": local_time(f.started_at, timezone, language),
            "protocol": protocol_label(f.protocol, f.target_hours, language),
            "length": duration_text(f.elapsed_seconds, language),
            "status": tr(language, "Completed")
            if f.status == "completed"
            else tr(language, "Short"),
            "completed": "1" if f.status == "completed" else "",
        }
        for f in fasts[:HISTORY_SHOWN]
    ]
