"""Events between services: envelope, outbox, confirmed relay, idempotent consumers."""

from .consumer import EventConsumer, Subscription
from .envelope import Event
from .outbox import MessagingTables, add_to_outbox
from .relay import OutboxRelay, Retention

__all__ = [
    "Event",
    "EventConsumer",
    "MessagingTables",
    "OutboxRelay",
    "Retention",
    "Subscription",
    "add_to_outbox",
]
