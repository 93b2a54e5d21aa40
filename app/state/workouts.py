"""The workouts page (`/workouts`): history newest first as a list and as a month calendar,
the one in progress to resume, and starting an empty workout (a program's next day:
app/state/programs.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import reflex as rx

from app import routes
from app.api.errors import ApiError, NotFound
from app.api.gateway import Authorized
from app.api.users import UsersApi
from app.api.workouts import Workout, WorkoutsApi, new_idempotency_key
from app.i18n import tr
from app.i18n.formats import fmt_date
from app.state import workout_logic as logic
from app.state.import_logic import source_label
from app.state.messages import explain
from app.state.preferences import PreferencesState
from app.state.session import SessionState

HISTORY_LIMIT = 100


def utc_offset_minutes(timezone: str, now: dt.datetime) -> int:
    """The user's offset from UTC now (the service files the workout under their local day)."""
    try:
        zone = ZoneInfo(timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    offset = now.astimezone(zone).utcoffset() or dt.timedelta()
    return int(offset.total_seconds() // 60)


async def user_utc_offset(api: Authorized) -> int:
    """The signed-in user's offset from UTC now, from their profile's time zone (UTC when it
    cannot be read)."""
    try:
        timezone = (await UsersApi(api).profile()).timezone or "UTC"
    except (NotFound, ApiError):
        timezone = "UTC"
    return utc_offset_minutes(timezone, dt.datetime.now(dt.UTC))


def history_row(workout: Workout, units: str = "metric", language: str = "en") -> dict[str, str]:
    sets = [s for e in workout.exercises for s in e.sets]
    facts = [
        logic.count_text(len(workout.exercises), "exercise", language),
        logic.count_text(len(sets), "set", language),
    ]
    if workout.result is not None:
        facts.insert(0, logic.duration_text(workout.result.duration_s, language))
        if workout.result.volume_kg:
            facts.append(logic.weight_text(workout.result.volume_kg, units, language))
    metres = sum(float(s.get("distance_m") or 0) for s in sets)
    if metres:  # cardio: the distance covered (a run, a ride), in the user's units
        facts.append(logic.distance_text(metres, units, language))
    if workout.result is not None and workout.result.calories_kcal is not None:
        facts.append(logic.kcal_text(workout.result.calories_kcal, language))
    return {
        "id": workout.id,
        "name": workout.name,
        "date": fmt_date(language, workout.local_date, "day_year") if workout.local_date else "",
        "facts": " · ".join(facts),
        "records": str(len(workout.result.personal_records)) if workout.result else "0",
        "source": ""
        if workout.source in ("manual", "program")
        else source_label(workout.source, language),
        "href": f"{routes.WORKOUTS}/{workout.id}",
    }


def sorted_newest_first(workouts: tuple[Workout, ...]) -> list[Workout]:
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(workouts, key=lambda w: w.started_at or epoch, reverse=True)


class WorkoutsState(SessionState):
    loading: bool = True
    load_error: str = ""
    start_error: str = ""
    starting: bool = False  # an empty workout is being created
    history: list[dict[str, str]] = []
    in_progress: dict[str, str] = {}

    _start_key: str = ""

    @rx.event
    async def load(self):
        if not self.signed_in:
            return
        self.loading = True
        self.load_error = ""
        self.start_error = ""
        api = WorkoutsApi(self.api())
        try:
            workouts = sorted_newest_first(await api.workouts(limit=HISTORY_LIMIT))
        except ApiError as error:
            yield self.handle(error)
            self.load_error = explain(error)[0]
            self.loading = False
            return
        open_ones = [w for w in workouts if not w.completed]
        units = (await self.get_state(PreferencesState)).units
        language = self.language
        self.in_progress = history_row(open_ones[0], units, language) if open_ones else {}
        self.history = [history_row(w, units, language) for w in workouts if w.completed]
        self._start_key = new_idempotency_key()
        self.loading = False

    async def _offset(self) -> int:
        return await user_utc_offset(self.api())

    @rx.event
    async def start_empty(self):
        if self.starting:
            return
        self.starting = True
        self.start_error = ""
        yield
        try:
            offset = await self._offset()
            workout = await WorkoutsApi(self.api()).start(
                name=tr(self.language, "Workout"),
                utc_offset_minutes=offset,
                idempotency_key=self._start_key or new_idempotency_key(),
            )
        except ApiError as error:
            self.start_error = explain(error)[0]
            yield self.handle(error)
            return
        finally:
            self.starting = False
        self._start_key = new_idempotency_key()
        yield rx.redirect(routes.workout(workout.id))
