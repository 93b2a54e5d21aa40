"""What the users integration tests share: the reference man's profile, reading the outbox."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend_services.users.schemas import ProfilePatch

Sql = Callable[..., list[tuple[object, ...]]]
# The reference man (BMR 1780, sedentary): the formulas' target is 2136 kcal.
REFERENCE_MAN = {
    "sex": "male",
    "birth_date": "1995-01-01",
    "height_cm": 180,
    "weight_kg": 80,
    "activity_level": "sedentary",
    "goal": "maintain",
}


def patch(**fields: Any) -> ProfilePatch:
    return ProfilePatch.model_validate(fields)


def outbox(sql: Sql, user_id: str, type_: str) -> list[dict[str, Any]]:
    """The payloads of the user's events of ``type_`` in the outbox, oldest first."""
    rows = sql(
        "SELECT payload FROM users.outbox WHERE type = :t AND payload->>'user_id' = :u ORDER BY id",
        t=type_,
        u=user_id,
    )
    return [row[0] for row in rows]  # type: ignore[misc]
