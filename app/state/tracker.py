"""One workout (`/workouts/[id]`): logging sets while it is in progress, the rest timer, finishing
it, and the finished summary. The workout lives in the workouts service, so a reload (or another
device) resumes it; rows not yet ticked are drafts kept in this tab's state.

A set is saved when its tick is pressed (the service has no "planned" sets): ticking posts it,
un-ticking deletes it again and leaves its numbers in the row.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import reflex as rx

from app import routes
from app.api.errors import ApiError
from app.api.workouts import Workout, WorkoutsApi
from app.i18n import tr
from app.state import units as u
from app.state import workout_logic as logic
from app.state.messages import explain
from app.state.page_params import page_param
from app.state.preferences import PreferencesState
from app.state.session import SessionState

HISTORY_LIMIT = 60  # past workouts read for "last time" hints and recently used exercises
# A second tap on the same tick this soon is a double tap, not "undo" (a gym, one hand).
DOUBLE_TAP_S = 0.8


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def entry_views(workout: Workout) -> list[logic.EntryView]:
    return [
        logic.EntryView(
            id=e.id,
            exercise_id=e.exercise_id,
            name=e.name,
            set_kind=e.set_kind or "strength",
            sets=e.sets,
            target_sets=e.target.sets if e.target else 0,
            target_reps=e.target.reps if e.target else 0,
            target_weight_kg=e.target.weight_kg if e.target else None,
            target_rule=e.target.rule if e.target else "",
        )
        for e in workout.exercises
    ]


class TrackerState(SessionState):
    workout_id: str = ""
    workout_name: str = ""
    completed: bool = False
    started_iso: str = ""
    loading: bool = True
    load_error: str = ""
    action_error: str = ""
    busy: bool = False
    finish_weight: str = ""  # optional: today's body weight for the calories
    finish_weight_error: str = ""

    # One dict per exercise: id, name, set_kind, target (the prescription and rule in words),
    # met ("Compendium 02054: resistance training, 8-15 repetitions, 3.5 MET").
    entries: list[dict[str, str]] = []
    rows: dict[str, list[dict[str, str]]] = {}
    volume_text: str = ""
    sets_done: int = 0
    sets_done_text: str = "0 sets"

    # The rest timer: its end is kept in the browser, so it survives a reload of the tab.
    rest_stored: str = rx.LocalStorage("", name="fl_rest_until")
    rest_left: int = 0
    rest_key: str = ""

    # The finished summary.
    progress_href: str = routes.PROGRESS  # the progress page on this workout's first lift
    summary: dict[str, str] = {}
    summary_mets: list[dict[str, str]] = []
    records: list[dict[str, str]] = []

    _workout: Workout | None = None
    _drafts: dict[str, list[dict[str, str]]] = {}
    _seeded: list[str] = []  # entries whose first rows were made (a removed draft stays gone)
    _last: dict[str, list[dict[str, Any]]] = {}
    _history: tuple[Workout, ...] = ()
    _last_tap: tuple[str, float] = ("", 0.0)
    _units: str = u.METRIC  # the user's choice: rows show and take kg/km or lb/mi
    _language: str = "en"  # the texts of the rows (the page's language at load)
    _names: dict[str, str] = {}  # exercise id -> its name in that language

    # ---- loading ----

    @rx.event
    async def load(self):
        """on_load of /workouts/[id] (after require_login)."""
        if not self.signed_in:
            return
        workout_id = page_param(self.router, "id")
        if workout_id != self.workout_id:
            self._drafts, self._seeded = {}, []
            self.entries, self.rows, self.summary = [], {}, {}
        self.workout_id = workout_id
        units = (await self.get_state(PreferencesState)).units
        if units != self._units:
            self._drafts, self._seeded = {}, []  # drafts hold numbers typed in the old unit
        self._units = units
        self.loading = True
        self.load_error = ""
        self.action_error = ""
        yield  # another workout's rows are gone before this one arrives
        api = WorkoutsApi(self.api())
        try:
            workout = await api.workout(workout_id)
        except ApiError as error:
            yield self.handle(error)
            self.load_error = (
                tr(self.language, "There is no such workout.")
                if error.status == 404
                else explain(error)[0]
            )
            self.loading = False
            return
        try:
            self._history = await api.workouts(limit=HISTORY_LIMIT)
        except ApiError:
            self._history = ()  # hints are a help; the workout itself loaded
        self._last = logic.last_sets_by_exercise(self._history, exclude_id=workout_id)
        self._language = self.language
        self._names = await self._exercise_names(api, workout)
        self._show(workout)
        self._restore_rest()
        self.loading = False

    async def _exercise_names(self, api: WorkoutsApi, workout: Workout) -> dict[str, str]:
        """The exercises' names in the page's language (the workout keeps the English one)."""
        if self.language != "ru":
            return {}
        try:
            return await api.exercise_names(
                (e.exercise_id for e in workout.exercises), self.language
            )
        except ApiError:
            return {}  # the workout's own names are shown

    def _show(self, workout: Workout) -> None:
        self._workout = workout
        self.workout_name = workout.name
        self.completed = workout.completed
        self.started_iso = workout.started_at.isoformat() if workout.started_at else ""
        views = entry_views(workout)
        known = {v.id for v in views}
        self._drafts = {k: v for k, v in self._drafts.items() if k in known}
        for view in views:
            if view.id not in self._seeded:
                self._drafts[view.id] = logic.first_drafts(
                    view, self._last.get(view.exercise_id, ()), self._units
                )
                self._seeded = [*self._seeded, view.id]
        language = self._language
        self.rows = logic.numbered_rows(views, self._drafts, self._last, self._units, language)
        self.entries = [
            self._entry_row(view, workout, self._units, language, self._names) for view in views
        ]
        for n, entry in enumerate(self.entries):
            entry["first"] = "1" if n == 0 else ""
            entry["last"] = "1" if n == len(self.entries) - 1 else ""
        all_sets = [s for v in views for s in v.sets]
        self.sets_done = len(all_sets)
        self.sets_done_text = logic.count_text(len(all_sets), "set", language)
        self.volume_text = logic.weight_text(logic.volume(all_sets), self._units, language)
        lifts = [v.exercise_id for v in views if v.set_kind == "strength" and v.sets]
        self.progress_href = routes.progress(lifts[0]) if lifts else routes.PROGRESS
        if workout.completed:
            self._summarize(workout)

    @staticmethod
    def _entry_row(
        view: logic.EntryView,
        workout: Workout,
        units: str,
        language: str,
        names: dict[str, str],
    ) -> dict[str, str]:
        entry = next(e for e in workout.exercises if e.id == view.id)
        met = entry.met
        target = ""
        if view.target_sets:
            target = logic.rule_text(
                view.target_rule,
                view.target_weight_kg,
                view.target_reps,
                view.target_sets,
                units,
                language,
            )
        return {
            "id": view.id,
            "name": names.get(view.exercise_id, view.name),
            "set_kind": view.set_kind,
            "target": target,
            # The Compendium's wording stays English: it is the service's data.
            "met": f"Compendium {met.code}: {met.description}, "
            f"{logic.number_text(met.value, language, 2)} MET"
            if met
            else "",
            "volume": logic.weight_text(logic.volume(view.sets), units, language)
            if view.set_kind == "strength"
            else "",
        }

    def _summarize(self, workout: Workout) -> None:
        result = workout.result
        if result is None:
            self.summary = {}
            return
        language = self._language
        descriptions = {
            e.met.code: e.met.description for e in workout.exercises if e.met is not None
        }
        names = {e.id: self._names.get(e.exercise_id, e.name) for e in workout.exercises}
        self.summary = {
            "duration": logic.duration_text(result.duration_s, language),
            "volume": logic.weight_text(result.volume_kg, self._units, language),
            "kcal": "—"
            if result.calories_kcal is None
            else logic.kcal_text(result.calories_kcal, language),
            "net_kcal": ""
            if result.net_calories_kcal is None
            else tr(
                language,
                "{kcal} above resting",
                kcal=logic.kcal_text(result.net_calories_kcal, language),
            ),
            "weight": (
                f"{logic.weight_text(result.weight_kg, self._units, language)}"
                f" ({logic.weight_source_words(result.weight_source or '', language)})"
                if result.weight_kg
                else tr(language, "No body weight known: log your weight to see calories")
            ),
            "formula": result.calorie_formula,
        }
        rows = []
        for part in result.per_exercise:
            for code, value, seconds in part.mets:
                rows.append(
                    {
                        "name": names.get(part.entry_id, part.name),
                        # A running pace or a sport's intensity can pick another code than
                        # the exercise's own; the catalog's wording is known for that one only.
                        "activity": f"Compendium {code}"
                        + (f": {descriptions[code]}" if code in descriptions else ""),
                        "met": f"{logic.number_text(value, language, 2)} MET",
                        "time": logic.duration_text(seconds, language),
                        "kcal": ""
                        if part.calories_kcal is None
                        else logic.kcal_text(part.calories_kcal, language),
                    }
                )
        self.summary_mets = rows
        ids = {e.exercise_id for e in workout.exercises}
        self.records = [
            {
                "name": self._names.get(r.exercise_id, r.exercise_name)
                if r.exercise_id in ids
                else r.exercise_name,
                "text": logic.record_text(
                    r.kind, r.value, r.previous, r.reps, self._units, language
                ),
            }
            for r in result.personal_records
        ]

    # ---- the rest timer ----

    def _restore_rest(self) -> None:
        end = logic.decode_rest(self.rest_stored, self.workout_id)
        self.rest_left = 0 if self.completed else logic.rest_remaining(end, _now())
        self.rest_key = self.rest_stored

    def _start_rest(self) -> None:
        end = logic.rest_end(_now())
        self.rest_stored = logic.encode_rest(self.workout_id, end)
        self.rest_left = logic.REST_SECONDS
        self.rest_key = self.rest_stored

    @rx.event
    def skip_rest(self):
        self.rest_stored = ""
        self.rest_left = 0
        self.rest_key = ""

    # ---- rows ----

    def _locate(self, key: str) -> tuple[str, int, int]:
        """(entry id, index among the entry's rows, number of logged sets before drafts)."""
        entry_id, _, index = key.rpartition(":")
        workout = self._workout
        entry = next((e for e in workout.exercises if e.id == entry_id), None) if workout else None
        return entry_id, int(index or 0), len(entry.sets) if entry else 0

    def _row(self, key: str) -> dict[str, str] | None:
        entry_id, index, _ = self._locate(key)
        rows = self.rows.get(entry_id, [])
        return rows[index] if 0 <= index < len(rows) else None

    @rx.event
    def set_field(self, key: str, field: str, value: str):
        """A box of a row changed (saved when ticked, or on leaving the box of a ticked set)."""
        entry_id, index, logged = self._locate(key)
        rows = [dict(r) for r in self.rows.get(entry_id, [])]
        if not 0 <= index < len(rows):
            return
        rows[index][field] = value
        rows[index]["error"] = ""
        rows[index]["error_field"] = ""
        self.rows = {**self.rows, entry_id: rows}
        if index >= logged:
            drafts = [dict(d) for d in self._drafts.get(entry_id, [])]
            if 0 <= index - logged < len(drafts):
                drafts[index - logged][field] = value
                self._drafts = {**self._drafts, entry_id: drafts}

    def _set_body(self, row: dict[str, str]) -> dict[str, Any]:
        if row["kind"] == "strength":
            return logic.parse_strength_set(
                row["weight"], row["reps"], row["rpe"], row["set_type"], self._units, self.language
            )
        body = logic.parse_cardio_set(row["duration"], row["distance"], self._units, self.language)
        if row["kind"] == "sport":
            return {"kind": "sport", "duration_s": body["duration_s"]}
        return body

    def _row_error(self, key: str, problem: logic.InvalidSet) -> None:
        entry_id, index, _ = self._locate(key)
        rows = [dict(r) for r in self.rows.get(entry_id, [])]
        if 0 <= index < len(rows):
            rows[index]["error"] = str(problem)
            rows[index]["error_field"] = problem.field
            self.rows = {**self.rows, entry_id: rows}

    def _second_tap(self, key: str) -> bool:
        """Whether this tap on row ``key`` is the second half of a double tap (ignored);
        either way it is the last tap from now on."""
        now = time.monotonic()
        last_key, last_at = self._last_tap
        self._last_tap = (key, now)
        return last_key == key and now - last_at < DOUBLE_TAP_S

    async def _call(self, action) -> ApiError | None:
        """Run one write and show the service's answer; the error, if any, is returned (its
        message is shown above the rows; `self.handle` of it redirects a dead session)."""
        self.busy = True
        self.action_error = ""
        try:
            self._show(await action(WorkoutsApi(self.api())))
            return None
        except ApiError as error:
            self.action_error = explain(error)[0]
            return error
        finally:
            self.busy = False

    @rx.event
    async def toggle_done(self, key: str):
        """Tick: save the set and start the rest timer. Untick: take the set back out."""
        row = self._row(key)
        if row is None or self.completed:
            return
        if self._second_tap(key):
            return
        entry_id, index, logged = self._locate(key)
        if row["done"]:
            set_id = row["set_id"]
            back = logic.draft_row(row["weight"], row["reps"], row["set_type"])
            back.update(rpe=row["rpe"], duration=row["duration"], distance=row["distance"])
            self._drafts = {**self._drafts, entry_id: [back, *self._drafts.get(entry_id, [])]}
            error = await self._call(lambda api: api.remove_set(self.workout_id, entry_id, set_id))
            self._last_tap = (key, time.monotonic())  # as below: a queued second tap
            if error is not None:
                self._drafts = {**self._drafts, entry_id: self._drafts[entry_id][1:]}
                return self.handle(error)
            return None
        try:
            body = self._set_body(row)
        except logic.InvalidSet as problem:
            self._row_error(key, problem)
            self._last_tap = ("", 0.0)  # a refused tap is not the first half of a double tap
            return
        drafts = [dict(d) for d in self._drafts.get(entry_id, [])]
        draft_index = index - logged
        kept = drafts[:draft_index] + drafts[draft_index + 1 :]
        previous = self._drafts
        self._drafts = {**self._drafts, entry_id: kept}
        error = await self._call(lambda api: api.add_set(self.workout_id, entry_id, body))
        # Events of a tab run one after another: a second tap that arrived while this one was
        # saving runs now, and counts from here (on a slow server it would look like a new tap).
        self._last_tap = (key, time.monotonic())
        if error is not None:
            self._drafts = previous
            return self.handle(error)
        self._start_rest()
        return None

    @rx.event
    async def save_row(self, key: str):
        """Leaving a box of a ticked set: save the change, if any."""
        row = self._row(key)
        if row is None or not row["done"] or self.completed or self._workout is None:
            return
        entry_id, index, _ = self._locate(key)
        entry = next(e for e in self._workout.exercises if e.id == entry_id)
        stored = entry.sets[index] if index < len(entry.sets) else None
        if stored is None:
            return
        try:
            body = self._set_body(row)
        except logic.InvalidSet as problem:
            self._row_error(key, problem)
            return
        changes = {k: v for k, v in body.items() if k != "kind" and stored.get(k) != v}
        # A box left as it was shown keeps the stored number (132.3 lb is not exactly 60 kg).
        if row["weight"] == logic.weight_box(stored.get("weight_kg"), self._units):
            changes.pop("weight_kg", None)
        if row["distance"] == logic.distance_box(stored.get("distance_m"), self._units):
            changes.pop("distance_m", None)
        if row["kind"] == "strength" and not row["rpe"].strip() and stored.get("rpe"):
            changes.pop("rpe", None)  # the service cannot clear an RPE; keep the old one
        if not changes:
            return
        set_id = row["set_id"]
        error = await self._call(
            lambda api: api.update_set(self.workout_id, entry_id, set_id, changes)
        )
        return None if error is None else self.handle(error)

    @rx.event
    def add_row(self, entry_id: str):
        """Another set, with the numbers of the last row (the usual next set)."""
        rows = self.rows.get(entry_id, [])
        last = rows[-1] if rows else None
        draft = logic.draft_row(
            last["weight"] if last else "",
            last["reps"] if last else "",
            "working" if not last or last["set_type"] == "warm_up" else last["set_type"],
        )
        if last:
            draft.update(duration=last["duration"], distance=last["distance"])
        self._drafts = {**self._drafts, entry_id: [*self._drafts.get(entry_id, []), draft]}
        if self._workout is not None:
            self._show(self._workout)

    @rx.event
    async def remove_row(self, key: str):
        row = self._row(key)
        if row is None or self.completed:
            return
        if self._second_tap(key):
            return
        entry_id, index, logged = self._locate(key)
        if row["done"]:
            set_id = row["set_id"]
            error = await self._call(lambda api: api.remove_set(self.workout_id, entry_id, set_id))
            return None if error is None else self.handle(error)
        drafts = list(self._drafts.get(entry_id, []))
        del drafts[index - logged]
        self._drafts = {**self._drafts, entry_id: drafts}
        if self._workout is not None:
            self._show(self._workout)

    @rx.event
    async def move_exercise(self, entry_id: str, step: int):
        """Up (-1) or down (+1) one place; the order is saved in the workout."""
        if self._workout is None or self.completed or self.busy:
            return None
        current = [e.id for e in self._workout.exercises]
        order = logic.move(current, entry_id, step)
        if order == current:
            return None
        error = await self._call(lambda api: api.reorder_exercises(self.workout_id, order))
        return None if error is None else self.handle(error)

    @rx.event
    async def remove_exercise(self, entry_id: str):
        error = await self._call(lambda api: api.remove_exercise(self.workout_id, entry_id))
        return None if error is None else self.handle(error)

    # ---- finishing ----

    @rx.event
    def set_finish_weight(self, value: str):
        self.finish_weight = value
        self.finish_weight_error = ""

    @rx.event
    async def finish(self):
        if self.completed or self.busy:
            return
        if not self.sets_done:
            self.action_error = tr(self.language, "Tick at least one set before finishing.")
            return
        try:
            weight = logic.parse_body_weight(self.finish_weight, self._units, self.language)
        except logic.InvalidSet as problem:
            self.finish_weight_error = str(problem)
            return
        error = await self._call(lambda api: api.complete(self.workout_id, weight))
        if error is not None:
            return self.handle(error)
        self.rest_stored, self.rest_left, self.rest_key = "", 0, ""
        return None

    @rx.event
    async def discard(self):
        try:
            await WorkoutsApi(self.api()).delete(self.workout_id)
        except ApiError as error:
            self.action_error = explain(error)[0]
            return self.handle(error)
        self.workout_id = ""
        return rx.redirect(routes.WORKOUTS)
