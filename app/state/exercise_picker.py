"""Adding an exercise to the open workout: search as you type (stale answers dropped by a
sequence number), filters by muscle group, equipment and category, recently used first.
`ExerciseSearch` is the picker itself (a mixin); the tracker's and the program editor's
pickers are substates of the state they add to."""

from __future__ import annotations

from typing import Any

import reflex as rx

from app.api.errors import ApiError
from app.api.workouts import Exercise, WorkoutsApi
from app.state import workout_logic as logic
from app.state.messages import explain
from app.state.tracker import TrackerState

SEARCH_LIMIT = 30
# The catalog's values (free-exercise-db's vocabulary, workouts/catalog.py); "" = any.
MUSCLES = (
    "abdominals",
    "biceps",
    "calves",
    "chest",
    "forearms",
    "glutes",
    "hamstrings",
    "lats",
    "lower back",
    "middle back",
    "quadriceps",
    "shoulders",
    "traps",
    "triceps",
)
EQUIPMENT = ("barbell", "dumbbell", "cable", "machine", "kettlebells", "body only", "other")
CATEGORIES = ("strength", "cardio", "stretching", "sport")


def exercise_row(
    exercise: Exercise, recent: frozenset[str] = frozenset(), language: str = "en"
) -> dict[str, str]:
    details = [
        ", ".join(logic.catalog_word(m, language) for m in exercise.primary_muscles),
        logic.catalog_word(exercise.equipment, language) if exercise.equipment else "",
        f"{logic.number_text(exercise.met.value, language, 2)} MET" if exercise.met.value else "",
    ]
    return {
        "id": exercise.id,
        "name": exercise.name_in(language),
        "details": " · ".join(d for d in details if d),
        "recent": "1" if exercise.id in recent else "",
    }


class ExerciseSearch(rx.State, mixin=True):
    """The picker's search, filters and results; what a pick does is the using state's
    (`_add`): the tracker adds the exercise to the workout, the program editor to a day."""

    picker_open: bool = False
    query: str = ""
    muscle: str = ""
    equipment: str = ""
    category: str = ""
    searching: bool = False
    search_error: str = ""
    results: list[dict[str, str]] = []
    adding: str = ""  # the exercise being added (its button shows a spinner)

    _seq: int = 0

    def _workouts_api(self) -> WorkoutsApi:
        raise NotImplementedError

    def _recent_ids(self) -> list[str]:
        """Exercises to list first (the tracker: recently done)."""
        return []

    def _kind(self) -> str | None:
        """Only exercises of this kind ("strength", ...); None: any."""
        return None

    async def _add(self, exercise_id: str) -> ApiError | None:
        """Use the picked exercise; an error is shown in the picker, which stays open."""
        raise NotImplementedError

    def _failed(self, error: ApiError) -> Any:
        """What to do besides showing the error (e.g. redirect a dead session)."""
        return None

    @rx.event
    def open_picker(self):
        self.picker_open = True
        self.query = ""
        self.search_error = ""
        return type(self).run_search

    @rx.event
    def set_picker_open(self, value: bool):
        self.picker_open = value

    @rx.event
    def search(self, text: str):
        self.query = text
        return type(self).run_search

    @rx.event
    def set_muscle(self, value: str):
        self.muscle = value
        return type(self).run_search

    @rx.event
    def set_equipment(self, value: str):
        self.equipment = value
        return type(self).run_search

    @rx.event
    def set_category(self, value: str):
        self.category = value
        return type(self).run_search

    @rx.event(background=True)
    async def run_search(self):
        async with self:
            self._seq += 1
            seq = self._seq
            self.searching = True
            query, muscle, equipment, category = (
                self.query.strip(),
                self.muscle,
                self.equipment,
                self.category,
            )
            recent = self._recent_ids()
            kind = self._kind()
            api = self._workouts_api()
            language = getattr(self, "language", "en")  # the using state's (a SessionState)
        try:
            found = await api.search_exercises(
                query,
                muscle=muscle or None,
                equipment=equipment or None,
                category=category or None,
                kind=kind,
                limit=SEARCH_LIMIT,
            )
        except ApiError as error:
            async with self:
                if seq == self._seq:
                    self.searching = False
                    self.search_error = explain(error)[0]
            return
        rows = logic.recent_first(
            [exercise_row(x, frozenset(recent), language) for x in found], recent
        )
        async with self:
            if seq != self._seq:
                return  # a later keystroke's answer wins
            self.results = rows
            self.search_error = ""
            self.searching = False

    @rx.event
    async def pick(self, exercise_id: str):
        self.adding = exercise_id
        yield
        try:
            error = await self._add(exercise_id)
        finally:
            self.adding = ""
        if error is not None:
            self.search_error = explain(error)[0]
            yield self._failed(error)
            return
        self.picker_open = False


class ExercisePickerState(ExerciseSearch, TrackerState):
    """The tracker's picker: a pick adds the exercise to the open workout."""

    def _workouts_api(self) -> WorkoutsApi:
        return WorkoutsApi(self.api())

    def _recent_ids(self) -> list[str]:
        return logic.recent_exercise_ids(self._history)

    async def _add(self, exercise_id: str) -> ApiError | None:
        return await self._call(lambda api: api.add_exercise(self.workout_id, exercise_id))

    def _failed(self, error: ApiError) -> Any:
        return self.handle(error)
