"""What the push sender will not call, against real HTTP servers on loopback: an endpoint that
is no longer allowed when it is sent to (the check runs again at send time, not only when the
subscription was stored), and the target of a redirect (the sender follows none)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from push_receiver import PushReceiver

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
