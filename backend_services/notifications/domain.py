"""Pure notification rules: preferences, quiet hours, the daily-norm state machine, streaks,
weight goals, due reminders and the words of every message. No I/O here.

Daily-norm rule (documented contract): for each user and local day a small state machine is
kept, fed by every ``nutrition.meal.*`` event with the day's new total. A warning is given
when the total goes over the target while the state is *armed*; giving it disarms the day.
Dropping back to or under the target (a meal deleted or edited) re-arms it. So: at most one
warning per crossing, no repeat while the day stays over, and another one only after the day
went back under and then over again. Events older than the last one applied to that day
(redeliveries, retries overtaking) are ignored, so an old total never re-arms a day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from backend_services.kernel.contracts.preferences import Channel, NotificationType, default_matrix

from .wording import Reader

SENT_CHANNELS = (Channel.EMAIL, Channel.PUSH)  # the in-app feed row is always stored

# A delivery the user asked for from settings ("send a test notification"): one device,
# no feed row, not held back by preferences or quiet hours.
PUSH_TEST = "push_test"

# The web app's page a push opens when tapped (its service worker opens the payload's `url`):
# where the user acts on the message. Paths as in app/routes.py (services import no UI code).
PUSH_PAGES: dict[str, str] = {
    NotificationType.DAILY_NORM_EXCEEDED: "/diary",
    NotificationType.LOGGING_REMINDER: "/diary",
    NotificationType.WORKOUT_COMPLETED: "/workouts",
    NotificationType.PERSONAL_RECORD: "/progress",
    NotificationType.GOAL_PROGRESS: "/progress",
}
FEED_PAGE = "/notifications"


def push_page(notification_type: str) -> str:
    """The page a push of this type opens; the feed for announcements and anything new."""
    return PUSH_PAGES.get(notification_type, FEED_PAGE)


# For users whose first ``users.profile.updated`` has not arrived yet.
DEFAULT_PREFERENCES: dict[str, dict[str, bool]] = default_matrix()

OVER_STREAK_DAYS = 3


def channel_enabled(preferences: Mapping[str, Mapping[str, bool]], kind: str, channel: str) -> bool:
    chosen = preferences.get(kind, {}).get(channel)
    if chosen is None:
        return DEFAULT_PREFERENCES.get(kind, {}).get(channel, False)
    return bool(chosen)


def enabled_channels(
    preferences: Mapping[str, Mapping[str, bool]], kind: str, opted_out: Iterable[str] = ()
) -> list[str]:
    """E-mail and push channels a new notification of ``kind`` goes to."""
    stopped = set(opted_out)
    channels = [c.value for c in SENT_CHANNELS if channel_enabled(preferences, kind, c.value)]
    if kind in stopped or "*" in stopped:
        channels = [c for c in channels if c != Channel.EMAIL]
    return channels


def lifted_opt_outs(
    before: Mapping[str, Mapping[str, bool]],
    after: Mapping[str, Mapping[str, bool]],
    opted_out: Iterable[str],
) -> tuple[set[str], set[str]]:
    """What a profile change does to the unsubscribe links' opt-outs: a type whose e-mail the
    user turned on again (off before the change, on after it) is theirs again. Returns (the
    opt-outs to lift, the types to stop instead): lifting "every type" keeps the other types
    whose e-mail is still on stopped, so only the type turned on comes back.

    An unsubscribe also turns the e-mail off in the users service's preferences, so the
    ordinary path is on -> off (by the link) -> on (by the user); a change that leaves a
    type's e-mail as it was lifts nothing."""
    email = Channel.EMAIL.value
    turned_on = {
        kind.value
        for kind in NotificationType
        if channel_enabled(after, kind.value, email)
        and not channel_enabled(before, kind.value, email)
    }
    stopped = set(opted_out)
    lifted = stopped & turned_on
    instead: set[str] = set()
    if "*" in stopped and turned_on:
        lifted.add("*")
        instead = {
            kind.value
            for kind in NotificationType
            if kind.value not in turned_on and channel_enabled(after, kind.value, email)
        }
    return lifted, instead


