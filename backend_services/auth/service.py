"""Auth use cases: accounts, sign-in, token rotation, sessions, password reset, admin.

Every change and its event commit together (outbox). The Redis session index, which the
gateway's check reads, is updated right after the commit: adding only after the session row
exists, revoking as soon as the revocation is stored.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from backend_services.kernel.business_metrics import REGISTRATIONS, on_commit
from backend_services.kernel.contracts import EventContract
from backend_services.kernel.contracts import admin as published_admin
from backend_services.kernel.contracts import auth as published
from backend_services.kernel.db import unit_of_work
from backend_services.kernel.errors import Conflict, InvalidInput, NotFound, Unauthorized
from backend_services.kernel.messaging import add_to_outbox
from backend_services.kernel.tokens import Principal

from . import domain
from .keys import SigningKey
from .models import (
    MESSAGING,
    AuthSession,
    PasswordResetToken,
    RefreshToken,
    User,
    UserPage,
    UserPublic,
    utcnow,
)
from .repository import AuthRepository
from .sessions import SessionIndex
from .settings import AuthSettings
from .throttle import LoginThrottle

WRONG_CREDENTIALS = "Wrong e-mail or password."


@dataclass(frozen=True)
class ClientContext:
    ip: str
    user_agent: str


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    expires_in: int
    refresh_token: str
    session_id: uuid.UUID


class AuthService:
    def __init__(
        self,
        engine: Engine,
        settings: AuthSettings,
        sessions: SessionIndex,
        throttle: LoginThrottle,
        signing_key: SigningKey,
    ):
        self.engine, self.settings = engine, settings
        self.sessions, self.throttle, self.key = sessions, throttle, signing_key

    # --- accounts -----------------------------------------------------------------------
    def register(self, email: str, password: str, display_name: str) -> None:
        """Create the account, or (same answer) mail the owner of an existing one."""
        email = domain.normalize_email(email)
        _check_policy(password, email, field="password")
        password_hash = domain.hash_password(password, self.settings.bcrypt_rounds)
        try:
            with unit_of_work(self.engine) as session:
                repo = AuthRepository(session)
                if repo.user_by_email(email) is not None:
                    _publish(session, published.RegistrationDuplicateAttempted(email=email), None)
                    return
                user = User(email=email, display_name=display_name, password_hash=password_hash)
                repo.add(user)
                session.flush()
                on_commit(session, REGISTRATIONS.inc)
                _publish(
                    session,
                    published.UserRegistered(email=email, display_name=display_name),
                    user.id,
                )
        except IntegrityError:
            return  # a concurrent registration of the same address won; same answer

    # --- sign-in and tokens ------------------------------------------------------------
    def login(self, email: str, password: str, client: ClientContext) -> IssuedTokens:
        email = domain.normalize_email(email)
        self.throttle.check(email, client.ip)
        now = utcnow()
        with unit_of_work(self.engine) as session:
            repo = AuthRepository(session)
            user = repo.user_by_email(email)
            valid = domain.verify_password(password, user.password_hash if user else None)
            if user is None or not valid or user.disabled:
                failed = True
            else:
                failed = False
                if domain.needs_rehash(user.password_hash, self.settings.bcrypt_rounds):
                    user.password_hash = domain.hash_password(password, self.settings.bcrypt_rounds)
                auth_session = AuthSession(
                    user_id=user.id,
                    expires_at=now + self._refresh_ttl,
                    user_agent=client.user_agent[:300],
                    ip=client.ip[:64],
                )
                repo.add(auth_session)
                session.flush()
                raw, hashed = domain.new_opaque_token()
                repo.add(RefreshToken(token_hash=hashed, session_id=auth_session.id))
                user_id, role, session_id = user.id, user.role, auth_session.id
        if failed:
            self.throttle.record_failure(email, client.ip)
            raise Unauthorized(WRONG_CREDENTIALS, code="invalid_credentials")
        self.throttle.record_success(email, client.ip)
        self.sessions.add(str(session_id), str(user_id), int(self._refresh_ttl.total_seconds()))
        return self._issue(user_id, role, session_id, raw)

    def refresh(self, raw_refresh_token: str) -> IssuedTokens:
        """Rotate: the presented token is spent; presenting a spent one ends its family."""
        now = utcnow()
        reused = False
        with unit_of_work(self.engine) as session:
            repo = AuthRepository(session)
            token = repo.refresh_token(domain.token_hash(raw_refresh_token), for_update=True)
            auth_session = repo.auth_session(token.session_id, for_update=True) if token else None
            user = repo.user(auth_session.user_id) if auth_session else None
            if token is None or auth_session is None or user is None:
                raise Unauthorized("Sign in again.", code="invalid_refresh_token")
            if auth_session.revoked_at is not None or auth_session.expires_at <= now:
                raise Unauthorized("Sign in again.", code="invalid_refresh_token")
            if token.used_at is not None or user.disabled:
                reused = True
                auth_session.revoked_at = now
                auth_session.revoked_reason = "refresh_reuse" if token.used_at else "disabled"
            else:
                token.used_at = now
                auth_session.last_used_at = now
                raw, hashed = domain.new_opaque_token()
                repo.add(RefreshToken(token_hash=hashed, session_id=auth_session.id))
                user_id, role, session_id = user.id, user.role, auth_session.id
        if reused:
            self.sessions.revoke(str(auth_session.id))
            raise Unauthorized("Sign in again.", code="invalid_refresh_token")
        return self._issue(user_id, role, session_id, raw)

    def _issue(
        self, user_id: uuid.UUID, role: str, session_id: uuid.UUID, refresh_token: str
    ) -> IssuedTokens:
        from .tokens import issue_access_token

        ttl = self.settings.access_token_ttl_seconds
        access = issue_access_token(
            self.key,
            user_id=str(user_id),
            role=role,
            session_id=str(session_id),
            issuer=self.settings.jwt_issuer,
            audience=self.settings.jwt_audience,
            ttl_seconds=ttl,
        )
        return IssuedTokens(access, ttl, refresh_token, session_id)

    @property
    def _refresh_ttl(self) -> timedelta:
        return timedelta(days=self.settings.refresh_token_ttl_days)

    # --- sessions ----------------------------------------------------------------------
    def logout(self, principal: Principal) -> None:
        self._revoke_where(principal, only=uuid.UUID(principal.session_id), reason="logout")

    def logout_all(self, principal: Principal) -> None:
        self._revoke_where(principal, only=None, reason="logout_all")

    def end_session(self, principal: Principal, session_id: uuid.UUID) -> None:
        with unit_of_work(self.engine) as session:
            target = AuthRepository(session).auth_session(session_id, for_update=True)
            if target is None or str(target.user_id) != principal.user_id:
                raise NotFound("No such session.")
            if target.revoked_at is None:
                target.revoked_at, target.revoked_reason = utcnow(), "ended_by_user"
        self.sessions.revoke(str(session_id))

    def _revoke_where(self, principal: Principal, *, only: uuid.UUID | None, reason: str) -> None:
        user_id = uuid.UUID(principal.user_id)
        with unit_of_work(self.engine) as session:
            repo = AuthRepository(session)
            if only is None:
                ids = repo.revoke_sessions(user_id, utcnow(), reason)
            else:
                target = repo.auth_session(only, for_update=True)
                ids = []
                if target is not None and target.user_id == user_id and target.revoked_at is None:
                    target.revoked_at, target.revoked_reason = utcnow(), reason
                    ids = [only]
        ended = {str(i) for i in ids}
        if only is not None:
            ended.add(principal.session_id)  # whatever the database said, this one is over
        self.sessions.revoke(*ended)

    def list_sessions(self, principal: Principal) -> list[tuple[AuthSession, bool]]:
        with unit_of_work(self.engine) as session:
            rows = AuthRepository(session).live_sessions(uuid.UUID(principal.user_id), utcnow())
        return [(row, str(row.id) == principal.session_id) for row in rows]

    # --- passwords ---------------------------------------------------------------------
    def forgot_password(self, email: str) -> None:
        """Always the same answer and the same work: one outbox row, whatever the address.

        Looking the address up here would take longer for a known one (a token row, a mail
        event) and tell an attacker which addresses have accounts; the auth worker does it
        (``issue_password_reset``)."""
        with unit_of_work(self.engine) as session:
            email = domain.normalize_email(email)
            _publish(session, published.PasswordResetAsked(email=email), None)

    def reset_password(self, raw_token: str, new_password: str) -> None:
        now = utcnow()
        with unit_of_work(self.engine) as session:
            repo = AuthRepository(session)
            token = repo.reset_token(domain.token_hash(raw_token), for_update=True)
            if token is None or token.used_at is not None or token.expires_at <= now:
                raise _invalid_reset_link()
            user = repo.user(token.user_id, for_update=True)
            if user is None:  # not while the foreign key cascades a deleted account's tokens
                raise _invalid_reset_link()
            _check_policy(new_password, user.email, field="new_password")
            user.password_hash = domain.hash_password(new_password, self.settings.bcrypt_rounds)
            user.password_changed_at = now
            token.used_at = now
            repo.expire_reset_tokens(user.id, now)
            revoked = repo.revoke_sessions(user.id, now, "password_reset")
            _publish(session, published.PasswordChanged(via="reset"), user.id)
        self.sessions.revoke(*(str(i) for i in revoked))

    def change_password(self, principal: Principal, current: str, new: str) -> None:
        now = utcnow()
        with unit_of_work(self.engine) as session:
            repo = AuthRepository(session)
            user = _owner_by_password(repo, principal, current, "current_password")
            _check_policy(new, user.email, field="new_password")
            user.password_hash = domain.hash_password(new, self.settings.bcrypt_rounds)
            user.password_changed_at = now
            revoked = repo.revoke_sessions(
                user.id, now, "password_change", keep=uuid.UUID(principal.session_id)
            )
            _publish(session, published.PasswordChanged(via="change"), user.id)
        self.sessions.revoke(*(str(i) for i in revoked))

    def delete_account(self, principal: Principal, password: str) -> None:
        marked = False
        try:
            with unit_of_work(self.engine) as session:
                repo = AuthRepository(session)
                user = _owner_by_password(repo, principal, password, "password")
                # Marked before the commit, so before any service can see auth.user.deleted
                # (kernel/account_erasure.py); taken back if the deletion does not commit.
                self.sessions.mark_deleted(principal.user_id)
                marked = True
                revoked = repo.revoke_sessions(user.id, utcnow(), "account_deleted")
                repo.delete_user(user)
                _publish(session, published.UserDeleted(), user.id)
        except BaseException:
            if marked:
                self.sessions.unmark_deleted(principal.user_id)
            raise
        self.sessions.revoke(*(str(i) for i in revoked), principal.session_id)

    def account(self, principal: Principal) -> UserPublic:
        with unit_of_work(self.engine) as session:
            user = AuthRepository(session).user(uuid.UUID(principal.user_id))
            if user is None:
                raise NotFound("No such account.")
            return UserPublic.model_validate(user, from_attributes=True)

    # --- admin -------------------------------------------------------------------------
    def list_users(self, query: str, limit: int, offset: int) -> UserPage:
        with unit_of_work(self.engine) as session:
            rows, total = AuthRepository(session).search_users(query, limit, offset)
        return UserPage(
            items=[UserPublic.model_validate(r, from_attributes=True) for r in rows], total=total
        )

    def user_detail(self, user_id: uuid.UUID) -> tuple[UserPublic, list[AuthSession]]:
        """An account as an administrator sees it: the account and its live sessions."""
        with unit_of_work(self.engine) as session:
            repo = AuthRepository(session)
            user = repo.user(user_id)
            if user is None:
                raise NotFound("No such user.")
            rows = repo.live_sessions(user_id, utcnow())
            return UserPublic.model_validate(user, from_attributes=True), rows

    def set_disabled(self, admin: Principal, user_id: uuid.UUID, disabled: bool) -> UserPublic:
        return self._admin_change(admin, user_id, disabled=disabled)

    def set_role(self, admin: Principal, user_id: uuid.UUID, role: str) -> UserPublic:
        return self._admin_change(admin, user_id, role=role)

    def admin_end_sessions(
        self, admin: Principal, user_id: uuid.UUID, session_id: uuid.UUID | None = None
    ) -> int:
        """End one session of the user (``session_id``) or all of them; how many ended."""
        now = utcnow()
        with unit_of_work(self.engine) as session:
            repo = AuthRepository(session)
            if repo.user(user_id) is None:
                raise NotFound("No such user.")
            if session_id is None:
                ended = repo.revoke_sessions(user_id, now, "ended_by_admin")
                action, target_type, target = "sessions.ended", "user", str(user_id)
            else:
                row = repo.auth_session(session_id, for_update=True)
                if row is None or row.user_id != user_id:
                    raise NotFound("No such session.")
                ended = [session_id] if row.revoked_at is None else []
                if ended:
                    row.revoked_at, row.revoked_reason = now, "ended_by_admin"
                action, target_type, target = "session.ended", "session", str(session_id)
            if ended:  # nothing was live: nothing happened, nothing to record
                _audit(
                    session,
                    admin,
                    action,
                    target_type,
                    target,
                    user_id=str(user_id),
                    count=len(ended),
                )
        self.sessions.revoke(*(str(i) for i in ended))
        return len(ended)

    def _admin_change(
        self,
        admin: Principal,
        user_id: uuid.UUID,
        *,
        disabled: bool | None = None,
        role: str | None = None,
    ) -> UserPublic:
        if str(user_id) == admin.user_id:
            raise Conflict("Administrators cannot change their own role or status.")
        revoked: list[uuid.UUID] = []
        with unit_of_work(self.engine) as session:
            repo = AuthRepository(session)
            user = repo.user(user_id, for_update=True)
            if user is None:
                raise NotFound("No such user.")
            if disabled is not None and disabled != user.disabled:
                user.disabled = disabled
                if disabled:  # ends every session at once
                    revoked = repo.revoke_sessions(user.id, utcnow(), "disabled")
                action = "user.disabled" if disabled else "user.enabled"
                _audit(session, admin, action, "user", str(user.id), sessions_ended=len(revoked))
            if role is not None and role != user.role:
                previous, user.role = user.role, role  # new tokens must carry the new role
                revoked = repo.revoke_sessions(user.id, utcnow(), "role_changed")
                _audit(
                    session,
                    admin,
                    "user.role_changed",
                    "user",
                    str(user.id),
                    role=role,
                    previous_role=previous,
                )
            public = UserPublic.model_validate(user, from_attributes=True)
        self.sessions.revoke(*(str(i) for i in revoked))
        return public


def _audit(
    session: Session,
    admin: Principal,
    action: str,
    target_type: str,
    target_id: str,
    **detail: str | int | bool | None,
) -> None:
    """The admin action's audit event, in the transaction of the change (decision 0009)."""
    recorded = published_admin.AuthAdminActionRecorded(
        actor_id=admin.user_id,
        action=action,
        target_type=target_type,
        target_id=target_id,
        detail=detail,
    )
    _publish(session, recorded, None)


