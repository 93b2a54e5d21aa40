"""Users consumers on the real PostgreSQL: idempotent profile creation, statistics, deletion."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import contract_events
import pika
import pytest
from body_profiles import REFERENCE_MAN
from event_bus import queue_exists
from polling import wait_until
from sqlalchemy import Engine
from users_profiles import Sql, outbox

from backend_services.kernel.contracts import (
    InvalidEvent,
    MealChanged,
    MealDeleted,
    MealLogged,
    MealUpdated,
    WorkoutCompleted,
    WorkoutFinished,
    WorkoutImported,
)
from backend_services.kernel.messaging import Event, EventConsumer
from backend_services.users.events import SUBSCRIPTIONS
from backend_services.users.models import MESSAGING
from backend_services.users.schemas import ProfilePatch, WeightLogIn
from backend_services.users.service import UsersService

Deliver = Callable[[Event], bool]
T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


def new_user() -> str:
    return str(uuid.uuid4())


def registered(user_id: str, name: str = "Ada") -> Event:
    return contract_events.registered(user_id, name)


def meal_event(
    user_id: str,
    day: str,
    kcal: float,
    *,
    change: type[MealChanged] = MealLogged,
    at: datetime = T0,
) -> Event:
    macros = {"protein_g": 50.0, "fat_g": 40.0, "carbohydrate_g": 200.0} if kcal else {}
    return contract_events.meal_changed(user_id, day, kcal, change=change, occurred_at=at, **macros)


def workout_event(
    user_id: str,
    workout_id: str,
    kcal: float | None,
    *,
    kind: type[WorkoutFinished] = WorkoutCompleted,
    local_date: str = "2025-03-09",
    duration_s: int = 2700,
) -> Event:
    return contract_events.workout_finished(
        user_id,
        workout_id=workout_id,
        kcal=kcal,
        kind=kind,
        local_date=local_date,
        duration_s=duration_s,
        occurred_at=T0,
    )


def profiles(sql: Sql, user_id: str) -> list[tuple[object, ...]]:
    return sql("SELECT display_name FROM users.profiles WHERE user_id = :u", u=user_id)


def day_row(sql: Sql, user_id: str, day: str) -> tuple[object, ...] | None:
    rows = sql(
        "SELECT calories_in, calories_out, workouts, target_kcal FROM users.daily_stats "
        "WHERE user_id = :u AND local_date = :d",
        u=user_id,
        d=date.fromisoformat(day),
    )
    return rows[0] if rows else None


def test_the_same_registration_delivered_twice_creates_one_profile(
    deliver: Deliver, users_sql: Sql
) -> None:
    user = new_user()
    event = registered(user)
    assert deliver(event) is True
    assert deliver(event) is False  # the redelivery is recognised by its id
    assert profiles(users_sql, user) == [("Ada",)]


def test_a_second_registration_event_for_the_user_changes_nothing(
    deliver: Deliver, users_sql: Sql
) -> None:
    user = new_user()
    deliver(registered(user, "Ada"))
    assert deliver(registered(user, "Mallory")) is True  # a new id: the handler runs ...
    assert profiles(users_sql, user) == [("Ada",)]  # ... and leaves the profile alone


def test_meal_events_keep_the_latest_day_totals_even_out_of_order(
    deliver: Deliver, users_sql: Sql
) -> None:
    user = new_user()
    first = meal_event(user, "2025-03-09", 600, at=T0)
    second = meal_event(user, "2025-03-09", 1500, change=MealUpdated, at=T0 + timedelta(minutes=5))
    deliver(second)
    deliver(first)  # older totals arriving late must not win
    deliver(second)  # and a redelivery changes nothing
    assert day_row(users_sql, user, "2025-03-09") == (Decimal("1500.0"), Decimal("0.0"), 0, None)


def test_deleting_the_last_meal_unlogs_the_day(deliver: Deliver, users_sql: Sql) -> None:
    user = new_user()
    deliver(meal_event(user, "2025-03-09", 600, at=T0))
    deliver(meal_event(user, "2025-03-09", 0, change=MealDeleted, at=T0 + timedelta(1)))
    row = day_row(users_sql, user, "2025-03-09")
    assert row is not None and row[0] is None


def test_a_workout_counts_once_however_often_it_is_announced(
    deliver: Deliver, users_sql: Sql
) -> None:
    user = new_user()
    deliver(workout_event(user, "w1", 300, local_date="2025-03-09"))
    deliver(workout_event(user, "w1", 300, local_date="2025-03-09"))  # re-sent with a new id
    deliver(workout_event(user, "w2", 150.5, local_date="2025-03-09", duration_s=1800))
    assert day_row(users_sql, user, "2025-03-09") == (None, Decimal("450.5"), 2, None)
    assert users_sql(
        "SELECT workout_id, duration_min FROM users.day_workouts WHERE user_id = :u "
        "ORDER BY workout_id",
        u=user,
    ) == [("w1", Decimal("45.0")), ("w2", Decimal("30.0"))]


def test_imported_workouts_count_like_logged_ones_even_without_a_known_energy(
    deliver: Deliver, users_sql: Sql
) -> None:
    # issue 13: a workout imported from a health export reaches the statistics
    user = new_user()
    deliver(workout_event(user, "logged", 300, local_date="2024-04-30"))
    deliver(workout_event(user, "apple", 301.2, kind=WorkoutImported, local_date="2024-04-30"))
    deliver(workout_event(user, "no-weight", None, kind=WorkoutImported, local_date="2024-04-30"))
    assert day_row(users_sql, user, "2024-04-30") == (None, Decimal("601.2"), 3, None)


def test_stats_rows_carry_the_users_current_target(
    deliver: Deliver, users_sql: Sql, users_service: UsersService
) -> None:
    user = new_user()
    deliver(registered(user))
    users_service.patch_profile(user, ProfilePatch.model_validate(REFERENCE_MAN))
    deliver(meal_event(user, "2025-03-09", 2000))
    row = day_row(users_sql, user, "2025-03-09")
    assert row is not None and row[3] == 2136  # 1780 x 1.2


def test_user_deleted_removes_everything_and_late_events_do_not_bring_it_back(
    deliver: Deliver, users_sql: Sql, users_service: UsersService
) -> None:
    user, other = new_user(), new_user()
    for someone in (user, other):
        deliver(registered(someone))
        users_service.patch_profile(someone, ProfilePatch.model_validate({"weight_kg": 70}))
        deliver(meal_event(someone, "2025-03-09", 900))
        deliver(workout_event(someone, "w", 100, local_date="2025-03-09"))
        deliver(contract_events.program_plan_changed(someone))
    deliver(contract_events.user_deleted(user))
    deliver(meal_event(user, "2025-03-10", 500))  # already in flight when the user left
    deliver(workout_event(user, "w2", 100, local_date="2025-03-10"))
    deliver(contract_events.program_plan_changed(user, occurred_at=T0 + timedelta(days=9)))
    deliver(registered(user))
    for table in ("profiles", "weights", "daily_stats", "day_workouts", "training_plans"):
        count = f"SELECT count(*) FROM users.{table} WHERE user_id = :u"
        assert users_sql(count, u=user) == [(0,)], table
        assert users_sql(count, u=other) != [(0,)], table  # nobody else's data went


def test_a_malformed_event_changes_nothing_and_is_not_marked_processed(
    deliver: Deliver, users_sql: Sql
) -> None:
    user = new_user()
    good = meal_event(user, "2025-03-09", 600)
    not_a_number = good.model_copy(
        update={"data": {**good.data, "day_totals": {**good.data["day_totals"], "fat_g": "40"}}}
    )
    with pytest.raises(InvalidEvent, match=r"day_totals\.fat_g: Input should be a valid number"):
        deliver(not_a_number)
    no_date = Event(type="nutrition.meal.logged", producer="nutrition", user_id=user, data={})
    with pytest.raises(InvalidEvent, match="date: Field required"):
        deliver(no_date)
    # the units decided for a workout's length: seconds only
    workout = workout_event(user, "w1", 300)
    in_minutes = {**workout.data, "duration_min": 45}
    del in_minutes["duration_s"]
    with pytest.raises(InvalidEvent, match="duration_min: Extra inputs are not permitted"):
        deliver(workout.model_copy(update={"data": in_minutes}))
    assert users_sql("SELECT count(*) FROM users.daily_stats") == [(0,)]
    assert users_sql("SELECT count(*) FROM users.processed_events") == [(0,)]


def weigh_ins(sql: Sql, user_id: str) -> list[tuple[object, ...]]:
    return sql(
        "SELECT local_date, weight_kg FROM users.weights WHERE user_id = :u ORDER BY local_date",
        u=user_id,
    )


def weights_announced(sql: Sql, user_id: str) -> list[dict[str, object]]:
    return [event["data"] for event in outbox(sql, user_id, "users.weight.logged")]


def test_an_exports_weigh_ins_fill_the_days_without_one_and_the_users_own_win(
    deliver: Deliver, users_sql: Sql, users_service: UsersService
) -> None:
    # decision 0010: the users service owns body weight and decides what of an import it keeps
    user = new_user()
    deliver(registered(user))
    users_service.patch_profile(
        user, ProfilePatch.model_validate({"timezone": "America/Los_Angeles"})
    )
    users_service.log_weight(
        user, WeightLogIn.model_validate({"weight_kg": 79, "date": "2025-03-05"})
    )
    # finished at 03:00 UTC on 10 March: still 9 March in Los Angeles
    imported = contract_events.body_mass_imported(
        user, {"2025-03-01": 81.0, "2025-03-05": 78.0, "2025-03-09": 78.4, "2025-03-10": 77.0}
    ).model_copy(update={"occurred_at": datetime(2025, 3, 10, 3, 0, tzinfo=UTC)})
    assert deliver(imported) is True
    assert weigh_ins(users_sql, user) == [
        (date(2025, 3, 1), Decimal("81.00")),
        (date(2025, 3, 5), Decimal("79.00")),  # the user's own weigh-in of that day
        (date(2025, 3, 9), Decimal("78.40")),
    ]  # 10 March was after the user's today
    assert users_service.get_profile(user)["weight_kg"] == 78.4  # the newest weigh-in
    logged = weights_announced(users_sql, user)
    trend = {
        e["date"].isoformat(): e["trend_kg"]
        for e in users_service.weight_log(user, None, None)["entries"]
    }
    assert [(e["date"], e["weight_kg"], e["trend_kg"]) for e in logged[1:]] == [
        ("2025-03-01", 81.0, trend["2025-03-01"]),
        ("2025-03-09", 78.4, trend["2025-03-09"]),
    ]
    assert day_row(users_sql, user, "2025-03-09") is not None
    # the same export imported again (a new event): nothing changes, nothing is announced
    again = contract_events.body_mass_imported(user, {"2025-03-01": 81.0, "2025-03-09": 78.4})
    assert deliver(again) is True
    assert len(weigh_ins(users_sql, user)) == 3
    assert len(weights_announced(users_sql, user)) == 3


def test_an_exports_weigh_ins_for_a_deleted_account_are_dropped(
    deliver: Deliver, users_sql: Sql
) -> None:
    user = new_user()
    deliver(registered(user))
    deliver(contract_events.user_deleted(user))
    deliver(contract_events.body_mass_imported(user, {"2025-03-01": 81.0}))
    assert weigh_ins(users_sql, user) == []
    assert profiles(users_sql, user) == []


# --- through the real broker ---


@pytest.fixture
def broker_topology(shared_amqp: str) -> Iterator[tuple[str, str]]:
    suffix = uuid.uuid4().hex[:10]
    exchange, queue = f"fltest.users.{suffix}", f"fltest.users.accounts.{suffix}"
    yield exchange, queue
    connection = pika.BlockingConnection(pika.URLParameters(shared_amqp))
    channel = connection.channel()
    for name in (queue, f"{queue}.dlq", *(f"{queue}.retry.{i}" for i in range(3))):
        channel.queue_delete(name)
    channel.exchange_delete(exchange)
    connection.close()


def test_registration_through_rabbitmq_twice_gives_one_profile(
    users_engine: Engine, users_sql: Sql, shared_amqp: str, broker_topology: tuple[str, str]
) -> None:
    exchange, queue = broker_topology
    accounts = next(s for s in SUBSCRIPTIONS if "auth.user.registered" in s.routing_keys)
    sub = replace(accounts, queue=queue)
    consumer = EventConsumer(users_engine, MESSAGING, shared_amqp, exchange, sub)
    stop = threading.Event()
    thread = threading.Thread(target=consumer.run, args=(stop,), daemon=True)
    thread.start()
    try:
        user = new_user()
        event = registered(user)
        wait_until(lambda: queue_exists(queue, shared_amqp), what=f"queue {queue} declared")
        _publish(shared_amqp, exchange, event)
        _publish(shared_amqp, exchange, event)
        # One consumer handles its queue in order: once the sentinel's profile exists, both
        # copies of the first event have been handled.
        sentinel = new_user()
        _publish(shared_amqp, exchange, registered(sentinel, "Sentinel"))
        wait_until(
            lambda: profiles(users_sql, sentinel) == [("Sentinel",)], what="the sentinel's profile"
        )
        assert profiles(users_sql, user) == [("Ada",)]
        assert users_sql(
            "SELECT count(*) FROM users.processed_events WHERE event_id = :e", e=event.id
        ) == [(1,)]
        assert _depth(shared_amqp, f"{queue}.dlq") == 0
    finally:
        stop.set()
        thread.join(timeout=10)


def _publish(url: str, exchange: str, event: Event) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(url))
    channel = connection.channel()
    channel.confirm_delivery()
    channel.basic_publish(
        exchange=exchange,
        routing_key=event.type,
        body=event.to_json(),
        properties=pika.BasicProperties(
            delivery_mode=pika.DeliveryMode.Persistent, message_id=str(event.id)
        ),
    )
    connection.close()


def _depth(url: str, queue: str) -> int:
    connection = pika.BlockingConnection(pika.URLParameters(url))
    try:
        return int(
            connection.channel().queue_declare(queue=queue, passive=True).method.message_count
        )
    finally:
        connection.close()


def plan_of(sql: Sql, user_id: str) -> list[tuple[object, ...]]:
    return sql(
        "SELECT program_name, weekdays FROM users.training_plans WHERE user_id = :u", u=user_id
    )


def test_the_followed_programs_plan_is_kept_once_newest_first_and_a_malformed_one_dead_letters(
    users_engine: Engine, users_sql: Sql, shared_amqp: str, broker_topology: tuple[str, str]
) -> None:
    exchange, queue = broker_topology
    activity = next(s for s in SUBSCRIPTIONS if "workouts.program_plan.changed" in s.routing_keys)
    consumer = EventConsumer(
        users_engine, MESSAGING, shared_amqp, exchange, replace(activity, queue=queue)
    )
    stop = threading.Event()
    thread = threading.Thread(target=consumer.run, args=(stop,), daemon=True)
    thread.start()
    try:
        user, sentinel = new_user(), new_user()
        newer = contract_events.program_plan_changed(
            user, ("p2", "Upper lower"), ("tuesday", "thursday"), occurred_at=T0 + timedelta(1)
        )
        older = contract_events.program_plan_changed(user, occurred_at=T0)
        malformed = older.model_copy(
            update={"id": uuid.uuid4(), "data": {**older.data, "weekdays": ["mon"]}}
        )
        wait_until(lambda: queue_exists(queue, shared_amqp), what=f"queue {queue} declared")
        for event in (newer, newer, malformed, older):  # a duplicate, a broken one, a late one
            _publish(shared_amqp, exchange, event)
        _publish(shared_amqp, exchange, contract_events.program_plan_changed(sentinel))
        wait_until(lambda: plan_of(users_sql, sentinel) != [], what="the sentinel's plan")
        assert plan_of(users_sql, user) == [("Upper lower", ["tuesday", "thursday"])]
        assert users_sql(
            "SELECT count(*) FROM users.processed_events WHERE event_id = :e", e=newer.id
        ) == [(1,)]
        wait_until(lambda: _depth(shared_amqp, f"{queue}.dlq") == 1, what="the malformed in DLQ")
    finally:
        stop.set()
        thread.join(timeout=10)
