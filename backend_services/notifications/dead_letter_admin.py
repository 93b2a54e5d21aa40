"""The messaging admin's use cases: every subscription's dead-letter queue with its depth,
its messages, replaying and discarding them; each action is published for the audit log
(``notifications.admin_action.recorded`` through the outbox, decision 0009)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine

from backend_services.kernel.contracts import NotificationsAdminActionRecorded
from backend_services.kernel.db import unit_of_work
from backend_services.kernel.errors import NotFound
from backend_services.kernel.messaging import add_to_outbox
from backend_services.kernel.messaging import dead_letters as broker
from backend_services.kernel.messaging.dead_letters import DeadLetterQueue

from .models import MESSAGING


class DeadLetterAdmin:
    def __init__(self, engine: Engine, amqp_url: str, queues: Mapping[str, DeadLetterQueue]):
        self.engine, self.amqp_url, self.queues = engine, amqp_url, queues

    def queue_depths(self) -> list[dict[str, Any]]:
        depths = broker.dead_letter_depths(self.amqp_url, self.queues)
        return [
            {
                "queue": name,
                "consumer_queue": dlq.queue,
                "service": dlq.service,
                "declared": depths[name] is not None,
                "depth": depths[name] or 0,
            }
            for name, dlq in sorted(self.queues.items())
        ]

    def messages(self, queue: str | None, limit: int) -> list[dict[str, Any]]:
        names = self.queues if queue is None else [self._known(queue)]
        return broker.list_dead_letters(self.amqp_url, names, limit_per_queue=limit)

    def replay(self, admin_id: str, queue: str, message_id: str | None) -> dict[str, Any]:
        replayed = broker.replay_dead_letter(self.amqp_url, self._known(queue), message_id)
        self._record(admin_id, "dead_letter.replayed", queue, [replayed])
        return replayed

    def replay_all(self, admin_id: str, queue: str) -> list[dict[str, Any]]:
        replayed = broker.replay_all_dead_letters(self.amqp_url, self._known(queue))
        self._record(admin_id, "dead_letter_queue.replayed", queue, replayed)
        return replayed

    def discard(self, admin_id: str, queue: str, message_id: str) -> dict[str, Any]:
        discarded = broker.discard_dead_letter(self.amqp_url, self._known(queue), message_id)
        self._record(admin_id, "dead_letter.discarded", queue, [discarded])
        return discarded

    def discard_all(self, admin_id: str, queue: str) -> list[dict[str, Any]]:
        discarded = broker.discard_all_dead_letters(self.amqp_url, self._known(queue))
        self._record(admin_id, "dead_letter_queue.discarded", queue, discarded)
        return discarded

    def _known(self, queue: str) -> str:
        if queue not in self.queues:
            raise NotFound("No such dead-letter queue.")
        return queue

    def _record(
        self, admin_id: str, action: str, queue: str, messages: list[dict[str, Any]]
    ) -> None:
        # After the broker acted (the two cannot share a transaction): a failure here leaves
        # the action done and unrecorded, and answers 503, so the admin sees it.
        one = len(messages) == 1 and action.startswith("dead_letter.")
        detail: dict[str, str | int | bool | None] = {"messages": len(messages)}
        if one:
            detail["event_type"] = _short(messages[0]["type"])
        recorded = NotificationsAdminActionRecorded(
            actor_id=admin_id,
            action=action,
            target_type="dead_letter" if one else "dead_letter_queue",
            target_id=_short(messages[0]["message_id"]) if one else queue[:100],
            detail={**detail, "queue": queue[:200]},
        )
        with unit_of_work(self.engine) as session:
            add_to_outbox(session, MESSAGING, recorded.event(None))


def _short(value: Any) -> str:
    return str(value or "unknown")[:100]
