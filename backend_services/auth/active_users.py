"""Daily and weekly active users for the business metrics: users whose session was used
(signed in, or its token renewed) within the last day or week, counted in the auth worker."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from sqlalchemy import Engine, distinct, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import col

from backend_services.kernel.business_metrics import ACTIVE_USERS

from .models import AuthSession, utcnow

log = logging.getLogger("fitledger.auth.active_users")
WINDOWS = {"day": timedelta(days=1), "week": timedelta(days=7)}


def count_active_users(engine: Engine) -> dict[str, int]:
    now = utcnow()
    last_used, user_id = col(AuthSession.last_used_at), col(AuthSession.user_id)
    query = select(
        *(
            func.count(distinct(user_id)).filter(last_used > now - window).label(name)
            for name, window in WINDOWS.items()
        )
    )
    with engine.connect() as conn:
        row = conn.execute(query).one()
    return {name: int(row._mapping[name]) for name in WINDOWS}


class ActiveUsersGauge:
    """A worker thread that refreshes ``fitledger_active_users`` every ``interval`` seconds."""

    name = "active-users"

    def __init__(self, engine: Engine, interval: float = 30.0):
        self.engine, self.interval = engine, interval

    def refresh(self) -> None:
        for window, count in count_active_users(self.engine).items():
            ACTIVE_USERS.labels(window).set(count)

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.refresh()
            except SQLAlchemyError:
                log.warning("counting active users failed; retrying", exc_info=True)
            stop.wait(self.interval)
