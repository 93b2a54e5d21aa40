"""Lighthouse scores (performance, accessibility) of every page at phone size, signed in.

    python -m bench.lighthouse [--url http://localhost:8080] [PATH ...]

Runs against a stack you started with `make up`. Lighthouse comes from the npm registry
(`make lighthouse` installs it into .local/lighthouse) and drives Debian's Chromium
(CHROME_PATH=/usr/bin/chromium). Private pages are scored signed in: a fresh user's session
cookie is sent as an extra header; the admin pages as an administrator made with the operator's
CLI (`fitledger admin create`, on the stores of the stack `make up` runs). Lighthouse's
default mobile emulation (Moto G power, slow 4G, 4x CPU slowdown) is used. Results:
bench/results/lighthouse.md and .json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import httpx

from bench.harness.browser import PASSWORD, user_with_a_week_of_meals
from bench.harness.machine import machine_info, machine_line
from bench.harness.stack import ROOT

LIGHTHOUSE = ROOT / ".local" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
RESULTS = ROOT / "bench" / "results"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update"
)
PUBLIC_PAGES = ["/welcome", "/login", "/register", "/forgot-password", "/reset-password?token=x"]
PRIVATE_PAGES = [
    "/",
    "/diary",
    "/onboarding",
    "/profile",
    "/notifications",
    "/settings",
    "/workouts",
    "/progress",
    "/programs",
    "/programs/new",
    "/recipes",
    "/imports",
    "/imports/diary",
    "/ledger",
]
ADMIN_PAGES = [
    "/admin",
    "/admin/users",
    "/admin/audit",
    "/admin/announcements",
    "/admin/foods",
    "/admin/health",
    "/admin/messaging",
]


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


def _seed_workouts(url: str, email: str) -> tuple[str, str]:
    """Two finished program days, so the progress page draws its charts, and a third left in
    progress (the tracker's page). Returns the tracker's path and the user's id."""
    with httpx.Client(base_url=url, timeout=30) as http:
        token = http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
        auth = {"Authorization": f"Bearer {token.json()['access_token']}"}
        user_id = http.get("/api/users/me", headers=auth).json()["user_id"]
        for day in range(3):
            started = http.post(
                "/api/workouts/programs/builtin:beginner-full-body-3day/start", headers=auth
            ).json()
            for entry in started["exercises"]:
                target = entry["target"]
                for _ in range(target["sets"]):
                    http.post(
                        f"/api/workouts/workouts/{started['id']}/exercises/{entry['id']}/sets",
                        json={"kind": "strength", "reps": target["reps"],
                              "weight_kg": target["weight_kg"]},
                        headers=auth,
                    ).raise_for_status()  # fmt: skip
                    if day == 2:
                        return f"/workouts/{started['id']}", user_id
            http.post(f"/api/workouts/workouts/{started['id']}/complete", headers=auth)
    raise SystemExit("the built-in program had no exercise to put in the tracker")


def _accessibility_audits(report: dict) -> set[str]:
    return {ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]}


def admin_cookie(url: str) -> str:
    """A new administrator's session cookie (signed in by the UI's own form post)."""
    email = f"lighthouse-admin-{uuid.uuid4().hex[:8]}@example.com"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "fitledger"),
            *("admin", "create", "--email", email, "--password", PASSWORD),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with httpx.Client(base_url=url, timeout=30, follow_redirects=False) as http:
        answer = http.post(
            "/session/login",
            data={"email": email, "password": PASSWORD},
            headers={"Origin": url},
        )
        # The form post answers 303 to the next page, with the session cookie.
        if "fl_session" not in answer.cookies:
            raise SystemExit(f"the administrator could not sign in: {answer.status_code}")
        return answer.cookies["fl_session"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:8080")
    parser.add_argument("pages", nargs="*", help="paths to score (default: every page)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("lighthouse is not installed: make lighthouse")
    url = args.url.rstrip("/")
    cookie, email = user_with_a_week_of_meals(url)
    tracker, user_id = _seed_workouts(url, email)
    private = [*PRIVATE_PAGES, tracker]
    admin_pages = [*ADMIN_PAGES, f"/admin/users/{user_id}"]
    pages = args.pages or PUBLIC_PAGES + private + admin_pages
    admin = admin_cookie(url) if any(path.startswith("/admin") for path in pages) else None
    results = {}
    for path in pages:
        public = path in PUBLIC_PAGES
        signed = admin if path.startswith("/admin") else None if public else cookie
        results[path] = score(url + path, signed)
        print(path, results[path], flush=True)
    machine = machine_info("n/a")
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
        machine_line(machine),
        "",
    ]
    print("\n".join(lines))
    if args.pages:
        return  # a few pages: printed only, the stored results stay those of every page
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "lighthouse.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "lighthouse.md").write_text("\n".join(lines))


if __name__ == "__main__":
    main()
