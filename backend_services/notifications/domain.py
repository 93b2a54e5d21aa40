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

SENT_CHANNELS = (Channel.EMAIL, Channel.PUSH)  # the in-app feed row is always stored

# A delivery the user asked for from settings ("send a test notification"): one device,
# no feed row, not held back by preferences or quiet hours.
PUSH_TEST = "push_test"
PUSH_TEST_MESSAGE = {
    "type": PUSH_TEST,
    "title": "FitLedger test notification",
    "body": "Push notifications work on this device.",
    "url": "/settings",
}

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


# --- messages ---


@dataclass(frozen=True)
class Message:
    type: str
    title: str
    body: str


def _kcal(value: Decimal | float) -> str:
    return f"{Decimal(str(value)).quantize(Decimal('1')):,}"


def daily_norm_message(total: Decimal, target: Decimal) -> Message:
    over = total - target
    return Message(
        NotificationType.DAILY_NORM_EXCEEDED,
        "Over your daily norm",
        f"You have logged {_kcal(total)} kcal today, {_kcal(over)} kcal over your "
        f"target of {_kcal(target)} kcal.",
    )


def over_streak_message(days: int = OVER_STREAK_DAYS) -> Message:
    return Message(
        NotificationType.GOAL_PROGRESS,
        f"{days} days in a row over target",
        f"You have gone over your calorie target {days} days in a row. "
        "A lighter day tomorrow keeps your plan on track.",
    )


def _duration(seconds: float) -> str:
    minutes = max(0, round(seconds / 60))
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def workout_message(name: str | None, calories: float | None, duration_s: float | None) -> Message:
    parts = []
    if duration_s is not None:
        parts.append(_duration(duration_s))
    if calories is not None:
        parts.append(f"{_kcal(calories)} kcal burned")
    what = f"“{name}”" if name else "your workout"
    detail = f": {', '.join(parts)}" if parts else ""
    return Message(
        NotificationType.WORKOUT_COMPLETED,
        "Workout complete, well done!",
        f"You finished {what}{detail}.",
    )


PR_KINDS = {
    "e1rm": "estimated one-rep max (mean of Epley and Brzycki)",
    "weight_at_reps": "heaviest weight",
    "volume": "session volume",
}


def personal_record_message(
    exercise: str, kind: str, value: float, previous: float | None, reps: int | None
) -> Message:
    what = PR_KINDS.get(kind, "best")
    if kind == "weight_at_reps" and reps:
        what = f"heaviest weight for {reps} reps"
    before = f" (previous best {previous:g} kg)" if previous is not None else ""
    return Message(
        NotificationType.PERSONAL_RECORD,
        f"New personal record: {exercise}",
        f"New {what} on {exercise}: {value:g} kg{before}.",
    )


def weight_goal_message(goal_kg: Decimal, current_kg: Decimal) -> Message:
    return Message(
        NotificationType.GOAL_PROGRESS,
        "Weight goal reached!",
        f"Your weight is {current_kg:g} kg: you reached your goal of {goal_kg:g} kg.",
    )


def reminder_message(kind: str) -> Message:
    if kind == "workout":
        return Message(
            NotificationType.LOGGING_REMINDER,
            "Workout day",
            "Today is one of your training days. Time for your workout?",
        )
    return Message(
        NotificationType.LOGGING_REMINDER,
        "Time to log your meal",
        "Log what you ate to keep your diary and your daily totals up to date.",
    )
