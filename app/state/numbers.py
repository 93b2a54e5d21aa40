"""Numbers as people type them (decimal commas, stray spaces)."""

from __future__ import annotations


def parse_decimal(text: str) -> float | None:
    """ "72,5" or " 72.5 " → 72.5; None when it is not a number."""
    cleaned = (text or "").strip().replace(",", ".").replace(" ", "")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None
