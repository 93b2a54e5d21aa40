"""The program editor (`/programs/new`, `/programs/<id>` for one's own): name, days a week
and their weekdays, days with their exercises (picked from the catalog), sets x reps and each
exercise's progression rule. Saving sends the whole program; the service checks it again."""

from __future__ import annotations

from typing import Any

import reflex as rx

from app import routes
from app.api.errors import ApiError
from app.api.workouts import WorkoutsApi
from app.i18n import tr
from app.state import program_logic as logic
from app.state import workout_logic
from app.state.exercise_picker import ExerciseSearch
from app.state.messages import explain
from app.state.page_params import page_param
from app.state.preferences import PreferencesState
from app.state.session import SessionState
from app.state.units import METRIC

NEW = "new"


class ProgramEditorState(SessionState):
    program_id: str = ""  # "" while it is a new one
    form_for: str = ""  # the address's id the boxes were loaded for ("new" for a new one)
    loading: bool = True
    load_error: str = ""
    saving: bool = False
    form_error: str = ""
    error_field: str = ""  # the box the error is about ("name", "<row id>-sets", ...)
    name: str = ""
    description: str = ""
    days_per_week: str = "3"
    schedule: list[str] = []  # the training weekdays chosen; [] = the service's default
    days: list[dict[str, str]] = []  # id, name
    rows: dict[str, list[dict[str, str]]] = {}  # day id -> its exercises
    picker_day: str = ""  # the day the exercise picker adds to
    _units: str = METRIC  # the weights' boxes are in the user's units (kg or lb)

    @rx.event
    async def load(self):
        if not self.signed_in:
            return
        wanted = page_param(self.router, "id", NEW)
        self._units = (await self.get_state(PreferencesState)).units
        self.load_error = self.form_error = self.error_field = ""
        self.loading = True
        if wanted == NEW:
            first = logic.new_day([])
            self.program_id, self.name, self.description, self.days_per_week = "", "", "", "3"
            self.schedule = []
            self.days, self.rows = [first], {first["id"]: []}
            self.form_for, self.loading = NEW, False
            return
        api = WorkoutsApi(self.api())
        try:
            program = await api.program(wanted)
            names = await api.exercise_names(
                (x.exercise_id for d in program.days for x in d.exercises), self.language
            )
        except ApiError as error:
            self.load_error = (
                tr(self.language, "There is no such program.")
                if error.status == 404
                else explain(error)[0]
            )
            self.loading = False
            yield self.handle(error)
            return
        if not program.own:
            self.load_error = tr(
                self.language,
                "A built-in program cannot be changed: copy it to your programs to edit it.",
            )
            self.loading = False
            return
        self.program_id = program.id
        self.name, self.description = program.name, program.description
        self.days_per_week = str(program.days_per_week)
        self.schedule = list(program.schedule)
        self.days, self.rows = logic.editor_form(program, names, self._units)
        self.form_for, self.loading = wanted, False

    # ---- boxes ----

    def _clear_error(self) -> None:
        self.form_error = self.error_field = ""

    @rx.event
    def set_name(self, value: str):
        self.name = value
        self._clear_error()

    @rx.event
    def set_description(self, value: str):
        self.description = value
        self._clear_error()

    @rx.event
    def set_days_per_week(self, value: str):
        self.days_per_week = value
        self._clear_error()

    @rx.var
    def weekday_toggles(self) -> list[dict[str, str]]:
        return logic.weekday_toggles(self.schedule, self.language)

    @rx.event
    def toggle_weekday(self, day: str):
        if day in logic.WEEKDAYS:
            self.schedule = logic.toggled(self.schedule, day)
            self._clear_error()

    @rx.event
    def add_day(self):
        if len(self.days) >= logic.MAX_DAYS:
            self.form_error = tr(self.language, "A program has at most {n} days.", n=logic.MAX_DAYS)
            return
        day = logic.new_day(self.days)
        self.days = [*self.days, day]
        self.rows = {**self.rows, day["id"]: []}

    @rx.event
    def rename_day(self, day_id: str, value: str):
        self.days = [{**d, "name": value} if d["id"] == day_id else d for d in self.days]
        self._clear_error()

    @rx.event
    def remove_day(self, day_id: str):
        self.days = [d for d in self.days if d["id"] != day_id]
        self.rows = {k: v for k, v in self.rows.items() if k != day_id}

    @rx.event
    def set_row_field(self, day_id: str, row_id: str, field: str, value: str):
        self.rows = {
            **self.rows,
            day_id: [
                {**r, field: value} if r["id"] == row_id else r for r in self.rows.get(day_id, [])
            ],
        }
        self._clear_error()

    @rx.event
    def remove_row(self, day_id: str, row_id: str):
        kept = [r for r in self.rows.get(day_id, []) if r["id"] != row_id]
        self.rows = {**self.rows, day_id: kept}

    @rx.event
    def move_row(self, day_id: str, row_id: str, step: int):
        rows = self.rows.get(day_id, [])
        order = workout_logic.move([r["id"] for r in rows], row_id, step)
        by_id = {r["id"]: r for r in rows}
        self.rows = {**self.rows, day_id: [by_id[i] for i in order]}

    def add_exercise(self, exercise_id: str, name: str) -> str:
        """The picked exercise at the end of the picker's day; an error message, or ""."""
        rows = self.rows.get(self.picker_day)
        if rows is None:
            return tr(self.language, "Pick the day first.")
        if len(rows) >= logic.MAX_EXERCISES_PER_DAY:
            return tr(
                self.language,
                "A day holds at most {n} exercises.",
                n=logic.MAX_EXERCISES_PER_DAY,
            )
        row = logic.new_row(exercise_id, name, self._units)
        self.rows = {**self.rows, self.picker_day: [*rows, row]}
        return ""

    # ---- saving ----

    @rx.event
    async def save(self):
        if self.saving:
            return
        try:
            draft = logic.read_program(
                self.name,
                self.description,
                self.days_per_week,
                self.days,
                self.rows,
                self._units,
                self.language,
                self.schedule,
            )
        except logic.InvalidProgram as problem:
            self.form_error, self.error_field = str(problem), problem.field
            return
        self.saving = True
        self._clear_error()
        yield
        api = WorkoutsApi(self.api())
        try:
            if self.program_id:
                await api.update_program(self.program_id, draft)
            else:
                await api.create_program(draft)
        except ApiError as error:
            self.form_error = explain(error)[0]
            yield self.handle(error)
            return
        finally:
            self.saving = False
        yield rx.redirect(routes.PROGRAMS)

    @rx.event
    async def delete(self):
        if not self.program_id:
            return
        try:
            await WorkoutsApi(self.api()).delete_program(self.program_id)
        except ApiError as error:
            self.form_error = explain(error)[0]
            yield self.handle(error)
            return
        yield rx.redirect(routes.PROGRAMS)


class ProgramExercisePicker(ExerciseSearch, ProgramEditorState):
    """The editor's picker: a pick appends the exercise to the chosen day (strength only:
    a program prescribes sets x reps)."""

    def _workouts_api(self) -> WorkoutsApi:
        return WorkoutsApi(self.api())

    def _kind(self) -> str | None:
        return "strength"

    async def _add(self, exercise_id: str) -> ApiError | None:
        name = next((r["name"] for r in self.results if r["id"] == exercise_id), exercise_id)
        self.form_error = self.add_exercise(exercise_id, name)
        return None

    def _failed(self, error: ApiError) -> Any:
        return self.handle(error)

    @rx.event
    def open_for_day(self, day_id: str):
        self.picker_day = day_id
        self.picker_open = True
        self.query = ""
        self.search_error = ""
        return ProgramExercisePicker.run_search
