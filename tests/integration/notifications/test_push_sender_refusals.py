"""What the push sender will not call, against real HTTP(S) servers on loopback: an endpoint
that is no longer allowed when it is sent to (the check runs again at send time, not only when
the subscription was stored), the target of a redirect (the sender follows none), and any
address but the one the check approved (no second DNS answer: rebinding), while TLS still
verifies the endpoint's own name."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from push_receiver import PushReceiver

from backend_services.notifications.pinned_http import PinnedSession
from backend_services.notifications.push import WebPushSender, load_or_create_vapid_key

PAYLOAD = {"title": "Lunch logged", "body": "650 kcal"}


class Redirector:
    """Answers every POST with a 307 to ``target`` (307 keeps the method and the body)."""

    def __init__(self, target: str):
        self.hits = 0
        redirector = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                redirector.hits += 1
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(307)
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def redirector_to() -> Iterator[Any]:
    made: list[Redirector] = []

    def make(target: str) -> Redirector:
        made.append(Redirector(target))
        return made[-1]

    yield make
    for redirector in made:
        redirector.close()


def _sender(tmp_path: Path, *allowed: str) -> WebPushSender:
    key = load_or_create_vapid_key(tmp_path / "vapid.pem")
    return WebPushSender(key, "mailto:ops@fit.example", ttl=60, allowed_test_origins=allowed)


def test_an_endpoint_no_longer_allowed_is_refused_at_send_time(
    tmp_path: Path, push_receiver: PushReceiver
) -> None:
    device = push_receiver.subscribe()
    allowed = _sender(tmp_path, push_receiver.origin).send(device.as_json(), PAYLOAD)
    assert allowed.outcome == "sent", allowed
    assert len(push_receiver.received(device)) == 1
    # The same stored subscription, once its origin is not allowed: nothing leaves.
    refused = _sender(tmp_path).send(device.as_json(), PAYLOAD)
    assert refused.outcome == "refused", refused
    assert "endpoint refused" in (refused.error or "")
    assert len(push_receiver.received(device)) == 1


def test_the_sender_follows_no_redirect(
    tmp_path: Path, push_receiver: PushReceiver, redirector_to: Any
) -> None:
    device = push_receiver.subscribe()
    redirector = redirector_to(device.endpoint)
    subscription = {**device.as_json(), "endpoint": f"{redirector.origin}/push/{device.id}"}
    result = _sender(tmp_path, redirector.origin).send(subscription, PAYLOAD)
    assert redirector.hits == 1
    assert result.outcome == "failed" and result.status == 307, result
    assert push_receiver.received(device) == []


def test_the_connection_goes_to_the_checked_address_not_a_new_answer_for_the_name(
    push_receiver: PushReceiver,
) -> None:
    """The name does not even resolve: only the approved address can have been dialled, and
    the push service still sees its own name in ``Host``."""
    device = push_receiver.subscribe()
    port = push_receiver.origin.rsplit(":", 1)[1]
    asked: list[str] = []

    def approve(url: str) -> str:
        asked.append(url)
        return "127.0.0.1"

    url = f"http://rebound.invalid:{port}/push/{device.id}"
    answer = PinnedSession(approve).post(url, data=b"x", headers={"TTL": "60"})
    assert answer.status_code == 201
    assert asked == [url]
    [message] = push_receiver.received(device)
    assert message.headers["host"] == f"rebound.invalid:{port}"


def _tls_server(tmp_path: Path, name: str) -> tuple[ThreadingHTTPServer, Path]:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for ``name``."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / f"{name}.pem", tmp_path / f"{name}.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(201)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, cert_file


def test_tls_to_the_checked_address_verifies_the_endpoints_name(tmp_path: Path) -> None:
    server, cert_file = _tls_server(tmp_path, "push.example")
    port = server.server_address[1]
    try:
        session = PinnedSession(lambda url: "127.0.0.1")
        session.verify = str(cert_file)
        answer = session.post(f"https://push.example:{port}/send/abc", data=b"x")
        assert answer.status_code == 201
        # The same address under another name: the certificate does not match, refused.
        with pytest.raises(requests.exceptions.SSLError):
            session.post(f"https://elsewhere.example:{port}/send/abc", data=b"x")
    finally:
        server.shutdown()
        server.server_close()