def reaches_for_announcement(
    preferences: Mapping[str, Mapping[str, bool]], channels: Iterable[str]
) -> bool:
    """An announcement sent on ``channels`` is for this user when one of them is on for
    announcements in their preferences (the same rule for the preview and the fan-out)."""
    return any(channel_enabled(preferences, NotificationType.ANNOUNCEMENT, c) for c in channels)


def effective_preferences(
    preferences: Mapping[str, Mapping[str, bool]], opted_out: Iterable[str] = ()
) -> dict[str, dict[str, bool]]:
    """Every type's channels as they will be used: the preferences (defaults where unset)
    with e-mail off for the types an unsubscribe link stopped ("*": all of them), so the
    settings show one truth."""
    stopped = set(opted_out)
    return {
        kind.value: {
            channel.value: channel_enabled(preferences, kind.value, channel.value)
            and not (channel == Channel.EMAIL and (kind.value in stopped or "*" in stopped))
            for channel in Channel
        }
        for kind in NotificationType
    }


# --- quiet hours ---


def in_quiet_hours(local: time, start: time | None, end: time | None) -> bool:
    """Whether a local wall-clock time is inside [start, end); the window may cross midnight."""
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end


def quiet_hours_end(
    now: datetime, time_zone: str, start: time | None, end: time | None
) -> datetime | None:
    """When the quiet window that ``now`` is in ends (UTC), or None when it is not quiet.

    E-mail and push are deferred to this moment; the in-app row is stored at once.
    """
    zone = _zone(time_zone)
    local = now.astimezone(zone)
    if end is None or not in_quiet_hours(local.time().replace(tzinfo=None), start, end):
        return None
    candidate = datetime.combine(local.date(), end, tzinfo=zone)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), end, tzinfo=zone)
    return candidate.astimezone(UTC)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def local_date(moment: datetime, time_zone: str) -> date:
    return moment.astimezone(_zone(time_zone)).date()


# --- daily norm ---


@dataclass(frozen=True)
class NormState:
    total_kcal: Decimal
    target_kcal: Decimal | None
    over: bool
    armed: bool
    warnings: int
    last_event_at: datetime


def next_norm_state(
    state: NormState | None, total: Decimal, target: Decimal | None, occurred_at: datetime
) -> tuple[NormState, bool]:
    """The day's new state after an event, and whether to warn now (see the module doc)."""
    if state is not None and occurred_at < state.last_event_at:
        return state, False
    armed = True if state is None else state.armed
    warnings = 0 if state is None else state.warnings
    over = target is not None and target > 0 and total > target
    warn = over and armed
    if warn:
        armed, warnings = False, warnings + 1
    elif not over:
        armed = True
    return NormState(total, target, over, armed, warnings, occurred_at), warn


def over_streak_reached(day: date, over_days: Iterable[date]) -> bool:
    """True when ``day`` makes a run of exactly ``OVER_STREAK_DAYS`` consecutive days over
    target (the deviation-from-plan rule): it fires once per run, not every day after."""
    over = set(over_days) | {day}
    run = [day - timedelta(days=n) for n in range(OVER_STREAK_DAYS)]
    before = day - timedelta(days=OVER_STREAK_DAYS)
    return all(d in over for d in run) and before not in over


# --- weight goal ---


def weight_goal_reached(
    previous_kg: Decimal | None, current_kg: Decimal, goal_kg: Decimal | None
) -> bool:
    """The weight crossed (or landed on) the goal, from either side, since the last value."""
    if goal_kg is None:
        return False
    if previous_kg is None:
        return current_kg == goal_kg
    if previous_kg > goal_kg:
        return current_kg <= goal_kg
    if previous_kg < goal_kg:
        return current_kg >= goal_kg
    return False  # was already on the goal


# --- reminders ---


@dataclass(frozen=True)
class DueReminder:
    kind: str  # "meal" | "workout"
    local_date: date
    slot: str  # "HH:MM"


