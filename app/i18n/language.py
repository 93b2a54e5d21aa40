"""Which language a page speaks: the `fl_lang` cookie, else the browser's Accept-Language."""

from __future__ import annotations

from typing import Any

import reflex as rx

from app.state.stored_state import set_changed, without_figures

LANGUAGES = ("en", "ru")
COOKIE = "fl_lang"
COOKIE_MAX_AGE = 365 * 86400


def language_from_header(accept_language: str) -> str:
    """The first of our languages the browser asks for, by its q-weights; English otherwise."""
    wanted: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            wanted.append((-quality, position, primary))
    return min(wanted)[2] if wanted else "en"


def known(language: str) -> str:
    return language if language in LANGUAGES else "en"


class LanguageState(rx.State):
    """The page's language; every page state inherits it (SessionState is a subclass)."""

    language: str = rx.Cookie("", name=COOKIE, max_age=COOKIE_MAX_AGE, same_site="lax")

    def __getstate__(self) -> dict[str, Any]:
        # Every page state inherits this: chart figures are not kept in Redis (stored_state.py).
        return without_figures(super().__getstate__())

    def settle_language(self) -> None:
        """On every page load: keep the chosen language, or take the browser's."""
        if self.language not in LANGUAGES:
            set_changed(self, language=language_from_header(self.router.headers.accept_language))

    @rx.event
    def choose_language(self, value: str):
        self.language = known(value)
