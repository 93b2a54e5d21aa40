"""``users.weight.logged``: workouts' read-only copy of the users service's weigh-ins, used for
calories when the users service cannot answer (docs/decisions/0010). Nothing else writes it."""

from __future__ import annotations

from typing import Any

from backend_services.kernel.contracts import Received, WeightLogged

from .repository import WorkoutsRepository


def copy_weigh_in(db: Any, event: Received[WeightLogged]) -> None:
    WorkoutsRepository(db).copy_weigh_in(
        event.user_id, event.data.date.isoformat(), event.data.weight_kg, event.occurred_at
    )