def issue_password_reset(session: Session, settings: AuthSettings, email: str) -> None:
    """The worker's half of a forgot-password request: a single-use link for an active
    account (mailed by the notifications service), nothing for any other address."""
    user = AuthRepository(session).user_by_email(email)
    if user is None or user.disabled:
        return
    raw, hashed = domain.new_opaque_token()
    session.add(
        PasswordResetToken(
            token_hash=hashed,
            user_id=user.id,
            expires_at=utcnow() + timedelta(minutes=settings.reset_token_ttl_minutes),
        )
    )
    base_url = settings.public_url.rstrip("/")
    requested = published.PasswordResetRequested(
        email=email,
        display_name=user.display_name,
        reset_url=f"{base_url}/reset-password?token={raw}",
        expires_in_minutes=settings.reset_token_ttl_minutes,
    )
    _publish(session, requested, user.id)


def _owner_by_password(
    repo: AuthRepository, principal: Principal, password: str, field: str
) -> User:
    """The caller's account, locked, if ``password`` is its password (else 422 on ``field``)."""
    user = repo.user(uuid.UUID(principal.user_id), for_update=True)
    if user is None or not domain.verify_password(password, user.password_hash):
        which = "current password" if field == "current_password" else "password"
        raise InvalidInput(f"The {which} is wrong.", fields={field: "wrong password"})
    return user


