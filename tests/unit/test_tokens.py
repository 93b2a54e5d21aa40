"""Access-token verification (RFC 8725): only a well-formed, correctly signed, current access
token for our issuer and audience is accepted; everything else raises InvalidToken."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.rsa import generate_private_key

from backend_services.auth.keys import SigningKey, generate_signing_key
from backend_services.auth.tokens import issue_access_token
from backend_services.kernel.tokens import (
    AccessTokenVerifier,
    InvalidToken,
    Principal,
    load_jwks,
)

ISSUER = "fitledger-auth"
AUDIENCE = "fitledger"


@pytest.fixture
def key_dir(tmp_path: Path) -> Path:
    return tmp_path / "keys"


@pytest.fixture
def signing_key(key_dir: Path) -> SigningKey:
    return generate_signing_key(key_dir, kid="k-current")


@pytest.fixture
def verifier(signing_key: SigningKey, key_dir: Path) -> AccessTokenVerifier:
    return AccessTokenVerifier.from_jwks_file(
        key_dir / "jwks.json", issuer=ISSUER, audience=AUDIENCE
    )


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "user-1",
        "iat": now,
        "nbf": now,
        "exp": now + 600,
        "jti": uuid.uuid4().hex,
        "typ": "access",
        "role": "user",
        "sid": "session-1",
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def sign(key: SigningKey, payload: dict[str, Any], **headers: Any) -> str:
    return jwt.encode(
        payload, key.private_key, algorithm="EdDSA", headers={"kid": key.kid, **headers}
    )


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def hand_made(header: dict[str, Any], payload: dict[str, Any], signature: bytes = b"") -> str:
    head = b64(json.dumps(header).encode())
    body = b64(json.dumps(payload).encode())
    return f"{head}.{body}.{b64(signature)}"


def issue(key: SigningKey, **kw: Any) -> str:
    args = {
        "user_id": "user-1",
        "role": "user",
        "session_id": "session-1",
        "issuer": ISSUER,
        "audience": AUDIENCE,
    }
    args.update(kw)
    return issue_access_token(key, **args)


# --------------------------------------------------------------------------------------------


def test_valid_token_verifies(signing_key: SigningKey, verifier: AccessTokenVerifier):
    token = issue(signing_key, role="admin", session_id="s-42")
    principal = verifier.verify(token)
    assert isinstance(principal, Principal)
    assert principal.user_id == "user-1"
    assert principal.role == "admin" and principal.is_admin
    assert principal.session_id == "s-42"
    assert principal.token_id and principal.expires_at > time.time()


def test_older_published_key_still_verifies(key_dir: Path, signing_key: SigningKey):
    """Rotation: a token signed with the previous key verifies while that key is published."""
    newer = generate_signing_key(key_dir, kid="k-next")
    verifier = AccessTokenVerifier.from_jwks_file(
        key_dir / "jwks.json", issuer=ISSUER, audience=AUDIENCE
    )
    assert verifier.verify(issue(signing_key)).user_id == "user-1"
    assert verifier.verify(issue(newer)).user_id == "user-1"


def test_forged_signature_with_other_key_same_kid(
    signing_key: SigningKey, verifier: AccessTokenVerifier
):
    attacker = SigningKey(kid=signing_key.kid, private_key=Ed25519PrivateKey.generate())
    with pytest.raises(InvalidToken):
        verifier.verify(issue(attacker))


def test_tampered_payload_is_rejected(signing_key: SigningKey, verifier: AccessTokenVerifier):
    head, _, sig = issue(signing_key).split(".")
    body = b64(json.dumps(claims(role="admin")).encode())
    with pytest.raises(InvalidToken):
        verifier.verify(f"{head}.{body}.{sig}")


@pytest.mark.parametrize("alg", ["none", "None", "NONE"])
def test_alg_none_is_rejected(alg: str, signing_key: SigningKey, verifier: AccessTokenVerifier):
    token = hand_made({"alg": alg, "typ": "JWT", "kid": signing_key.kid}, claims())
    with pytest.raises(InvalidToken):
        verifier.verify(token)


def _public_key_materials(key: SigningKey) -> list[bytes]:
    public = key.private_key.public_key()
    return [
        public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
        public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw),
        json.dumps(key.public_jwk()).encode(),
        key.public_jwk()["x"].encode(),
    ]


@pytest.mark.parametrize("alg", ["HS256", "HS384", "HS512"])
def test_hmac_signed_with_the_public_key_is_rejected(
    alg: str, signing_key: SigningKey, verifier: AccessTokenVerifier
):
    digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}[alg]
    for secret in _public_key_materials(signing_key):
        header = {"alg": alg, "typ": "JWT", "kid": signing_key.kid}
        unsigned = hand_made(header, claims()).rsplit(".", 1)[0]
        signature = hmac.new(secret, unsigned.encode(), digest).digest()
        with pytest.raises(InvalidToken):
            verifier.verify(f"{unsigned}.{b64(signature)}")


def test_allowed_algorithm_that_does_not_match_the_key_is_rejected(
    signing_key: SigningKey, key_dir: Path
):
    """EdDSA key, RS256 header, RS256 also allowed: the key decides the algorithm."""
    verifier = AccessTokenVerifier(
        load_jwks(key_dir / "jwks.json"),
        issuer=ISSUER,
        audience=AUDIENCE,
        algorithms=("EdDSA", "RS256"),
    )
    rsa = generate_private_key(public_exponent=65537, key_size=2048)
    token = jwt.encode(claims(), rsa, algorithm="RS256", headers={"kid": signing_key.kid})
    with pytest.raises(InvalidToken):
        verifier.verify(token)


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"audience": "some-other-api"}, id="wrong-audience"),
        pytest.param({"issuer": "https://evil.example"}, id="wrong-issuer"),
        pytest.param({"now": time.time() - 3600}, id="expired"),
    ],
)
def test_issued_token_with_bad_claims_is_rejected(
    overrides: dict[str, Any], signing_key: SigningKey, verifier: AccessTokenVerifier
):
    with pytest.raises(InvalidToken):
        verifier.verify(issue(signing_key, **overrides))


def _now() -> int:
    return int(time.time())


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(lambda: claims(exp=_now() - 60), id="expired-beyond-leeway"),
        pytest.param(lambda: claims(nbf=_now() + 3600), id="nbf-in-the-future"),
        pytest.param(lambda: claims(aud=["other"]), id="audience-list-without-ours"),
        pytest.param(lambda: claims(sid=None), id="missing-sid"),
        pytest.param(lambda: claims(jti=None), id="missing-jti"),
        pytest.param(lambda: claims(exp=None), id="missing-exp"),
        pytest.param(lambda: claims(sub=None), id="missing-sub"),
        pytest.param(lambda: claims(iss=None), id="missing-iss"),
        pytest.param(lambda: claims(aud=None), id="missing-aud"),
        pytest.param(lambda: claims(iat=None), id="missing-iat"),
        pytest.param(lambda: claims(typ=None), id="missing-typ"),
        pytest.param(lambda: claims(typ="refresh"), id="typ-refresh"),
        pytest.param(lambda: claims(typ="reset"), id="typ-reset"),
        pytest.param(lambda: claims(typ="Access"), id="typ-case-variant"),
    ],
)
def test_bad_or_missing_claims_are_rejected(
    payload, signing_key: SigningKey, verifier: AccessTokenVerifier
):
    with pytest.raises(InvalidToken):
        verifier.verify(sign(signing_key, payload()))


def test_within_leeway_is_accepted(signing_key: SigningKey, verifier: AccessTokenVerifier):
    """Clock skew of a few seconds (less than the 10 s leeway) does not log people out."""
    token = sign(signing_key, claims(exp=_now() - 2, nbf=_now() + 2))
    assert verifier.verify(token).user_id == "user-1"


@pytest.mark.parametrize("kid", ["k-unknown", None, ""])
def test_unknown_or_missing_kid_is_rejected(
    kid: str | None, signing_key: SigningKey, verifier: AccessTokenVerifier
):
    headers = {} if kid is None else {"kid": kid}
    token = jwt.encode(claims(), signing_key.private_key, algorithm="EdDSA", headers=headers)
    with pytest.raises(InvalidToken):
        verifier.verify(token)


@pytest.mark.parametrize("token", ["", "garbage", "a.b.c", "a.b", "....", "eyJhbGciOiJFZERTQSJ9.."])
def test_malformed_token_is_rejected(token: str, verifier: AccessTokenVerifier):
    with pytest.raises(InvalidToken):
        verifier.verify(token)


@pytest.mark.parametrize(
    "algorithms",
    [("EdDSA", "HS256"), ("HS256",), ("none",), ("EdDSA", "HS512"), ("EdDSA", "none")],
)
def test_symmetric_or_none_algorithm_in_allow_list_is_refused(
    algorithms: tuple[str, ...], signing_key: SigningKey, key_dir: Path
):
    with pytest.raises(ValueError):
        AccessTokenVerifier(
            load_jwks(key_dir / "jwks.json"),
            issuer=ISSUER,
            audience=AUDIENCE,
            algorithms=algorithms,
        )


def test_jwks_entry_without_kid_is_refused(tmp_path: Path, signing_key: SigningKey):
    entry = {k: v for k, v in signing_key.public_jwk().items() if k != "kid"}
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps({"keys": [entry]}))
    with pytest.raises(ValueError):
        load_jwks(path)
