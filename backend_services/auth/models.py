"""Auth tables in the ``auth`` schema, and the request/response schemas of its API."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field
from sqlalchemy import Column, DateTime, Index, Text
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel

from backend_services.kernel.bodies import StrictBody
from backend_services.kernel.messaging import MessagingTables

from .domain import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

METADATA = SQLModel.metadata
MESSAGING = MessagingTables("auth", METADATA)
SCHEMA = {"schema": "auth"}

Role = Literal["user", "admin"]


def utcnow() -> datetime:
    return datetime.now(UTC)


def _ts(nullable: bool = False) -> Column:
    return Column(DateTime(timezone=True), nullable=nullable)


class User(SQLModel, table=True):
    __tablename__ = "users"
    __table_args__ = SCHEMA

    id: uuid.UUID = SQLField(default_factory=uuid.uuid4, primary_key=True)
    email: str = SQLField(sa_column=Column(Text, nullable=False, unique=True))
    display_name: str = SQLField(max_length=80)
    password_hash: str
    role: str = SQLField(default="user", max_length=16)
    disabled: bool = False
    created_at: datetime = SQLField(default_factory=utcnow, sa_column=_ts())
    password_changed_at: datetime = SQLField(default_factory=utcnow, sa_column=_ts())


class AuthSession(SQLModel, table=True):
    """A signed-in device: the family of its refresh tokens; ``id`` is the tokens' ``sid``."""

    __tablename__ = "sessions"
    __table_args__ = (Index("sessions_user", "user_id"), SCHEMA)

    id: uuid.UUID = SQLField(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = SQLField(foreign_key="auth.users.id", ondelete="CASCADE")
    created_at: datetime = SQLField(default_factory=utcnow, sa_column=_ts())
    last_used_at: datetime = SQLField(default_factory=utcnow, sa_column=_ts())
    expires_at: datetime = SQLField(sa_column=_ts())
    revoked_at: datetime | None = SQLField(default=None, sa_column=_ts(nullable=True))
    revoked_reason: str | None = None
    user_agent: str = SQLField(default="", max_length=300)
    ip: str = SQLField(default="", max_length=64)


class RefreshToken(SQLModel, table=True):
    __tablename__ = "refresh_tokens"
    __table_args__ = (Index("refresh_tokens_session", "session_id"), SCHEMA)

    token_hash: str = SQLField(primary_key=True, max_length=64)
    session_id: uuid.UUID = SQLField(foreign_key="auth.sessions.id", ondelete="CASCADE")
    created_at: datetime = SQLField(default_factory=utcnow, sa_column=_ts())
    used_at: datetime | None = SQLField(default=None, sa_column=_ts(nullable=True))


class PasswordResetToken(SQLModel, table=True):
    __tablename__ = "password_reset_tokens"
    __table_args__ = (Index("password_reset_user", "user_id"), SCHEMA)

    token_hash: str = SQLField(primary_key=True, max_length=64)
    user_id: uuid.UUID = SQLField(foreign_key="auth.users.id", ondelete="CASCADE")
    created_at: datetime = SQLField(default_factory=utcnow, sa_column=_ts())
    expires_at: datetime = SQLField(sa_column=_ts())
    used_at: datetime | None = SQLField(default=None, sa_column=_ts(nullable=True))


# --- API schemas (allow-lists: unknown fields are refused) ---


class Strict(StrictBody):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


Password = Field(min_length=1, max_length=1024)
# A new password: the document states the policy's length (8-128); the policy itself checks
# it (domain.check_password_policy) so the refusal keeps its plain-words message.
NewPassword = Field(
    min_length=1,
    max_length=1024,
    json_schema_extra={
        "minLength": MIN_PASSWORD_LENGTH,
        "maxLength": MAX_PASSWORD_LENGTH,
        "description": f"{MIN_PASSWORD_LENGTH}-{MAX_PASSWORD_LENGTH} characters, at least 3 "
        "different ones, not among the 30,000 most common passwords, not containing the "
        "e-mail address's name.",
    },
)


class RegisterRequest(Strict):
    email: EmailStr = Field(max_length=254)
    password: str = NewPassword
    display_name: str = Field(min_length=1, max_length=80)


class LoginRequest(Strict):
    email: EmailStr = Field(max_length=254)
    password: str = Password


class RefreshRequest(Strict):
    refresh_token: str | None = Field(default=None, max_length=200)


class ForgotPasswordRequest(Strict):
    email: EmailStr = Field(max_length=254)


class ResetPasswordRequest(Strict):
    token: str = Field(min_length=20, max_length=200)
    new_password: str = NewPassword


class ChangePasswordRequest(Strict):
    current_password: str = Password
    new_password: str = NewPassword


class DeleteAccountRequest(Strict):
    password: str = Password


class RoleUpdate(Strict):
    role: Role


class DisabledUpdate(Strict):
    disabled: bool


class AcceptedResponse(BaseModel):
    status: Literal["accepted"] = "accepted"
    message: str


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    refresh_token: str


class DeviceSessionPublic(BaseModel):
    """A signed-in device: when it started and was last used, its browser and address."""

    id: uuid.UUID
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    user_agent: str
    ip: str


class SessionPublic(DeviceSessionPublic):
    current: bool


class UserPublic(BaseModel):
    id: uuid.UUID
    email: str
    display_name: str
    role: str
    disabled: bool
    created_at: datetime


class AdminUserDetail(BaseModel):
    """One account as an administrator sees it, with its live sessions (newest use first)."""

    user: UserPublic
    sessions: list[DeviceSessionPublic]


class SessionsEnded(BaseModel):
    ended: int


class UserPage(BaseModel):
    items: list[UserPublic]
    total: int


class PublicJwk(BaseModel):
    """One Ed25519 public key (RFC 8037) of the keys access tokens are signed with."""

    kty: Literal["OKP"]
    crv: Literal["Ed25519"]
    x: str
    kid: str
    alg: Literal["EdDSA"]
    use: Literal["sig"]


class Jwks(BaseModel):
    """The JSON Web Key Set (RFC 7517) every service verifies access tokens with."""

    keys: list[PublicJwk]
