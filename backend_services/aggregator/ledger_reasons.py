"""Why each number of the energy ledger is what it is, as a code with parameters: the web app
words it in the reader's language (app/state/ledger_logic.py); the ledger's ``source`` texts
are the same in English for a reader of the API. The users service sends its own two (why a
day was left out of the adaptive estimate, why that estimate is not used yet) as codes too.
"""

from __future__ import annotations

from typing import Any

Reason = dict[str, Any]  # {"code": str, "params": {name: number | text | None}}


def reason(code: str, **params: Any) -> Reason:
    return {"code": code, "params": params}
