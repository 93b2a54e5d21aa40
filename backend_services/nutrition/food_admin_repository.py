"""Queries of the food-database admin and of users' food reports. Never commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from .models import food_reports, foods, import_runs

FLAGGED = func.cardinality(foods.c.quality_flags) > 0
OPEN = food_reports.c.resolved_at.is_(None)


def sources(session: Session) -> list[Any]:
    return list(
        session.execute(
            select(
                foods.c.source,
                func.array_agg(func.distinct(foods.c.licence)).label("licences"),
                func.count().label("foods"),
                func.count().filter(foods.c.hidden).label("hidden"),
                func.count().filter(FLAGGED).label("flagged"),
            )
            .group_by(foods.c.source)
            .order_by(foods.c.source)
        ).all()
    )


def last_runs(session: Session) -> dict[str, Any]:
    rows = session.execute(
        text(
            "SELECT DISTINCT ON (source) * FROM nutrition.import_runs"
            " ORDER BY source, finished_at DESC, id DESC"
        )
    ).all()
    return {row.source: row for row in rows}


def recent_runs(session: Session, limit: int) -> list[Any]:
    query = select(import_runs).order_by(import_runs.c.finished_at.desc(), import_runs.c.id.desc())
    return list(session.execute(query.limit(limit)).all())


def _open_reports() -> Any:
    return (
        select(func.count())
        .where(food_reports.c.food_id == foods.c.id, OPEN)
        .scalar_subquery()
        .label("open_reports")
    )


def flagged_foods(
    session: Session, flag: str | None, limit: int, offset: int
) -> tuple[int, list[Any]]:
    where = [FLAGGED]
    if flag is not None:
        where.append(foods.c.quality_flags.contains([flag]))
    total = session.execute(select(func.count()).select_from(foods).where(*where)).scalar_one()
    rows = session.execute(
        select(foods, _open_reports())
        .where(*where)
        .order_by(foods.c.id)
        .limit(limit)
        .offset(offset)
    ).all()
    return int(total), list(rows)


def food(session: Session, food_id: int, *, lock: bool = False) -> Any | None:
    query = select(foods, _open_reports()).where(foods.c.id == food_id)
    if lock:
        query = query.with_for_update(of=foods)
    return session.execute(query).first()


def update_food(session: Session, food_id: int, values: dict[str, Any]) -> None:
    session.execute(update(foods).where(foods.c.id == food_id).values(**values))


def add_report(session: Session, food_id: int, user_id: str, reason: str) -> Any:
    """The user's open report of the food: made, or its reason replaced (one per user)."""
    statement = (
        pg_insert(food_reports)
        .values(food_id=food_id, user_id=user_id, reason=reason, created_at=func.now())
        .on_conflict_do_update(
            index_elements=["food_id", "user_id"],
            index_where=OPEN,
            set_={"reason": reason, "created_at": func.now()},
        )
        .returning(*food_reports.c)
    )
    return session.execute(statement).one()


def reported_foods(session: Session, limit: int, offset: int) -> tuple[int, list[Any]]:
    reported = select(food_reports.c.food_id).where(OPEN).distinct().subquery()
    total = session.execute(select(func.count()).select_from(reported)).scalar_one()
    latest = func.max(food_reports.c.created_at)
    order = (
        select(food_reports.c.food_id)
        .where(OPEN)
        .group_by(food_reports.c.food_id)
        .order_by(func.count().desc(), latest.desc(), food_reports.c.food_id)
        .limit(limit)
        .offset(offset)
    )
    ids = list(session.execute(order).scalars())
    rows = session.execute(select(foods, _open_reports()).where(foods.c.id.in_(ids))).all()
    by_id = {row.id: row for row in rows}
    return int(total), [by_id[i] for i in ids]


def open_reports_of(session: Session, food_ids: list[int]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = {i: [] for i in food_ids}
    rows = session.execute(
        select(food_reports)
        .where(food_reports.c.food_id.in_(food_ids), OPEN)
        .order_by(food_reports.c.created_at)
    ).all()
    for row in rows:
        out[row.food_id].append(row)
    return out


def resolve_reports(session: Session, food_id: int, resolution: str) -> int:
    result = session.execute(
        update(food_reports)
        .where(food_reports.c.food_id == food_id, OPEN)
        .values(resolved_at=func.now(), resolution=resolution)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
