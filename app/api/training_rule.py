"""The training-day rule in the profile (`training_rule` of `/api/users/me`): read and set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.api import parsing as p
from app.api.gateway import Authorized

# The users service's bounds per kind (backend_services/users/training_day.py AMOUNT_RANGE).
AMOUNT_RANGE = {"kcal": (1, 1500), "carbohydrate": (1, 400), "add_back": (1, 100)}


@dataclass(frozen=True)
class TrainingRule:
    kind: str  # "kcal", "carbohydrate" or "add_back"
    amount: int  # kcal, grams or percent

    @classmethod
    def from_json(cls, data: Any) -> TrainingRule | None:
        if data is None:
            return None
        b = p.obj(data)
        return cls(kind=p.text(b.get("kind")), amount=p.whole(b.get("amount")))


async def training_rule(api: Authorized) -> TrainingRule | None:
    return TrainingRule.from_json(p.obj(await api.get("/api/users/me")).get("training_rule"))


async def save_training_rule(api: Authorized, rule: TrainingRule | None) -> TrainingRule | None:
    """None removes the rule. Out of bounds: ValidationFailed naming `training_rule`."""
    body = {"training_rule": None if rule is None else {"kind": rule.kind, "amount": rule.amount}}
    answer = await api.patch("/api/users/me", json=body)
    return TrainingRule.from_json(p.obj(answer).get("training_rule"))
