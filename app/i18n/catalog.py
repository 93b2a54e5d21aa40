"""The Russian catalog: every area's module under `app/i18n/ru/`, merged and checked.

An entry maps the English text to its Russian text, or, for counted things, to a `Plural`
of the three Russian forms. Placeholders (`{kcal}`) must be the same on both sides.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass

from app.i18n import ru


@dataclass(frozen=True, slots=True)
class Plural:
    """The Russian forms for 1, 2-4 and 5+ (CLDR one, few, many); fractions take `few`."""

    one: str
    few: str
    many: str

    def forms(self) -> tuple[str, str, str]:
        return (self.one, self.few, self.many)


Entry = str | Plural
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _load() -> tuple[dict[str, Entry], list[str]]:
    """The merged catalog, and the texts two areas translate differently (the first area's
    translation is used; the catalog test fails on any: one word, one translation)."""
    merged: dict[str, Entry] = {}
    owners: dict[str, str] = {}
    conflicts: list[str] = []
    for module_info in pkgutil.iter_modules(ru.__path__):
        module = importlib.import_module(f"{ru.__name__}.{module_info.name}")
        for english, russian in module.MESSAGES.items():
            if english in merged:
                if merged[english] != russian:
                    conflicts.append(
                        f"{english!r}: {owners[english]} says {merged[english]!r}, "
                        f"{module_info.name} says {russian!r}"
                    )
                continue
            merged[english] = russian
            owners[english] = module_info.name
    return merged, conflicts


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


RUSSIAN, CONFLICTS = _load()
