"""The user's units and week start as state every private page can read.

Loaded once per tab by the login guard's page load (`PreferencesState.load` in app.py's
PRIVATE list) and updated when settings change them. Components read `PreferencesState.units`
/ `.weight_unit` / `.distance_unit` / `.week_start`; a page's backend handler gets them with
`await self.get_state(PreferencesState)` and formats with the pure `app/state/units.py`.
"""

from __future__ import annotations

import reflex as rx

from app.api.errors import ApiError
from app.api.users import UsersApi
from app.i18n import tr
from app.state import units as u
from app.state.messages import explain
from app.state.session import SessionState
from app.state.stored_state import set_changed


def _one(value: str | list[str]) -> str:
    """A segmented control answers its one value (a list only in multiple mode)."""
    return value[0] if isinstance(value, list) and value else str(value or "")


class PreferencesState(SessionState):
    units: str = u.METRIC
    week_start: str = u.MONDAY
    _loaded_for: str = ""  # the session the choice was read for

    @rx.var
    def weight_unit(self) -> str:
        return u.weight_unit(self.units, self.language)

    @rx.var
    def distance_unit(self) -> str:
        return u.distance_unit(self.units, self.language)

    @rx.var
    def imperial(self) -> bool:
        return u.imperial(self.units)

    @rx.event
    async def load(self):
        """Read the choice from the profile once per session (defaults until it exists)."""
        if not self.signed_in or self._loaded_for == self._session_id:
            return
        try:
            profile = await UsersApi(self.api()).profile()
        except ApiError:
            return  # no profile yet (or the service is down): metric, Monday
        self.remember(profile.units, profile.week_start)

    def remember(self, units: str, week_start: str) -> None:
        set_changed(
            self,
            units=units if units in u.UNIT_SYSTEMS else u.METRIC,
            week_start=week_start if week_start in u.WEEK_STARTS else u.MONDAY,
        )
        self._loaded_for = self._session_id

    # --- the settings page's choice (app/pages/settings_units.py) -------------------------

    units_notice: str = ""
    units_error: str = ""

    @rx.event
    async def save_units(self, value: str | list[str]):
        return await self._save(units=_one(value))

    @rx.event
    async def save_week_start(self, value: str | list[str]):
        return await self._save(week_start=_one(value))

    async def _save(self, **choice: str) -> rx.event.EventSpec | None:
        self.units_notice = self.units_error = ""
        try:
            profile = await UsersApi(self.api()).update_profile(**choice)
        except ApiError as error:
            self.units_error = explain(error, self.language)[0]
            return self.handle(error)
        self.remember(profile.units, profile.week_start)
        self.units_notice = units_notice(self.units, self.week_start, self.language)
        return None


def units_notice(units: str, week_start: str, language: str) -> str:
    """The settings page's confirmation, a whole sentence per choice (each translates whole)."""
    sunday = week_start == u.SUNDAY
    if u.imperial(units):
        if sunday:
            return tr(
                language,
                "Saved. Weights and heights in pounds, feet and inches; weeks start on Sunday.",
            )
        return tr(
            language,
            "Saved. Weights and heights in pounds, feet and inches; weeks start on Monday.",
        )
    if sunday:
        return tr(
            language, "Saved. Weights and heights in kilograms, centimetres; weeks start on Sunday."
        )
    return tr(
        language, "Saved. Weights and heights in kilograms, centimetres; weeks start on Monday."
    )
