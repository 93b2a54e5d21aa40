"""Handlers against the real PostgreSQL: projection, rules, idempotency, deletion."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import contract_events
import pytest
from notifications_factories import Users, meal_event
from sqlalchemy import Engine

from backend_services.kernel.contracts import InvalidEvent, MealDeleted, NotificationType
from backend_services.kernel.db import unit_of_work
from backend_services.kernel.messaging import Event
from backend_services.notifications import repository as repo

ALL_ON = {kind.value: {"email": True, "push": True, "in_app": True} for kind in NotificationType}


def feed(query: Callable[..., list[Any]], user_id: str, kind: str | None = None) -> list[Any]:
    rows = query(
        "SELECT type, title, body, data FROM notifications.notifications WHERE user_id = :u "
        "ORDER BY created_at",
        u=user_id,
    )
    return [r for r in rows if kind is None or r.type == kind]


def tasks(query: Callable[..., list[Any]], user_id: str) -> list[tuple[str, str]]:
    return sorted(
        (r.channel, r.kind)
        for r in query(
            "SELECT channel, kind FROM notifications.deliveries WHERE user_id = :u", u=user_id
        )
    )


def test_registration_queues_a_welcome_mail_without_a_feed_row(
    users: Users, query: Callable[..., list[Any]]
) -> None:
    user = users.make()
    assert tasks(query, user) == [("email", "welcome")]
    assert feed(query, user) == []


def test_daily_norm_warns_once_per_crossing_with_tasks_per_enabled_channel(
    users: Users, deliver: Callable[[Event], bool], query: Callable[..., list[Any]]
) -> None:
    user = users.make(target=2000, preferences=ALL_ON)
    for total in (900, 2100, 2600):
        deliver(meal_event(user, total))
    warnings = feed(query, user, "daily_norm_exceeded")
    assert len(warnings) == 1
    assert warnings[0].data == {"date": "2026-03-10", "total_kcal": 2100.0, "target_kcal": 2000.0}
    assert tasks(query, user).count(("email", "notification")) == 1
    assert tasks(query, user).count(("push", "notification")) == 1
    # back under (a meal deleted), then over again: a second warning
    deliver(meal_event(user, 1500, change=MealDeleted))
    deliver(meal_event(user, 2300))
    assert len(feed(query, user, "daily_norm_exceeded")) == 2


def test_the_same_event_twice_gives_one_notification(
    users: Users, deliver: Callable[[Event], bool], query: Callable[..., list[Any]]
) -> None:
    user = users.make()
    event = meal_event(user, 2500)
    assert deliver(event) is True
    assert deliver(event) is False
    assert len(feed(query, user)) == 1


def test_default_preferences_store_the_feed_row_but_send_nothing(
    users: Users, deliver: Callable[[Event], bool], query: Callable[..., list[Any]]
) -> None:
    user = users.make(preferences={})
    deliver(meal_event(user, 2500))
    assert len(feed(query, user, "daily_norm_exceeded")) == 1
    assert tasks(query, user) == [("email", "welcome")]


def test_three_days_over_target_in_a_row_is_a_deviation(
    users: Users, deliver: Callable[[Event], bool], query: Callable[..., list[Any]]
) -> None:
    user = users.make()
    for day in ("2026-03-08", "2026-03-09", "2026-03-10", "2026-03-11"):
        deliver(meal_event(user, 2500, day=day))
    streaks = feed(query, user, "goal_progress")
    assert [r.data["date"] for r in streaks] == ["2026-03-10"]


def test_workout_and_personal_records(
    users: Users, deliver: Callable[[Event], bool], query: Callable[..., list[Any]]
) -> None:
    user = users.make()
    workout_id = uuid.uuid4().hex
    deliver(
        contract_events.workout_finished(
            user, workout_id=workout_id, name="Legs", kcal=350.4, duration_s=2700
        )
    )
    [done] = feed(query, user, "workout_completed")
    assert "45 min" in done.body and "350 kcal" in done.body
    for kind, value in (("e1rm", 140.0), ("weight_at_reps", 120.0), ("volume", 3000.0)):
        deliver(
            contract_events.personal_record(
                user,
                workout_id,
                exercise_name="Back Squat",
                kind=kind,
                value=value,
                previous=value - 5,
                reps=5,
            )
        )
    [record] = feed(query, user, "personal_record")
    assert record.title == "New personal record: Back Squat" and "140 kg" in record.body


def test_weight_goal_is_celebrated_once_when_crossed(
    users: Users,
    deliver: Callable[[Event], bool],
    query: Callable[..., list[Any]],
    engine: Engine,
) -> None:
    user = users.make()
    with unit_of_work(engine) as session:  # the goal is the settings endpoint's (not an event)
        repo.update_recipient(session, user, goal_weight_kg=75)
    for trend in (77.0, 75.8, 74.9, 74.5, 76.0, 74.8):
        deliver(contract_events.weight_logged(user, trend))
    [goal] = feed(query, user, "goal_progress")
    assert goal.title == "Weight goal reached!"


def test_texts_follow_the_profiles_language_and_units_as_they_change(
    users: Users,
    deliver: Callable[[Event], bool],
    query: Callable[..., list[Any]],
    engine: Engine,
) -> None:
    user = users.make(language="ru", units="imperial", preferences=ALL_ON)
    [row] = query("SELECT language, units FROM notifications.recipients WHERE user_id = :u", u=user)
    assert (row.language, row.units) == ("ru", "imperial")
    with unit_of_work(engine) as session:
        repo.update_recipient(session, user, goal_weight_kg=80)
    deliver(contract_events.weight_logged(user, 81.0))
    deliver(contract_events.weight_logged(user, 79.5))
    [goal] = feed(query, user, "goal_progress")
    assert goal.title == "Цель по весу достигнута!"
    assert goal.body == "Ваш вес — 175,3 lb: вы достигли своей цели в 176,4 lb."
    # Back to English and metric: the next notification reads so (the feed keeps its words).
    users.profile(user, target=1800, preferences=ALL_ON)
    [row] = query("SELECT language, units FROM notifications.recipients WHERE user_id = :u", u=user)
    assert (row.language, row.units) == ("en", "metric")
    deliver(meal_event(user, 1950))
    [norm] = feed(query, user, "daily_norm_exceeded")
    assert norm.title == "Over your daily norm" and "1,950 kcal" in norm.body
    assert feed(query, user, "goal_progress") == [goal]


def test_password_reset_mail_is_queued_with_its_link(
    users: Users, deliver: Callable[[Event], bool], query: Callable[..., list[Any]]
) -> None:
    user = users.make()
    deliver(
        contract_events.password_reset_requested(
            user, "ann@example.com", "https://fit.example/reset-password?token=x"
        )
    )
    [payload] = [
        r.payload
        for r in query(
            "SELECT kind, payload FROM notifications.deliveries WHERE user_id = :u", u=user
        )
        if r.kind == "password_reset"
    ]
    assert payload["reset_url"].endswith("token=x") and payload["to"] == "ann@example.com"


def test_an_event_that_breaks_its_contract_is_refused_before_anything_changes(
    users: Users, deliver: Callable[[Event], bool], query: Callable[..., list[Any]]
) -> None:
    user = users.make()
    with pytest.raises(InvalidEvent, match="date: Value error, expected a date as YYYY-MM-DD"):
        deliver(
            Event(
                type="nutrition.meal.logged",
                producer="nutrition",
                user_id=user,
                data={**meal_event(user, 1).data, "date": "yesterday"},
            )
        )
    assert query("SELECT count(*) AS n FROM notifications.daily_norm_state")[0].n == 0


def test_user_deleted_removes_everything_and_late_events_do_not_bring_it_back(
    users: Users, deliver: Callable[[Event], bool], query: Callable[..., list[Any]]
) -> None:
    user = users.make(preferences=ALL_ON)
    deliver(meal_event(user, 2500))
    deliver(contract_events.user_deleted(user))
    deliver(meal_event(user, 3000, day="2026-03-11"))
    for table in ("recipients", "notifications", "deliveries", "daily_norm_state"):
        assert (
            query(f"SELECT count(*) AS n FROM notifications.{table} WHERE user_id = :u", u=user)[
                0
            ].n
            == 0
        )


def test_a_stale_total_does_not_rearm_the_day(
    users: Users, deliver: Callable[[Event], bool], query: Callable[..., list[Any]]
) -> None:
    user = users.make()
    first = meal_event(user, 2500)
    deliver(first)
    deliver(meal_event(user, 1000, occurred_at=first.occurred_at - timedelta(minutes=5)))
    deliver(meal_event(user, 2800))
    assert len(feed(query, user, "daily_norm_exceeded")) == 1
