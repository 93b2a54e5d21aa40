"""Lighthouse scores (performance, accessibility) of every page at phone size, signed in.

    python -m bench.lighthouse [--url http://localhost:8080]

Runs against a stack you started with `make up`. Lighthouse comes from the npm registry
(`make lighthouse` installs it into .local/lighthouse) and drives Debian's Chromium
(CHROME_PATH=/usr/bin/chromium). Private pages are scored signed in: a fresh user's session
cookie is sent as an extra header. Lighthouse's default mobile emulation (Moto G power,
slow 4G, 4x CPU slowdown) is used. Results: bench/results/lighthouse.md and .json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

from bench import gateway_overhead as base
from bench import service_stack as ss
from bench.ui_browser import _seed_user

LIGHTHOUSE = base.ROOT / ".local" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
RESULTS = base.ROOT / "bench" / "results"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update"
)
PUBLIC_PAGES = ["/welcome", "/login", "/register", "/forgot-password", "/reset-password?token=x"]
PRIVATE_PAGES = ["/", "/diary", "/onboarding", "/profile", "/notifications", "/settings"]


def score(url: str, cookie: str | None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=performance,accessibility",
            f"--chrome-flags={CHROME_FLAGS}",
        ]
        if cookie:
            cmd.append("--extra-headers=" + json.dumps({"Cookie": f"fl_session={cookie}"}))
        done = subprocess.run(
            cmd,
            env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
        if not out.exists():
            raise SystemExit(f"lighthouse failed for {url}: {done.stderr[-800:]}")
        report = json.loads(out.read_text())
    categories = report["categories"]
    audits = report["audits"]
    failed = [
        key
        for key, audit in audits.items()
        if audit.get("score") == 0 and key in _accessibility_audits(report)
    ]
    if report.get("runtimeError"):
        raise SystemExit(f"lighthouse could not load {url}: {report['runtimeError']}")
    return {
        "performance": categories["performance"]["score"],
        "accessibility": categories["accessibility"]["score"],
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "failed_accessibility_audits": failed,
        "failing_elements": {
            key: [
                item.get("node", {}).get("snippet", "")[:160]
                for item in audits[key].get("details", {}).get("items", [])[:3]
            ]
            for key in failed
        },
    }


def _accessibility_audits(report: dict) -> set[str]:
    return {ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:8080")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("lighthouse is not installed: make lighthouse")
    url = args.url.rstrip("/")
    cookie, _email = _seed_user(url)
    results = {}
    for path in PUBLIC_PAGES + PRIVATE_PAGES:
        results[path] = score(url + path, cookie if path in PRIVATE_PAGES else None)
        print(path, results[path], flush=True)
    machine = base.machine_info("n/a")
    lines = [
        "# Lighthouse at phone size (bench/lighthouse.py)",
        "",
        "Lighthouse's mobile emulation (slow 4G, 4x CPU slowdown); private pages signed in.",
        "",
        "| page | performance | accessibility | FCP ms | LCP ms | TBT ms | failed a11y audits |",
        "|---|---|---|---|---|---|---|",
        *[
            f"| `{path}` | {r['performance']:.2f} | {r['accessibility']:.2f} | {r['fcp_ms']} "
            f"| {r['lcp_ms']} | {r['tbt_ms']} | {', '.join(r['failed_accessibility_audits'])} |"
            for path, r in results.items()
        ],
        "",
        ss.machine_line(machine),
        "",
    ]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "lighthouse.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "lighthouse.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
