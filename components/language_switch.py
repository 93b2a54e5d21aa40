"""The sign-in pages' language switch: English · Русский, applied at once (the choice is the
`fl_lang` cookie; once signed in, the profile's language decides, set in settings)."""

from __future__ import annotations

import reflex as rx

from app.i18n import LanguageState, t

# Each language is named in itself, so a reader of either finds theirs.
CHOICES = (("en", "English"), ("ru", "Русский"))


def language_switch() -> rx.Component:
    return rx.el.nav(
        rx.hstack(
            *[
                rx.button(
                    name,
                    on_click=LanguageState.choose_language(code),
                    variant=rx.cond(LanguageState.language == code, "soft", "ghost"),
                    aria_pressed=rx.cond(LanguageState.language == code, "true", "false"),
                    lang=code,
                    size="1",
                    color_scheme="gray",
                    id=f"language-{code}",
                )
                for code, name in CHOICES
            ],
            spacing="2",
        ),
        aria_label=t("Language"),
        id="language-switch",
    )
