"""The ledger page's periods and lines (no I/O, no reflex): what `/ledger` shows of the
aggregator's energy ledger, every number with its source beside it."""

from __future__ import annotations

import calendar
import datetime as dt

from app.api.ledger import Ledger, LedgerDay
from app.i18n import formats, tr
from app.state import ledger_reasons as why
from app.state import units as u
from app.state.diary_logic import fmt_kcal

PERIODS = ("day", "week", "month")
DEFAULT_PERIOD = "week"
MINUS = "\u2212"  # the typographic minus, as the balance reads


def period_bounds(period: str, anchor: dt.date) -> tuple[dt.date, dt.date]:
    """The day, the ISO week (Monday to Sunday) or the calendar month holding ``anchor``."""
    if period == "day":
        return anchor, anchor
    if period == "month":
        last = calendar.monthrange(anchor.year, anchor.month)[1]
        return anchor.replace(day=1), anchor.replace(day=last)
    monday = anchor - dt.timedelta(days=anchor.weekday())
    return monday, monday + dt.timedelta(days=6)


def shifted(period: str, anchor: dt.date, step: int) -> dt.date:
    """The anchor of the period ``step`` periods before (-1) or after (+1)."""
    if period == "day":
        return anchor + dt.timedelta(days=step)
    if period == "week":
        return anchor + dt.timedelta(days=7 * step)
    month = anchor.month - 1 + step
    year, month = anchor.year + month // 12, month % 12 + 1
    return dt.date(year, month, 1)


def signed_kcal(value: float | None, language: str = "en") -> str:
    if value is None:
        return "—"
    shown = fmt_kcal(abs(value), language)
    sign = "+" if value > 0 else MINUS
    return shown if round(value) == 0 else f"{sign}{shown}"


def weight_text(kg: float | None, units: str, language: str = "en") -> str:
    if kg is None:
        return "—"
    value = f"{u.kg_to_shown(kg, units):.1f}"
    return value.replace(".", ",") if language == "ru" else value


def estimate_name(method: str, language: str = "en") -> str:
    names = {
        "adaptive": tr(language, "Adaptive (your intake and weight)"),
        "mifflin_st_jeor": "Mifflin-St Jeor",
        "katch_mcardle": "Katch-McArdle",
        "harris_benedict": "Harris-Benedict",
    }
    return names.get(method, method)


def _sources(day: LedgerDay, language: str) -> list[str]:
    """The day's exercise lines, each with its MET and Compendium activity, and why the
    adaptive estimate left the day out, if it did."""
    lines = []
    for workout in day.exercise:
        lines.append(
            tr(
                language,
                "{name}: {net} kcal net ({source})",
                name=workout.name,
                net=fmt_kcal(workout.net_kcal, language),
                source=why.workout_source(workout.reason, language),
            )
        )
        lines.extend(
            f"· {why.activity_source(activity, language)}" for activity in workout.activities
        )
    if day.adaptive_excluded:
        lines.append(
            tr(
                language,
                "Left out of the adaptive estimate: {reason}",
                reason=why.excluded_day(day.adaptive_excluded, language),
            )
        )
    return lines


def ledger_rows(
    ledger: Ledger, units: str = u.METRIC, language: str = "en"
) -> list[dict[str, str]]:
    """One row per day, newest first; ``sources`` holds the day's lines joined by newlines."""
    rows = []
    for day in reversed(ledger.days):
        rows.append(
            {
                "date": day.date.isoformat(),
                "day": formats.fmt_date(language, day.date, "day"),
                "intake": fmt_kcal(day.intake_kcal, language),
                "exercise": fmt_kcal(day.exercise_net_kcal, language),
                "expenditure": fmt_kcal(day.expenditure_kcal, language),
                "balance": signed_kcal(day.balance_kcal, language),
                "surplus": "yes" if (day.balance_kcal or 0) > 0 else "",
                "weight": weight_text(day.weight_kg, units, language),
                "trend": weight_text(day.trend_kg, units, language),
                "sources": "\n".join(_sources(day, language)),
            }
        )
    return rows


def ledger_summary(ledger: Ledger, units: str = u.METRIC, language: str = "en") -> dict[str, str]:
    """The period's totals and the sources that hold for every day."""
    unit = u.weight_unit(units, language)
    change = ""
    if ledger.implied_change_kg is not None:
        change = tr(
            language,
            "Balance {kcal} kcal over {days} logged days: about {change} {unit} by 7,700 kcal/kg.",
            kcal=signed_kcal(ledger.balance_kcal, language),
            days=ledger.logged_days,
            change=f"{u.kg_to_shown(ledger.implied_change_kg, units):+.2f}",
            unit=unit,
        )
    trend = ""
    if ledger.trend_change_kg is not None:
        trend = tr(
            language,
            "Weight trend {change} {unit} ({source}).",
            change=f"{u.kg_to_shown(ledger.trend_change_kg, units):+.2f}",
            unit=unit,
            source=why.trend_source(ledger.trend_reason, language),
        )
    return {
        "intake": fmt_kcal(ledger.intake_kcal, language),
        "exercise": fmt_kcal(ledger.exercise_net_kcal, language),
        "balance": signed_kcal(ledger.balance_kcal, language),
        "mean_balance": signed_kcal(ledger.mean_balance_kcal, language),
        "estimate": ""
        if ledger.estimate_kcal is None
        else tr(
            language,
            "{name}: {kcal} kcal a day",
            name=estimate_name(ledger.estimate_method, language),
            kcal=fmt_kcal(ledger.estimate_kcal, language),
        ),
        "estimate_source": ""
        if ledger.estimate_reason is None
        else why.estimate_source(ledger.estimate_reason, ledger.adaptive_not_used, language),
        "change": change,
        "trend": trend,
        **why.rules(language),
        "missing": ", ".join(ledger.missing),
    }
