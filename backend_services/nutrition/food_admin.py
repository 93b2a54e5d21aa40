"""The food-database admin's use cases (what was imported, flagged foods, hiding and fixing a
food, users' reports) and a user's "this food is wrong" report. Each admin change publishes
``nutrition.admin_action.recorded`` in the change's transaction, for the audit log (0009)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func
from sqlalchemy.orm import Session

from backend_services.kernel.contracts import NutritionAdminActionRecorded
from backend_services.kernel.db import unit_of_work
from backend_services.kernel.errors import InvalidInput, NotFound
from backend_services.kernel.messaging import add_to_outbox

from . import food_admin_repository as repo
from . import repository as foods_repo
from .admin_schemas import FoodFix
from .domain import CORE, Nutrients, flag_reason, food_quality_flags, impossible_fields
from .models import MESSAGING

RECENT_RUNS = 20


def admin_food(row: Any) -> dict[str, Any]:
    per_100g = foods_repo.food_nutrients(row)
    return {
        "id": row.id,
        "name": row.name,
        "brand": row.brand,
        "source": row.source,
        "source_id": row.source_id,
        "licence": row.licence,
        "private": row.owner_id is not None,
        "hidden": row.hidden,
        "hidden_reason": row.hidden_reason,
        "corrected_at": row.corrected_at,
        "quality_flags": [
            {"flag": flag, "reason": flag_reason(flag, per_100g)}
            for flag in row.quality_flags or []
        ],
        "nutrients_per_100g": per_100g.to_json(),
        "open_reports": row.open_reports,
    }


def _run(row: Any) -> dict[str, Any]:
    return {name: getattr(row, name) for name in row._fields}


def _page(total: int, items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


class FoodAdmin:
    def __init__(self, engine: Engine):
        self.engine = engine

    def imports(self) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            last = repo.last_runs(session)
            sources = [
                {
                    "source": row.source,
                    "licences": sorted(row.licences),
                    "foods": row.foods,
                    "hidden": row.hidden,
                    "flagged": row.flagged,
                    "last_import": _run(last[row.source]) if row.source in last else None,
                }
                for row in repo.sources(session)
            ]
            runs = [_run(row) for row in repo.recent_runs(session, RECENT_RUNS)]
        return {"sources": sources, "recent_runs": runs}

    def flagged(self, flag: str | None, limit: int, offset: int) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            total, rows = repo.flagged_foods(session, flag, limit, offset)
        return _page(total, [admin_food(r) for r in rows], limit, offset)

    def reported(self, limit: int, offset: int) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            total, rows = repo.reported_foods(session, limit, offset)
            reports = repo.open_reports_of(session, [r.id for r in rows])
        items = [
            {
                **admin_food(row),
                "reports": [
                    {
                        "id": r.id,
                        "user_id": r.user_id,
                        "reason": r.reason,
                        "created_at": r.created_at,
                    }
                    for r in reports[row.id]
                ],
            }
            for row in rows
        ]
        return _page(total, items, limit, offset)

    def hide(self, admin_id: str, food_id: int, reason: str | None) -> dict[str, Any]:
        """Hidden: out of search and barcode lookup; ``reason`` None shows it again."""
        with unit_of_work(self.engine) as session:
            self._locked(session, food_id)
            repo.update_food(
                session, food_id, {"hidden": reason is not None, "hidden_reason": reason}
            )
            action = "food.hidden" if reason is not None else "food.shown"
            _record(session, admin_id, action, food_id, {"reason": reason} if reason else {})
            return admin_food(self._locked(session, food_id))

    def fix(self, admin_id: str, food_id: int, fix: FoodFix) -> dict[str, Any]:
        """New values, checked as a user's food is (impossible ones refused); the quality
        flags are computed again from them, and re-imports keep them."""
        changes = fix.model_dump(exclude_unset=True)
        if not changes:
            raise InvalidInput("Give at least one value to change.", fields={"body": "empty"})
        with unit_of_work(self.engine) as session:
            row = self._locked(session, food_id)
            current = foods_repo.food_nutrients(row)
            values = {name: changes.get(name, getattr(current, name)) for name in CORE}
            per_100g = Nutrients(**values, micronutrients=current.micronutrients)
            impossible = impossible_fields(per_100g)
            if impossible:
                raise InvalidInput(
                    "These values cannot be real for 100 g of a food.", fields=impossible
                )
            update = {
                **changes,
                "energy_kj": per_100g.energy_kj,
                "energy_derived": False if "energy_kcal" in changes else row.energy_derived,
                "quality_flags": food_quality_flags(per_100g),
                "corrected_at": func.now(),
            }
            repo.update_food(session, food_id, update)
            _record(
                session,
                admin_id,
                "food.corrected",
                food_id,
                {k: str(v) for k, v in changes.items()},
            )
            return admin_food(self._locked(session, food_id))

    def resolve_reports(self, admin_id: str, food_id: int, resolution: str) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            self._locked(session, food_id)
            resolved = repo.resolve_reports(session, food_id, resolution)
            _record(
                session,
                admin_id,
                "food.reports_resolved",
                food_id,
                {"resolution": resolution, "reports": resolved},
            )
        return {"food_id": food_id, "resolved": resolved}

    def report(self, user_id: str, food_id: int, reason: str) -> dict[str, Any]:
        """A user says a food they can see is wrong (one open report each; a second one
        replaces the reason)."""
        with unit_of_work(self.engine) as session:
            if foods_repo.get_food(session, food_id, user_id) is None:
                raise NotFound("No such food.")
            row = repo.add_report(session, food_id, user_id, reason)
            return {
                name: getattr(row, name)
                for name in ("id", "food_id", "reason", "created_at", "resolved_at", "resolution")
            }

    @staticmethod
    def _locked(session: Session, food_id: int) -> Any:
        row = repo.food(session, food_id, lock=True)
        if row is None:
            raise NotFound("No such food.")
        return row


def _record(
    session: Session,
    admin_id: str,
    action: str,
    food_id: int,
    detail: dict[str, str | int | bool | None],
) -> None:
    recorded = NutritionAdminActionRecorded(
        actor_id=admin_id,
        action=action,
        target_type="food",
        target_id=str(food_id),
        detail=detail,
    )
    add_to_outbox(session, MESSAGING, recorded.event(None))