def due_reminders(
    now: datetime,
    time_zone: str,
    meal_times: Iterable[time],
    workout_days: Iterable[int],
    workout_time: time | None,
    grace: timedelta,
) -> list[DueReminder]:
    """Reminders whose local time has come within the last ``grace`` (a scheduler that was
    down for less than that catches up; older ones are dropped rather than sent late)."""
    local = now.astimezone(_zone(time_zone))
    due: list[DueReminder] = []

    def check(kind: str, at: time, weekdays: set[int] | None) -> None:
        for day in (local.date(), local.date() - timedelta(days=1)):
            if weekdays is not None and day.weekday() not in weekdays:
                continue
            moment = datetime.combine(day, at, tzinfo=local.tzinfo)
            if moment <= local < moment + grace:
                due.append(DueReminder(kind, day, at.strftime("%H:%M")))

    for at in meal_times:
        check("meal", at, None)
    if workout_time is not None:
        check("workout", workout_time, set(workout_days))
    return due


# --- messages (the words are in catalog.py, in each reader's language and units) ---


@dataclass(frozen=True)
class Message:
    type: str
    title: str
    body: str


def daily_norm_message(total: Decimal, target: Decimal, reader: Reader) -> Message:
    return Message(
        NotificationType.DAILY_NORM_EXCEEDED,
        reader.text("daily_norm.title"),
        reader.text(
            "daily_norm.body",
            total=reader.kcal(total),
            over=reader.kcal(total - target),
            target=reader.kcal(target),
        ),
    )


def over_streak_message(reader: Reader, days: int = OVER_STREAK_DAYS) -> Message:
    return Message(
        NotificationType.GOAL_PROGRESS,
        reader.count("over_streak.title", days),
        reader.count("over_streak.body", days),
    )


def workout_message(
    name: str | None, calories: float | None, duration_s: float | None, reader: Reader
) -> Message:
    parts = []
    if duration_s is not None:
        parts.append(reader.duration(duration_s))
    if calories is not None:
        parts.append(reader.text("workout.burned", kcal=reader.kcal(calories)))
    detail = reader.text("workout.detail", parts=reader.listing(parts)) if parts else ""
    body = (
        reader.text("workout.body_named", name=name, detail=detail)
        if name
        else reader.text("workout.body", detail=detail)
    )
    return Message(NotificationType.WORKOUT_COMPLETED, reader.text("workout.title"), body)


PR_KINDS = ("e1rm", "weight_at_reps", "volume")  # every kind is a weight (volume: kg x reps)


def personal_record_message(
    exercise: str,
    kind: str,
    value: float,
    previous: float | None,
    reps: int | None,
    reader: Reader,
) -> Message:
    if kind == "weight_at_reps" and reps:
        what = reader.count("record.weight_for_reps", reps)
    else:
        what = reader.text(f"record.{kind}" if kind in PR_KINDS else "record.best")
    before = (
        "" if previous is None else reader.text("record.previous", value=reader.weight(previous))
    )
    return Message(
        NotificationType.PERSONAL_RECORD,
        reader.text("record.title", exercise=exercise),
        reader.text(
            "record.body", what=what, exercise=exercise, value=reader.weight(value), previous=before
        ),
    )


def weight_goal_message(goal_kg: Decimal, current_kg: Decimal, reader: Reader) -> Message:
    return Message(
        NotificationType.GOAL_PROGRESS,
        reader.text("weight_goal.title"),
        reader.text(
            "weight_goal.body", current=reader.weight(current_kg), goal=reader.weight(goal_kg)
        ),
    )


def reminder_message(kind: str, reader: Reader) -> Message:
    which = "workout" if kind == "workout" else "meal"
    return Message(
        NotificationType.LOGGING_REMINDER,
        reader.text(f"reminder.{which}.title"),
        reader.text(f"reminder.{which}.body"),
    )


def push_test_message(reader: Reader) -> dict[str, str]:
    """The test push's payload (its service worker shows ``title`` and ``body``)."""
    return {
        "type": PUSH_TEST,
        "title": reader.text("push_test.title"),
        "body": reader.text("push_test.body"),
        "url": "/settings",
    }


def unsubscribed_page(kind: str, reader: Reader) -> tuple[str, str]:
    """The title and text of the page an unsubscribe link opens ("*": every type)."""
    text = (
        reader.text("unsubscribe.done_all")
        if kind == "*"
        else reader.text("unsubscribe.done_type", kind=reader.text(f"type.{kind}"))
    )
    return reader.text("unsubscribe.done_title"), text
