"""Scheduled reminders and announcement fan-out.

Reminders: one scheduler is active at a time. Every instance tries a PostgreSQL session
advisory lock on a connection it keeps; the holder runs the reminder sweep, the others wait
and take over when its connection dies (the lock goes with it). The ``reminder_sends`` ledger
(primary key user, kind, local day, slot) also makes a duplicate impossible should two ever
overlap. Meal reminders fire at the user's chosen local times; workout reminders on the
weekdays the user chose (the workouts service publishes no program schedule yet).

Announcements: each pending announcement is fanned out in batches of recipients ordered by
user id; a batch's notifications, delivery tasks and the advanced cursor commit together,
and the row is claimed with ``FOR UPDATE SKIP LOCKED``, so any number of workers may help.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, func, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from backend_services.kernel.db import unit_of_work
from backend_services.kernel.messaging.broker import TRANSIENT_ERRORS

from . import domain
from . import repository as repo
from .models import announcements, recipients, reminder_sends
from .settings import NotificationsSettings
from .wording import reader_of

log = logging.getLogger("fitledger.notifications.scheduler")
SCHEDULER_LOCK_KEY = 0x4E4F5449  # "NOTI": one advisory-lock id for the reminder scheduler


def _times(values: Any) -> list[time]:
    found = []
    for value in values or []:
        try:
            found.append(time.fromisoformat(str(value)))
        except ValueError:
            continue
    return found


class ReminderScheduler:
    """Sends due reminders while it holds the scheduler lock."""

    name = "notifications-scheduler"

    def __init__(
        self, engine: Engine, settings: NotificationsSettings, lock_key: int = SCHEDULER_LOCK_KEY
    ):
        self.engine, self.settings, self.lock_key = engine, settings, lock_key
        self._lock_conn: Connection | None = None

    @property
    def is_leader(self) -> bool:
        return self._lock_conn is not None

    def try_lead(self) -> bool:
        """Take the scheduler lock if free (kept until ``release`` or the connection dies)."""
        if self._lock_conn is not None:
            try:
                self._lock_conn.execute(text("SELECT 1"))
                return True
            except Exception:
                self.release()
        conn = self.engine.connect()
        got = conn.execute(select(func.pg_try_advisory_lock(self.lock_key))).scalar_one()
        conn.commit()
        if got:
            self._lock_conn = conn
            log.info("scheduler lock taken")
            return True
        conn.close()
        return False

    def release(self) -> None:
        conn, self._lock_conn = self._lock_conn, None
        if conn is not None:
            try:
                conn.execute(select(func.pg_advisory_unlock(self.lock_key)))
                conn.commit()
            except Exception:
                conn.invalidate()  # the server ends the session, and the lock with it
            finally:
                conn.close()

    def tick(self, now: datetime | None = None) -> int | None:
        """One sweep if leader: returns the reminders sent, or None when another leads."""
        if not self.try_lead():
            return None
        return self.send_due(now or datetime.now().astimezone())

    def send_due(self, now: datetime) -> int:
        grace = timedelta(minutes=self.settings.reminder_grace_minutes)
        sent = 0
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(
                    recipients.c.user_id,
                    recipients.c.timezone,
                    recipients.c.language,
                    recipients.c.units,
                    recipients.c.meal_reminder_times,
                    recipients.c.workout_reminder_days,
                    recipients.c.workout_reminder_time,
                ).where(
                    (func.jsonb_array_length(recipients.c.meal_reminder_times) > 0)
                    | recipients.c.workout_reminder_time.is_not(None)
                )
            ).all()
        for row in rows:
            due = domain.due_reminders(
                now,
                row.timezone,
                _times(row.meal_reminder_times),
                [int(d) for d in row.workout_reminder_days or []],
                row.workout_reminder_time,
                grace,
            )
            for reminder in due:
                with unit_of_work(self.engine) as session:
                    claimed = session.execute(
                        pg_insert(reminder_sends)
                        .values(
                            user_id=row.user_id,
                            kind=reminder.kind,
                            local_date=reminder.local_date,
                            slot=reminder.slot,
                        )
                        .on_conflict_do_nothing()
                        .returning(reminder_sends.c.user_id)
                    ).first()
                    if claimed is None:
                        continue
                    repo.notify(
                        session,
                        row.user_id,
                        domain.reminder_message(reminder.kind, reader_of(row)),
                        {
                            "kind": reminder.kind,
                            "date": reminder.local_date.isoformat(),
                            "slot": reminder.slot,
                        },
                        dedupe_key=f"reminder:{reminder.kind}:{reminder.local_date}:{reminder.slot}",
                    )
                    sent += 1
        return sent

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.tick()
            except TRANSIENT_ERRORS as exc:
                log.warning("scheduler error", extra={"error": repr(exc)})
                self.release()
            stop.wait(self.settings.scheduler_interval_seconds)
        self.release()


class AnnouncementFanout:
    """Turns pending announcements into notifications for opted-in users, batch by batch."""

    name = "notifications-announcements"

    def __init__(self, engine: Engine, settings: NotificationsSettings):
        self.engine, self.settings = engine, settings

    def fan_out_batch(self) -> bool:
        """One batch of one pending announcement; False when nothing is pending."""
        with unit_of_work(self.engine) as session:
            item = session.execute(
                select(announcements)
                .where(announcements.c.status == "pending")
                .order_by(announcements.c.created_at)
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if item is None:
                return False
            query = select(recipients.c.user_id, recipients.c.preferences).order_by(
                recipients.c.user_id
            )
            if item.cursor:
                query = query.where(recipients.c.user_id > item.cursor)
            batch = session.execute(query.limit(self.settings.announcement_batch_size)).all()
            message = domain.Message(domain.NotificationType.ANNOUNCEMENT, item.title, item.body)
            count = 0
            for user in batch:
                # For the user when one of the chosen channels is on for announcements.
                if not domain.reaches_for_announcement(user.preferences, item.channels):
                    continue
                created = repo.notify(
                    session,
                    user.user_id,
                    message,
                    {"announcement_id": str(item.id), "url": item.url},
                    dedupe_key=f"announcement:{item.id}",
                    only_channels=item.channels,
                )
                count += created is not None
            done = len(batch) < self.settings.announcement_batch_size
            session.execute(
                update(announcements)
                .where(announcements.c.id == item.id)
                .values(
                    cursor=batch[-1].user_id if batch else item.cursor,
                    recipients=announcements.c.recipients + count,
                    status="done" if done else "pending",
                    finished_at=func.now() if done else None,
                )
            )
        return True

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                busy = self.fan_out_batch()
            except TRANSIENT_ERRORS as exc:
                log.warning("announcement fan-out error", extra={"error": repr(exc)})
                busy = False
            if not busy:
                stop.wait(1.0)
