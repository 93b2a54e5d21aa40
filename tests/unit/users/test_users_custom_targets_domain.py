"""The user's own calorie target and macro split: domain numbers and request bounds."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from body_profiles import LIGHT_WOMAN
from pydantic import ValidationError

from backend_services.users.domain import (
    ActivityLevel,
    BodyProfile,
    Goal,
    Sex,
    TargetSource,
    compute_targets,
    macro_targets,
)
from backend_services.users.schemas import ProfilePatch, ProfileReplace

TODAY = date(2025, 6, 15)
D = Decimal
# DOMAIN.md's reference man: 80 kg, 180 cm, 30 y -> Mifflin-St Jeor BMR 1780 kcal;
# sedentary (x 1.2) and maintaining -> TDEE and formula target 2136 kcal.
REFERENCE_MAN = BodyProfile(
    sex=Sex.MALE,
    birth_date=date(1995, 1, 1),
    height_cm=D("180"),
    weight_kg=D("80"),
    activity_level=ActivityLevel.SEDENTARY,
    goal=Goal.MAINTAIN,
)


def make_body(**overrides: Any) -> BodyProfile:
    return replace(REFERENCE_MAN, **overrides)


def test_without_choices_the_formulas_decide() -> None:
    targets = compute_targets(make_body(), TODAY)
    assert targets.bmr.value == D("1780.00")
    assert targets.target_source is TargetSource.FORMULA
    assert targets.calorie_target_kcal == targets.formula_target_kcal == D("2136")
    assert targets.below_safe_floor is False
    macros = targets.macros
    assert (macros.protein_g_per_kg, macros.fat_energy_share) == (D("1.6"), D("0.25"))
    assert (macros.protein_source, macros.fat_source) == (TargetSource.FORMULA,) * 2
    assert not any("You set" in note for note in targets.notes)


def test_a_user_target_replaces_the_formula_and_drives_the_macros() -> None:
    body = make_body(
        custom_calorie_target_kcal=D("2000"),
        custom_protein_g_per_kg=D("2.0"),
        custom_fat_energy_share=D("0.25"),
    )
    targets = compute_targets(body, TODAY)
    assert targets.bmr.value == D("1780.00") and targets.tdee_kcal == D("2136.00")
    assert targets.target_source is TargetSource.USER
    assert targets.calorie_target_kcal == D("2000")
    assert targets.formula_target_kcal == D("2136")  # still shown beside the user's
    assert targets.unadjusted_target_kcal == D("2136") and targets.floor_applied is False
    assert targets.below_safe_floor is False
    macros = targets.macros
    assert macros.protein_g == D("160")  # 2.0 g/kg x 80 kg
    assert macros.fat_g == D("56")  # 2000 x 0.25 / 9 = 55.56 g, whole grams
    assert macros.carbohydrate_g == D("215")  # (2000 - 160x4 - 500) / 4
    assert (macros.protein_g_per_kg, macros.fat_energy_share) == (D("2.0"), D("0.25"))
    assert (macros.protein_source, macros.fat_source) == (TargetSource.USER,) * 2
    assert "You set 2000 kcal/day; the formulas suggest 2136 kcal/day." in targets.notes
    assert not any("Warning" in note for note in targets.notes)


def test_a_user_target_below_the_safe_floor_is_kept_with_a_warning() -> None:
    targets = compute_targets(make_body(custom_calorie_target_kcal=D("1200")), TODAY)
    assert targets.calorie_target_kcal == D("1200")  # warned, not refused or lifted
    assert targets.safe_floor_kcal == D("1500")
    assert targets.below_safe_floor is True and targets.floor_applied is False
    warning = next(note for note in targets.notes if note.startswith("Warning"))
    assert "1200 kcal/day is below the safe minimum of 1500 kcal/day" in warning
    # Default split on the user's target: protein 128 g, fat 1200 x 0.25 / 9 = 33.3 g,
    # carbohydrate (1200 - 512 - 300) / 4 = 97 g.
    macros = targets.macros
    assert (macros.protein_g, macros.fat_g, macros.carbohydrate_g) == (D("128"), D("33"), D("97"))


def test_the_floor_note_speaks_of_the_formula_when_the_user_chose_a_target() -> None:
    body = make_body(
        goal=Goal.LOSE, goal_rate_kg_per_week=D("1"), custom_calorie_target_kcal=D("1800")
    )
    targets = compute_targets(body, TODAY)
    # 2136 - 1100 = 1036 < 1500: the formulas' suggestion is held at the floor ...
    assert targets.unadjusted_target_kcal == D("1036")
    assert (targets.formula_target_kcal, targets.floor_applied) == (D("1500"), True)
    # ... and the user's 1800 is in force, above the floor.
    assert targets.calorie_target_kcal == D("1800") and targets.below_safe_floor is False
    assert any("the formulas' suggestion is held at 1500 kcal" in n for n in targets.notes)
    assert "You set 1800 kcal/day; the formulas suggest 1500 kcal/day." in targets.notes


def test_a_protein_setting_alone_keeps_the_formula_target() -> None:
    targets = compute_targets(make_body(custom_protein_g_per_kg=D("2.2")), TODAY)
    assert targets.target_source is TargetSource.FORMULA
    assert targets.calorie_target_kcal == D("2136")
    macros = targets.macros
    assert macros.protein_g == D("176")  # 2.2 x 80
    assert macros.fat_g == D("59")  # 2136 x 0.25 / 9 = 59.3
    assert macros.carbohydrate_g == D("225")  # (2136 - 704 - 534) / 4 = 224.5
    assert (macros.protein_source, macros.fat_source) == (TargetSource.USER, TargetSource.FORMULA)


def test_a_fat_share_alone_changes_fat_and_carbohydrate() -> None:
    macros = macro_targets(D("2000"), D("80"), fat_energy_share=D("0.4"))
    assert macros.protein_g == D("128")
    assert macros.fat_g == D("89")  # 2000 x 0.4 / 9 = 88.9
    assert macros.carbohydrate_g == D("172")  # (2000 - 512 - 800) / 4
    assert macros.fat_source is TargetSource.USER


def test_protein_and_fat_over_the_target_say_why_carbohydrate_is_zero() -> None:
    body = make_body(custom_calorie_target_kcal=D("800"), custom_protein_g_per_kg=D("3.5"))
    targets = compute_targets(body, TODAY)
    macros = targets.macros
    assert (macros.protein_g, macros.fat_g, macros.carbohydrate_g) == (D("280"), D("22"), D("0"))
    # 280 g x 4 + 800 x 0.25 = 1320 kcal from protein and fat alone
    assert any("alone give 1320 kcal" in note for note in targets.notes)
    assert targets.below_safe_floor is True


def test_no_zero_carbohydrate_note_when_the_energy_adds_up() -> None:
    targets = compute_targets(make_body(custom_calorie_target_kcal=D("2000")), TODAY)
    assert not any("carbohydrate is 0 g" in note for note in targets.notes)


# --- request bounds ---

CUSTOM = ("custom_calorie_target_kcal", "custom_protein_g_per_kg", "custom_fat_energy_share")


def field_errors(exc: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return {".".join(str(p) for p in err["loc"]) for err in exc.value.errors()}


def test_patch_accepts_the_choices_rounded_to_stored_precision() -> None:
    patch = ProfilePatch.model_validate(
        {
            "custom_calorie_target_kcal": 2000,
            "custom_protein_g_per_kg": 2.004,
            "custom_fat_energy_share": 0.3,
        }
    )
    assert patch.changes() == {
        "custom_calorie_target_kcal": 2000,
        "custom_protein_g_per_kg": D("2.00"),
        "custom_fat_energy_share": D("0.30"),
    }


def test_an_explicit_null_clears_a_choice() -> None:
    patch = ProfilePatch.model_validate(dict.fromkeys(CUSTOM))
    assert patch.changes() == dict.fromkeys(CUSTOM)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("custom_calorie_target_kcal", 799),
        ("custom_calorie_target_kcal", 10001),
        ("custom_calorie_target_kcal", 2000.5),
        ("custom_calorie_target_kcal", "lots"),
        ("custom_protein_g_per_kg", 0.79),
        ("custom_protein_g_per_kg", 3.51),
        ("custom_protein_g_per_kg", "NaN"),
        ("custom_fat_energy_share", 0.14),
        ("custom_fat_energy_share", 25),  # a percentage, not a fraction
        ("custom_fat_energy_share", "Infinity"),
    ],
)
def test_out_of_bounds_choices_are_refused(field: str, value: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        ProfilePatch.model_validate({field: value})
    assert field in field_errors(exc)


def test_bounds_are_inclusive() -> None:
    for low_high in ((800, 0.8, 0.15), (10000, 3.5, 0.6)):
        ProfilePatch.model_validate(dict(zip(CUSTOM, low_high, strict=True)))


def test_put_without_choices_goes_back_to_the_formulas() -> None:
    body = LIGHT_WOMAN
    replaced = ProfileReplace.model_validate(body)
    assert all(getattr(replaced, name) is None for name in CUSTOM)
    chosen = ProfileReplace.model_validate({**body, "custom_calorie_target_kcal": 1900})
    assert chosen.custom_calorie_target_kcal == 1900
