"""The event envelope (ARCHITECTURE.md section 3): validation, immutability, JSON round trip."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from uuid import UUID, uuid4

import pytest
from pydantic import ValidationError

from backend_services.kernel.messaging.envelope import Event


def make(**overrides: object) -> Event:
    fields: dict[str, object] = {
        "type": "nutrition.meal.logged",
        "producer": "nutrition",
        "user_id": "u1",
        "data": {"meal_id": 7, "totals": {"kcal": 1830.5}, "tags": ["lunch"]},
    }
    return Event(**{**fields, **overrides})


def test_defaults_fill_id_version_and_utc_timestamp() -> None:
    event = make()
    assert isinstance(event.id, UUID)
    assert event.version == 1
    assert event.occurred_at.tzinfo is not None
    assert event.occurred_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    assert make().id != event.id


@pytest.mark.parametrize(
    "type_",
    [
        "nutrition.meal.logged",
        "auth.password_reset.requested",
        "workouts.personal_record.set",
        "a.b.c.d",
    ],
)
def test_valid_types(type_: str) -> None:
    assert make(type=type_).type == type_


@pytest.mark.parametrize(
    "type_",
    [
        "",
        "nutrition",
        "nutrition.meal",  # needs at least service.entity.verb
        "Nutrition.meal.logged",
        "nutrition.meal.logged.",
        ".nutrition.meal.logged",
        "nutrition..meal.logged",
        "nutrition.meal-x.logged",
        "nutrition.meal.logged2",
        "nutrition meal logged",
        "nutrition.meal.logged\n",
    ],
)
def test_invalid_types_rejected(type_: str) -> None:
    with pytest.raises(ValidationError):
        make(type=type_)


@pytest.mark.parametrize("version", [0, -1])
def test_version_must_be_positive(version: int) -> None:
    with pytest.raises(ValidationError):
        make(version=version)


def test_producer_is_required() -> None:
    with pytest.raises(ValidationError):
        Event(type="nutrition.meal.logged")  # type: ignore[call-arg]


def test_frozen() -> None:
    event = make()
    with pytest.raises(ValidationError):
        event.type = "nutrition.meal.deleted"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        event.id = uuid4()  # type: ignore[misc]


def test_unknown_field_rejected() -> None:
    with pytest.raises(ValidationError):
        make(colour="red")
    body = json.loads(make().to_json())
    body["unexpected"] = 1
    with pytest.raises(ValidationError):
        Event.from_json(json.dumps(body))


def test_json_round_trip_preserves_everything() -> None:
    event = make(
        version=3,
        occurred_at=datetime(2024, 5, 1, 12, 30, 15, 123456, tzinfo=UTC),
        user_id=None,
    )
    body = event.to_json()
    decoded = json.loads(body)
    assert set(decoded) == {"id", "type", "version", "occurred_at", "producer", "user_id", "data"}
    assert decoded["id"] == str(event.id)
    assert decoded["occurred_at"].startswith("2024-05-01T12:30:15.123456")
    for raw in (body, body.encode()):
        again = Event.from_json(raw)
        assert again == event
        assert again.occurred_at == event.occurred_at
        assert again.data == {"meal_id": 7, "totals": {"kcal": 1830.5}, "tags": ["lunch"]}


def test_round_trip_through_outbox_payload() -> None:
    """The relay publishes ``model_dump(mode="json")`` as JSON; consumers parse it back."""
    event = make()
    payload = event.model_dump(mode="json")
    assert Event.from_json(json.dumps(payload, separators=(",", ":"))) == event


@pytest.mark.parametrize(
    "body",
    [b"", b"not json", b"[]", b'{"type": "nutrition.meal.logged"}', b"\xff\xfe"],
)
def test_unparseable_bodies_raise_validation_error(body: bytes) -> None:
    # The consumer dead-letters exactly on ValidationError, so garbage must raise that.
    with pytest.raises(ValidationError):
        Event.from_json(body)
