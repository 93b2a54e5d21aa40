"""The users client's own-target fields: parsing, defaults for older answers, what it sends."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx

from app.api.gateway import Authorized, Gateway, TokenSource
from app.api.users import CustomTargets, Profile, Targets, UsersApi
from app.state.targets import training_day_text


class StaticToken(TokenSource):
    async def access_token(self) -> str:
        return "token"

    async def renewed_access_token(self, rejected: str) -> str:
        return "token"


def test_targets_read_the_source_the_formula_value_and_the_floor_warning() -> None:
    targets = Targets.from_json(
        {
            "calorie_target_kcal": 1200,
            "target_source": "user",
            "formula_target_kcal": 2136,
            "below_safe_floor": True,
            "macros": {"protein_g": 160, "protein_source": "user", "fat_source": "formula"},
        }
    )
    assert (targets.calorie_target_kcal, targets.formula_target_kcal) == (1200, 2136)
    assert targets.target_source == "user" and targets.below_safe_floor is True
    assert (targets.macros.protein_source, targets.macros.fat_source) == ("user", "formula")


def test_an_answer_without_the_new_fields_reads_as_the_formulas() -> None:
    targets = Targets.from_json({"calorie_target_kcal": 2100})
    assert targets.target_source == "formula" and targets.formula_target_kcal == 2100
    assert targets.below_safe_floor is False and targets.macros.protein_source == "formula"


def test_profile_reads_the_custom_targets() -> None:
    body: dict[str, Any] = {
        "user_id": "u1",
        "custom_calorie_target_kcal": 2000,
        "custom_protein_g_per_kg": 2.0,
        "custom_fat_energy_share": None,
    }
    profile = Profile.from_json(body)
    assert profile.custom_calorie_target_kcal == 2000 and profile.custom_protein_g_per_kg == 2.0
    assert profile.custom_fat_energy_share is None
    assert CustomTargets.of(profile) == CustomTargets(2000, 2.0, None)


def test_saving_custom_targets_sends_all_three_so_none_clears() -> None:
    sent: list[tuple[str, dict[str, Any]]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append((request.method, json.loads(request.content)))
        return httpx.Response(200, json={"user_id": "u1", **sent[-1][1]})

    gateway = Gateway("http://gateway.test", transport=httpx.MockTransport(handler))
    users = UsersApi(Authorized(gateway, StaticToken()))
    profile = asyncio.run(users.save_custom_targets(CustomTargets(calorie_target_kcal=1900)))
    assert sent == [
        (
            "PATCH",
            {
                "custom_calorie_target_kcal": 1900,
                "custom_protein_g_per_kg": None,
                "custom_fat_energy_share": None,
            },
        )
    ]
    assert profile.custom_calorie_target_kcal == 1900


def test_the_training_day_says_why_in_english_and_russian() -> None:
    def day(**training_day: object) -> Targets:
        base = {"applied": True, "extra_kcal": 250, "reason": "r", "workouts": 0}
        return Targets.from_json({"training_day": {**base, **training_day}})

    planned = day(planned_program="Push pull", planned_weekdays=["monday", "friday"])
    assert training_day_text(planned) == "training day (planned: Push pull, Mon · Fri): +250 kcal"
    assert training_day_text(planned, "ru") == (
        "день тренировки (по плану: Push pull, Пн · Пт): +250 ккал"
    )
    assert training_day_text(day(workouts=1)) == "training day (workout completed): +250 kcal"
    both = day(workouts=1, planned_program="Push pull", planned_weekdays=["monday"])
    assert training_day_text(both, "ru") == (
        "день тренировки (тренировка завершена; по плану: Push pull, Пн): +250 ккал"
    )
