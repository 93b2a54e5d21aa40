"""Foods into a benchmark's stack through the ``fitledger foods import`` command, timed, and
the datasets' configured paths (the shipped SR28 unless ``FOOD_DATA_DIR`` says otherwise)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

from backend_services.nutrition.importers.sr28_compact import SHIPPED_SR28
from bench.harness.cli import BenchError
from bench.harness.stack import BenchStack, fitledger_exe, run_quiet

SR28_DIR = Path(os.environ.get("FOOD_DATA_DIR") or SHIPPED_SR28)
OFF_FILE = Path(os.environ["OFF_FILE"]) if os.environ.get("OFF_FILE") else None

REPORT_LINE = re.compile(
    r"(?P<source>\w+): imported (?P<imported>\d+), updated (?P<updated>\d+), "
    r"rejected (?P<rejected>\d+) \((?P<seconds>[\d.]+) s\)"
)


def import_source(
    stack: BenchStack, kind: str, path: Path, timeout: float, *extra: str
) -> dict[str, Any]:
    exe = fitledger_exe()
    env = {**stack.env(), "COLUMNS": "200", "TERM": "dumb", "NO_COLOR": "1"}
    print(f"  importing {kind} from {path} ...", flush=True)
    started = time.perf_counter()
    done = run_quiet([str(exe), "foods", "import", kind, str(path), *extra], env, timeout)
    wall = time.perf_counter() - started
    found = REPORT_LINE.search(done.stderr + done.stdout)
    if done.returncode != 0 or not found:
        raise BenchError(
            f"import {kind} failed ({done.returncode}):\n{done.stdout}\n{done.stderr[-3000:]}"
        )
    counts = {k: int(found[k]) for k in ("imported", "updated", "rejected")}
    written = counts["imported"] + counts["updated"]
    reasons = [
        line.strip()
        for line in (done.stderr + done.stdout).splitlines()
        if line.strip().startswith(("rejected ", "flagged "))
    ]
    result = {
        "kind": kind,
        # The file's name and folder, not where this machine keeps it (any path works).
        "path": f"{path.parent.name}/{path.name}",
        **counts,
        "wall_seconds": round(wall, 1),
        "cli_seconds": float(found["seconds"]),
        "rows_written_per_second": round(written / wall, 0),
        "rows_read_per_second": round((written + counts["rejected"]) / wall, 0),
        "report_lines": reasons,
    }
    print(
        f"    {kind}: {written} written ({counts['imported']} new, {counts['updated']} updated), "
        f"{counts['rejected']} rejected in {wall:.1f} s = {result['rows_written_per_second']:.0f} "
        "rows/s",
        flush=True,
    )
    return result
