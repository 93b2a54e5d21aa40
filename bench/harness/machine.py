"""The machine a benchmark ran on and its tools (for the report), and wrk itself."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from pathlib import Path
from typing import Any

from bench.harness.cli import BenchError


def ensure_wrk(install: bool) -> str:
    """Path of ``wrk``; installs Debian's package when running as root and allowed to."""
    path = shutil.which("wrk")
    if path:
        return path
    how = "sudo apt-get install -y wrk   (Debian/Ubuntu package 'wrk')"
    if not install or os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise BenchError(f"wrk is not installed. Install it with:\n    {how}")
    print("wrk is missing: installing Debian's package (apt-get install wrk) ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    apt = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"]
    if subprocess.run(apt, env=env, check=False).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
        subprocess.run(apt, env=env, check=False)
    path = shutil.which("wrk")
    if not path:
        raise BenchError(f"could not install wrk. Install it with:\n    {how}")
    return path


def _first_line(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    text = (done.stdout or done.stderr).strip()
    return text.splitlines()[0].strip() if text else "unknown"


def _pkg_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def machine_info(redis_version: str) -> dict[str, Any]:
    lscpu: dict[str, str] = {}
    out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    for line in out.splitlines():
        key, _, value = line.partition(":")
        lscpu[key.strip()] = value.strip()
    mem_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kib = int(line.split()[1])
    return {
        "cpu_model": lscpu.get("Model name", platform.processor() or "unknown"),
        "cpus_online": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)),
        "threads_per_core": lscpu.get("Thread(s) per core"),
        "hypervisor": lscpu.get("Hypervisor vendor"),
        "ram_gib": round(mem_kib / 1024 / 1024, 1),
        "kernel": platform.release(),
        "os": _first_line(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "tools": {
            "wrk": _first_line(["wrk", "-v"]).split(" Copyright")[0],
            "nginx": _first_line(["nginx", "-v"]),
            "python": platform.python_version(),
            "uvicorn": _pkg_version("uvicorn"),
            "fastapi": _pkg_version("fastapi"),
            "pyjwt": _pkg_version("PyJWT"),
            "cryptography": _pkg_version("cryptography"),
            "redis-server": redis_version,
        },
    }


def machine_line(machine: dict[str, Any]) -> str:
    return (
        f"Machine: {machine['cpu_model']}, {machine['cpus_usable']} cores usable "
        f"({machine['threads_per_core']} thread/core, hypervisor "
        f"{machine['hypervisor'] or 'none'}), {machine['ram_gib']} GiB RAM, {machine['os']}, "
        f"kernel {machine['kernel']}; load generator, gateway, services and databases share "
        "these cores."
    )


def redis_version(client: Any) -> str:
    return str(client.info("server").get("redis_version", "unknown"))


def tools_line(machine: dict[str, Any]) -> str:
    tools = machine["tools"]
    return (
        f"Tools: {tools['wrk']}; {tools['nginx']}; Python {tools['python']}, "
        f"uvicorn {tools['uvicorn']}, FastAPI {tools['fastapi']}, PyJWT {tools['pyjwt']}, "
        f"cryptography {tools['cryptography']}; Redis {tools['redis-server']}."
    )
