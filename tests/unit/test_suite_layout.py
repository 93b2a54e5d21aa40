"""The suite collects as one run (`make test`): test folders have no ``__init__.py``, so every
test module is imported by its basename, and ``conftest`` names whichever conftest.py was
imported last. Both broke whole-suite collection once while each folder ran fine alone."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def test_every_test_module_has_its_own_basename() -> None:
    names = Counter(p.name for p in TESTS.rglob("test_*.py"))
    assert [name for name, count in names.items() if count > 1] == []


def test_no_module_imports_from_conftest() -> None:
    importing = [
        str(p.relative_to(TESTS))
        for p in TESTS.rglob("*.py")
        if re.search(r"^\s*(from conftest import|import conftest)", p.read_text(), re.M)
    ]
    assert importing == []
