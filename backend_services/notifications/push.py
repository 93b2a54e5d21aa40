"""Web Push with VAPID (RFC 8291 aes128gcm payloads, RFC 8292 VAPID) through pywebpush.

The VAPID key pair is one P-256 key in a PEM file (``VAPID_PRIVATE_KEY_FILE``), created at
start-up when missing; the browser subscribes with its public key, which
``GET /api/notifications/push/vapid-public-key`` hands out (base64url, uncompressed point).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

from .pinned_http import PinnedSession
from .push_endpoints import EndpointRefused, check_push_endpoint, normalized_origins


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def load_or_create_vapid_key(path: str | Path) -> ec.EllipticCurvePrivateKey:
    """Read the VAPID private key, creating it first if missing. Several processes may start
    at once: the new key is written to a temporary file and linked into place, so exactly
    one key wins and every process reads that one."""
    target = Path(path)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        key = ec.generate_private_key(ec.SECP256R1())
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".vapid-")
        try:
            os.write(fd, pem)
            os.fchmod(fd, 0o600)
            os.close(fd)
            with contextlib.suppress(FileExistsError):
                os.link(temp, target)
        finally:
            os.unlink(temp)
    loaded = serialization.load_pem_private_key(target.read_bytes(), password=None)
    if not isinstance(loaded, ec.EllipticCurvePrivateKey):
        raise ValueError(f"{target}: not an EC private key")
    return loaded


def vapid_public_key(key: ec.EllipticCurvePrivateKey) -> str:
    return _b64url(
        key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    )


@dataclass(frozen=True)
class PushResult:
    outcome: str  # sent | expired | failed | refused (not an endpoint we may call)
    status: int | None = None
    error: str | None = None


class WebPushSender:
    def __init__(
        self,
        key: ec.EllipticCurvePrivateKey,
        subject: str,
        *,
        ttl: int,
        timeout: float = 10.0,
        allowed_test_origins: tuple[str, ...] = (),
    ):
        self._vapid = Vapid(private_key=key)
        self.subject, self.ttl, self.timeout = subject, ttl, timeout
        allowed = normalized_origins(allowed_test_origins)
        # Checked again at send time (a name may resolve somewhere else by now), connected
        # to the address that check approved, no redirects.
        self._http = PinnedSession(lambda url: check_push_endpoint(url, allowed))

    def send(self, subscription: dict[str, Any], payload: dict[str, Any]) -> PushResult:
        try:
            response = webpush(
                requests_session=self._http,
                subscription_info=subscription,
                data=json.dumps(payload, separators=(",", ":")),
                vapid_private_key=self._vapid,
                # A fresh dict per call: pywebpush writes aud/exp into it.
                vapid_claims={"sub": self.subject},
                ttl=self.ttl,
                timeout=self.timeout,
            )
        except EndpointRefused as exc:
            return PushResult("refused", None, f"endpoint refused: {exc}")
        except WebPushException as exc:
            status = exc.response.status_code if exc.response is not None else None
            # 404/410: the push service forgot this subscription (RFC 8030 section 7.3).
            outcome = "expired" if status in (404, 410) else "failed"
            return PushResult(outcome, status, str(exc).splitlines()[0][:300])
        except Exception as exc:  # connection refused, timeout, TLS: retried later
            return PushResult("failed", None, f"{type(exc).__name__}: {exc}"[:300])
        return PushResult("sent", getattr(response, "status_code", None))
