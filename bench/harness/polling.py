"""Waiting for a condition of the system under test, with a deadline."""

from __future__ import annotations

import time
from collections.abc import Callable

from bench.harness.cli import BenchError


def wait_for(what: str, check: Callable[[], object], timeout: float, every: float = 0.5) -> float:
    """Poll ``check()`` until true; returns the seconds waited, raises after ``timeout``."""
    started = time.monotonic()
    while True:
        if check():
            return time.monotonic() - started
        if time.monotonic() - started > timeout:
            raise BenchError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)
