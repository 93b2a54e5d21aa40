"""A fresh checkout sets itself up: ``make setup`` in a copy of the tracked files builds the
virtualenv, bun and the UI bundle from nothing, the way a new machine's first ``make run`` does.

The copy holds exactly what ``git ls-files`` lists (as in the working tree), so anything the
set-up needs but the repository lacks fails here. pip's download cache is used (the install
itself is real); the Debian package step is in ``.ci/run`` (``FORCE_PACKAGES=1``). The build
needs about 700 MB of memory and takes minutes; the times are printed, not asserted.

CI (``.ci/run``) runs on a clean clone, which is such a copy: it found no ``.venv``, ``.web``
or ``.local`` and set it up from nothing before this test (``FITLEDGER_SET_UP_FROM_NOTHING=1``).
Then this test checks that checkout's results instead of repeating the same minutes of set-up
on a second copy; anywhere else (a developer's checkout, set up long ago) it makes the copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.install, pytest.mark.timeout(3600)]

ROOT = Path(__file__).resolve().parents[2]
BUN = Path(".local/bun/node_modules/@oven/bun-linux-x64/bin/bun")


def tracked_copy(dest: Path) -> int:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False)
    if listed.returncode != 0:
        pytest.fail(f"not a git checkout, cannot list tracked files: {listed.stderr!r}")
    count = 0
    for name in listed.stdout.decode().split("\0"):
        source = ROOT / name
        if name and source.is_file():  # a file deleted in the working tree is not copied
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
            count += 1
    return count


def run(args: list[str], cwd: Path, log: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "MAKEFLAGS")}
    env["PATH"] = os.pathsep.join(
        p for p in env["PATH"].split(os.pathsep) if not p.startswith(str(ROOT))
    )
    start = time.monotonic()
    with log.open("w") as out:
        done = subprocess.run(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    seconds = time.monotonic() - start
    if done.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-40:])
        pytest.fail(f"{' '.join(args)} failed ({done.returncode}) after {seconds:.0f} s:\n{tail}")
    return seconds


# Set by .ci/run only when its clone had no .venv, .web or .local before `make` ran.
SET_UP_BY_CI = os.environ.get("FITLEDGER_SET_UP_FROM_NOTHING") == "1"


def test_make_setup_builds_everything_from_nothing(tmp_path: Path) -> None:
    if SET_UP_BY_CI:
        checkout = ROOT
        print("\nthis clean clone was set up from nothing by .ci/run: checking its results")
    else:
        checkout = tmp_path / "fitledger"
        files = tracked_copy(checkout)
        assert not (checkout / ".venv").exists() and not (checkout / ".web").exists()
        seconds = run(["make", "setup"], checkout, tmp_path / "setup.log")
        print(f"\nmake setup from nothing ({files} tracked files): {seconds:.0f} s")

    cli = subprocess.run(
        [str(checkout / ".venv" / "bin" / "fitledger"), "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for command in ("stack", "foods", "exercises", "data", "admin"):
        assert command in cli.stdout
    bun = subprocess.run(
        [str(checkout / BUN), "--version"], capture_output=True, text=True, check=True
    )
    assert bun.stdout.strip().startswith("1.")
    index = checkout / ".web" / "build" / "client" / "index.html"
    assert "<html" in index.read_text(encoding="utf-8").lower()
    # The bundle has the public URL baked in, and the launcher finds the shipped food data.
    assert (checkout / ".local" / "ui-public-url").read_text().strip() == "http://localhost:8080"
    assert list((checkout / "backend_services" / "nutrition" / "data" / "sr28").glob("*.gz"))

    again = run(["make", "setup"], checkout, tmp_path / "again.log")
    print(f"make setup again (nothing to do): {again:.0f} s")
    log = (tmp_path / "again.log").read_text()
    assert "pip install" not in log and "building for PUBLIC_URL" not in log, log
