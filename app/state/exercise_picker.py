"""Adding an exercise to the open workout: search as you type (stale answers dropped by a
sequence number), filters by muscle group, equipment and category, recently used first.
A substate of the tracker it adds to."""

from __future__ import annotations

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


def exercise_row(exercise: Exercise, recent: frozenset[str] = frozenset()) -> dict[str, str]:
    details = [
        ", ".join(exercise.primary_muscles),
        exercise.equipment or "",
        f"{logic.plain(exercise.met.value)} MET" if exercise.met.value else "",
    ]
    return {
        "id": exercise.id,
        "name": exercise.name,
        "details": " · ".join(d for d in details if d),
        "recent": "1" if exercise.id in recent else "",
    }


class ExercisePickerState(TrackerState):
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

    @rx.event
    def open_picker(self):
        self.picker_open = True
        self.query = ""
        self.search_error = ""
        return ExercisePickerState.run_search

    @rx.event
    def set_picker_open(self, value: bool):
        self.picker_open = value

    @rx.event
    def search(self, text: str):
        self.query = text
        return ExercisePickerState.run_search

    @rx.event
    def set_muscle(self, value: str):
        self.muscle = value
        return ExercisePickerState.run_search

    @rx.event
    def set_equipment(self, value: str):
        self.equipment = value
        return ExercisePickerState.run_search

    @rx.event
    def set_category(self, value: str):
        self.category = value
        return ExercisePickerState.run_search

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
            recent = logic.recent_exercise_ids(self._history)
            api = WorkoutsApi(self.api())
        try:
            found = await api.search_exercises(
                query,
                muscle=muscle or None,
                equipment=equipment or None,
                category=category or None,
                limit=SEARCH_LIMIT,
            )
        except ApiError as error:
            async with self:
                if seq == self._seq:
                    self.searching = False
                    self.search_error = explain(error)[0]
            return
        rows = logic.recent_first([exercise_row(x, frozenset(recent)) for x in found], recent)
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
            error = await self._call(lambda api: api.add_exercise(self.workout_id, exercise_id))
        finally:
            self.adding = ""
        if error is not None:
            self.search_error = explain(error)[0]
            yield self.handle(error)
            return
        self.picker_open = False
