"""The benchmarks' command line: the parser, the options every scenario has, the main wrapper."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from bench.harness.report import RESULTS_DIR

STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class BenchError(RuntimeError):
    """The benchmark cannot run or its measurement is invalid; the message says why."""


def parser(module: str, doc: str | None) -> argparse.ArgumentParser:
    """``python -m bench.<module>``, its docstring as the description."""
    return argparse.ArgumentParser(
        prog=f"python -m bench.{module}",
        description=doc,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def add_port_shift(parser: argparse.ArgumentParser, default: int) -> None:
    parser.add_argument("--port-shift", type=int, default=default, help=f"({default})")


def add_wait_and_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--wait",
        type=int,
        default=0,
        help="seconds to wait for another stack to free the ports before refusing (0)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS_DIR, help="results folder")


def add_no_install(parser: argparse.ArgumentParser) -> None:
    """For scenarios that load with wrk (``machine.ensure_wrk``)."""
    parser.add_argument("--no-install", action="store_true", help="never apt-get install wrk")


def run_main(
    module: str, run: Callable[[argparse.Namespace], int], args: argparse.Namespace
) -> int:
    """``run(args)``; a ``BenchError`` is said on stderr and exits 1."""
    try:
        return run(args)
    except BenchError as exc:
        print(f"\nbench.{module}: {exc}", file=sys.stderr, flush=True)
        return 1


def _terminate(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds through `finally`, which stops the stack


def stop_on_signals() -> dict[int, Any]:
    """SIGTERM/SIGHUP end the run through its ``finally``; returns the old handlers."""
    return {sig: signal.signal(sig, _terminate) for sig in STOP_SIGNALS}


def restore_signals(old: dict[int, Any]) -> None:
    for sig, handler in old.items():
        signal.signal(sig, handler)
