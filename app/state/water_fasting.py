"""Water and fasting on the diary and today pages: the day's drinks against the goal (quick
buttons, a typed amount, undo, the goal), the running fast with its target, a past fast
logged, recent fasts. Shared by both pages, so it reads the day from the route itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

import reflex as rx

from app.api.errors import ApiError, NotFound
from app.api.users import UsersApi
from app.api.water_fasting import DEFAULT_GOAL_ML, Fast, WaterDay, WaterFastingApi
from app.i18n import tr
from app.state import diary_logic
from app.state import water_fasting_logic as logic
from app.state.messages import explain
from app.state.page_params import page_param
from app.state.session import SessionState
from app.state.units import METRIC

FAST_FIELDS = ("target_hours", "started_at", "ended_at")


def no_field_errors() -> dict[str, str]:
    return {name: "" for name in FAST_FIELDS}


class WaterFastingState(SessionState):
    wf_day_iso: str = ""
    units: str = METRIC
    water_unit: str = "ml"
    total_text: str = "0"
    goal_text: str = ""
    water_percent: int = 0
    goal_is_default: bool = True
    quick: list[dict[str, str]] = []  # {"ml": "250", "label": "+250 ml"}
    custom_amount: str = ""
    goal_input: str = ""
    goal_open: bool = False
    suggested_goal: str = ""  # "2,400 ml from your weight", "" without a weight
    can_undo: bool = False
    can_log_water: bool = True  # not on a day after today (water is logged when drunk)
    water_busy: bool = False
    water_error: str = ""

    protocol: str = "16:8"
    custom_hours: str = "24"
    running: dict[str, str] = {}
    history: list[dict[str, str]] = []
    past_start: str = ""
    past_end: str = ""
    fast_busy: bool = False
    fast_error: str = ""
    fast_fields: dict[str, str] = {
        n: "" for n in FAST_FIELDS
    }  # by field: target_hours, started_at, ended_at
    has_running: bool = False
    fast_percent: int = 0

    _timezone: str = "UTC"
    _weight_kg: float | None = None
    _goal_ml: int = DEFAULT_GOAL_ML
    _last_drink: str = ""
    _running: Fast | None = None

    # ---- loading ----

    @rx.event
    async def load(self):
        """on_load of /today, /diary and /diary/[day] (the day from the route, else today)."""
        if not self.signed_in:
            return
        self.water_error, self.fast_error, self.fast_fields = "", "", no_field_errors()
        api = WaterFastingApi(self.api())
        try:
            try:
                profile = await UsersApi(self.api()).profile()
                self._timezone, self.units = profile.timezone or "UTC", profile.units
                self._weight_kg = profile.weight_kg
            except NotFound:
                pass  # before onboarding: UTC, metric
            today = dt.datetime.now(logic.zone(self._timezone)).date()
            param = page_param(self.router, "day")
            day = diary_logic.parse_day(param, today) if param else today
            day = day or today
            water = await api.water_day(day)
            fasts = await api.fasts()
        except ApiError as error:
            yield self.handle(error)
            self.water_error = explain(error, self.language)[0]
            return
        self.can_log_water = day <= today
        self._show_water(water)
        self._show_fasts(fasts.current, fasts.recent)

    def _show_water(self, water: WaterDay) -> None:
        language, units = self.language, self.units
        self.wf_day_iso = water.date.isoformat()
        self.water_unit = logic.water_unit(units, language)
        self._goal_ml = water.water.goal_ml
        self.goal_is_default = water.water.goal_is_default
        self.total_text = logic.water_number(water.water.total_ml, units, language)
        self.goal_text = logic.water_text(water.water.goal_ml, units, language)
        self.water_percent = logic.percent(water.water.total_ml, water.water.goal_ml)
        self.quick = [
            {"ml": str(ml), "label": "+" + logic.water_text(ml, units, language)}
            for ml in logic.quick_amounts(units)
        ]
        self._last_drink = water.drinks[-1].id if water.drinks else ""
        self.can_undo = bool(water.drinks)
        suggested = logic.goal_from_weight(self._weight_kg)
        self.suggested_goal = (
            ""
            if suggested is None
            else tr(
                language,
                "{amount} from your weight",
                amount=logic.water_text(suggested, units, language),
            )
        )

    def _show_fasts(self, current: Fast | None, recent: tuple[Fast, ...]) -> None:
        self._running = current
        self._tick()
        self.history = logic.history_rows(recent, self._timezone, self.language)
        if recent and current is None:
            self.protocol = recent[0].protocol  # the protocol chosen last time
            if recent[0].protocol == "custom":
                self.custom_hours = str(recent[0].target_hours)

    def _tick(self) -> None:
        now = dt.datetime.now(dt.UTC)
        self.running = (
            {}
            if self._running is None
            else logic.running_view(self._running, now, self._timezone, self.language)
        )
        self.has_running = self._running is not None
        self.fast_percent = int(self.running.get("percent", "0"))

    @rx.event
    def tick(self, _moment: str = ""):
        """Every minute while a fast runs: its elapsed time (no call to the service)."""
        if self._running is not None:
            self._tick()

    # ---- water ----

    def _water_refused(self, error: ApiError, field: str) -> rx.event.EventSpec | None:
        """The refusal next to the card (the field's own words when it names one)."""
        message, fields = explain(error, self.language)
        self.water_error = fields.get(field) or message
        return self.handle(error)

    async def _drink(self, ml: int | None):
        error = logic.drink_error(ml, self.units, self.language)
        if error or ml is None:
            self.water_error = error
            return
        self.water_busy, self.water_error = True, ""
        yield
        try:
            day = dt.date.fromisoformat(self.wf_day_iso)
            self._show_water(await WaterFastingApi(self.api()).log_drink(day, ml))
            self.custom_amount = ""
        except ApiError as error:
            yield self._water_refused(error, "amount_ml")
        finally:
            self.water_busy = False

    @rx.event
    async def add_quick(self, ml: str):
        async for update in self._drink(int(ml)):
            yield update

    @rx.event
    def set_custom_amount(self, value: str):
        self.custom_amount = value

    @rx.event
    async def add_custom(self, _form: dict[str, str]):
        async for update in self._drink(logic.typed_ml(self.custom_amount, self.units)):
            yield update

    @rx.event
    async def undo_drink(self):
        if not self._last_drink:
            return
        self.water_busy, self.water_error = True, ""
        yield
        try:
            self._show_water(await WaterFastingApi(self.api()).remove_drink(self._last_drink))
        except ApiError as error:
            yield self._water_refused(error, "")
        finally:
            self.water_busy = False

    @rx.event
    def set_goal_open(self, value: bool):
        self.goal_open = value
        if value:
            self.goal_input = logic.goal_field(self._goal_ml, self.units)
            self.water_error = ""

    @rx.event
    def set_goal_input(self, value: str):
        self.goal_input = value

    @rx.event
    def use_suggested_goal(self):
        suggested = logic.goal_from_weight(self._weight_kg)
        if suggested is not None:
            self.goal_input = logic.goal_field(suggested, self.units)

    @rx.event
    async def save_goal(self):
        ml = logic.typed_ml(self.goal_input, self.units)
        error = logic.goal_error(ml, self.units, self.language)
        if error or ml is None:
            self.water_error = error
            return
        self.water_busy, self.water_error = True, ""
        yield
        try:
            api = WaterFastingApi(self.api())
            await api.set_goal(ml)
            self._show_water(await api.water_day(dt.date.fromisoformat(self.wf_day_iso)))
            self.goal_open = False
        except ApiError as error:
            yield self._water_refused(error, "goal_ml")
        finally:
            self.water_busy = False

    # ---- fasting ----

    @rx.event
    def set_protocol(self, value: str):
        if value in logic.PROTOCOLS:
            self.protocol = value

    @rx.event
    def set_custom_hours(self, value: str):
        self.custom_hours = value

    @rx.event
    def set_past_start(self, value: str):
        self.past_start = value

    @rx.event
    def set_past_end(self, value: str):
        self.past_end = value

    def _target(self) -> int | None:
        """The custom fast's hours, or None (the protocol's own); sets the field's error."""
        if self.protocol != "custom":
            return None
        hours = logic.typed_hours(self.custom_hours)
        if hours is None:
            self.fast_fields = no_field_errors() | {
                "target_hours": tr(
                    self.language,
                    "Enter {low} to {high} hours.",
                    low=logic.MIN_TARGET_HOURS,
                    high=logic.MAX_TARGET_HOURS,
                )
            }
        return hours

    async def _fast_change(self, change: Callable[[WaterFastingApi], Awaitable[object]]):
        """Start, end or remove a fast, then show the fasts again (errors by field)."""
        self.fast_busy = True
        yield
        try:
            api = WaterFastingApi(self.api())
            await change(api)
            fasts = await api.fasts()
            self._show_fasts(fasts.current, fasts.recent)
        except ApiError as error:
            yield self.handle(error)
            self.fast_error, fields = explain(error, self.language)
            self.fast_fields = no_field_errors() | fields
        finally:
            self.fast_busy = False

    async def _start(self, started_at: dt.datetime | None, ended_at: dt.datetime | None):
        self.fast_error, self.fast_fields = "", no_field_errors()
        target = self._target()
        if any(self.fast_fields.values()):
            return

        async def start(api: WaterFastingApi) -> None:
            await api.start_fast(
                self.protocol, target_hours=target, started_at=started_at, ended_at=ended_at
            )
            self.past_start, self.past_end = "", ""

        async for update in self._fast_change(start):
            yield update

    @rx.event
    async def start_fast(self):
        async for update in self._start(None, None):
            yield update

    @rx.event
    async def log_past_fast(self):
        start = logic.local_instant(self.past_start, self._timezone)
        end = logic.local_instant(self.past_end, self._timezone)
        if start is None or end is None:
            missing = tr(self.language, "Enter a date and time.")
            self.fast_fields = no_field_errors() | {
                **({"started_at": missing} if start is None else {}),
                **({"ended_at": missing} if end is None else {}),
            }
            return
        async for update in self._start(start, end):
            yield update

    @rx.event
    async def end_fast(self):
        self.fast_error, self.fast_fields = "", no_field_errors()
        async for update in self._fast_change(lambda api: api.end_fast()):
            yield update

    @rx.event
    async def delete_fast(self, fast_id: str):
        self.fast_error, self.fast_fields = "", no_field_errors()
        async for update in self._fast_change(lambda api: api.delete_fast(fast_id)):
            yield update
