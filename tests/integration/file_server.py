"""A loopback HTTP server for download tests: serves bytes from a dict, answers
``Range: bytes=N-`` with 206, and can cut its first answer short (an interrupted download) or
ignore ranges (an old server). It records every Range header it was sent."""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from typer.testing import CliRunner


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def data_fetch(dataset: str, dest: Path, url: str, sha256: str, *store: str) -> Any:
    """``fitledger data fetch DATASET`` from ``url`` into ``dest``, checked against ``sha256``,
    imported where the ``store`` options say; answers the CLI's result."""
    from backend_services.cli import app

    command = ["data", "fetch", dataset, "--dest", str(dest), "--url", url, "--sha256", sha256]
    return CliRunner().invoke(app, [*command, *store])


@dataclass
class Files:
    """What the server serves and how it misbehaves; it records every Range header."""

    content: dict[str, bytes]
    cut_first_after: int | None = None  # send only this many bytes of the first response
    ignore_range: bool = False
    ranges: list[str | None] = field(default_factory=list)


def _handler(files: Files) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            body = files.content.get(self.path)
            if body is None:
                self.send_error(404)
                return
            asked = self.headers.get("Range")
            files.ranges.append(asked)
            start = 0
            if asked and not files.ignore_range:
                start = int(asked.removeprefix("bytes=").rstrip("-"))
                if start >= len(body):
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(body)}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
            else:
                self.send_response(200)
            self.send_header("Content-Length", str(len(body) - start))
            self.end_headers()
            payload = body[start:]
            if files.cut_first_after is not None and len(files.ranges) == 1:
                payload = payload[: files.cut_first_after]
                self.close_connection = True
            self.wfile.write(payload)

    return Handler


@contextlib.contextmanager
def serve() -> Iterator[tuple[str, Files]]:
    """The server's base URL and what it serves (empty; the test fills ``content``)."""
    files = Files(content={})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(files))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", files
    finally:
        httpd.shutdown()
        httpd.server_close()
