"""A free TCP port for a server a test starts: the one helper of the tests."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A TCP port that is free right now on 127.0.0.1 (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
