"""The alert rules' own unit tests (deploy/prometheus/rules.test.yml) pass under promtool,
and they cover every alert both ways: a case where it fires and one where it stays quiet."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml

from backend_services.stack.topology import PROJECT_ROOT

PROMETHEUS = PROJECT_ROOT / "deploy" / "prometheus"
RULES = PROMETHEUS / "rules.yml"
RULE_TESTS = PROMETHEUS / "rules.test.yml"


def alerts() -> set[str]:
    groups = yaml.safe_load(RULES.read_text())["groups"]
    return {rule["alert"] for group in groups for rule in group["rules"] if "alert" in rule}


def cases() -> list[dict]:
    tests = yaml.safe_load(RULE_TESTS.read_text())["tests"]
    return [case for test in tests for case in test.get("alert_rule_test", [])]


@pytest.mark.skipif(shutil.which("promtool") is None, reason="promtool (Debian prometheus)")
def test_promtool_passes_the_rule_tests() -> None:
    done = subprocess.run(
        ["promtool", "test", "rules", str(RULE_TESTS)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_alert_is_tested_firing_and_quiet() -> None:
    firing = {case["alertname"] for case in cases() if case["exp_alerts"]}
    quiet = {case["alertname"] for case in cases() if not case["exp_alerts"]}
    assert alerts() - firing == set(), "alerts without a case where they fire"
    assert alerts() - quiet == set(), "alerts without a case where they stay quiet"
    assert {case["alertname"] for case in cases()} <= alerts(), "tests of unknown alerts"


def test_every_alert_the_operations_guide_names_exists() -> None:
    # docs/operations.md's failure table tells an operator which alert fires: no stale names
    # (a `*` stands for any part of a name, as in FitLedgerSLO*Burn).
    guide = (PROJECT_ROOT / "docs" / "operations.md").read_text()
    named = set(re.findall(r"`(FitLedger[A-Za-z0-9*]+)`", guide))
    assert named, "the guide names no alert"
    for name in named:
        pattern = re.compile(name.replace("*", "[A-Za-z0-9]*") + "$")
        assert any(pattern.match(alert) for alert in alerts()), name
