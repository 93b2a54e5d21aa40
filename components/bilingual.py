"""A text the pure logic made in both languages (`f(..., "en")`, `f(..., "ru")`), shown in the
page's language: for labels built from data at import time (meal names, weekday names)."""

from __future__ import annotations

import reflex as rx

from app.i18n import LanguageState


def in_language(english: str, russian: str) -> rx.Var[str]:
    return rx.cond(LanguageState.language == "ru", russian, english).to(str)
