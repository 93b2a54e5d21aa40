"""The gateway's CSP has no 'unsafe-eval' (deploy/nginx/security_headers.conf), so the UI
must not use the Reflex event helpers whose JavaScript the browser runs with ``eval`` when a
backend handler returns them (reflex_base's state.js: ``_call_script``, ``_call_function``).
Read from the source of app/ and components/, so a new use fails here, not in a browser."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
UI_SOURCES = sorted((ROOT / "app").rglob("*.py")) + sorted((ROOT / "components").rglob("*.py"))
# Reflex 0.10: call_script and call_function, and the helpers built on run_script.
EVALUATED = {
    "call_script",
    "call_function",
    "run_script",
    "console_log",
    "window_alert",
    "scroll_to",
    "set_clipboard",
    "back",
    "noop",
    "_call_script",
    "_call_function",
}
HEADERS = ROOT / "deploy" / "nginx" / "security_headers.conf"


def _is_reflex(node: ast.expr) -> bool:
    """``rx`` or ``reflex`` (a state's own handler may be called ``back``)."""
    return isinstance(node, ast.Name) and node.id in ("rx", "reflex")


def evaluated_uses(source: str) -> list[str]:
    """``rx.call_script(...)``, ``from reflex import call_function``, ``"_call_script"``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in EVALUATED and _is_reflex(node.value):
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reflex"):
            found += [
                f"line {node.lineno}: import {a.name}" for a in node.names if a.name in EVALUATED
            ]
        elif isinstance(node, ast.Constant) and node.value in EVALUATED:
            found.append(f"line {node.lineno}: {node.value!r}")
    return found


def test_the_ui_sources_are_found() -> None:
    assert len(UI_SOURCES) > 20
    assert ROOT / "app" / "app.py" in UI_SOURCES


@pytest.mark.parametrize(
    "source",
    [
        "import reflex as rx\ndef go():\n    return rx.call_script('alert(1)')\n",
        "from reflex import call_function\n",
        "import reflex as rx\nx = rx.console_log('hi')\n",
        "event = {'name': '_call_script'}\n",
        "import reflex\nx = reflex.back()\n",
    ],
)
def test_a_use_is_recognised(source: str) -> None:
    assert evaluated_uses(source)


def test_no_ui_module_uses_an_evaluated_event() -> None:
    uses = {
        str(path.relative_to(ROOT)): found
        for path in UI_SOURCES
        if (found := evaluated_uses(path.read_text()))
    }
    assert not uses, uses


def test_the_gateway_policy_allows_no_eval() -> None:
    policy = next(
        line for line in HEADERS.read_text().splitlines() if "Content-Security-Policy" in line
    )
    assert "script-src 'self'" in policy
    assert "'unsafe-eval'" not in policy


def test_a_states_own_handler_of_the_same_name_is_not_a_use() -> None:
    assert evaluated_uses("def nav(s):\n    return s.back\n") == []
