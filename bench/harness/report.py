"""Where results go and the numbers every report shows: percentiles, the saved files."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parents[1]
RESULTS_DIR = BENCH_DIR / "results"


def percentiles_ms(seconds: list[float]) -> dict[str, float]:
    if len(seconds) < 2:
        value = round(seconds[0] * 1000, 2) if seconds else 0.0
        return {"p50": value, "p95": value, "p99": value, "max": value}
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return {
        "p50": round(cuts[49] * 1000, 2),
        "p95": round(cuts[94] * 1000, 2),
        "p99": round(cuts[98] * 1000, 2),
        "max": round(max(seconds) * 1000, 2),
    }


def save(output: Path, stem: str, report: dict[str, Any], markdown: str) -> None:
    output.mkdir(parents=True, exist_ok=True)
    (output / f"{stem}.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    (output / f"{stem}.md").write_text(markdown)
    print("\n" + markdown)
    print(f"written: {output / (stem + '.md')}, {output / (stem + '.json')}")
