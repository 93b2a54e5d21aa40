"""The settings page's words for an import of a FitLedger export: what each kind added, or
why a part was refused (pure; the report comes from app/session/account_import.py)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from app.i18n import tr, trn

Counter = Callable[[str, int], str]

COUNTS: dict[str, Counter] = {
    "weights": lambda lang, n: trn(lang, n, "{n} weigh-in", "{n} weigh-ins"),
    "foods": lambda lang, n: trn(lang, n, "{n} private food", "{n} private foods"),
    "recipes": lambda lang, n: trn(lang, n, "{n} recipe", "{n} recipes"),
    "meals": lambda lang, n: trn(lang, n, "{n} meal", "{n} meals"),
    "items": lambda lang, n: trn(lang, n, "{n} diary item", "{n} diary items"),
    "drinks": lambda lang, n: trn(lang, n, "{n} drink of water", "{n} drinks of water"),
    "fasts": lambda lang, n: trn(lang, n, "{n} fast", "{n} fasts"),
    "exercises": lambda lang, n: trn(lang, n, "{n} custom exercise", "{n} custom exercises"),
    "programs": lambda lang, n: trn(lang, n, "{n} program", "{n} programs"),
    "workouts": lambda lang, n: trn(lang, n, "{n} workout", "{n} workouts"),
}


def kind_label(kind: str, language: str) -> str:
    labels = {
        "users": tr(language, "Profile, targets and weight log"),
        "nutrition": tr(language, "Diary, foods and recipes"),
        "workouts": tr(language, "Workouts and programs"),
        "notifications": tr(language, "Reminders"),
    }
    return labels.get(kind, kind)


def report_lines(report: Mapping[str, Any], language: str) -> list[str]:
    """One line per kind: the records added (nothing new: said so), or the refusal."""
    lines = []
    for kind, outcome in report.items():
        label = kind_label(kind, language)
        if not isinstance(outcome, dict):
            continue
        if "error" in outcome:
            lines.append(
                tr(language, "{kind}: not imported ({reason})", kind=label, reason=outcome["error"])
            )
            continue
        added = [
            COUNTS[name](language, n)
            for name, n in outcome.items()
            if name in COUNTS and isinstance(n, int) and n > 0
        ]
        if kind in ("users", "notifications"):
            added.insert(0, tr(language, "settings"))
        if not added:
            lines.append(tr(language, "{kind}: nothing new", kind=label))
        else:
            lines.append(tr(language, "{kind}: {added}", kind=label, added=", ".join(added)))
    return lines


def decode_report(text: Any) -> dict[str, Any]:
    try:
        report = json.loads(text) if isinstance(text, str) else {}
    except ValueError:
        return {}
    return report if isinstance(report, dict) else {}
