"""Adaptive expenditure: what a user really burns, from what they logged and how they weighed.

Energy balance over a sliding window: intake - expenditure = change in stored energy, so

    expenditure ≈ mean trusted intake - slope(weight) x 7700 kcal/kg

where the slope (kg/day) is the least-squares line through the window's weigh-ins; a line
through every weigh-in uses all of them and says how sure it is (its standard error), where the
difference of two smoothed points would not.

The formula (BMR x activity factor) is the prior: people differ from it by about 10 %
(Frankenfield et al. 2005 found Mifflin-St Jeor within 10 % of measured resting expenditure for
~80 % of non-obese adults). The data estimate and the prior are combined by their precisions
(inverse variances), so with little data the answer is the formula, and the band narrows as
days accumulate. Days logged too thinly to be true are not trusted and are named with the
reason; the weight change still covers them, on the assumption that the user ate on those days
about what they ate on trusted days.

Pure functions on floats (statistics, not money): the caller rounds for display.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

KCAL_PER_KG = 7700.0
WINDOW_DAYS = 28
# A day whose intake is under this share of the formula's expenditure is taken as incompletely
# logged (a forgotten meal, a quick peek at the app), not as a day of fasting.
COMPLETE_SHARE = 0.5
MIN_TRUSTED_DAYS = 7
MIN_WEIGH_INS = 4
MIN_WEIGHT_SPAN_DAYS = 7
# The formula's spread around the truth, as a share of its value (one standard deviation).
FORMULA_RELATIVE_SD = 0.10
# The energy-balance model is not more exact than this even on perfect data: 7700 kcal/kg holds
# for fat; early losses carry water and glycogen at far less (Hall, Int J Obes 2008;32:573-576).
MODEL_SD_KCAL = 50.0
Z_95 = 1.96


class EstimateSource(StrEnum):
    FORMULA = "formula"  # not enough data yet: the formula alone
    DATA = "data"  # the formula prior combined with the logged data


@dataclass(frozen=True)
class ExcludedDay:
    day: date
    reason: str  # in English, for a reader of the API
    code: str  # the same as a code with its numbers, for a page in any language
    params: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Expenditure:
    """One estimate of daily expenditure, with how it was reached."""

    tdee_kcal: float
    band_kcal: float  # half-width of the 95 % interval
    source: EstimateSource
    formula_tdee_kcal: float
    window_start: date
    window_end: date
    trusted_days: int
    completeness: float  # trusted days / days in the window, 0-1
    weigh_ins: int
    mean_intake_kcal: float | None
    weight_slope_kg_per_week: float | None
    data_tdee_kcal: float | None  # the data's own estimate before the prior
    data_weight: float  # the data's share of the answer, 0-1
    excluded: tuple[ExcludedDay, ...] = field(default=())
    reason: str = ""  # why the formula alone is used, when it is (in English)
    reason_code: str = ""  # the same as a code ("" when the data is used) with its numbers
    reason_params: dict[str, int] = field(default_factory=dict)
    method: str = (
        "expenditure ≈ mean trusted intake - weight slope x 7700 kcal/kg, combined with the "
        "formula by precision"
    )


def estimate(
    intake_by_day: Mapping[date, float],
    weights_by_day: Mapping[date, float],
    formula_tdee_kcal: float,
    end: date,
    *,
    window_days: int = WINDOW_DAYS,
) -> Expenditure:
    """The expenditure over the ``window_days`` ending at ``end`` (both days included)."""
    start = end - timedelta(days=window_days - 1)
    days = [start + timedelta(days=i) for i in range(window_days)]
    threshold = COMPLETE_SHARE * formula_tdee_kcal
    trusted: list[float] = []
    excluded: list[ExcludedDay] = []
    for day in days:
        kcal = intake_by_day.get(day)
        if kcal is None or kcal <= 0:
            excluded.append(ExcludedDay(day, "nothing logged", "nothing_logged"))
        elif kcal < threshold:
            excluded.append(
                ExcludedDay(
                    day,
                    f"{kcal:,.0f} kcal logged, under half the {formula_tdee_kcal:,.0f} kcal "
                    "the formula expects: looks incomplete",
                    "incomplete",
                    {"logged_kcal": round(kcal), "expected_kcal": round(formula_tdee_kcal)},
                )
            )
        else:
            trusted.append(kcal)
    weigh_ins = sorted((d, w) for d, w in weights_by_day.items() if start <= d <= end)
    prior_sd = FORMULA_RELATIVE_SD * formula_tdee_kcal
    short, short_code, short_params = _why_short(len(trusted), weigh_ins)
    mean_intake = statistics.fmean(trusted) if trusted else None
    tdee, sd, slope, data_tdee, data_weight = formula_tdee_kcal, prior_sd, None, None, 0.0
    if not short and mean_intake is not None:
        slope, slope_se = _line([(d - start).days for d, _ in weigh_ins], [w for _, w in weigh_ins])
        intake_se = statistics.stdev(trusted) / math.sqrt(len(trusted))  # >= 7 days here
        data_tdee = mean_intake - slope * KCAL_PER_KG
        data_var = intake_se**2 + (slope_se * KCAL_PER_KG) ** 2 + MODEL_SD_KCAL**2
        data_weight = prior_sd**2 / (prior_sd**2 + data_var)
        tdee = data_weight * data_tdee + (1 - data_weight) * formula_tdee_kcal
        sd = math.sqrt(data_weight * data_var)  # = 1 / sqrt(1/prior_var + 1/data_var)
    return Expenditure(
        tdee_kcal=tdee,
        band_kcal=Z_95 * sd,
        source=EstimateSource.FORMULA if short else EstimateSource.DATA,
        formula_tdee_kcal=formula_tdee_kcal,
        window_start=start,
        window_end=end,
        trusted_days=len(trusted),
        completeness=len(trusted) / window_days,
        weigh_ins=len(weigh_ins),
        mean_intake_kcal=mean_intake,
        weight_slope_kg_per_week=None if slope is None else slope * 7,
        data_tdee_kcal=data_tdee,
        data_weight=data_weight,
        excluded=tuple(excluded),
        reason=short,
        reason_code=short_code,
        reason_params=short_params,
    )


@dataclass(frozen=True)
class CheckIn:
    """A weekly suggestion: the estimate, and the target it implies for the user's goal."""

    tdee_kcal: int
    band_kcal: int
    goal_rate_kg_per_week: float
    suggested_target_kcal: int
    current_target_kcal: int
    safe_floor_kcal: int
    floor_applied: bool
    message: str


