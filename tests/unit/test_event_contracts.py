"""Producers and consumers agree: every event type is one registered class that its producer
(and only its producer) constructs; every handler table is keyed by registered classes, so
every consumed type has a producer; each class survives the trip through JSON into the
consumer's reader; queue names and docs/events.md follow the code."""

from __future__ import annotations

import ast
import uuid
from collections import Counter
from pathlib import Path

import contract_events
import pytest
from pydantic import ValidationError

from backend_services.kernel.contracts import (
    CONTRACTS,
    AuthAdminActionRecorded,
    EventContract,
    InvalidEvent,
    MealDeleted,
    MealLogged,
    MealUpdated,
    NotificationsAdminActionRecorded,
    NutritionAdminActionRecorded,
    PasswordChanged,
    PasswordResetAsked,
    ProfileUpdated,
    ProgramPlanChanged,
    RegistrationDuplicateAttempted,
    WorkoutImported,
)
from backend_services.kernel.contracts import queues as queue_names
from backend_services.kernel.messaging import Event
from backend_services.stack import event_catalogue

SERVICES = Path(__file__).resolve().parents[2] / "backend_services"
PRODUCERS = ("auth", "users", "nutrition", "workouts", "notifications")
SUBSCRIPTIONS = event_catalogue.subscriptions()
NAMES = {contract.__name__ for contract in CONTRACTS}


def example(contract: type[EventContract]) -> Event:
    """A plausible event of every registered class (the test factories, else inline)."""
    user = str(uuid.uuid4())
    examples = {
        "auth.user.registered": lambda: contract_events.registered(user),
        "auth.user.deleted": lambda: contract_events.user_deleted(user),
        "auth.password_reset.asked": lambda: PasswordResetAsked(email="a@b.example").event(None),
        "auth.password_reset.requested": lambda: contract_events.password_reset_requested(
            user, "a@b.example", "https://fit.example/reset-password?token=t"
        ),
        "auth.password.changed": lambda: PasswordChanged(via="reset").event(user),
        "auth.registration.duplicate_attempted": lambda: RegistrationDuplicateAttempted(
            email="a@b.example"
        ).event(None),
        "users.profile.updated": lambda: contract_events.profile_updated(
            user, preferences={"announcement": {"email": True}}, quiet=("22:30", "07:00")
        ),
        "users.weight.logged": lambda: contract_events.weight_logged(user, 71.25),
        "notifications.email.unsubscribed": lambda: contract_events.email_unsubscribed(
            user, "daily_norm_exceeded"
        ),
        "workouts.workout.completed": lambda: contract_events.workout_finished(user),
        "workouts.workout.imported": lambda: contract_events.workout_finished(
            user, kind=WorkoutImported, kcal=None
        ),
        "workouts.body_mass.imported": lambda: contract_events.body_mass_imported(
            user, {"2026-03-09": 71.4, "2026-03-10": 71.25}
        ),
        "workouts.program_plan.changed": lambda: contract_events.program_plan_changed(user),
        "workouts.personal_record.set": lambda: contract_events.personal_record(
            user, "w1", kind="weight_at_reps", reps=5
        ),
        "auth.admin_action.recorded": lambda: AuthAdminActionRecorded(
            actor_id=user,
            action="user.role_changed",
            target_type="user",
            target_id=user,
            detail={"role": "admin", "previous_role": "user"},
        ).event(None),
        "notifications.admin_action.recorded": lambda: NotificationsAdminActionRecorded(
            actor_id=user,
            action="announcement.sent",
            target_type="announcement",
            target_id=str(uuid.uuid4()),
            detail={"channels": "in_app,email"},
        ).event(None),
        "nutrition.admin_action.recorded": lambda: NutritionAdminActionRecorded(
            actor_id=user,
            action="food.corrected",
            target_type="food",
            target_id="12",
            detail={"energy_kcal": "374.6"},
        ).event(None),
    }
    if issubclass(contract, MealLogged | MealUpdated | MealDeleted):
        return contract_events.meal_changed(
            user, "2026-03-10", 612.5, change=contract, protein_g=30.25, sodium_mg=0.0
        )
    return examples[contract.TYPE]()


def constructed_contracts(package: Path) -> set[str]:
    """Names of contract classes a package's code calls, or keeps as values of a lookup table
    it calls through (nutrition's ``MEAL_EVENTS``); handler-table keys do not count."""
    found: set[str] = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            candidates = (
                [node.func]
                if isinstance(node, ast.Call)
                else node.values
                if isinstance(node, ast.Dict)
                else []
            )
            for candidate in candidates:
                name = getattr(candidate, "id", None) or getattr(candidate, "attr", None)
                if name in NAMES:
                    found.add(name)
    return found


def test_one_class_per_type_and_version_named_after_its_producer() -> None:
    keys = Counter((contract.TYPE, contract.VERSION) for contract in CONTRACTS)
    assert [key for key, count in keys.items() if count > 1] == []
    for contract in CONTRACTS:
        assert contract.TYPE.split(".")[0] == contract.PRODUCER, contract.TYPE
        assert contract.model_config.get("frozen") and contract.model_config.get("extra") == (
            "forbid"
        )


def test_each_producer_constructs_exactly_its_own_events() -> None:
    built = {service: constructed_contracts(SERVICES / service) for service in PRODUCERS}
    for contract in CONTRACTS:
        makers = [service for service, names in built.items() if contract.__name__ in names]
        assert makers == [contract.PRODUCER], f"{contract.TYPE} constructed by {makers}"


