"""The one envelope every event travels in (ARCHITECTURE.md section 3)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, Field


def _now() -> datetime:
    return datetime.now(UTC)


class Event(BaseModel):
    """Something that happened; immutable, versioned, routed by its ``type``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: UUID = Field(default_factory=uuid4)
    type: str = Field(pattern=r"^[a-z_]+(\.[a-z_]+){2,}$", description="e.g. nutrition.meal.logged")
    version: int = Field(default=1, ge=1)
    occurred_at: datetime = Field(default_factory=_now)
    producer: str
    user_id: str | None = None
    data: dict[str, Any] = Field(default_factory=dict)

    def to_json(self) -> str:
        return self.model_dump_json()

    @classmethod
    def from_json(cls, body: bytes | str) -> Event:
        return cls.model_validate_json(body)


class InvalidEvent(ValueError):
    """An envelope its consumer cannot take (its data breaks its contract, or no handler
    takes its type and version): dead-lettered at once, with this as the reason."""
