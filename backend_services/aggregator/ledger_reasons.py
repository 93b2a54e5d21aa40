"""Why each number of the energy ledger is what it is, as a code with parameters: the web app
words it in the reader's language (app/state/ledger_logic.py); the ledger's ``source`` texts
are the same in English for a reader of the API.

The users service words two of them itself (why a day was left out of the adaptive estimate,
and why the adaptive estimate is not used yet: ``users/expenditure.py``); they are read back
into codes here, and ``tests/unit/aggregator/test_ledger_reasons.py`` runs that module to keep
the two in step. A wording this module does not know stays as ``other`` with its text.
"""

from __future__ import annotations

import re
from typing import Any

Reason = dict[str, Any]  # {"code": str, "params": {name: number | text | None}}

_NUMBER = r"([\d,]+(?:\.\d+)?)"
_INCOMPLETE = re.compile(rf"^{_NUMBER} kcal logged, under half the {_NUMBER} kcal")
_FEW_DAYS = re.compile(r"^(\d+) fully logged days of the (\d+) needed$")
_FEW_WEIGH_INS = re.compile(r"^(\d+) weigh-ins of the (\d+) needed$")
_SHORT_SPAN = re.compile(r"^weigh-ins span less than (\d+) days$")


def reason(code: str, **params: Any) -> Reason:
    return {"code": code, "params": params}


def _kcal(text: str) -> float:
    return float(text.replace(",", ""))


def excluded_reason(text: str) -> Reason:
    """A day the adaptive estimate left out: nothing logged, or too little to be true."""
    if text.strip() == "nothing logged":
        return reason("nothing_logged")
    found = _INCOMPLETE.match(text)
    if found:
        return reason("incomplete", logged_kcal=_kcal(found[1]), expected_kcal=_kcal(found[2]))
    return reason("other", text=text)


def adaptive_not_used(text: str) -> Reason:
    """Why the adaptive estimate does not rest on data yet."""
    if found := _FEW_DAYS.match(text):
        return reason("few_logged_days", have=int(found[1]), need=int(found[2]))
    if found := _FEW_WEIGH_INS.match(text):
        return reason("few_weigh_ins", have=int(found[1]), need=int(found[2]))
    if found := _SHORT_SPAN.match(text):
        return reason("short_weigh_in_span", days=int(found[1]))
    return reason("other", text=text)
