"""Body data and goal: the form the onboarding wizard and the profile page share.

The pure part (choices, parsing, validation with the users service's own limits) is tested
without a browser; `BodyFormState` holds the form, saves it by PATCH and loads the targets.
"""

from __future__ import annotations

import datetime as dt

import reflex as rx

from app.api.errors import ApiError, Conflict, NotFound
from app.api.users import (
    MAX_GOAL_RATE_KG_PER_WEEK,
    BodyData,
    CustomTargets,
    Profile,
    UsersApi,
)
from app.i18n import tr
from app.state import units as u
from app.state.custom_targets import API_FIELDS, form_values, parse_custom_targets
from app.state.messages import explain
from app.state.numbers import parse_decimal
from app.state.session import SessionState
from app.state.targets import TargetsView, explain_targets, number

# (value, factor): the users service's activity factors (their names: components/body_form.py).
ACTIVITY_CHOICES: tuple[tuple[str, str], ...] = (
    ("sedentary", "1.2"),
    ("light", "1.375"),
    ("moderate", "1.55"),
    ("very_active", "1.725"),
    ("extra_active", "1.9"),
)
GOAL_CHOICES: tuple[str, ...] = ("lose", "maintain", "gain")
RATE_CHOICES: tuple[str, ...] = ("0.25", "0.5", "0.75", "1.0")
DEFAULT_RATE = "0.5"
KCAL_PER_KG = 7700  # rule of thumb the users service uses (DOMAIN.md)
# The users service's limits (backend_services/users/schemas.py), checked here first so the
# user hears about a typo before a round trip.
HEIGHT_CM = (50.0, 272.0)
WEIGHT_KG = (20.0, 500.0)
AGE_YEARS = (13, 120)

BODY_FIELDS = ("sex", "birth_date", "height_cm", "weight_kg", "activity_level")
GOAL_FIELDS = ("goal", "goal_rate_kg_per_week")


