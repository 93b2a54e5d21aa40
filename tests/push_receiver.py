"""A local Web Push service for tests: the endpoint our push worker posts to.

Real protocol, no mocks: each test subscription gets its own P-256 key pair and 16-byte auth
secret (what a browser makes), the receiver stores every request, checks the VAPID
``Authorization: vapid t=<JWT>,k=<key>`` header (ES256 signature by ``k``, ``aud`` = this
server's origin, ``exp`` in the future, ``sub`` present) and decrypts the RFC 8291 aes128gcm
body with the subscription's private key. A subscription can be told to answer 404/410 (the
push service forgot it) or 500.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class PushMessage:
    subscription: str
    headers: dict[str, str]
    body: bytes
    payload: Any = None  # the decrypted JSON, when decryption worked
    vapid_claims: dict[str, Any] | None = None
    vapid_key: str | None = None
    problems: list[str] = field(default_factory=list)


@dataclass
class DeviceSubscription:
    id: str
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth_secret: bytes
    status: int = 201

    @property
    def p256dh(self) -> str:
        return b64url(
            self.private_key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    @property
    def auth(self) -> str:
        return b64url(self.auth_secret)

    def as_json(self) -> dict[str, Any]:
        """What a browser's ``PushSubscription.toJSON()`` gives."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class PushReceiver:
    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.subscriptions: dict[str, DeviceSubscription] = {}
        self.messages: list[PushMessage] = []
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                status = receiver._receive(self.path, dict(self.headers.items()), body)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_: Any) -> None:
                return

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.origin = f"http://{host}:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> PushReceiver:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def subscribe(self) -> DeviceSubscription:
        sub_id = secrets.token_hex(8)
        sub = DeviceSubscription(
            sub_id,
            f"{self.origin}/push/{sub_id}",
            ec.generate_private_key(ec.SECP256R1()),
            secrets.token_bytes(16),
        )
        self.subscriptions[sub_id] = sub
        return sub

    def received(self, sub: DeviceSubscription) -> list[PushMessage]:
        with self._lock:
            return [m for m in self.messages if m.subscription == sub.id]

    def wait_for(
        self, sub: DeviceSubscription, count: int = 1, timeout: float = 20.0
    ) -> list[PushMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.received(sub)
            if len(found) >= count:
                return found
            time.sleep(0.1)
        return self.received(sub)

    def _receive(self, path: str, headers: dict[str, str], body: bytes) -> int:
        sub_id = path.rstrip("/").rsplit("/", 1)[-1]
        sub = self.subscriptions.get(sub_id)
        message = PushMessage(sub_id, {k.lower(): v for k, v in headers.items()}, body)
        if sub is None:
            with self._lock:
                self.messages.append(message)
            return 404
        self._check_vapid(message)
        if message.headers.get("content-encoding") != "aes128gcm":
            message.problems.append("content-encoding is not aes128gcm")
        if "ttl" not in message.headers:
            message.problems.append("no TTL header")
        try:
            plain = http_ece.decrypt(
                body, private_key=sub.private_key, auth_secret=sub.auth_secret, version="aes128gcm"
            )
            message.payload = json.loads(plain)
        except Exception as exc:
            message.problems.append(f"cannot decrypt: {exc!r}")
        with self._lock:
            self.messages.append(message)
        return sub.status

    def _check_vapid(self, message: PushMessage) -> None:
        scheme, _, params = message.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "vapid":
            message.problems.append("Authorization is not vapid")
            return
        fields = dict(part.strip().split("=", 1) for part in params.split(",") if "=" in part)
        token, key = fields.get("t", ""), fields.get("k", "")
        message.vapid_key = key
        try:
            public = ec.EllipticCurvePublicKey.from_encoded_point(
                ec.SECP256R1(), b64url_decode(key)
            )
            claims = jwt.decode(
                token,
                key=public,
                algorithms=["ES256"],
                audience=self.origin,
                options={"require": ["exp", "sub", "aud"]},
            )
        except Exception as exc:
            message.problems.append(f"VAPID JWT invalid: {exc!r}")
            return
        if claims["exp"] > time.time() + 24 * 3600:
            message.problems.append("VAPID exp more than 24 h ahead (RFC 8292)")
        message.vapid_claims = claims
