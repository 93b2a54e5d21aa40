"""Body weight from the users service, which owns the weight log (calories burned need it).

One short GET to an internal users address; any failure or a 404 answers "unknown", and the
completion then falls back to the last weight workouts knows and says so (``weight_source``).
"""

from __future__ import annotations

import itertools
import logging
from datetime import date

import httpx

from backend_services.kernel.service_credentials import CREDENTIAL_HEADER, service_credential

log = logging.getLogger("fitledger.workouts.weights")


class UsersServiceWeights:
    """``BodyWeightProvider`` over ``GET /internal/users/{id}/weight?on=`` of the users service."""

    def __init__(self, base_urls: list[str], secret: bytes | None, *, timeout_seconds: float = 1.0):
        self._urls = base_urls
        self._start = itertools.cycle(range(max(len(base_urls), 1)))
        headers = {CREDENTIAL_HEADER: service_credential(secret, "workouts")} if secret else {}
        self._client = httpx.Client(timeout=timeout_seconds, headers=headers)

    def weight_on(self, user_id: str, on: date) -> float | None:
        if not self._urls:
            return None
        first = next(self._start)
        for base_url in self._urls[first:] + self._urls[:first]:
            try:
                answer = self._client.get(
                    f"{base_url}/internal/users/{user_id}/weight", params={"on": on.isoformat()}
                )
            except httpx.HTTPError as exc:
                log.warning("users service unreachable", extra={"error": type(exc).__name__})
                continue
            if answer.status_code == 200:
                return float(answer.json()["weight_kg"])
            return None  # 404: no weigh-in yet; anything else: do not guess
        return None

    def close(self) -> None:
        self._client.close()