def age_on(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def rate_in_words(rate: str, units: str = u.METRIC, language: str = "en") -> str:
    """ "0.5" (kg) → "0.5 kg a week (about 550 kcal a day)" / "1.1 lb a week (...)"."""
    value = parse_decimal(rate) or 0.0
    amount = number(u.kg_to_shown(value, units), 2, language)
    shown = f"{amount} {u.weight_unit(units, language)}"
    return tr(
        language,
        "{amount} a week (about {kcal} kcal a day)",
        amount=shown,
        kcal=number(value * KCAL_PER_KG / 7, language=language),
    )


def validate_body(
    sex: str,
    birth_date: str,
    height: str,
    weight: str,
    activity: str,
    today: dt.date,
    units: str = u.METRIC,
    language: str = "en",
) -> dict[str, str]:
    """Step 1: {field: plain message} for what is missing or out of range. `height` and
    `weight` are as typed in the user's units (cm/kg or ft in/lb)."""
    errors: dict[str, str] = {}
    if sex not in ("male", "female"):
        errors["sex"] = tr(language, "Choose the sex the formulas should use.")
    try:
        born = dt.date.fromisoformat(birth_date.strip())
    except ValueError:
        errors["birth_date"] = tr(language, "Enter your birth date.")
    else:
        age = age_on(born, today)
        if not AGE_YEARS[0] <= age <= AGE_YEARS[1]:
            errors["birth_date"] = tr(
                language,
                "Your age must be between {low} and {high}.",
                low=AGE_YEARS[0],
                high=AGE_YEARS[1],
            )
    cm, kg = u.parse_height_cm(height, units), u.parse_weight_kg(weight, units)
    if cm is None:
        errors["height_cm"] = (
            tr(language, "Enter your height like 5 ft 7 in.")
            if u.imperial(units)
            else tr(language, "Enter a number in cm.")
        )
    elif not HEIGHT_CM[0] <= round(cm, 1) <= HEIGHT_CM[1]:
        low, high = (u.height_text(limit, units, language) for limit in HEIGHT_CM)
        if not u.imperial(units):
            low = f"{HEIGHT_CM[0]:g}"  # "between 50 and 272 cm"
        errors["height_cm"] = tr(language, "Enter between {low} and {high}.", low=low, high=high)
    unit = u.weight_unit(units, language)
    if kg is None:
        errors["weight_kg"] = tr(language, "Enter a number in {unit}.", unit=unit)
    elif not WEIGHT_KG[0] <= round(kg, 2) <= WEIGHT_KG[1]:
        low, high = (u.weight_number(limit, units, language) for limit in WEIGHT_KG)
        errors["weight_kg"] = tr(
            language, "Enter between {low} and {high} {unit}.", low=low, high=high, unit=unit
        )
    if activity not in {c[0] for c in ACTIVITY_CHOICES}:
        errors["activity_level"] = tr(language, "Choose how active you are.")
    return errors


def validate_goal(
    goal: str, rate: str, units: str = u.METRIC, language: str = "en"
) -> dict[str, str]:
    """Step 2: a goal, and a weekly rate unless keeping the weight."""
    if goal not in GOAL_CHOICES:
        return {"goal": tr(language, "Choose a goal.")}
    if goal == "maintain":
        return {}
    value = parse_decimal(rate)
    if value is None or not 0 < value <= MAX_GOAL_RATE_KG_PER_WEEK:
        top = u.weight_text(MAX_GOAL_RATE_KG_PER_WEEK, units, language)
        return {
            "goal_rate_kg_per_week": tr(language, "Choose how fast, up to {top} a week.", top=top)
        }
    return {}


def body_data(
    sex: str,
    birth_date: str,
    height: str,
    weight: str,
    activity: str,
    goal: str,
    rate: str,
    units: str = u.METRIC,
) -> BodyData:
    """The validated form as the users client takes it, in SI (call the validators first)."""
    return BodyData(
        sex=sex,
        birth_date=dt.date.fromisoformat(birth_date.strip()),
        height_cm=round(u.parse_height_cm(height, units) or 0.0, 1),
        weight_kg=round(u.parse_weight_kg(weight, units) or 0.0, 2),
        activity_level=activity,
        goal=goal,
        goal_rate_kg_per_week=0.0 if goal == "maintain" else (parse_decimal(rate) or 0.0),
    )


def closest_rate(rate: float) -> str:
    """The rate choice nearest a stored rate (profiles made elsewhere may hold 0.3)."""
    return min(RATE_CHOICES, key=lambda choice: abs(float(choice) - rate))


class BodyFormState(SessionState):
    """The body-data and goal form, its field errors, and the targets computed from it."""

    sex: str = ""
    birth_date: str = ""
    height_cm: str = ""  # as typed, in the user's units (cm or ft in)
    weight_kg: str = ""  # as typed, in the user's units (kg or lb)
    units: str = u.METRIC  # the profile's choice (app/state/units.py)

    @rx.var
    def weight_unit(self) -> str:
        return u.weight_unit(self.units, self.language)

    activity_level: str = ""
    goal: str = ""
    goal_rate: str = DEFAULT_RATE

    sex_error: str = ""
    birth_date_error: str = ""
    height_cm_error: str = ""
    weight_kg_error: str = ""
    activity_level_error: str = ""
    goal_error: str = ""
    goal_rate_error: str = ""
    form_error: str = ""

    saving: bool = False
    profile_loading: bool = True
    targets_loading: bool = False
    targets_error: str = ""
    has_targets: bool = False
    targets: TargetsView = TargetsView()

    # Your own targets (empty = the formula): kcal/day, protein g/kg, fat % of energy.
    custom_kcal: str = ""
    custom_protein: str = ""
    custom_fat: str = ""
    custom_kcal_error: str = ""
    custom_protein_error: str = ""
    custom_fat_error: str = ""
    custom_saving: bool = False
    custom_notice: str = ""

    @rx.event
    def set_custom(self, field: str, value: str):
        setattr(self, f"custom_{field}", value)
        setattr(self, f"custom_{field}_error", "")
        self.custom_notice = ""

    @rx.event
    async def save_custom_targets(self):
        await self._store_custom(use_formula=False)

    @rx.event
    async def use_formula_targets(self):
        await self._store_custom(use_formula=True)

    async def _store_custom(self, *, use_formula: bool) -> None:
        if use_formula:
            choices, errors = CustomTargets(), {}
        else:
            choices, errors = parse_custom_targets(
                self.custom_kcal, self.custom_protein, self.custom_fat, self.units, self.language
            )
        for field in ("kcal", "protein", "fat"):
            setattr(self, f"custom_{field}_error", errors.get(field, ""))
        if errors:
            return
        self.custom_saving = True
        try:
            profile = await UsersApi(self.api()).save_custom_targets(choices)
            await self._load_targets()
        except ApiError as error:
            message, fields = explain(error, self.language)
            for api_field, field in API_FIELDS.items():
                setattr(self, f"custom_{field}_error", fields.get(api_field, ""))
            self.custom_notice = "" if fields else message
            return
        finally:
            self.custom_saving = False
        values = form_values(profile, self.units)
        self.custom_kcal, self.custom_protein, self.custom_fat = (
            values["kcal"],
            values["protein"],
            values["fat"],
        )
        self.custom_notice = (
            tr(self.language, "Back to the formulas' targets.")
            if use_formula
            else tr(self.language, "Your targets are saved.")
        )

    @rx.event
    def set_sex(self, value: str):
        self.sex, self.sex_error = value, ""

    @rx.event
    def set_birth_date(self, value: str):
        self.birth_date, self.birth_date_error = value, ""

    @rx.event
    def set_height_cm(self, value: str):
        self.height_cm, self.height_cm_error = value, ""

    @rx.event
    def set_weight_kg(self, value: str):
        self.weight_kg, self.weight_kg_error = value, ""

    @rx.event
    def set_activity_level(self, value: str):
        self.activity_level, self.activity_level_error = value, ""

    @rx.event
    def set_goal(self, value: str):
        self.goal, self.goal_error = value, ""
        if value != "maintain" and not self.goal_rate:
            self.goal_rate = DEFAULT_RATE

    @rx.event
    def set_goal_rate(self, value: str):
        self.goal_rate, self.goal_rate_error = value, ""

    def _show_errors(self, errors: dict[str, str]) -> None:
        self.sex_error = errors.get("sex", "")
        self.birth_date_error = errors.get("birth_date", "")
        self.height_cm_error = errors.get("height_cm", "")
        self.weight_kg_error = errors.get("weight_kg", "")
        self.activity_level_error = errors.get("activity_level", "")
        self.goal_error = errors.get("goal", "")
        self.goal_rate_error = errors.get("goal_rate_kg_per_week", "")

    def _fill_from(self, profile: Profile) -> None:
        self.sex = profile.sex or ""
        self.birth_date = profile.birth_date.isoformat() if profile.birth_date else ""
        self.units = profile.units
        self.height_cm = u.height_field(profile.height_cm, self.units)
        self.weight_kg = u.weight_field(profile.weight_kg, self.units)
        self.activity_level = profile.activity_level or ""
        self.goal = profile.goal or ""
        rate = profile.goal_rate_kg_per_week
        self.goal_rate = closest_rate(rate) if rate > 0 else DEFAULT_RATE
        values = form_values(profile, self.units)
        self.custom_kcal, self.custom_protein, self.custom_fat = (
            values["kcal"],
            values["protein"],
            values["fat"],
        )

    def _body_errors(self) -> dict[str, str]:
        today = dt.datetime.now(dt.UTC).date()
        return validate_body(
            self.sex,
            self.birth_date,
            self.height_cm,
            self.weight_kg,
            self.activity_level,
            today,
            self.units,
            self.language,
        )

    def _goal_errors(self) -> dict[str, str]:
        return validate_goal(self.goal, self.goal_rate, self.units, self.language)

    async def _load_profile(self) -> Profile | None:
        """Fill the form from the stored profile; None (form left empty) when there is none
        yet: the users service makes it a moment after registration."""
        self.profile_loading = True
        self.form_error = ""
        try:
            profile = await UsersApi(self.api()).profile()
        except NotFound:
            return None
        except ApiError as error:
            self.form_error = explain(error, self.language)[0]
            raise
        finally:
            self.profile_loading = False
        self._fill_from(profile)
        return profile

    def _profile_extras(self) -> dict[str, str]:
        """More profile fields the page saves with the form (onboarding: the language)."""
        return {}

    async def _save(self) -> bool:
        """PATCH the form; the API's field errors go next to their fields."""
        self.saving = True
        self.form_error = ""
        data = body_data(
            self.sex,
            self.birth_date,
            self.height_cm,
            self.weight_kg,
            self.activity_level,
            self.goal,
            self.goal_rate,
            self.units,
        )
        try:
            await UsersApi(self.api()).update_profile(**data.to_json(), **self._profile_extras())
        except NotFound:
            self.form_error = tr(
                self.language, "Your account is still being set up. Try again in a few seconds."
            )
            return False
        except ApiError as error:
            message, fields = explain(error, self.language)
            self._show_errors(fields)
            self.form_error = message
            raise
        finally:
            self.saving = False
        return True

    async def _load_targets(self) -> None:
        self.targets_loading = True
        self.targets_error = ""
        try:
            targets = await UsersApi(self.api()).targets()
        except Conflict:
            self.has_targets = False
            self.targets_error = tr(
                self.language, "Fill in your body data and goal to get your targets."
            )
            return
        except ApiError as error:
            self.has_targets = False
            self.targets_error = explain(error, self.language)[0]
            raise
        finally:
            self.targets_loading = False
        self.targets = explain_targets(targets, self.units, self.language)
        self.has_targets = True
