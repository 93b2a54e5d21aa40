"""Programs (`/programs`, and the "follow a program" part of `/workouts`): the built-in ones
and the user's own, where the user is in each (week, next day), and starting the next day."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.api.errors import ApiError
from app.api.workouts import WorkoutsApi
from app.state import program_logic as logic
from app.state.messages import explain
from app.state.preferences import PreferencesState
from app.state.session import SessionState


class ProgramsState(SessionState):
    programs_loading: bool = True
    programs_error: str = ""
    start_program_error: str = ""
    starting_program: str = ""  # the program whose next day is being created
    copying_program: str = ""  # the built-in program being copied into one's own
    programs: list[dict[str, str]] = []

    @rx.event
    async def load_programs(self):
        if not self.signed_in:
            return
        self.programs_loading = True
        self.programs_error = ""
        self.start_program_error = ""
        api = WorkoutsApi(self.api())
        try:
            found = await api.programs()
            # Built-in exercises are named from their ids, in English; in another language
            # every exercise's name comes from the catalog.
            names = await api.exercise_names(
                (
                    x.exercise_id
                    for p in found
                    if p.own or self.language == "ru"
                    for d in p.days
                    for x in d.exercises
                    if self.language == "ru" or not x.exercise_id.startswith("builtin:")
                ),
                self.language,
            )
        except ApiError as error:
            self.programs_error = explain(error)[0]
            self.programs_loading = False
            yield self.handle(error)
            return
        units = (await self.get_state(PreferencesState)).units
        self.programs = [logic.program_card(p, names, units, self.language) for p in found]
        self.programs_loading = False

    @rx.event
    async def copy_program(self, program_id: str):
        """A built-in program copied into one's own programs, then opened in the editor."""
        if self.copying_program:
            return
        self.copying_program = program_id
        self.start_program_error = ""
        yield
        api = WorkoutsApi(self.api())
        try:
            copy = await api.create_program(
                logic.copy_of(await api.program(program_id), self.language)
            )
        except ApiError as error:
            self.start_program_error = explain(error)[0]
            yield self.handle(error)
            return
        finally:
            self.copying_program = ""
        yield rx.redirect(routes.program(copy.id))

    @rx.event
    async def start_program(self, program_id: str):
        if self.starting_program:
            return
        self.starting_program = program_id
        self.start_program_error = ""
        yield
        try:
            workout = await WorkoutsApi(self.api()).start_program(program_id)
        except ApiError as error:
            self.start_program_error = explain(error)[0]
            yield self.handle(error)
            return
        finally:
            self.starting_program = ""
        yield rx.redirect(routes.workout(workout.id))
