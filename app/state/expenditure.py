"""What the user really burns (the users service's adaptive estimate) and the weekly check-in:
"your expenditure looks like 2,480 ± 120 kcal; new target 1,930" — accept it or keep yours."""

from __future__ import annotations

import reflex as rx

from app.api.errors import ApiError, Conflict
from app.api.expenditure import Expenditure, expenditure
from app.api.users import UsersApi
from app.i18n import formats, tr
from app.state import units as u
from app.state.body import BodyFormState
from app.state.diary_logic import fmt_kcal
from app.state.messages import explain
from app.state.preferences import PreferencesState

SHOWN_EXCLUDED = 7  # the most recent days left out, with their reason


def expenditure_view(e: Expenditure, units: str = u.METRIC, language: str = "en") -> dict[str, str]:
    """The card's lines; every number says where it came from. The reason, the method and
    the check-in's message are the users service's words."""
    period = tr(
        language,
        "{start} to {end}",
        start=formats.fmt_date(language, e.window_start, "day_month"),
        end=formats.fmt_date(language, e.window_end, "day_month"),
    )
    days = (e.window_end - e.window_start).days + 1
    if e.source == "data":
        source = tr(
            language,
            "From {days} fully logged days and {weigh_ins} weigh-ins ({period}), combined with "
            "the formula's {kcal} kcal; your data carries {share}% of the answer.",
            days=e.trusted_days,
            weigh_ins=e.weigh_ins,
            period=period,
            kcal=fmt_kcal(e.formula_tdee_kcal, language),
            share=round(e.data_weight * 100),
        )
    else:
        source = tr(
            language,
            "The formula's estimate for now: {reason} ({period}).",
            reason=u.in_units(e.reason, units),
            period=period,
        )
    trend = ""
    if e.weight_slope_kg_per_week is not None:
        shown = u.kg_to_shown(e.weight_slope_kg_per_week, units)
        slope = f"{shown:+.2f}".replace(".", "," if language == "ru" else ".")
        unit = u.weight_unit(units, language)
        if e.mean_intake_kcal is not None:
            trend = tr(
                language,
                "Weight line {slope} {unit} a week on {kcal} kcal a day eaten.",
                slope=slope,
                unit=unit,
                kcal=fmt_kcal(e.mean_intake_kcal, language),
            )
        else:
            trend = tr(language, "Weight line {slope} {unit} a week.", slope=slope, unit=unit)
    check = e.check_in
    return {
        # To 10 kcal, as the check-in says it: the estimate is not more precise than that.
        "headline": tr(
            language,
            "{kcal} ± {band} kcal a day",
            kcal=fmt_kcal(check.tdee_kcal, language),
            band=fmt_kcal(check.band_kcal, language),
        ),
        "source": source,
        "trend": trend,
        "completeness": tr(
            language,
            "{share}% of the last {days} days fully logged",
            share=round(e.completeness * 100),
            days=days,
        ),
        "method": e.method,
        "check_in": u.in_units(check.message, units),  # "Target for -0.5 kg/week: ..."
        "suggested": str(check.suggested_target_kcal),
        "suggested_text": fmt_kcal(check.suggested_target_kcal, language),
        "can_accept": "yes"
        if e.source == "data" and check.suggested_target_kcal != check.current_target_kcal
        else "",
    }


def excluded_rows(e: Expenditure, language: str = "en") -> list[dict[str, str]]:
    latest = sorted(e.excluded, reverse=True)[:SHOWN_EXCLUDED]
    return [
        {"day": formats.fmt_date(language, day, "day"), "reason": reason} for day, reason in latest
    ]


class ExpenditureState(BodyFormState):
    energy: dict[str, str] = {}
    excluded: list[dict[str, str]] = []
    excluded_count: int = 0
    completeness_pct: int = 0
    energy_loading: bool = True
    energy_error: str = ""
    energy_notice: str = ""
    accepting: bool = False

    @rx.event
    async def load_energy(self):
        self.energy_loading, self.energy_error = True, ""
        try:
            found = await expenditure(self.api())
        except Conflict:
            self.energy = {}
            self.energy_error = tr(self.language, "Fill in your body data and goal first.")
            return None
        except ApiError as error:
            self.energy_error = explain(error, self.language)[0]
            return self.handle(error)
        finally:
            self.energy_loading = False
        await self._show_energy(found)
        return None

    async def _show_energy(self, found: Expenditure) -> None:
        units = (await self.get_state(PreferencesState)).units
        self.energy = expenditure_view(found, units, self.language)
        self.excluded = excluded_rows(found, self.language)
        self.excluded_count = len(found.excluded)
        self.completeness_pct = round(found.completeness * 100)

    @rx.event
    async def accept_target(self):
        target = int(self.energy.get("suggested") or 0)
        if not target:
            return None
        self.accepting, self.energy_notice = True, ""
        try:
            await UsersApi(self.api()).update_profile(custom_calorie_target_kcal=target)
            await self._load_targets()
            await self._show_energy(await expenditure(self.api()))
        except ApiError as error:
            self.energy_error = explain(error, self.language)[0]
            return self.handle(error)
        finally:
            self.accepting = False
        self.energy_notice = tr(
            self.language,
            "Your target is now {kcal} kcal a day.",
            kcal=fmt_kcal(target, self.language),
        )
        return None
