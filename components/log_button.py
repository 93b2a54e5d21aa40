"""The food picker's "Log to lunch" button: the one way each of its panels saves."""

from __future__ import annotations

import reflex as rx

from app.i18n import tf
from app.state.food_picker import FoodPickerState as S


def log_button(on_click, *, id: str) -> rx.Component:
    return rx.button(
        tf("Log to {meal}", meal=S.picker_label),
        on_click=on_click,
        loading=S.log_busy,
        size="3",
        width="100%",
        id=id,
    )
