"""Reads and writes of the auth tables. Never commits: the service owns the transaction."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, update
from sqlmodel import Session, col, select

from .models import AuthSession, PasswordResetToken, RefreshToken, User


class AuthRepository:
    def __init__(self, session: Session):
        self.session = session

    # users
    def user_by_email(self, email: str) -> User | None:
        return self.session.exec(select(User).where(User.email == email)).first()

    def user(self, user_id: uuid.UUID, *, for_update: bool = False) -> User | None:
        query = select(User).where(User.id == user_id)
        if for_update:
            query = query.with_for_update()
        return self.session.exec(query).first()

    def add(self, row: object) -> None:
        self.session.add(row)

    def delete_user(self, user: User) -> None:
        self.session.delete(user)

    def search_users(self, query: str, limit: int, offset: int) -> tuple[list[User], int]:
        # The query is literal text: %, _ and \ match themselves, not as LIKE wildcards.
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", query) + "%"
        condition = (
            or_(
                col(User.email).ilike(pattern, escape="\\"),
                col(User.display_name).ilike(pattern, escape="\\"),
            )
            if query
            else True
        )
        total = self.session.exec(select(func.count()).select_from(User).where(condition)).one()
        rows = self.session.exec(
            select(User)
            .where(condition)
            .order_by(col(User.created_at).desc())
            .limit(limit)
            .offset(offset)
        ).all()
        return list(rows), int(total)

    # sessions
    def auth_session(
        self, session_id: uuid.UUID, *, for_update: bool = False
    ) -> AuthSession | None:
        query = select(AuthSession).where(AuthSession.id == session_id)
        if for_update:
            query = query.with_for_update()
        return self.session.exec(query).first()

    def live_sessions(self, user_id: uuid.UUID, now: datetime) -> list[AuthSession]:
        return list(
            self.session.exec(
                select(AuthSession)
                .where(
                    AuthSession.user_id == user_id,
                    col(AuthSession.revoked_at).is_(None),
                    AuthSession.expires_at > now,
                )
                .order_by(col(AuthSession.last_used_at).desc())
            ).all()
        )

    def revoke_sessions(
        self, user_id: uuid.UUID, now: datetime, reason: str, *, keep: uuid.UUID | None = None
    ) -> list[uuid.UUID]:
        """Revoke the user's live sessions (all, or all but ``keep``); returns their ids."""
        conditions: list[Any] = [
            AuthSession.user_id == user_id,
            col(AuthSession.revoked_at).is_(None),
        ]
        if keep is not None:
            conditions.append(AuthSession.id != keep)
        result = self.session.execute(
            update(AuthSession)
            .where(*conditions)
            .values(revoked_at=now, revoked_reason=reason)
            .returning(col(AuthSession.id))
        )
        return [row[0] for row in result]

    # refresh tokens
    def refresh_token(self, token_hash: str, *, for_update: bool = False) -> RefreshToken | None:
        query = select(RefreshToken).where(RefreshToken.token_hash == token_hash)
        if for_update:
            query = query.with_for_update()
        return self.session.exec(query).first()

    # password reset
    def reset_token(
        self, token_hash: str, *, for_update: bool = False
    ) -> PasswordResetToken | None:
        query = select(PasswordResetToken).where(PasswordResetToken.token_hash == token_hash)
        if for_update:
            query = query.with_for_update()
        return self.session.exec(query).first()

    def expire_reset_tokens(self, user_id: uuid.UUID, now: datetime) -> None:
        self.session.execute(
            update(PasswordResetToken)
            .where(
                col(PasswordResetToken.user_id) == user_id,
                col(PasswordResetToken.used_at).is_(None),
            )
            .values(used_at=now)
        )
