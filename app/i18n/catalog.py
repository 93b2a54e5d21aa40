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


def _load() -> dict[str, Entry]:
    merged: dict[str, Entry] = {}
    owners: dict[str, str] = {}
    for module_info in pkgutil.iter_modules(ru.__path__):
        module = importlib.import_module(f"{ru.__name__}.{module_info.name}")
        for english, russian in module.MESSAGES.items():
            if english in merged and merged[english] != russian:
                raise ValueError(
                    f"{english!r} is translated differently in {owners[english]} and "
                    f"{module_info.name}"
                )
            merged[english] = russian
            owners[english] = module_info.name
    return merged


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


RUSSIAN: dict[str, Entry] = _load()
