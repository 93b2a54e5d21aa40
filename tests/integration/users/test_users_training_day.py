"""The training-day rule on the real PostgreSQL: stored in the profile (and its check), applied
to the targets of a day the workout events recorded a workout for, cleared."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

import pytest
from body_profiles import REFERENCE_MAN
from contract_events import workout_finished
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from backend_services.kernel.messaging import Event
from backend_services.users.schemas import ProfilePatch
from backend_services.users.service import UsersService

BODY = {**REFERENCE_MAN, "training_rule": {"kind": "add_back", "amount": 50}}
DAY = date(2025, 3, 9)  # the day before the clock fixture's today


def test_a_workout_day_gets_half_its_net_energy_back(
    users_service: UsersService, deliver: Callable[[Event], bool]
) -> None:
    user = str(uuid.uuid4())
    profile = users_service.patch_profile(user, ProfilePatch.model_validate(BODY))
    assert profile["training_rule"] == {"kind": "add_back", "amount": 50}
    # an hour's workout of 480 kcal at 80 kg: 400 kcal net, half of it back
    event = workout_finished(user, kcal=480, duration_s=3600, local_date=DAY.isoformat())
    assert deliver(event)
    day = users_service.targets(user, DAY)
    base = day["training_day"]["base_calorie_target_kcal"]
    assert day["training_day"]["net_exercise_kcal"] == 400.0
    assert (day["training_day"]["extra_kcal"], day["calorie_target_kcal"]) == (200, base + 200)
    assert users_service.targets(user, date(2025, 3, 8))["calorie_target_kcal"] == base
    cleared = users_service.patch_profile(
        user, ProfilePatch.model_validate({"training_rule": None})
    )
    assert cleared["training_rule"] is None
    assert "training_day" not in users_service.targets(user, DAY)  # null in the answer


@pytest.mark.parametrize(
    ("kind", "amount"), [("add_back", 500), ("kcal", 0), ("sprint", 10), ("kcal", None), (None, 10)]
)
def test_the_table_refuses_a_rule_out_of_bounds(
    users_service: UsersService, users_engine: Engine, kind: str | None, amount: int | None
) -> None:
    user = str(uuid.uuid4())
    users_service.patch_profile(user, ProfilePatch.model_validate({"language": "en"}))
    with pytest.raises(IntegrityError), users_engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE users.profiles SET training_rule_kind = :k, training_rule_amount = :a "
                "WHERE user_id = :u"
            ),
            {"k": kind, "a": amount, "u": user},
        )
