"""Turning English text into the page's language: in components (vars) and in state code."""

from __future__ import annotations

import logging
from typing import Any

import reflex as rx
from babel import Locale

from app.i18n.catalog import RUSSIAN, Plural, placeholders
from app.i18n.language import LanguageState, known

_RUSSIAN_LOCALE = Locale("ru")
logger = logging.getLogger(__name__)
_reported: set[str] = set()


def _russian(english: str) -> str | Plural:
    """The Russian entry; a missing one shows the English text (and the catalog test,
    tests/unit/test_i18n_catalog.py, fails on it, so none reaches a release)."""
    russian = RUSSIAN.get(english)
    if russian is None:
        if english not in _reported:
            _reported.add(english)
            logger.warning("no Russian for %r: add it to app/i18n/ru/", english)
        return english
    return russian


def _fill(template: str, values: dict[str, Any]) -> str:
    missing = placeholders(template) - values.keys()
    if missing:
        raise KeyError(f"{template!r} needs {sorted(missing)}")
    return template.format(**{name: values[name] for name in placeholders(template)})


def t(english: str) -> rx.Var[str]:
    """A fixed text in the page's language (in components)."""
    russian = _russian(english)
    if isinstance(russian, Plural):
        raise TypeError(f"{english!r} is counted: use trn() in state code")
    return rx.cond(LanguageState.language == "ru", russian, english).to(str)


def tf(english: str, **values: Any) -> rx.Var[str]:
    """A text with `{name}` placeholders filled by vars or text (in components)."""
    russian = _russian(english)
    if isinstance(russian, Plural):
        raise TypeError(f"{english!r} is counted: use trn() in state code")
    # f-string formatting of a var keeps it a var: the result is a JS string expression.
    filled = {name: f"{value}" for name, value in values.items()}
    return rx.cond(
        LanguageState.language == "ru",
        rx.Var.create(_fill(russian, filled)),
        rx.Var.create(_fill(english, filled)),
    ).to(str)


def tr(language: str, english: str, **values: Any) -> str:
    """A text in `language` (in state code)."""
    if known(language) == "ru":
        russian = _russian(english)
        if isinstance(russian, Plural):
            raise TypeError(f"{english!r} is counted: use trn()")
        return _fill(russian, values)
    return _fill(english, values)


def trn(language: str, count: float, one: str, other: str, **values: Any) -> str:
    """A counted text: `one`/`other` in English (the key is `other`), three forms in Russian.

    `count` is given to the template as `{n}` unless `values` names it otherwise.
    """
    values = {"n": count, **values}
    if known(language) != "ru":
        return _fill(one if count == 1 else other, values)
    russian = _russian(other)
    if not isinstance(russian, Plural):
        raise TypeError(f"{other!r} needs Plural(one, few, many) in the catalog")
    form = _RUSSIAN_LOCALE.plural_form(count)
    chosen = {"one": russian.one, "few": russian.few}.get(form, russian.many)
    if form == "other":  # fractions: 1,5 приёма
        chosen = russian.few
    return _fill(chosen, values)
