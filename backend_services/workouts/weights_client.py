"""Body weight from the users service, which owns the weight log (calories burned need it).

One short GET to an internal users address (``kernel.internal_http``: the next instance when
one is unreachable); any failure or a 404 answers "unknown", and the completion then falls
back to the last weight workouts knows and says so (``weight_source``).
"""

from __future__ import annotations

import logging
from datetime import date

import httpx

from backend_services.kernel.internal_http import InternalClient, NoInstance

log = logging.getLogger("fitledger.workouts.weights")


class UsersServiceWeights:
    """``BodyWeightProvider`` over ``GET /internal/users/{id}/weight?on=`` of the users service."""

    def __init__(self, users: InternalClient):
        self._users = users

    def weight_on(self, user_id: str, on: date) -> float | None:
        try:
            answer = self._users.get(
                "users", f"/internal/users/{user_id}/weight", params={"on": on.isoformat()}
            )
        except NoInstance:
            return None
        except httpx.HTTPError as exc:
            log.warning("users service unreachable", extra={"error": type(exc).__name__})
            return None
        if answer.status_code == 200:
            return float(answer.json()["weight_kg"])
        return None  # 404: no weigh-in yet; anything else: do not guess
