"""The progress page (`/progress`): one exercise's estimated 1RM, best sets and volume, the
weekly sets and volume per muscle group, and the body-weight trend, over a chosen period.

`?exercise=<id>` opens it on that exercise (the workout summary links here). The numbers are
pure functions of what the services answer (app/state/progress_logic.py)."""

from __future__ import annotations

import asyncio
import datetime as dt

import plotly.graph_objects as go
import reflex as rx

from app import routes
from app.api.errors import ApiError
from app.api.users import UsersApi
from app.api.workouts import LIST_MAX, WorkoutsApi
from app.state import dashboard
from app.state import progress_logic as logic
from app.state.messages import explain
from app.state.page_params import page_param
from app.state.preferences import PreferencesState
from app.state.session import SessionState
from app.state.units import METRIC
from components.charts import (
    NO_FIGURE,
    e1rm_figure,
    muscle_figure,
    pad_dates,
    session_volume_figure,
    weight_figure,
)


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


class ProgressState(SessionState):
    loading: bool = True
    load_error: str = ""
    exercise_loading: bool = False
    exercise_error: str = ""
    range_key: str = logic.DEFAULT_RANGE
    exercise_id: str = ""
    exercises: list[dict[str, str]] = []  # id, name: strength exercises done, newest first
    exercise_name: str = ""
    e1rm_formula: str = ""
    sessions: list[logic.SessionRow] = []
    muscles: logic.MuscleWeeks = logic.MuscleWeeks([], [], [], {}, {})
    weight_rows: list[dashboard.WeightRow] = []
    truncated: bool = False  # more workouts in the period than one list answer holds
    units: str = METRIC  # the user's choice (PreferencesState), for the texts and charts
    _names: dict[str, str] = {}  # exercise id -> its name in the page's language

    @rx.event
    async def load(self):
        """on_load (after require_login): the period's workouts, weigh-ins, one exercise."""
        if not self.signed_in:
            return
        self.loading = True
        self.load_error = ""
        self.units = (await self.get_state(PreferencesState)).units
        wanted = page_param(self.router, "exercise")
        if isinstance(wanted, str) and wanted:
            self.exercise_id = wanted
        yield
        async for update in self._reload():
            yield update

    async def _reload(self):
        """The period's workouts and weigh-ins, then the chosen exercise's sessions."""
        error = await self._load_period()
        self.loading = False
        if error is not None:
            yield self.handle(error)
            return
        yield ProgressState.load_exercise

    async def _load_period(self) -> ApiError | None:
        today = _today()
        start = logic.range_start(self.range_key, today)
        workouts_api, users = WorkoutsApi(self.api()), UsersApi(self.api())
        try:
            workouts, weights = await asyncio.gather(
                workouts_api.workouts(start, today, limit=LIST_MAX),
                users.weights(None if start == logic.ALL_FROM else start, today),
            )
        except ApiError as error:
            self.load_error = explain(error)[0]
            return error
        self.truncated = len(workouts) >= LIST_MAX
        language = self.language
        names: dict[str, str] = {}
        if language == "ru":
            try:
                names = await workouts_api.exercise_names(
                    {x.exercise_id for w in workouts for x in w.exercises}, language
                )
            except ApiError:
                names = {}  # the workouts' own (English) names are shown
        self._names = names
        self.exercises = logic.exercise_options(workouts, names)
        known = {x["id"] for x in self.exercises}
        if self.exercise_id not in known:
            self.exercise_id = self.exercises[0]["id"] if self.exercises else ""
        self.muscles = logic.muscle_weeks(workouts, start, today, language)
        first_weigh_in = min((e.date for e in weights.entries), default=today)
        self.weight_rows = dashboard.weight_rows(weights, max(start, first_weigh_in), today)
        self._set_name()
        return None

    def _set_name(self) -> None:
        names = {x["id"]: x["name"] for x in self.exercises}
        self.exercise_name = names.get(self.exercise_id, "")

    @rx.event
    async def load_exercise(self):
        """The chosen exercise's sessions in the period (from the workouts service)."""
        if not self.exercise_id:
            self.sessions, self.e1rm_formula = [], ""
            return
        self.exercise_loading = True
        self.exercise_error = ""
        yield
        start = logic.range_start(self.range_key, _today())
        try:
            progress = await WorkoutsApi(self.api()).progress(self.exercise_id, start)
        except ApiError as error:
            self.exercise_error = explain(error)[0]
            self.exercise_loading = False
            yield self.handle(error)
            return
        self.exercise_name = self._names.get(self.exercise_id, progress.name)
        self.e1rm_formula = progress.e1rm_formula
        self.sessions = logic.session_rows(progress, self.units, self.language)
        self.exercise_loading = False

    @rx.event
    async def set_range(self, value: str | list[str]):
        key = value if isinstance(value, str) else (value[0] if value else "")
        self.range_key = logic.valid_range(key)
        self.loading = True
        yield
        async for update in self._reload():
            yield update

    @rx.event
    def choose_exercise(self, exercise_id: str):
        self.exercise_id = exercise_id
        self._set_name()
        return ProgressState.load_exercise

    # ---- what the page shows ----
    # The figures are built on this page only: elsewhere (a hydrate computes every page's
    # vars) they would be built for nothing.

    @rx.var
    def e1rm_chart(self) -> go.Figure:
        if not self.router.url.path.startswith(routes.PROGRESS):
            return NO_FIGURE
        return e1rm_figure(self.sessions, self.units, self.language)

    @rx.var
    def volume_chart(self) -> go.Figure:
        if not self.router.url.path.startswith(routes.PROGRESS):
            return NO_FIGURE
        return session_volume_figure(self.sessions, self.units, self.language)

    @rx.var
    def muscle_sets_chart(self) -> go.Figure:
        if not self.router.url.path.startswith(routes.PROGRESS):
            return NO_FIGURE
        return muscle_figure(self.muscles, measure="sets", units=self.units, language=self.language)

    @rx.var
    def muscle_volume_chart(self) -> go.Figure:
        if not self.router.url.path.startswith(routes.PROGRESS):
            return NO_FIGURE
        return muscle_figure(
            self.muscles, measure="volume", units=self.units, language=self.language
        )

    @rx.var
    def weight_chart(self) -> go.Figure:
        if not self.router.url.path.startswith(routes.PROGRESS):
            return NO_FIGURE
        weighed = [r.date for r in self.weight_rows if r.weight_kg is not None]
        return pad_dates(weight_figure(self.weight_rows, self.units, self.language), weighed, 3)

    @rx.var
    def latest_e1rm(self) -> str:
        return logic.latest_e1rm_text(self.sessions, self.units, self.language)

    @rx.var
    def e1rm_change(self) -> str:
        return logic.change_text(self.sessions, self.units, self.language)

    @rx.var
    def best_sets(self) -> list[dict[str, str]]:
        return logic.best_sets(self.sessions, units=self.units, language=self.language)

    @rx.var
    def session_table_rows(self) -> list[list[str]]:
        return logic.session_table(self.sessions, self.units, self.language)

    @rx.var
    def muscle_table_rows(self) -> list[list[str]]:
        return logic.muscle_table(self.muscles, self.units, self.language)

    @rx.var
    def weight_table_rows(self) -> list[list[str]]:
        return dashboard.weight_table(self.weight_rows, self.units, self.language)

    @rx.var
    def no_sessions(self) -> bool:
        return not any(r.e1rm_kg is not None for r in self.sessions)

    @rx.var
    def no_muscles(self) -> bool:
        return not self.muscles.muscles

    @rx.var
    def no_weights(self) -> bool:
        return not dashboard.has_weights(self.weight_rows)
