"""Messaging admin routes (administrators only): dead-letter queues, their messages, replay
and discard."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from backend_services.kernel.errors import error_responses
from backend_services.kernel.identity import AdminUser

from .dead_letter_admin import DeadLetterAdmin
from .schemas import DeadLetterOut, DeadLetterQueuesOut, DeadLettersOut, ReplayIn


def dead_letter_admin(request: Request) -> DeadLetterAdmin:
    admin: DeadLetterAdmin = request.app.state.dead_letter_admin
    return admin


Admin = Annotated[DeadLetterAdmin, Depends(dead_letter_admin)]
QueueName = Annotated[
    str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}\.dlq$")
]  # no leading dot: nginx refuses "/..x" segments
MessageId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,200}$")]
router = APIRouter(
    prefix="/api/notifications/admin",
    tags=["notifications admin"],
    responses=error_responses(401, 404),
)


def _page(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"items": items, "count": len(items)}


@router.get("/dead-letter-queues", response_model=DeadLetterQueuesOut)
def list_dead_letter_queues(_: AdminUser, admin: Admin) -> dict[str, Any]:
    """Every subscription's dead-letter queue (derived from the workers' subscriptions), with
    the messages in it."""
    return _page(admin.queue_depths())


@router.get("/dead-letters", response_model=DeadLettersOut)
def list_dead_letters(
    _: AdminUser,
    admin: Admin,
    queue: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_.-]{1,200}\.dlq$")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="At most this many per queue.")] = 100,
) -> dict[str, Any]:
    """The dead letters (oldest first), with why they failed and the event; nothing consumed."""
    return _page(admin.messages(queue, limit))


@router.post("/dead-letters/{queue}/replay", response_model=DeadLetterOut)
def replay_dead_letter(
    queue: QueueName, principal: AdminUser, admin: Admin, body: ReplayIn | None = None
) -> dict[str, Any]:
    """Send one message back to its consumer queue (consumers skip an event they applied)."""
    return admin.replay(principal.user_id, queue, body.message_id if body else None)


@router.post("/dead-letters/{queue}/replay-all", response_model=DeadLettersOut)
def replay_all_dead_letters(queue: QueueName, principal: AdminUser, admin: Admin) -> dict[str, Any]:
    """Send every message in the queue back to its consumer queue."""
    return _page(admin.replay_all(principal.user_id, queue))


@router.delete("/dead-letters/{queue}/messages/{message_id}", response_model=DeadLetterOut)
def discard_dead_letter(
    queue: QueueName, message_id: MessageId, principal: AdminUser, admin: Admin
) -> dict[str, Any]:
    """Drop one message for good."""
    return admin.discard(principal.user_id, queue, message_id)


@router.delete("/dead-letters/{queue}/messages", response_model=DeadLettersOut)
def discard_all_dead_letters(
    queue: QueueName, principal: AdminUser, admin: Admin
) -> dict[str, Any]:
    """Drop every message in the queue for good."""
    return _page(admin.discard_all(principal.user_id, queue))
