"""Texts and numbers in the page's language where the page builds them itself: a label the
pure logic made in both languages (`f(..., "en")`, `f(..., "ru")`), and a number the browser
formats ("2,100" / "2 100", "1.3" / "1,3")."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import var_operation, var_operation_return
from reflex.vars.number import NumberVar
from reflex.vars.sequence import StringVar

from app.i18n import LanguageState


def in_language(english: str, russian: str) -> rx.Var[str]:
    return rx.cond(LanguageState.language == "ru", russian, english).to(str)


@var_operation
def _number_in(value: NumberVar, language: StringVar):
    return var_operation_return(
        js_expression=f"({value}).toLocaleString({language} === 'ru' ? 'ru-RU' : 'en-US')",
        var_type=str,
    )


def number_text(value: rx.Var) -> rx.Var[str]:
    """A number var as the page's language writes it (thousands and decimal separators)."""
    return _number_in(value, LanguageState.language)
