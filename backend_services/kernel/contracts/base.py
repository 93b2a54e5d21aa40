"""What every event contract shares: frozen payload classes, the envelope they travel in, and
reading a received envelope back into its class (or refusing it, with the reason)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Annotated, ClassVar, Generic, Self, TypeVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, ValidationError

from ..messaging.envelope import Event, InvalidEvent

# Numbers travel as JSON numbers; strict: a string or a boolean is not a number here.
Amount = Annotated[float, Field(strict=True, ge=0, allow_inf_nan=False)]
Count = Annotated[int, Field(strict=True, ge=0)]
Email = Annotated[str, Field(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")]
Text = Annotated[str, Field(min_length=1, max_length=200)]
DisplayName = Annotated[str, Field(max_length=200)]  # may be empty
Identifier = Annotated[str, Field(min_length=1, max_length=100)]
ClockTime = Annotated[time, PlainSerializer(lambda t: t.isoformat(timespec="minutes"))]


class Payload(BaseModel):
    """A part of an event's data: immutable, unknown fields refused."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class EventContract(Payload):
    """One event type at one version: the fields of its ``data`` with their units.

    Producers construct it and publish ``contract.event(user_id)``; consumers get it back
    through ``read`` already validated."""

    TYPE: ClassVar[str]
    VERSION: ClassVar[int] = 1
    PRODUCER: ClassVar[str]
    # False for the few events about an address rather than an account (user_id null).
    ABOUT_A_USER: ClassVar[bool] = True

    def event(self, user_id: str | UUID | None) -> Event:
        if (user_id is not None) != self.ABOUT_A_USER:
            raise ValueError(f"{self.TYPE}: user_id {'required' if self.ABOUT_A_USER else 'null'}")
        return Event(
            type=self.TYPE,
            version=self.VERSION,
            producer=self.PRODUCER,
            user_id=None if user_id is None else str(user_id),
            data=self.model_dump(mode="json"),
        )

    @classmethod
    def read(cls, event: Event) -> Received[Self]:
        """The envelope's data as this contract; ``InvalidEvent`` says what breaks it."""
        where = f"{event.type} v{event.version}"
        if (event.type, event.version) != (cls.TYPE, cls.VERSION):
            raise InvalidEvent(f"{where} is not {cls.TYPE} v{cls.VERSION}")
        if event.producer != cls.PRODUCER:
            raise InvalidEvent(f"{where}: produced by {event.producer!r}, not {cls.PRODUCER!r}")
        if cls.ABOUT_A_USER and not event.user_id:
            raise InvalidEvent(f"{where}: user_id missing")
        try:
            data = cls.model_validate(event.data)
        except ValidationError as exc:
            raise InvalidEvent(f"{where}: {_reasons(exc)}") from exc
        return Received(event, data)


C = TypeVar("C", bound=EventContract)


@dataclass(frozen=True)
class Received(Generic[C]):
    """A validated event as a handler gets it: the envelope and its typed data."""

    envelope: Event
    data: C

    @property
    def user_id(self) -> str:
        if not self.envelope.user_id:  # read() refused these for contracts about a user
            raise InvalidEvent(f"{self.envelope.type}: not about a user")
        return self.envelope.user_id

    @property
    def occurred_at(self) -> datetime:
        return self.envelope.occurred_at


def _reasons(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in error['loc']) or 'data'}: {error['msg']}"
        for error in exc.errors()[:5]
    )


__all__ = [
    "Amount",
    "ClockTime",
    "Count",
    "DisplayName",
    "Email",
    "EventContract",
    "Identifier",
    "InvalidEvent",
    "Payload",
    "Received",
    "Text",
]
