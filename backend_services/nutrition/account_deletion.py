"""``auth.user.deleted``: erase everything the nutrition service holds about that user.

Every step is a delete, so running it twice (a redelivery) changes nothing the second time.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from backend_services.kernel.contracts import Received, UserDeleted

from . import repository as repo


def on_user_deleted(session: Session, event: Received[UserDeleted]) -> None:
    repo.delete_user_data(session, event.user_id)
