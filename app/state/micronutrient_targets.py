"""The day's micronutrients against their reference intakes: what the diary shows and flags.

Pure (no Reflex, no I/O; tests/unit/ui/test_micronutrient_targets.py). A row is below target
when the day's intake is under `SHORTFALL_SHARE` of the RDA/AI (a gap once the day is over,
"so far" before), over when the intake the limit applies to exceeds the UL (sodium: the
CDRR). Each state is said in words and by an icon, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.api.foods import Nutrients
from app.api.reference_intakes import ReferenceIntake, ReferenceIntakes
from app.i18n import tr, trn
from app.state.diary_logic import MicroAmount, fmt_number, micronutrient_amounts

SHORTFALL_SHARE = 0.7  # below 70 % of the RDA/AI by the day's end counts as a gap
LOW, MET, OVER = "low", "met", "over"
EN_DASH = "\u2013"
ROW_KEYS = ("name", "amount", "target", "percent", "bar", "status", "status_text")


def group_label(intakes: ReferenceIntakes, language: str) -> str:
    """The DRI life-stage group: "women 31-50", "boys 14-18", "men 71+" (with an en dash)."""
    band = intakes.age_band.replace("-", EN_DASH)
    adult = intakes.age_years >= 19
    if intakes.sex == "female":
        if adult:
            return tr(language, "women {band}", band=band)
        return tr(language, "girls {band}", band=band)
    return (
        tr(language, "men {band}", band=band) if adult else tr(language, "boys {band}", band=band)
    )


def reference_line(intakes: ReferenceIntakes | None, language: str) -> str:
    """Which reference the targets are, named once above the rows."""
    if intakes is None:
        return ""
    return tr(
        language,
        "Targets: US Dietary Reference Intakes (RDA or AI) for {group}.",
        group=group_label(intakes, language),
    )


def _status(amount: MicroAmount, intake: ReferenceIntake, upper_amount: float | None) -> str:
    """OVER the limit, LOW (under 70 % of the target, where a shortfall matters), MET, or ""
    (between: nothing to point out)."""
    limit = intake.upper_limit
    if limit is not None and upper_amount is not None and upper_amount > limit:
        return OVER
    if intake.flag_shortfall and amount.amount < SHORTFALL_SHARE * intake.target:
        return LOW
    return MET if amount.amount >= intake.target else ""


def _over_text(intake: ReferenceIntake, limit: str, language: str) -> str:
    if intake.upper_limit_kind == "CDRR":
        return tr(language, "Over the risk-reduction level ({limit}, CDRR)", limit=limit)
    if intake.upper_limit_key == "retol_ug":
        return tr(language, "Retinol over the upper limit ({limit}, UL)", limit=limit)
    if intake.upper_limit_key == "folac_ug":
        return tr(language, "Folic acid over the upper limit ({limit}, UL)", limit=limit)
    return tr(language, "Over the upper limit ({limit}, UL)", limit=limit)


def _status_text(
    status: str, intake: ReferenceIntake, unit: str, day_over: bool, language: str
) -> str:
    if status == OVER:
        limit = f"{fmt_number(intake.upper_limit, language=language)} {unit}"
        return _over_text(intake, limit, language)
    if status == LOW:
        if day_over:
            return tr(language, "Gap: below 70 % of the target")
        return tr(language, "Below 70 % of the target so far")
    if status == MET:
        return tr(language, "Target met")
    return ""


def target_row(
    amount: MicroAmount,
    intake: ReferenceIntake | None,
    micronutrients: Mapping[str, float],
    *,
    day_over: bool,
    language: str,
) -> dict[str, str]:
    """One row; without a reference intake only the name and amount are filled in."""
    shown = f"{fmt_number(amount.amount, language=language)} {amount.unit}"
    row = dict.fromkeys(ROW_KEYS, "")
    row.update(name=amount.name, amount=shown)
    if intake is None or intake.target <= 0:
        return row
    upper_key = intake.upper_limit_key or intake.key
    upper_amount = amount.amount if upper_key == amount.key else micronutrients.get(upper_key)
    status = _status(amount, intake, upper_amount)
    share = amount.amount / intake.target
    percent = fmt_percent(share, language)
    target = f"{fmt_number(intake.target, language=language)} {amount.unit}"
    status_text = _status_text(status, intake, amount.unit, day_over, language)
    row.update(
        target=tr(language, "of {target} ({reference})", target=target, reference=intake.reference),
        percent=percent,
        bar=str(min(100, round(share * 100))),
        status=status,
        status_text=status_text,
    )
    return row


def fmt_percent(share: float, language: str) -> str:
    """0.456 -> "46%" (Russian: "46 %", with a no-break space)."""
    number = fmt_number(round(share * 100), language=language)
    return f"{number}\u00a0%" if language == "ru" else f"{number}%"


def micronutrient_target_rows(
    totals: Nutrients,
    intakes: ReferenceIntakes | None,
    *,
    day_over: bool,
    language: str = "en",
) -> list[dict[str, str]]:
    """Every micronutrient of the day, with its target, share and state where one exists."""
    by_key = intakes.by_key() if intakes is not None else {}
    return [
        target_row(
            amount,
            by_key.get(amount.key),
            totals.micronutrients,
            day_over=day_over,
            language=language,
        )
        for amount in micronutrient_amounts(totals, language)
    ]


def flags_summary(rows: list[dict[str, str]], language: str) -> str:
    """What the collapsed section says: "2 below target · 1 over a limit" (empty if none)."""
    low = sum(1 for row in rows if row["status"] == LOW)
    over = sum(1 for row in rows if row["status"] == OVER)
    parts = []
    if low:
        parts.append(trn(language, low, "{n} below target", "{n} below target"))
    if over:
        parts.append(trn(language, over, "{n} over a limit", "{n} over limits"))
    return " · ".join(parts)
