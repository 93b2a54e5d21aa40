"""Water and fasting rules, pure (no I/O): the bounds, the default water goal, the fasting
protocols and how far a fast has come."""

from __future__ import annotations

import datetime as dt
from typing import Literal

# One drink: a sip to a large jug. A day: more than 20 L in a day is water intoxication
# territory (hyponatraemia), so it is refused as a typo rather than stored.
MIN_DRINK_ML = 10
MAX_DRINK_ML = 5000
MAX_DAY_ML = 20_000
MIN_GOAL_ML = 500
MAX_GOAL_ML = 10_000
# EFSA (2010), "Scientific Opinion on Dietary Reference Values for water", EFSA Journal
# 8(3):1459: adequate intake of total water 2.0 L/day (women) and 2.5 L/day (men), about 20 %
# of it from food, so about 2.0 L to drink. Used until the user sets a goal.
DEFAULT_GOAL_ML = 2000

# The time-restricted-eating protocols as "fasting hours:eating hours" (a custom fast
# gives its own target).
PROTOCOL_HOURS: dict[str, int] = {"16:8": 16, "18:6": 18, "20:4": 20}
Protocol = Literal["16:8", "18:6", "20:4", "custom"]
MIN_TARGET_HOURS = 1
MAX_TARGET_HOURS = 72
# A fast logged or ended at most a week after its start; a start at most 30 days ago.
MAX_FAST_HOURS = 168
MAX_START_AGE_DAYS = 30
# A phone's clock may run a little ahead of the server's.
CLOCK_SKEW = dt.timedelta(minutes=5)

FastStatus = Literal["running", "completed", "short"]


def target_hours(protocol: str, custom_hours: int | None) -> int:
    """A protocol's fasting hours; a custom fast's own (required for it, refused otherwise)."""
    if protocol == "custom":
        if custom_hours is None:
            raise ValueError("a custom fast needs target_hours")
        return custom_hours
    if custom_hours is not None and custom_hours != PROTOCOL_HOURS[protocol]:
        raise ValueError(f"{protocol} fasts for {PROTOCOL_HOURS[protocol]} hours")
    return PROTOCOL_HOURS[protocol]


def fast_times_error(
    started_at: dt.datetime, ended_at: dt.datetime | None, now: dt.datetime
) -> dict[str, str]:
    """Why a fast's times cannot be (by field), or nothing."""
    errors: dict[str, str] = {}
    if started_at > now + CLOCK_SKEW:
        errors["started_at"] = "must not be in the future"
    elif started_at < now - dt.timedelta(days=MAX_START_AGE_DAYS):
        errors["started_at"] = f"must be within the last {MAX_START_AGE_DAYS} days"
    if ended_at is not None:
        if ended_at > now + CLOCK_SKEW:
            errors["ended_at"] = "must not be in the future"
        elif ended_at <= started_at:
            errors["ended_at"] = "must be after started_at"
        elif ended_at - started_at > dt.timedelta(hours=MAX_FAST_HOURS):
            errors["ended_at"] = f"at most {MAX_FAST_HOURS} hours after started_at"
    return errors


def fast_status(
    started_at: dt.datetime, ended_at: dt.datetime | None, target: int, now: dt.datetime
) -> tuple[FastStatus, int]:
    """Running (no end yet), completed (lasted its target) or short; and its length in
    seconds so far (a running fast's up to ``now``)."""
    elapsed = int(((ended_at or now) - started_at).total_seconds())
    elapsed = max(elapsed, 0)  # a start a moment ahead of the server's clock
    if ended_at is None:
        return "running", elapsed
    return ("completed" if elapsed >= target * 3600 else "short"), elapsed


def day_water_error(day_total_ml: int, amount_ml: int) -> str | None:
    if day_total_ml + amount_ml > MAX_DAY_ML:
        return f"the day would hold more than {MAX_DAY_ML} ml"
    return None
