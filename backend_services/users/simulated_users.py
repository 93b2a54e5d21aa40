"""Simulated users with a known true expenditure, to validate the adaptive estimate.

Each user has a true daily expenditure that the formula misjudges by a personal bias (about
10 %, as formulas do); they eat around a target with day-to-day scatter, sometimes log nothing
and sometimes only part of a day; their body mass follows the energy balance (7700 kcal/kg)
and expenditure follows mass (about 22 kcal/day per kg, Hall et al. 2011 use a similar slope);
the scale adds water-weight noise and the occasional salty-dinner spike.
Used by tests/unit/users/test_expenditure_simulation.py and `python -m bench.tdee_accuracy`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from backend_services.users.expenditure import KCAL_PER_KG

KCAL_PER_DAY_PER_KG = 22.0


@dataclass(frozen=True)
class Habits:
    """How a simulated user eats, logs and weighs (defaults: a fairly diligent user)."""

    deficit_kcal: float = 500.0  # eats this much under the formula's estimate, on average
    intake_sd_kcal: float = 350.0
    missing_day_rate: float = 0.15  # nothing logged
    partial_day_rate: float = 0.07  # a meal or two forgotten
    weigh_in_rate: float = 0.7  # share of days with a weigh-in
    water_sd_kg: float = 0.6
    spike_rate: float = 0.05
    spike_kg: float = 1.5
    formula_bias_sd: float = 0.10


@dataclass(frozen=True)
class SimulatedUser:
    true_tdee_by_day: dict[date, float]
    formula_tdee_kcal: float
    intake_by_day: dict[date, float]  # what was logged
    weights_by_day: dict[date, float]  # what the scale said

    def true_mean_tdee(self, start: date, end: date) -> float:
        days = [d for d in self.true_tdee_by_day if start <= d <= end]
        return sum(self.true_tdee_by_day[d] for d in days) / len(days)


def simulate(
    seed: int,
    first_day: date,
    days: int,
    *,
    habits: Habits = Habits(),
    true_tdee_kcal: float | None = None,
    start_weight_kg: float = 80.0,
) -> SimulatedUser:
    rng = random.Random(seed)
    base_tdee = true_tdee_kcal if true_tdee_kcal is not None else rng.uniform(1800, 3200)
    formula = base_tdee * (1 + rng.gauss(0, habits.formula_bias_sd))
    mass = start_weight_kg
    truth: dict[date, float] = {}
    logged: dict[date, float] = {}
    scale: dict[date, float] = {}
    for i in range(days):
        day = first_day + timedelta(days=i)
        tdee = base_tdee + KCAL_PER_DAY_PER_KG * (mass - start_weight_kg)
        eaten = max(0.0, rng.gauss(formula - habits.deficit_kcal, habits.intake_sd_kcal))
        if rng.random() < habits.weigh_in_rate:
            spike = habits.spike_kg if rng.random() < habits.spike_rate else 0.0
            scale[day] = round(mass + rng.gauss(0, habits.water_sd_kg) + spike, 1)
        roll = rng.random()
        if roll >= habits.missing_day_rate:
            partial = roll < habits.missing_day_rate + habits.partial_day_rate
            logged[day] = round(eaten * (rng.uniform(0.15, 0.45) if partial else 1.0))
        truth[day] = tdee
        mass += (eaten - tdee) / KCAL_PER_KG
    return SimulatedUser(truth, formula, logged, scale)
