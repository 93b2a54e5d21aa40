"""Service-to-service credentials for ``/internal/*`` routes.

Every service of a deployment shares one secret (``SERVICE_SECRET_FILE``, made by the
launcher beside the signing keys; a Kubernetes Secret in a cluster). A caller sends
``X-Service-Credential: <its name>.<HMAC-SHA256(secret, its name)>``; the callee checks the
MAC in constant time and that the caller is one it answers. Without a secret nothing is
accepted (fail closed). A user's access token is never enough for an internal route.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from pathlib import Path

from fastapi import Request

from .errors import Forbidden, Unauthorized

CREDENTIAL_HEADER = "X-Service-Credential"
_MIN_SECRET_BYTES = 32


def load_service_secret(path: str | Path | None) -> bytes | None:
    if not path:
        return None
    secret = Path(path).read_bytes().strip()
    if len(secret) < _MIN_SECRET_BYTES:
        raise ValueError(f"the service secret in {path} is shorter than {_MIN_SECRET_BYTES} bytes")
    return secret


def write_service_secret(path: Path) -> None:
    """A new random secret, readable by its owner only (for the local launcher)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=False)
    path.write_text(secrets.token_hex(32) + "\n")


def _mac(secret: bytes, caller: str) -> str:
    return hmac.new(secret, caller.encode(), hashlib.sha256).hexdigest()


def service_credential(secret: bytes, caller: str) -> str:
    """What ``caller`` sends in ``X-Service-Credential``."""
    return f"{caller}.{_mac(secret, caller)}"


def verified_caller(secret: bytes | None, credential: str) -> str | None:
    """The calling service's name, or None when the credential is missing or forged."""
    caller, _, mac = credential.partition(".")
    if secret is None or not caller or not mac:
        return None
    return caller if hmac.compare_digest(mac, _mac(secret, caller)) else None


def internal_callers(*allowed: str) -> Callable[[Request], str]:
    """A dependency for internal routes: only the named services may call them."""

    def check(request: Request) -> str:
        secret: bytes | None = getattr(request.app.state, "service_secret", None)
        caller = verified_caller(secret, request.headers.get(CREDENTIAL_HEADER, ""))
        if caller is None:
            raise Unauthorized("Internal route: a service credential is required.")
        if caller not in allowed:
            raise Forbidden(f"The {caller} service may not call this route.")
        return caller

    return check


def credential_headers(secret: bytes | None, caller: str) -> dict[str, str]:
    """The headers ``caller`` sends on ``/internal/*`` calls (none without a secret)."""
    return {CREDENTIAL_HEADER: service_credential(secret, caller)} if secret else {}
