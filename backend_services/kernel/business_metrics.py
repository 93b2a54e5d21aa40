"""What people do with FitLedger, as Prometheus counters, gauges and histograms.

Every label has a small, fixed set of values (outcomes, sources, channels, notification
types), never a user, a food or an id. A fact is counted once it is committed: the callers use
``on_commit`` with the transaction that stores it, so a rolled-back or retried transaction
counts nothing. Multiprocess-safe like the HTTP metrics (``kernel/metrics.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import Counter, Gauge, Histogram
from sqlalchemy import event
from sqlalchemy.orm import Session

REGISTRATIONS = Counter("fitledger_registrations_total", "Accounts created.")
SIGN_INS = Counter(
    "fitledger_sign_ins_total", "Sign-in attempts by outcome: ok, failed, throttled.", ["outcome"]
)
ACTIVE_USERS = Gauge(
    "fitledger_active_users",
    "Users whose session was used within the window (day, week).",
    ["window"],
    multiprocess_mode="livemax",
)
MEALS_LOGGED = Counter("fitledger_meals_logged_total", "Meals logged, by meal type.", ["meal_type"])
FOOD_ITEMS_LOGGED = Counter("fitledger_food_items_logged_total", "Food items in logged meals.")
CALORIES_LOGGED = Counter(
    "fitledger_calories_logged_kcal_total", "Energy of the logged meals, in kcal."
)
WORKOUTS_COMPLETED = Counter(
    "fitledger_workouts_completed_total", "Workouts finished in the app.", ["source"]
)
WORKOUTS_IMPORTED = Counter(
    "fitledger_workouts_imported_total",
    "Workouts stored from a health export, by source.",
    ["source"],
)
IMPORT_JOBS = Counter(
    "fitledger_import_jobs_total",
    "Health-export import jobs finished, by source and outcome (succeeded, rejected, failed).",
    ["source", "outcome"],
)
NOTIFICATIONS_SENT = Counter(
    "fitledger_notifications_sent_total",
    "Notifications by type, channel (in_app, email, push) and outcome.",
    ["type", "channel", "outcome"],
)
OVER_NORM_WARNINGS = Counter(
    "fitledger_over_norm_warnings_total", "Warnings that a day went over the calorie norm."
)
# The two reference scenarios, end to end: from the user's action (the event's occurred_at,
# when its transaction committed) to the notification stored for it. The SLOs in
# deploy/prometheus/rules.yml are read off these buckets.
SCENARIO_SECONDS = Histogram(
    "fitledger_scenario_seconds",
    "From the user's action to its notification stored, per reference scenario.",
    ["scenario"],
    buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300),
)
MEAL_OVER_NORM = "meal_over_norm"  # scenario 1: a meal over the norm -> the warning
WORKOUT_CONGRATULATED = "workout_congratulated"  # scenario 2: a workout -> congratulations


def on_commit(session: Session, count: Callable[[], None]) -> None:
    """Run ``count`` once the session's transaction commits (never after a rollback)."""
    event.listen(session, "after_commit", lambda _: count(), once=True)
