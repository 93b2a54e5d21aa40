"""Users use cases on the real PostgreSQL: outbox events, weight log, targets, statistics."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from body_profiles import REFERENCE_MAN
from contract_events import meal_changed, workout_finished
from users_profiles import Sql, outbox, patch

from backend_services.kernel.errors import Conflict, InvalidInput, NotFound
from backend_services.kernel.messaging import Event
from backend_services.users.schemas import ProfileReplace, WeightLogIn
from backend_services.users.service import UsersService


def weigh(**fields: Any) -> WeightLogIn:
    return WeightLogIn.model_validate(fields)


def test_profile_not_found_until_registered_or_written(users_service: UsersService) -> None:
    user = str(uuid.uuid4())
    with pytest.raises(NotFound):
        users_service.get_profile(user)
    profile = users_service.patch_profile(user, patch(language="ru"))
    assert (profile["user_id"], profile["language"], profile["complete"]) == (user, "ru", False)


def test_targets_change_publishes_profile_updated_once_per_change(
    users_service: UsersService, users_sql: Sql
) -> None:
    user = str(uuid.uuid4())
    users_service.patch_profile(user, patch(**REFERENCE_MAN))
    events = outbox(users_sql, user, "users.profile.updated")
    assert len(events) == 1
    assert events[0]["data"]["targets"]["calorie_target_kcal"] == 2136
    Event.model_validate(events[0])  # a valid envelope

    users_service.patch_profile(user, patch(height_cm=180))  # nothing changes
    assert len(outbox(users_sql, user, "users.profile.updated")) == 1

    users_service.patch_profile(user, patch(activity_level="moderate"))
    events = outbox(users_sql, user, "users.profile.updated")
    assert [e["data"]["targets"]["calorie_target_kcal"] for e in events] == [2136, 2759]


def test_put_replaces_and_resets_optional_settings(users_service: UsersService) -> None:
    user = str(uuid.uuid4())
    users_service.patch_profile(
        user,
        patch(
            body_fat_pct=20,
            timezone="Europe/Berlin",
            notifications={"preferences": {"announcement": {"email": False}}},
        ),
    )
    profile = users_service.replace_profile(user, ProfileReplace.model_validate(REFERENCE_MAN))
    assert profile["body_fat_pct"] is None and profile["timezone"] == "UTC"
    assert profile["notifications"]["preferences"]["announcement"]["email"] is True


def test_notification_preferences_merge_and_quiet_hours_clear(users_service: UsersService) -> None:
    user = str(uuid.uuid4())
    users_service.patch_profile(
        user,
        patch(
            notifications={
                "preferences": {"daily_norm_exceeded": {"email": True, "push": True}},
                "quiet_hours": {"start": "22:00", "end": "07:00"},
            }
        ),
    )
    users_service.patch_profile(
        user, patch(notifications={"preferences": {"daily_norm_exceeded": {"push": False}}})
    )
    prefs = users_service.get_profile(user)["notifications"]
    assert prefs["preferences"]["daily_norm_exceeded"] == {
        "email": True,
        "push": False,
        "in_app": True,
    }
    assert prefs["quiet_hours"] is not None  # not mentioned: kept
    users_service.patch_profile(user, patch(notifications={"quiet_hours": None}))
    assert users_service.get_profile(user)["notifications"]["quiet_hours"] is None


def test_weight_log_one_entry_per_day_with_trend_and_events(
    users_service: UsersService, users_sql: Sql, clock: Any
) -> None:
    user = str(uuid.uuid4())
    first = users_service.log_weight(user, weigh(weight_kg=80, date=date(2025, 3, 8)))
    again = users_service.log_weight(user, weigh(weight_kg=79, date=date(2025, 3, 8)))
    users_service.log_weight(user, weigh(weight_kg=81))  # today, 2025-03-10
    assert (first.created, again.created) == (True, False)
    log = users_service.weight_log(user, None, None)
    assert [(e["date"], e["weight_kg"]) for e in log["entries"]] == [
        (date(2025, 3, 8), 79.0),
        (date(2025, 3, 10), 81.0),
    ]
    # 79 + (1 - 0.9^2) * (81 - 79) = 79.38
    assert log["entries"][-1]["trend_kg"] == 79.38 == log["latest_trend_kg"]
    assert users_service.get_profile(user)["weight_kg"] == 81.0  # the latest weigh-in
    assert len(outbox(users_sql, user, "users.weight.logged")) == 3

    users_service.log_weight(user, weigh(weight_kg=90, date=date(2025, 3, 1)))
    assert users_service.get_profile(user)["weight_kg"] == 81.0  # a back-dated entry isn't current


def test_weight_in_the_users_future_is_refused_and_nothing_stored(
    users_service: UsersService, users_sql: Sql, clock: Any
) -> None:
    user = str(uuid.uuid4())
    users_service.patch_profile(user, patch(timezone="America/Los_Angeles"))
    clock.now = datetime(2025, 3, 10, 3, 0, tzinfo=UTC)  # still 9 March in Los Angeles
    with pytest.raises(InvalidInput) as exc:
        users_service.log_weight(user, weigh(weight_kg=80, date=date(2025, 3, 10)))
    assert "date" in exc.value.fields
    assert users_sql("SELECT count(*) FROM users.weights WHERE user_id = :u", u=user) == [(0,)]
    assert outbox(users_sql, user, "users.weight.logged") == []
    users_service.log_weight(user, weigh(weight_kg=80))
    assert users_sql("SELECT local_date FROM users.weights WHERE user_id = :u", u=user) == [
        (date(2025, 3, 9),)
    ]


def test_targets_need_a_complete_profile_and_explain_themselves(
    users_service: UsersService,
) -> None:
    user = str(uuid.uuid4())
    users_service.patch_profile(user, patch(sex="female"))
    with pytest.raises(Conflict) as exc:
        users_service.targets(user)
    assert exc.value.code == "profile_incomplete"
    assert set(exc.value.fields) == {
        "birth_date",
        "height_cm",
        "weight_kg",
        "activity_level",
        "goal",
    }
    users_service.patch_profile(
        user,
        patch(
            birth_date="1995-01-01",
            height_cm=165,
            weight_kg=60,
            activity_level="sedentary",
            goal="maintain",
        ),
    )
    targets = users_service.targets(user)
    assert targets["bmr"]["name"] == "Mifflin-St Jeor"
    assert targets["bmr"]["value"] == 1320.25
    assert targets["bmr"]["inputs"]["age_years"] == "30"
    assert targets["calorie_target_kcal"] == 1584  # 1320.25 x 1.2 = 1584.3


def test_stats_days_averages_streak_and_range_checks(
    users_service: UsersService, deliver: Callable[[Event], bool]
) -> None:
    user = str(uuid.uuid4())
    for day, kcal in (("2025-03-06", 1800), ("2025-03-08", 2000), ("2025-03-09", 2200)):
        deliver(meal_changed(user, day, kcal))
    deliver(workout_finished(user, workout_id="w", local_date="2025-03-09", kcal=400))
    stats = users_service.stats(user, None, None)  # last 7 days up to today, 10 March
    assert (stats["from_date"], stats["to_date"]) == (date(2025, 3, 4), date(2025, 3, 10))
    assert len(stats["days"]) == 7
    assert stats["logged_days"] == 3
    assert stats["averages"]["calories_in"] == 2000.0
    assert stats["averages"]["net_kcal"] == round((1800 + 2000 + 1800) / 3, 1)
    assert stats["streak_days"] == 2  # 8 and 9 March; today not yet logged
    day9 = next(d for d in stats["days"] if d["date"] == date(2025, 3, 9))
    assert (day9["calories_out"], day9["net_kcal"], day9["workouts"]) == (400.0, 1800.0, 1)

    with pytest.raises(InvalidInput):
        users_service.stats(user, date(2025, 3, 10), date(2025, 3, 1))
    with pytest.raises(InvalidInput):
        users_service.stats(user, date(2020, 1, 1), date(2025, 3, 1))


def test_a_days_target_is_the_one_in_force_that_day_on_every_day_and_every_call(
    users_service: UsersService, deliver: Callable[[Event], bool], clock: Any
) -> None:
    # issue 13: null on days without entries, and a past day's target changed by a late event
    user = str(uuid.uuid4())
    clock.now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    users_service.patch_profile(user, patch(**REFERENCE_MAN))
    first = users_service.targets(user)
    clock.now = datetime(2025, 3, 5, 9, 0, tzinfo=UTC)
    users_service.log_weight(user, weigh(weight_kg=70))  # a new weight: a new target from today
    later = users_service.targets(user)["calorie_target_kcal"]
    assert later != first["calorie_target_kcal"]
    before = users_service.stats(user, date(2025, 2, 27), date(2025, 3, 6))
    # a meal for 2 March logged late (today is 5 March) must not move 2 March's target
    deliver(meal_changed(user, "2025-03-02", 1900))
    after = users_service.stats(user, date(2025, 2, 27), date(2025, 3, 6))
    targets = {d["date"]: d["target_kcal"] for d in after["days"]}
    assert [d["target_kcal"] for d in before["days"]] == list(targets.values())
    assert targets[date(2025, 3, 2)] == targets[date(2025, 3, 4)] == first["calorie_target_kcal"]
    assert targets[date(2025, 3, 5)] == targets[date(2025, 3, 6)] == later
    # days before the profile existed and days with nothing logged have a target too
    assert targets[date(2025, 2, 27)] == first["calorie_target_kcal"]
    assert all(t is not None for t in targets.values())


def test_a_birthday_changes_the_target_from_that_day_on_and_the_change_stays(
    users_service: UsersService, clock: Any
) -> None:
    # issue 13: the target in force comes from the profile and weight (and age) of that day
    user = str(uuid.uuid4())
    clock.now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    users_service.patch_profile(user, patch(**{**REFERENCE_MAN, "birth_date": "1995-03-03"}))
    at_29 = users_service.targets(user)["calorie_target_kcal"]
    clock.now = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
    at_30 = users_service.targets(user)["calorie_target_kcal"]
    assert at_30 < at_29  # a year older: a lower BMR (Mifflin-St Jeor: -5 kcal a year)
    range_ = (date(2025, 3, 1), date(2025, 3, 6))
    before = {d["date"]: d["target_kcal"] for d in users_service.stats(user, *range_)["days"]}
    assert before[date(2025, 3, 2)] == at_29
    assert before[date(2025, 3, 3)] == before[date(2025, 3, 4)] == at_30
    # a new weight on 5 March: a new target from then on, the days before keep theirs
    clock.now = datetime(2025, 3, 5, 9, 0, tzinfo=UTC)
    users_service.log_weight(user, weigh(weight_kg=70))
    lighter = users_service.targets(user)["calorie_target_kcal"]
    after = {d["date"]: d["target_kcal"] for d in users_service.stats(user, *range_)["days"]}
    assert [after[d] for d in before if d < date(2025, 3, 5)] == [
        before[d] for d in before if d < date(2025, 3, 5)
    ]
    assert after[date(2025, 3, 5)] == after[date(2025, 3, 6)] == lighter
