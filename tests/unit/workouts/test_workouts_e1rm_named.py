"""Every estimated one-rep max in a workouts answer says how it was estimated (issue 13: the
mean of Epley and Brzycki shown as a bare `e1rm_kg` while the docs suggested Epley)."""

from __future__ import annotations

import inspect

from pydantic import BaseModel

from backend_services.workouts import schemas
from backend_services.workouts.domain import E1RM_FORMULA

# named for their own formula, or a program's input rather than an estimate shown
SELF_NAMED = {"e1rm_formula", "e1rm_epley", "e1rm_brzycki", "percent_e1rm"}


def answer_models() -> list[type[BaseModel]]:
    return [
        model
        for _, model in inspect.getmembers(schemas, inspect.isclass)
        if issubclass(model, BaseModel) and model.__module__ == schemas.__name__
    ]


def test_each_e1rm_field_names_its_formula_beside_it_or_in_its_description() -> None:
    unnamed = [
        f"{model.__name__}.{name}"
        for model in answer_models()
        for name, field in model.model_fields.items()
        if "e1rm" in name
        and name not in SELF_NAMED
        and "e1rm_formula" not in model.model_fields
        and E1RM_FORMULA not in (field.description or "")
    ]
    assert unnamed == []
    assert any("e1rm" in name for m in answer_models() for name in m.model_fields)


def test_a_personal_records_value_names_the_formula_for_an_e1rm_record() -> None:
    assert E1RM_FORMULA in (schemas.PersonalRecord.model_fields["value"].description or "")
