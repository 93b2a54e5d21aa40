"""Waiting for something that becomes true eventually: the one polling helper of the tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def wait_until(
    condition: Callable[[], Any],
    timeout: float = 30.0,
    *,
    interval: float = 0.2,
    what: str = "",
    retry_on: tuple[type[Exception], ...] = (),
) -> Any:
    """Call ``condition`` until it returns something truthy, and return that.

    After ``timeout`` seconds the test fails, saying ``what`` it waited for, the last value
    and the last error. Exceptions of the ``retry_on`` types (a server still coming up) count
    as "not yet"; any other exception, an assertion included, fails at once.
    """
    deadline = time.monotonic() + timeout
    value: Any = None
    error: Exception | None = None
    while True:
        try:
            value = condition()
        except retry_on as exc:
            error = exc
        else:
            if value:
                return value
        if time.monotonic() > deadline:
            raise AssertionError(
                f"not reached in {timeout:g} s: {what or getattr(condition, '__name__', condition)}"
                f" (last value {value!r}, last error {error!r})"
            )
        time.sleep(interval)
