"""The rendered gateway config is valid for the real nginx binary."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from backend_services.stack.render import render_gateway
from backend_services.stack.topology import StackSettings


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
@pytest.mark.parametrize("with_ui", [True, False])
def test_nginx_accepts_the_rendered_config(tmp_path: Path, with_ui: bool) -> None:
    settings = StackSettings(FITLEDGER_DATA_DIR=tmp_path, STACK_WITH_UI=with_ui)
    for directory in (settings.run_dir / "nginx" / "logs", settings.log_dir):
        directory.mkdir(parents=True, exist_ok=True)
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (settings.run_dir / "nginx-tmp" / sub).mkdir(parents=True, exist_ok=True)
    conf = settings.run_dir / "nginx.conf"
    conf.write_text(render_gateway(settings))
    result = subprocess.run(
        ["nginx", "-t", "-p", str(settings.run_dir / "nginx"), "-c", str(conf)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr
