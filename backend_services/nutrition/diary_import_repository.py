"""Queries on the diary imports and the keys of the rows they imported. Never commits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from .models import diary_import_keys, diary_imports


def insert_import(session: Session, values: dict[str, Any]) -> None:
    session.execute(insert(diary_imports).values(**values))


def get_import(
    session: Session, import_id: UUID, user_id: str, *, lock: bool = False
) -> Any | None:
    query = select(diary_imports).where(
        diary_imports.c.id == import_id, diary_imports.c.user_id == user_id
    )
    if lock:
        query = query.with_for_update()
    return session.execute(query).first()


def finish_import(
    session: Session, import_id: UUID, report: dict[str, Any], at: dt.datetime
) -> None:
    session.execute(
        update(diary_imports)
        .where(diary_imports.c.id == import_id)
        .values(status="imported", report=report, imported_at=at)
    )


def imported_keys(session: Session, user_id: str, keys: Iterable[str]) -> set[str]:
    """Which of these row keys this user has imported before."""
    wanted = list(keys)
    if not wanted:
        return set()
    rows = session.execute(
        select(diary_import_keys.c.source_key).where(
            diary_import_keys.c.user_id == user_id, diary_import_keys.c.source_key.in_(wanted)
        )
    )
    return {r.source_key for r in rows}


def claim_keys(session: Session, user_id: str, import_id: UUID, keys: list[str]) -> set[str]:
    """Records the keys; answers those that were new (a concurrent import of the same rows
    claims each key once, so the rows are added once)."""
    if not keys:
        return set()
    rows = session.execute(
        pg_insert(diary_import_keys)
        .values([{"user_id": user_id, "source_key": k, "import_id": import_id} for k in keys])
        .on_conflict_do_nothing()
        .returning(diary_import_keys.c.source_key)
    )
    return {r.source_key for r in rows}


def delete_user_imports(session: Session, user_id: str) -> None:
    session.execute(delete(diary_imports).where(diary_imports.c.user_id == user_id))
    session.execute(delete(diary_import_keys).where(diary_import_keys.c.user_id == user_id))
