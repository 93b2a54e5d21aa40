"""Handler tables keyed by contract class, and the subscriptions derived from them.

A service's ``events.py`` maps each of its queues (names from ``queues.py``) to a table
``{ContractClass: handler}``; the queue's routing keys are the classes' types, and its reader
turns an envelope into ``Received[ContractClass]`` before the handler runs, or raises
``InvalidEvent`` (the consumer then dead-letters it at once)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..messaging.consumer import Subscription
from ..messaging.envelope import Event, InvalidEvent
from .base import EventContract, Received

# (unit of work of the consumer's store, the validated event) -> None
ContractHandler = Callable[[Any, Received[Any]], None]
HandlerTable = Mapping[type[EventContract], ContractHandler]


def subscription(queue: str, table: HandlerTable, **options: Any) -> Subscription:
    by_key = {(contract.TYPE, contract.VERSION): contract for contract in table}
    if len(by_key) != len(table):
        raise ValueError(f"{queue}: two classes for one event type and version")

    def read(event: Event) -> Received[Any]:
        contract = by_key.get((event.type, event.version))
        if contract is None:
            raise InvalidEvent(f"{queue} takes no {event.type} v{event.version}")
        return contract.read(event)

    def handle(unit_of_work: Any, received: Received[Any]) -> None:
        table[type(received.data)](unit_of_work, received)

    return Subscription(
        queue=queue,
        routing_keys=tuple(dict.fromkeys(contract.TYPE for contract in table)),
        handler=handle,
        read=read,
        **options,
    )


def subscriptions(
    tables: Mapping[str, HandlerTable], *, rename: Callable[[str], str] = lambda q: q
) -> tuple[Subscription, ...]:
    """One subscription per queue of ``tables``; ``rename`` gives tests queues of their own."""
    return tuple(subscription(rename(queue), table) for queue, table in tables.items())
