"""Pure rules of the notifications service: norm state machine, quiet hours, streaks,
weight goal, reminders, preferences."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest

from backend_services.notifications import domain
from backend_services.notifications.wording import ENGLISH_METRIC

T0 = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def feed(totals: list[int], target: int = 2000) -> list[bool]:
    state = None
    warnings = []
    for n, total in enumerate(totals):
        state, warn = domain.next_norm_state(
            state, Decimal(total), Decimal(target), T0 + timedelta(minutes=n)
        )
        warnings.append(warn)
    return warnings


def test_norm_warns_once_when_crossed_and_not_again_while_over() -> None:
    assert feed([800, 1900, 2100, 2600, 3000]) == [False, False, True, False, False]


def test_norm_warns_again_only_after_dropping_back_under() -> None:
    assert feed([2100, 2500, 1900, 2050, 1800, 1900]) == [True, False, False, True, False, False]


def test_norm_exactly_on_target_is_not_over() -> None:
    assert feed([2000]) == [False]


def test_norm_without_target_never_warns() -> None:
    state, warn = domain.next_norm_state(None, Decimal(5000), None, T0)
    assert not warn and not state.over and state.armed


def test_norm_ignores_an_older_event_arriving_late() -> None:
    over, warned = domain.next_norm_state(None, Decimal(2500), Decimal(2000), T0)
    assert warned
    stale, warn = domain.next_norm_state(over, Decimal(1000), Decimal(2000), T0 - timedelta(1))
    assert stale == over and not warn
    # so the day stays disarmed: the next (newer) meal over target does not warn again
    _, again = domain.next_norm_state(stale, Decimal(2700), Decimal(2000), T0 + timedelta(1))
    assert not again


def test_quiet_hours_across_midnight() -> None:
    start, end = time(22, 0), time(7, 0)
    assert domain.in_quiet_hours(time(23, 30), start, end)
    assert domain.in_quiet_hours(time(6, 59), start, end)
    assert not domain.in_quiet_hours(time(7, 0), start, end)
    assert not domain.in_quiet_hours(time(12, 0), start, end)
    assert not domain.in_quiet_hours(time(23, 0), None, None)


def test_quiet_hours_end_is_next_local_end_in_utc() -> None:
    # 23:30 in Berlin (UTC+1 in March before DST) -> quiet until 07:00 Berlin = 06:00 UTC
    now = datetime(2026, 3, 10, 22, 30, tzinfo=UTC)
    end = domain.quiet_hours_end(now, "Europe/Berlin", time(22), time(7))
    assert end == datetime(2026, 3, 11, 6, 0, tzinfo=UTC)
    noon = datetime(2026, 3, 10, 11, 0, tzinfo=UTC)
    assert domain.quiet_hours_end(noon, "Europe/Berlin", time(22), time(7)) is None


def test_quiet_hours_same_day_window() -> None:
    now = datetime(2026, 3, 10, 13, 15, tzinfo=UTC)
    end = domain.quiet_hours_end(now, "UTC", time(13), time(14))
    assert end == datetime(2026, 3, 10, 14, 0, tzinfo=UTC)


def test_over_streak_fires_on_the_third_day_only() -> None:
    d = date(2026, 3, 10)
    yesterday, before = d - timedelta(1), d - timedelta(2)
    assert domain.over_streak_reached(d, [yesterday, before])
    assert not domain.over_streak_reached(d, [yesterday])
    assert not domain.over_streak_reached(d, [yesterday, before, d - timedelta(3)])


def test_weight_goal_crossing_from_either_side() -> None:
    goal = Decimal("75")
    assert domain.weight_goal_reached(Decimal("75.4"), Decimal("74.9"), goal)
    assert domain.weight_goal_reached(Decimal("70"), Decimal("75"), goal)
    assert not domain.weight_goal_reached(Decimal("80"), Decimal("76"), goal)
    assert not domain.weight_goal_reached(Decimal("75"), Decimal("74"), goal)
    assert not domain.weight_goal_reached(Decimal("80"), Decimal("70"), None)
    assert domain.weight_goal_reached(None, Decimal("75"), goal)


def test_due_reminders_in_the_users_time_zone() -> None:
    # 07:10 UTC = 08:10 in Berlin: the 08:00 meal reminder is due, the 12:30 one is not
    now = datetime(2026, 3, 10, 7, 10, tzinfo=UTC)  # a Tuesday
    due = domain.due_reminders(
        now, "Europe/Berlin", [time(8), time(12, 30)], [1], time(8, 5), timedelta(minutes=30)
    )
    assert {(r.kind, r.slot, r.local_date) for r in due} == {
        ("meal", "08:00", date(2026, 3, 10)),
        ("workout", "08:05", date(2026, 3, 10)),
    }
    wednesday_only = domain.due_reminders(
        now, "Europe/Berlin", [], [2], time(8, 5), timedelta(minutes=30)
    )
    assert wednesday_only == []


def test_due_reminders_drop_those_older_than_the_grace() -> None:
    now = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    assert domain.due_reminders(now, "UTC", [time(8)], [], None, timedelta(minutes=30)) == []


def test_preferences_defaults_and_opt_outs() -> None:
    assert domain.enabled_channels({}, "goal_progress") == ["email"]
    assert domain.enabled_channels({}, "daily_norm_exceeded") == []
    chosen = {"daily_norm_exceeded": {"email": True, "push": True, "in_app": True}}
    assert domain.enabled_channels(chosen, "daily_norm_exceeded") == ["email", "push"]
    assert domain.enabled_channels(chosen, "daily_norm_exceeded", ["daily_norm_exceeded"]) == [
        "push"
    ]
    assert domain.enabled_channels(chosen, "daily_norm_exceeded", ["*"]) == ["push"]


def test_messages_carry_the_numbers() -> None:
    norm = domain.daily_norm_message(Decimal("2450.4"), Decimal("2000"), ENGLISH_METRIC)
    assert "2,450 kcal" in norm.body and "450 kcal over" in norm.body
    workout = domain.workout_message("Leg day", 412.6, 3720, ENGLISH_METRIC)
    assert "1 h 2 min" in workout.body and "413 kcal" in workout.body
    record = domain.personal_record_message(
        "Back Squat", "weight_at_reps", 120.0, 115.0, 5, ENGLISH_METRIC
    )
    assert "Back Squat" in record.title and "120 kg" in record.body and "5 reps" in record.body


def test_settings_show_email_off_where_an_unsubscribe_link_stopped_it() -> None:
    chosen = {"daily_norm_exceeded": {"email": True, "push": True, "in_app": True}}
    shown = domain.effective_preferences(chosen, ["daily_norm_exceeded"])
    assert shown["daily_norm_exceeded"] == {"email": False, "push": True, "in_app": True}
    assert shown["announcement"]["email"] is True  # a default, not stopped
    everything = domain.effective_preferences(chosen, ["*"])
    assert not any(channels["email"] for channels in everything.values())
    assert domain.effective_preferences(chosen)["daily_norm_exceeded"]["email"] is True


def test_a_push_opens_the_page_where_its_message_is_acted_on() -> None:
    push_page = domain.push_page
    assert push_page("daily_norm_exceeded") == "/diary"
    assert push_page("logging_reminder") == "/diary"
    assert push_page("workout_completed") == "/workouts"
    assert push_page("personal_record") == "/progress"
    assert push_page("announcement") == "/notifications"
    assert push_page("something_new") == "/notifications"


NORM_ON = {"daily_norm_exceeded": {"email": True}}
NORM_OFF = {"daily_norm_exceeded": {"email": False}}


@pytest.mark.parametrize(
    ("before", "after", "opted_out", "expected"),
    [
        # the user turned the e-mail on again after the link (and the users service) stopped it
        (NORM_OFF, NORM_ON, ["daily_norm_exceeded"], ({"daily_norm_exceeded"}, set())),
        # a change that leaves it as it was (the users service not caught up yet) lifts nothing
        (NORM_ON, NORM_ON, ["daily_norm_exceeded"], (set(), set())),
        (NORM_ON, NORM_OFF, ["daily_norm_exceeded"], (set(), set())),
        # another type turned on: this opt-out stays
        ({}, {"personal_record": {"email": True}}, ["daily_norm_exceeded"], (set(), set())),
        # unsubscribed from all, one turned on: the others whose e-mail is on stay stopped
        (
            NORM_OFF,
            NORM_ON,
            ["*"],
            ({"*"}, {"goal_progress", "announcement"}),  # e-mail on by default
        ),
        (NORM_OFF, NORM_ON, [], (set(), set())),
    ],
)
def test_an_opt_out_is_lifted_only_by_turning_that_email_on(
    before: dict, after: dict, opted_out: list[str], expected: tuple[set[str], set[str]]
) -> None:
    assert domain.lifted_opt_outs(before, after, opted_out) == expected
