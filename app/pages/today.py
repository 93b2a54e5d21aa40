"""Today: the signed-in home page (rings, charts, latest notifications)."""

from __future__ import annotations

import reflex as rx

from app.state.session import SessionState
from components.layout import app_shell

TITLE = "Today · FitLedger"


class TodayState(SessionState):
    @rx.event
    async def load(self):
        return None


def today() -> rx.Component:
    return app_shell(
        rx.text("Hello, ", SessionState.display_name, id="greeting"),
        title="Today",
    )
