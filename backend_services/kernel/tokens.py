"""Access-token verification with the auth service's public keys (JWKS).

Follows RFC 8725: an algorithm allow-list (never ``none`` or a symmetric algorithm), the key
chosen by ``kid`` from the published set, and ``iss``/``aud``/``exp``/``nbf``/``typ`` checked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from jwt import PyJWK

ASYMMETRIC_ALGORITHMS = frozenset({"EdDSA", "RS256", "RS384", "RS512", "ES256", "PS256"})
ACCESS_TOKEN_TYPE = "access"
REQUIRED_CLAIMS = ("iss", "aud", "sub", "exp", "iat", "jti", "typ", "sid")


class InvalidToken(Exception):
    """The token is missing, malformed, forged, expired or of the wrong kind."""


@dataclass(frozen=True)
class Principal:
    """Who is calling: taken from a verified access token."""

    user_id: str
    role: str
    session_id: str
    token_id: str
    expires_at: int

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def load_jwks(path: str | Path) -> dict[str, PyJWK]:
    """Read a JWKS document into ``{kid: key}``; keys without ``kid`` are refused."""
    document = json.loads(Path(path).read_text())
    keys: dict[str, PyJWK] = {}
    for entry in document.get("keys", []):
        if "kid" not in entry:
            raise ValueError("every published key needs a kid")
        keys[entry["kid"]] = PyJWK.from_dict(entry)
    return keys


class AccessTokenVerifier:
    """Verifies access tokens locally; no network or database on this path."""

    def __init__(
        self,
        keys: dict[str, PyJWK],
        *,
        issuer: str,
        audience: str,
        algorithms: tuple[str, ...] = ("EdDSA",),
        leeway_seconds: int = 10,
    ):
        unsafe = set(algorithms) - ASYMMETRIC_ALGORITHMS
        if unsafe:
            raise ValueError(f"algorithms not allowed for access tokens: {sorted(unsafe)}")
        self._keys = keys
        self._issuer, self._audience = issuer, audience
        self._algorithms = list(algorithms)
        self._leeway = leeway_seconds

    @classmethod
    def from_jwks_file(cls, path: str | Path, **kwargs: Any) -> AccessTokenVerifier:
        return cls(load_jwks(path), **kwargs)

    def verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidToken("malformed token") from exc
        if header.get("alg") not in self._algorithms:
            raise InvalidToken("algorithm not allowed")
        key = self._keys.get(str(header.get("kid")))
        if key is None:
            raise InvalidToken("unknown signing key")
        if key.algorithm_name != header["alg"]:
            raise InvalidToken("algorithm does not match the key")
        try:
            claims = jwt.decode(
                token,
                key=key.key,
                algorithms=[header["alg"]],
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway,
                options={"require": list(REQUIRED_CLAIMS), "verify_nbf": True},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
        if claims.get("typ") != ACCESS_TOKEN_TYPE:
            raise InvalidToken("not an access token")
        return Principal(
            user_id=str(claims["sub"]),
            role=str(claims.get("role", "user")),
            session_id=str(claims["sid"]),
            token_id=str(claims["jti"]),
            expires_at=int(claims["exp"]),
        )
