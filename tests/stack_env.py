"""Where the e2e test stack runs: ports, data folder, database (for fixtures and tests)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from backend_services.nutrition.importers.sr28_compact import SHIPPED_SR28
from backend_services.stack.topology import EXPORTERS

ROOT = Path(__file__).resolve().parents[1]
# E2E_PORT_SHIFT moves every port of the test stack (so several stacks can run side by side
# while developing); the UI runs only unshifted, because its bundle is built for port 8080.
SHIFT = int(os.environ.get("E2E_PORT_SHIFT", "0"))
WITH_UI = SHIFT == 0
GATEWAY_PORT = 8080 + SHIFT
SMTP_PORT = 1025 + SHIFT
MONGODB_PORT = 27017 + SHIFT
# E2E_EXISTING_STACK=1 points the browser and API tests at a stack you already run with
# `make up` (its data folder), for quick iteration; such a run leaves the stack as it is.
EXISTING = os.environ.get("E2E_EXISTING_STACK", "") == "1"
DATA_DIR = ROOT / ".local" / (f"e2e-{SHIFT}" if SHIFT else "e2e")
if EXISTING:
    DATA_DIR = ROOT / ".local"
GATEWAY = f"http://127.0.0.1:{GATEWAY_PORT}"
# The stack's own Prometheus (when installed), scraping only this stack.
PROMETHEUS_PORT = 9090 + SHIFT
PROMETHEUS = f"http://127.0.0.1:{PROMETHEUS_PORT}"
# The stack starts Prometheus and each exporter only when installed (`make system-packages`).
OBSERVED = shutil.which("prometheus") is not None and all(
    shutil.which(spec.binary) for spec in EXPORTERS
)
# The local Web Push receiver (tests/push_receiver.py): the one origin the stack's
# notifications service may push to besides public https endpoints.
PUSH_RECEIVER_PORT = 18380 + SHIFT
PUSH_RECEIVER_ORIGIN = f"http://127.0.0.1:{PUSH_RECEIVER_PORT}"
AMQP_VHOST = f"fitledger_e2e_{SHIFT}" if SHIFT else "fitledger_e2e"
STACK_ENV = {
    "FITLEDGER_DATA_DIR": str(DATA_DIR),
    "DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:5432/fitledger_e2e"
    + (f"_{SHIFT}" if SHIFT else ""),
    # A Redis database per shift: the session fixture flushes it.
    # (SHIFT // 100) % 11 keeps shifts a thousand apart (0, 1000, 2000, ...) in different
    # databases 5-15; with % 10 they all shared database 5 and each run flushed the others'.
    "REDIS_URL": f"redis://127.0.0.1:6379/{5 + (SHIFT // 100) % 11}",
    # A vhost of its own: another stack on this broker (a dev stack, a parallel test run)
    # would otherwise share queue names and take this stack's events.
    "AMQP_URL": f"amqp://guest:guest@127.0.0.1:5672/{AMQP_VHOST}",
    "GATEWAY_PORT": str(GATEWAY_PORT),
    "SERVICE_PORT_BASE": str(8100 + SHIFT),
    "WORKER_METRICS_BASE": str(9100 + SHIFT),
    "PROMETHEUS_PORT": str(PROMETHEUS_PORT),
    "EXPORTER_PORT_BASE": str(9110 + SHIFT),
    "MONGODB_PORT": str(MONGODB_PORT),
    "SMTP_PORT": str(SMTP_PORT),
    "STACK_WITH_UI": "true" if WITH_UI else "false",
    "PUSH_ALLOWED_TEST_ORIGINS": f'["{PUSH_RECEIVER_ORIGIN}"]',
    # The stack imports SR28 on start when its food table is empty: from the copy the
    # repository ships, as a fresh `make run` does (CI's FOOD_DATA_DIR is for other tests).
    "FOOD_DATA_DIR": str(SHIPPED_SR28),
    # Test suites register many users from one address; the limit itself is tested separately.
    "GATEWAY_AUTH_RATE_PER_MINUTE": "6000",
    # A short brute-force window, so a test can see the owner sign in after the cool-down.
    "LOGIN_FAILURE_WINDOW_SECONDS": "4",
}
if EXISTING:
    # The stack you run (`make up`) uses its own stores: fixtures that reach them directly
    # (the admin CLI, the session index, SQL checks) must use the same ones.
    from backend_services.stack.topology import StackSettings

    _running = StackSettings()
    STACK_ENV.update(
        DATABASE_URL=_running.database_url,
        REDIS_URL=_running.redis_url,
        AMQP_URL=_running.amqp_url,
    )