def test_handler_tables_are_keyed_by_produced_classes() -> None:
    """So every consumed type has a producer, and the consumer reads it into that class."""
    registered = {(c.TYPE, c.VERSION): c for c in CONTRACTS}
    for service, subs in SUBSCRIPTIONS.items():
        for sub in subs:
            if sub.routing_keys == ("#",):
                continue  # the audit log takes every event as a raw envelope
            for key in sub.routing_keys:
                contract = registered.get((key, 1))
                assert contract is not None, f"{service} {sub.queue} consumes {key}: no producer"
                received = sub.read(example(contract))
                assert type(received.data) is contract, (service, sub.queue, key)


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.TYPE)
def test_every_event_comes_out_of_the_wire_as_it_went_in(contract: type[EventContract]) -> None:
    event = example(contract)
    over_the_wire = Event.from_json(event.to_json())
    assert contract.read(over_the_wire).data == contract.model_validate(event.data)
    assert contract.read(over_the_wire).data.model_dump(mode="json") == event.data


MEAL = example(MealLogged)
BROKEN_MEALS = {
    "number as a string": {**MEAL.data, "day_totals": {**MEAL.data["day_totals"], "fat_g": "1"}},
    "negative": {**MEAL.data, "day_totals": {**MEAL.data["day_totals"], "energy_kcal": -1}},
    "unknown field": {**MEAL.data, "meal_count": 1},
    "no date": {k: v for k, v in MEAL.data.items() if k != "date"},
    "a timestamp for a date": {**MEAL.data, "date": 1773100800},
}


@pytest.mark.parametrize("data", BROKEN_MEALS.values(), ids=BROKEN_MEALS.keys())
def test_a_consumer_refuses_data_that_breaks_the_contract(data: dict[str, object]) -> None:
    with pytest.raises(InvalidEvent, match=r"^nutrition\.meal\.logged v1: (day_totals|date|meal)"):
        MealLogged.read(MEAL.model_copy(update={"data": data}))


def test_a_consumer_refuses_an_envelope_without_its_user_or_from_another_producer() -> None:
    with pytest.raises(InvalidEvent, match="user_id missing"):
        MealLogged.read(MEAL.model_copy(update={"user_id": None}))
    with pytest.raises(InvalidEvent, match="produced by 'users'"):
        MealLogged.read(MEAL.model_copy(update={"producer": "users"}))


def test_a_producer_cannot_build_a_malformed_or_mutable_event() -> None:
    with pytest.raises(ValidationError):
        PasswordChanged(via="forgot")  # type: ignore[arg-type]
    made = PasswordChanged(via="change")
    with pytest.raises(ValidationError):
        made.via = "reset"  # type: ignore[misc]
    with pytest.raises(ValueError, match="user_id required"):
        made.event(None)
    with pytest.raises(ValueError, match="user_id null"):
        PasswordResetAsked(email="a@b.example").event("u1")
    with pytest.raises(ValidationError):
        contract_events.weight_logged("u1", float("nan"))


PLAN = example(ProgramPlanChanged)
BROKEN_PLANS = {
    "a weekday twice": {**PLAN.data, "weekdays": ["monday", "monday"]},
    "no such weekday": {**PLAN.data, "weekdays": ["mon"]},
    "weekdays without a program": {**PLAN.data, "program_id": None, "program_name": None},
    "a program without its name": {**PLAN.data, "program_name": None},
}


@pytest.mark.parametrize("data", BROKEN_PLANS.values(), ids=BROKEN_PLANS.keys())
def test_a_plan_names_its_program_and_each_weekday_once(data: dict[str, object]) -> None:
    with pytest.raises(InvalidEvent, match=r"^workouts\.program_plan\.changed v1: "):
        ProgramPlanChanged.read(PLAN.model_copy(update={"data": data}))


def test_no_program_followed_is_a_plan_without_weekdays() -> None:
    none = contract_events.program_plan_changed("u1", None)
    assert ProgramPlanChanged.read(none).data.weekdays == ()


def test_queue_names_are_the_registered_ones_each_consumed_once() -> None:
    queues = [sub.queue for subs in SUBSCRIPTIONS.values() for sub in subs]
    named = [v for k, v in vars(queue_names).items() if k.isupper() and isinstance(v, str)]
    assert sorted(queues) == sorted(named)
    # the messaging admin's list: one dead-letter queue per subscription, none hand-kept
    dead = event_catalogue.dead_letter_queues()
    assert sorted(dead) == sorted(f"{queue}.dlq" for queue in queues)
    assert {q.queue: q.service for q in dead.values()} == {
        sub.queue: service for service, subs in SUBSCRIPTIONS.items() for sub in subs
    }


def test_docs_event_tables_are_the_codes() -> None:
    text = event_catalogue.DOC.read_text()
    assert event_catalogue.rendered_doc(text, SUBSCRIPTIONS) == text, (
        "docs/events.md is stale: run `python -m backend_services.stack.event_catalogue`"
    )


PROFILE = example(ProfileUpdated)
BROKEN_PROFILES = {
    "unknown units": {**PROFILE.data, "units": "stone"},
    "unknown language": {**PROFILE.data, "language": "de"},
    "no units": {k: v for k, v in PROFILE.data.items() if k != "units"},
}


@pytest.mark.parametrize("data", BROKEN_PROFILES.values(), ids=BROKEN_PROFILES.keys())
def test_a_profile_says_which_language_and_units_it_reads_in(data: dict[str, object]) -> None:
    with pytest.raises(InvalidEvent, match=r"^users\.profile\.updated v1: (units|language)"):
        ProfileUpdated.read(PROFILE.model_copy(update={"data": data}))
    for language, units in (("en", "metric"), ("ru", "imperial")):
        fine = {**PROFILE.data, "language": language, "units": units}
        read = ProfileUpdated.read(PROFILE.model_copy(update={"data": fine})).data
        assert (read.language, read.units) == (language, units)
