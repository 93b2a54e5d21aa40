"""The auth service's signing keys: Ed25519 private keys on disk, public keys as a JWKS.

Rotation: add a new key (new ``kid``), publish both in the JWKS, sign with the newest; drop
the old one after the access-token lifetime has passed.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jwt import PyJWK
from jwt.algorithms import OKPAlgorithm

ALGORITHM = "EdDSA"


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_key: Ed25519PrivateKey

    def public_jwk(self) -> dict[str, str]:
        jwk = json.loads(OKPAlgorithm.to_jwk(self.private_key.public_key()))
        return {**jwk, "kid": self.kid, "alg": ALGORITHM, "use": "sig"}

    def public_pyjwk(self) -> PyJWK:
        return PyJWK.from_dict(self.public_jwk())


def jwks(keys: list[SigningKey]) -> dict[str, list[dict[str, str]]]:
    return {"keys": [key.public_jwk() for key in keys]}


def load_signing_keys(directory: str | Path) -> list[SigningKey]:
    """Every ``<kid>.pem`` in ``directory``, newest (by name) last."""
    keys = []
    for path in sorted(Path(directory).glob("*.pem")):
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(private, Ed25519PrivateKey):
            raise ValueError(f"{path} is not an Ed25519 key")
        keys.append(SigningKey(kid=path.stem, private_key=private))
    if not keys:
        raise FileNotFoundError(f"no signing keys in {directory}")
    return keys


def generate_signing_key(directory: str | Path, kid: str | None = None) -> SigningKey:
    """Create a new key in ``directory`` (mode 0600) and rewrite the public ``jwks.json``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    key = SigningKey(
        kid=kid or f"k{secrets.token_hex(4)}", private_key=Ed25519PrivateKey.generate()
    )
    path = directory / f"{key.kid}.pem"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(
            key.private_key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    write_public_jwks(directory)
    return key


def write_public_jwks(directory: str | Path) -> Path:
    target = Path(directory) / "jwks.json"
    target.write_text(json.dumps(jwks(load_signing_keys(directory)), indent=2))
    return target
