"""Each diary day's running totals (table ``nutrition.day_totals``), changed by every write in
its own transaction, so a write answers with the day's totals at the same cost on any day.

Exact decimals, and a count of the items that carry each micronutrient, so the totals are
always what ``Nutrients.total`` makes of the day's items (a micronutrient no item has is
absent, not 0). The row lock orders concurrent writes to one day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from . import repository as repo
from .domain import CORE, Nutrients


def change(
    session: Session,
    user_id: str,
    day: dt.date,
    *,
    added: Iterable[Nutrients] = (),
    removed: Iterable[Nutrients] = (),
) -> Nutrients:
    """Add ``added`` items to the day and take ``removed`` ones away; the totals after."""
    row = repo.locked_day_totals(session, user_id, day)
    sums = {name: Decimal(row.sums.get(name, "0")) for name in CORE}
    micro = {key: Decimal(value) for key, value in row.sums.get("micronutrients", {}).items()}
    counts: dict[str, int] = dict(row.micro_counts)
    for sign, items in ((1, added), (-1, removed)):
        for item in items:
            for name in CORE:
                value = getattr(item, name)
                if value is not None:
                    sums[name] += sign * value
            for key, value in item.micronutrients.items():
                micro[key] = micro.get(key, Decimal(0)) + sign * value
                counts[key] = counts.get(key, 0) + sign
                if counts[key] == 0:
                    del micro[key], counts[key]
    repo.save_day_totals(session, user_id, day, _stored(sums, micro), counts)
    return Nutrients(**sums, micronutrients=micro)


def _stored(sums: dict[str, Decimal], micro: dict[str, Decimal]) -> dict[str, Any]:
    return {
        **{name: str(value) for name, value in sums.items()},
        "micronutrients": {key: str(value) for key, value in sorted(micro.items())},
    }


def of_items(rows: Iterable[Any]) -> list[Nutrients]:
    """The nutrients of stored items (their JSON), as the totals count them."""
    return [Nutrients.from_json(row.nutrients) for row in rows]
