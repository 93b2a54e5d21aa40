"""Exercise energy net of the resting energy a day's expenditure estimate already counts.

MET calories (MET x kg x h, Compendium of Physical Activities, Ainsworth et al. 2011) are
gross: they include the resting 1 MET the body burns anyway. A day budgeted at BMR x activity
factor (or an adaptive estimate) already holds that resting energy for the workout's hours, so
adding the gross figure counts it twice. The rule every part of FitLedger uses (DOMAIN.md
"Net vs gross"): net = gross - 1 MET x kg x h; for a MET estimate that is (MET - 1) x kg x h.
A 60-min workout at MET 6 for 80 kg: 480 kcal gross - 80 kcal resting = 400 kcal net.
"""

from __future__ import annotations

KCAL_PER_MET_KG_HOUR = 1.0  # the Compendium's convention, as the workouts service uses
RESTING_MET = 1.0

NET_EXERCISE_RULE = (
    "net = gross - 1 MET x body mass (kg) x duration (h): the resting energy of the workout's "
    "hours is already in the day's expenditure estimate, so it is not counted twice"
)


def resting_kcal(body_mass_kg: float, duration_hours: float) -> float:
    """What 1 MET costs over ``duration_hours``: the part of a gross figure already budgeted."""
    if body_mass_kg < 0 or duration_hours < 0:
        raise ValueError("body mass and duration must be non-negative")
    return RESTING_MET * body_mass_kg * duration_hours * KCAL_PER_MET_KG_HOUR


def net_exercise_kcal(gross_kcal: float, body_mass_kg: float, duration_hours: float) -> float:
    """A gross workout energy less the resting energy of its hours; never below zero."""
    return max(0.0, gross_kcal - resting_kcal(body_mass_kg, duration_hours))
