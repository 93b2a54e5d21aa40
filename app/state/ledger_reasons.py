"""The energy ledger's sources in the reader's language (no I/O, no reflex): each of the
aggregator's reasons (a code with its numbers, `backend_services/aggregator/ledger_reasons.py`)
as a sentence. Formulas keep kg and hours, the units their coefficients are for; the
Compendium's activity descriptions and a formula's citation stay as published."""

from __future__ import annotations

import datetime as dt

from app.api.ledger import ActivityEnergy, Reason
from app.i18n import formats, tr
from app.state.targets import activity_name


def _n(language: str, value: float, decimals: int = 0) -> str:
    return formats.fmt_number(language, value, decimals)


def activity_source(activity: ActivityEnergy, language: str = "en") -> str:
    """ "Compendium 2011 02050 resistance training, vigorous: MET 6 x 80 kg x 1 h = ..." """
    r = activity.reason
    named = " ".join(
        part for part in (activity.edition, activity.code, activity.description) if part
    )
    met, kg, hours = (
        _n(language, activity.met, 1),
        _n(language, r.number("weight_kg"), 1),
        _n(language, r.number("hours"), 2),
    )
    return tr(
        language,
        "Compendium {activity}: MET {met} x {kg} kg x {hours} h = {gross} kcal gross; "
        "(MET {met} - 1) x {kg} kg x {hours} h = {net} kcal net",
        activity=named,
        met=met,
        kg=kg,
        hours=hours,
        gross=_n(language, r.number("gross_kcal")),
        net=_n(language, r.number("net_kcal")),
    )


def workout_source(r: Reason, language: str = "en") -> str:
    """How a workout's net energy was reached, or why it was not counted."""
    if r.code == "not_completed":
        return tr(language, "not completed: not counted")
    if r.code == "no_body_weight":
        return tr(language, "no body weight known for that day: its energy was not estimated")
    if r.code == "activities_sum":
        return tr(language, "sum over its activities of (MET - 1) x kg x h")
    if r.code == "session_figure":
        values = {
            "gross": _n(language, r.number("gross_kcal")),
            "kg": _n(language, r.number("weight_kg"), 1),
            "hours": _n(language, r.number("hours"), 2),
            "rest": _n(language, r.number("resting_kcal")),
        }
        if r.text("figure") == "device":
            return tr(
                language,
                "the device's figure, {gross} kcal gross, less 1 MET x {kg} kg x {hours} h "
                "= {rest} kcal resting",
                **values,
            )
        return tr(
            language,
            "MET estimate, {gross} kcal gross, less 1 MET x {kg} kg x {hours} h "
            "= {rest} kcal resting",
            **values,
        )
    return r.text("text")


def excluded_day(r: Reason, language: str = "en") -> str:
    """Why the adaptive estimate left a day out."""
    if r.code == "nothing_logged":
        return tr(language, "nothing logged")
    if r.code == "incomplete":
        return tr(
            language,
            "{logged} kcal logged, under half the {expected} kcal the formula expects: "
            "looks incomplete",
            logged=_n(language, r.number("logged_kcal")),
            expected=_n(language, r.number("expected_kcal")),
        )
    return r.text("text")


def adaptive_not_used(r: Reason, language: str = "en") -> str:
    """Why the adaptive estimate does not rest on data yet."""
    counts = {"have": r.params.get("have"), "need": r.params.get("need")}
    if r.code == "few_logged_days":
        return tr(language, "{have} fully logged days of the {need} needed", **counts)
    if r.code == "few_weigh_ins":
        return tr(language, "{have} weigh-ins of the {need} needed", **counts)
    if r.code == "short_weigh_in_span":
        return tr(language, "weigh-ins span less than {days} days", days=r.params.get("days"))
    return r.text("text")


def estimate_source(r: Reason, not_used: Reason | None, language: str = "en") -> str:
    """Where the day's expenditure estimate comes from."""
    if r.code == "adaptive":
        start, end = (
            formats.fmt_date(language, dt.date.fromisoformat(r.text(k)), "day_month")
            for k in ("window_start", "window_end")
        )
        return tr(
            language,
            "Adaptive: {kcal} ± {band} kcal a day from {days} fully logged days and {weigh_ins} "
            "weigh-ins, {start} to {end}, less the {removed} kcal a day of net exercise logged "
            "then, which the measured expenditure already holds.",
            kcal=_n(language, r.number("tdee_kcal")),
            band=_n(language, r.number("band_kcal")),
            days=r.params.get("trusted_days"),
            weigh_ins=r.params.get("weigh_ins"),
            start=start,
            end=end,
            removed=_n(language, r.number("exercise_removed_kcal_per_day")),
        )
    source = tr(
        language,
        "{formula} BMR {bmr} kcal ({citation}) x activity factor {factor} ({level}) "
        "= {kcal} kcal a day.",
        formula=r.text("formula"),
        bmr=_n(language, r.number("bmr_kcal")),
        citation=r.text("bmr_source"),
        factor=_n(language, r.number("activity_factor"), 3),
        level=activity_name(r.text("activity_level"), language),
        kcal=_n(language, r.number("tdee_kcal")),
    )
    if not_used is None:
        return source
    why = adaptive_not_used(not_used, language)
    return source + " " + tr(language, "The adaptive estimate is not used yet: {why}.", why=why)


def trend_source(r: Reason, language: str = "en") -> str:
    smoothing = r.params.get("smoothing")
    if smoothing is None:
        return tr(language, "exponential moving average of the weigh-ins")
    return tr(
        language,
        "exponential moving average of the weigh-ins, smoothing {s} a day",
        s=_n(language, float(smoothing), 3),
    )


def rules(language: str = "en") -> dict[str, str]:
    """The ledger's fixed rules (the aggregator's `rules`, which say the same in English)."""
    return {
        "balance_rule": tr(language, "Balance = eaten - (expenditure estimate + net exercise)."),
        "exercise_rule": tr(
            language,
            "Net exercise = gross - 1 MET x body mass (kg) x duration (h): the resting energy "
            "of the workout's hours is already in the day's expenditure estimate, so it is not "
            "counted twice.",
        ),
        "intake_rule": tr(
            language, "Eaten: the energy of every food logged in the diary that day."
        ),
    }