def _check_policy(password: str, email: str, *, field: str) -> None:
    try:
        domain.check_password_policy(password, email=email)
    except domain.PasswordRejected as exc:
        raise InvalidInput(str(exc), fields={field: str(exc)}) from exc


def _publish(session: Session, event: EventContract, user_id: uuid.UUID | None) -> None:
    add_to_outbox(session, MESSAGING, event.event(user_id))


def create_admin(
    engine: Engine, settings: AuthSettings, email: str, password: str, display_name: str
) -> uuid.UUID:
    """The first administrator (or promote an existing account); for the operator's CLI."""
    email = domain.normalize_email(email)
    _check_policy(password, email, field="password")
    with unit_of_work(engine) as session:
        repo = AuthRepository(session)
        user = repo.user_by_email(email)
        if user is None:
            user = User(
                email=email,
                display_name=display_name,
                role="admin",
                password_hash=domain.hash_password(password, settings.bcrypt_rounds),
            )
            repo.add(user)
            session.flush()
            _publish(
                session, published.UserRegistered(email=email, display_name=display_name), user.id
            )
        else:
            user.role = "admin"
        return user.id


def _invalid_reset_link() -> InvalidInput:
    return InvalidInput(
        "This reset link is invalid or has expired.",
        code="invalid_reset_token",
        fields={"token": "invalid"},
    )