def check_in(
    expenditure: Expenditure,
    goal_rate_kg_per_week: float,
    current_target_kcal: int,
    safe_floor_kcal: int,
) -> CheckIn:
    """The target for ``goal_rate_kg_per_week`` (negative to lose) on the estimated expenditure.

    Rounded to 10 kcal: the estimate is not more precise than that, and round numbers are
    easier to eat to. Never below the safe floor without saying so.
    """
    tdee = _to_ten(expenditure.tdee_kcal)
    band = _to_ten(expenditure.band_kcal)
    wanted = _to_ten(expenditure.tdee_kcal + goal_rate_kg_per_week * KCAL_PER_KG / 7)
    target = max(wanted, safe_floor_kcal)
    rate = f"{goal_rate_kg_per_week:+.2g} kg/week" if goal_rate_kg_per_week else "keeping weight"
    if expenditure.source is EstimateSource.FORMULA:
        message = (
            f"Not enough data yet ({expenditure.reason}); the formula says {tdee:,} kcal. "
            f"Target for {rate}: {target:,} kcal."
        )
    else:
        message = (
            f"Your expenditure looks like {tdee:,} ± {band:,} kcal; new target {target:,} kcal "
            f"for {rate}."
        )
    if target != wanted:
        message += f" Held at the safe minimum of {safe_floor_kcal:,} kcal."
    return CheckIn(
        tdee_kcal=tdee,
        band_kcal=band,
        goal_rate_kg_per_week=goal_rate_kg_per_week,
        suggested_target_kcal=target,
        current_target_kcal=current_target_kcal,
        safe_floor_kcal=safe_floor_kcal,
        floor_applied=target != wanted,
        message=message,
    )


def _why_short(
    trusted_days: int, weigh_ins: list[tuple[date, float]]
) -> tuple[str, str, dict[str, int]]:
    """Why the data cannot be used yet: in English, as a code, its numbers ("" when it can)."""
    if trusted_days < MIN_TRUSTED_DAYS:
        numbers = {"have": trusted_days, "need": MIN_TRUSTED_DAYS}
        return (
            "{have} fully logged days of the {need} needed".format(**numbers),
            "few_logged_days",
            numbers,
        )
    if len(weigh_ins) < MIN_WEIGH_INS:
        numbers = {"have": len(weigh_ins), "need": MIN_WEIGH_INS}
        return "{have} weigh-ins of the {need} needed".format(**numbers), "few_weigh_ins", numbers
    if (weigh_ins[-1][0] - weigh_ins[0][0]).days < MIN_WEIGHT_SPAN_DAYS:
        numbers = {"days": MIN_WEIGHT_SPAN_DAYS}
        return (
            "weigh-ins span less than {days} days".format(**numbers),
            "short_weigh_in_span",
            numbers,
        )
    return "", "", {}


def _line(xs: list[int], ys: list[float]) -> tuple[float, float]:
    """Least-squares slope and its standard error."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    residual = sum((y - my - slope * (x - mx)) ** 2 for x, y in zip(xs, ys, strict=True))
    return slope, math.sqrt(residual / (n - 2) / sxx)


def _to_ten(kcal: float) -> int:
    return int(round(kcal / 10) * 10)
