"""What the users integration tests share: patch(), reading the outbox."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend_services.users.schemas import ProfilePatch

Sql = Callable[..., list[tuple[object, ...]]]


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
