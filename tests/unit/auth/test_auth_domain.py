"""Password policy and hashing, opaque tokens (no I/O)."""

from __future__ import annotations

import pytest

from backend_services.auth import domain


def test_hash_is_bcrypt_with_cost_at_least_12() -> None:
    hashed = domain.hash_password("a perfectly fine password")
    assert hashed.startswith("$2b$12$")
    assert domain.verify_password("a perfectly fine password", hashed)
    assert not domain.verify_password("a perfectly fine passworD", hashed)


def test_bytes_past_72_still_count() -> None:
    base = "é" * 36  # 72 UTF-8 bytes
    hashed = domain.hash_password(base + "tail-one")
    assert domain.verify_password(base + "tail-one", hashed)
    assert not domain.verify_password(base + "tail-two", hashed)
    assert not domain.verify_password(base, hashed)


def test_nul_bytes_do_not_truncate() -> None:
    hashed = domain.hash_password("abc\x00defghijk")
    assert not domain.verify_password("abc\x00zzzzzzzz", hashed)


def test_unicode_forms_are_the_same_password() -> None:
    composed, decomposed = "caf\u00e9 au lait 42", "cafe\u0301 au lait 42"
    assert domain.verify_password(decomposed, domain.hash_password(composed))


def test_missing_hash_is_a_failed_check_not_an_error() -> None:
    assert domain.verify_password("whatever it is", None) is False


@pytest.mark.parametrize(
    "password,reason",
    [
        ("short", "at least 8"),
        ("x" * 129, "at most 128"),
        ("password", "too common"),
        ("iloveyou", "too common"),
        ("Password1", "too common"),
        ("aaaaaaaaaaaa", "too easy"),
        ("jane.doe-secret", "e-mail"),
    ],
)
def test_policy_refuses(password: str, reason: str) -> None:
    with pytest.raises(domain.PasswordRejected, match=reason):
        domain.check_password_policy(password, email="jane.doe@example.com")


@pytest.mark.parametrize(
    "password", ["correct horse battery staple", "xyz" * 42 + "ab", "éàü" * 14, "Tr0ub4dor&3x"]
)
def test_policy_accepts(password: str) -> None:
    domain.check_password_policy(password, email="someone@example.com")


def test_rehash_when_cost_is_raised() -> None:
    hashed = domain.hash_password("a perfectly fine password", rounds=12)
    assert not domain.needs_rehash(hashed, 12)
    assert domain.needs_rehash(hashed, 13)


def test_opaque_tokens_are_random_and_stored_hashed() -> None:
    raw, stored = domain.new_opaque_token()
    other, _ = domain.new_opaque_token()
    assert raw != other and len(raw) >= 43  # 256 bits, url-safe base64
    assert stored != raw and len(stored) == 64
    assert domain.same_token(raw, stored) and not domain.same_token(other, stored)


def test_email_is_normalized() -> None:
    assert domain.normalize_email("  Jane.Doe@Example.COM ") == "jane.doe@example.com"
