"""The stack's event catalogue: every service's subscriptions, and the tables of
``docs/events.md`` rendered from the contract classes and the handler tables, so the page
cannot drift from the code (``tests/unit/test_event_contracts.py`` checks it).

``python -m backend_services.stack.event_catalogue`` rewrites those tables in place.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Mapping
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin
from uuid import UUID

from backend_services.kernel.contracts import CONTRACTS
from backend_services.kernel.contracts.base import Payload
from backend_services.kernel.messaging import Subscription
from backend_services.kernel.messaging.dead_letters import DeadLetterQueue

DOC = Path(__file__).resolve().parents[2] / "docs" / "events.md"
SECTIONS = ("event-types", "queues")


def subscriptions() -> dict[str, tuple[Subscription, ...]]:
    """Every worker's subscriptions, by service (auth's are built with a throwaway mailer and
    unvalidated default settings: only their queues and routing keys are read here)."""
    from backend_services.auth import events as auth
    from backend_services.auth.settings import AuthSettings
    from backend_services.kernel.email import SmtpMailer
    from backend_services.notifications import events as notifications
    from backend_services.nutrition import events as nutrition
    from backend_services.users import events as users
    from backend_services.workouts import events as workouts

    mailer = SmtpMailer("smtp://127.0.0.1:1025", "catalogue@localhost")
    return {
        "auth": auth.subscriptions(mailer, AuthSettings.model_construct()),
        "users": users.SUBSCRIPTIONS,
        "nutrition": nutrition.SUBSCRIPTIONS,
        "workouts": workouts.SUBSCRIPTIONS,
        "notifications": notifications.SUBSCRIPTIONS,
    }


def dead_letter_queues() -> dict[str, DeadLetterQueue]:
    """Every subscription's dead-letter queue, by name: what the messaging admin lists."""
    return {
        sub.dead_letter_queue: DeadLetterQueue(sub.dead_letter_queue, sub.queue, service)
        for service, service_subs in subscriptions().items()
        for sub in service_subs
    }


def consumers(subs: Mapping[str, tuple[Subscription, ...]]) -> dict[str, list[str]]:
    """Event type -> the services whose queues bind it by name ('#' bindings left out)."""
    found: dict[str, list[str]] = {}
    for service, service_subs in subs.items():
        for sub in service_subs:
            for key in sub.routing_keys:
                if key != "#" and service not in found.setdefault(key, []):
                    found[key].append(service)
    return found


def render_event_types(subs: Mapping[str, tuple[Subscription, ...]]) -> str:
    by_type = consumers(subs)
    rows = [
        "| type | v | producer | `user_id` | `data` | consumed by |",
        "|---|---|---|---|---|---|",
    ]
    for contract in CONTRACTS:
        rows.append(
            f"| `{contract.TYPE}` | {contract.VERSION} | {contract.PRODUCER} "
            f"| {'the user' if contract.ABOUT_A_USER else 'null'} | {_fields(contract)} "
            f"| {', '.join(by_type.get(contract.TYPE, [])) or '— (audit log only)'} |"
        )
    return "\n".join(rows)


def render_queues(subs: Mapping[str, tuple[Subscription, ...]]) -> str:
    rows = ["| queue | service | routing keys |", "|---|---|---|"]
    for service, service_subs in subs.items():
        for sub in service_subs:
            keys = ", ".join(f"`{k}`" for k in sub.routing_keys)
            rows.append(f"| `{sub.queue}` | {service} | {keys} |")
    return "\n".join(rows)


def rendered_doc(text: str, subs: Mapping[str, tuple[Subscription, ...]]) -> str:
    """``text`` with each generated section replaced by what the code says now."""
    for name, body in zip(SECTIONS, (render_event_types(subs), render_queues(subs)), strict=True):
        start, end = f"<!-- generated:{name} -->", f"<!-- /generated:{name} -->"
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        text = f"{before}{start}\n{body}\n{end}{after}"
    return text


def _fields(model: type[Payload]) -> str:
    if not model.model_fields:
        return "`{}`"
    return ", ".join(
        f"`{name}` ({_kind(field.annotation)})" for name, field in model.model_fields.items()
    )


def _kind(annotation: Any) -> str:
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        kinds = [_kind(a) for a in args if a is not type(None)]
        return " or ".join(kinds) + (" or null" if type(None) in args else "")
    if origin is Literal:
        return " / ".join(f"`{a}`" for a in args)
    if origin is dict:
        return f"{_kind(args[0])} → {_kind(args[1])}"
    if origin in (list, tuple):
        return f"list of {_kind(args[0])}"
    if origin is not None and hasattr(annotation, "__metadata__"):
        return _kind(args[0])
    if inspect.isclass(annotation) and issubclass(annotation, Payload):
        return f"{{{_fields(annotation)}}}"
    if inspect.isclass(annotation) and issubclass(annotation, Enum):
        return annotation.__name__
    names = {
        float: "number",
        int: "integer",
        str: "string",
        bool: "boolean",
        date: "ISO date",
        datetime: "ISO date-time",
        time: "`HH:MM`",
        UUID: "UUID",
    }
    return names.get(annotation, getattr(annotation, "__name__", str(annotation)))


def main() -> None:
    DOC.write_text(rendered_doc(DOC.read_text(), subscriptions()))


if __name__ == "__main__":
    main()
