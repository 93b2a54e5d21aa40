"""Credentials: password policy and hashing, opaque tokens. Pure functions, no I/O.

Passwords are pre-hashed (SHA-256, base64) before bcrypt so that bytes past bcrypt's 72-byte
limit still count and NUL bytes cannot truncate (OWASP Password Storage Cheat Sheet); the
bcrypt cost is at least 12.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import unicodedata

import bcrypt
from zxcvbn.matching import RANKED_DICTIONARIES

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
# A hash of a random password: verifying against it on a miss keeps timings alike.
_DUMMY_HASH = bcrypt.hashpw(b"fitledger-dummy-password-for-timing", bcrypt.gensalt(12))
_COMMON_PASSWORDS = RANKED_DICTIONARIES["passwords"]  # 30,000 most common (zxcvbn)


class PasswordRejected(ValueError):
    """The password breaks the policy; the message says why, for the user."""


def normalize_password(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def check_password_policy(password: str, *, email: str = "") -> None:
    password = normalize_password(password)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordRejected(f"Use at least {MIN_PASSWORD_LENGTH} characters.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise PasswordRejected(f"Use at most {MAX_PASSWORD_LENGTH} characters.")
    lowered = password.lower()
    if lowered in _COMMON_PASSWORDS:
        raise PasswordRejected("This password is too common; choose another.")
    if len(set(password)) < 3:
        raise PasswordRejected("This password is too easy to guess.")
    local_part = email.split("@", 1)[0].lower()
    if local_part and len(local_part) >= 4 and local_part in lowered:
        raise PasswordRejected("Don't use your e-mail address in your password.")


def _prehash(password: str) -> bytes:
    digest = hashlib.sha256(normalize_password(password).encode("utf-8")).digest()
    return base64.b64encode(digest)  # 44 ASCII bytes: under 72, no NUL


def hash_password(password: str, rounds: int = 12) -> str:
    return bcrypt.hashpw(_prehash(password), bcrypt.gensalt(rounds)).decode("ascii")


def verify_password(password: str, password_hash: str | None) -> bool:
    """Constant-shape check: a missing hash still costs one bcrypt verification."""
    if password_hash is None:
        bcrypt.checkpw(_prehash(password), _DUMMY_HASH)
        return False
    return bcrypt.checkpw(_prehash(password), password_hash.encode("ascii"))


def needs_rehash(password_hash: str, rounds: int) -> bool:
    return int(password_hash.split("$")[2]) < rounds


def normalize_email(email: str) -> str:
    """Lower-case the whole address: one account per mailbox, whatever the case typed."""
    return email.strip().lower()


def new_opaque_token() -> tuple[str, str]:
    """A random token (256 bits) for the client and its SHA-256 hash for the database."""
    raw = secrets.token_urlsafe(32)
    return raw, token_hash(raw)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def same_token(raw: str, stored_hash: str) -> bool:
    return hmac.compare_digest(token_hash(raw), stored_hash)
