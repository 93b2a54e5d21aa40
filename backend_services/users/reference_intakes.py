"""Micronutrient targets: the US Dietary Reference Intakes by sex and age band; pure, no I/O.

Source: Food and Nutrition Board, National Academies of Sciences, Engineering, and Medicine,
Dietary Reference Intakes summary tables ("Recommended Dietary Allowances and Adequate
Intakes, Vitamins / Elements / Total Water and Macronutrients", "Tolerable Upper Intake
Levels, Vitamins / Elements", "Chronic Disease Risk Reduction Intakes") as printed in
*Dietary Reference Intakes for Sodium and Potassium* (NASEM 2019, Appendix J,
doi:10.17226/25353), which compiles the DRI reports of 1997-2011 (calcium and vitamin D:
2011; sodium and potassium: 2019).

- The target is the RDA where one exists, else the AI (the table says which).
- The upper limit is the UL, measured on the intake it applies to: vitamin A's UL is for
  preformed vitamin A (retinol, ``retol_ug``), folate's for folic acid (``folac_ug``).
  Magnesium's, niacin's and vitamin E's ULs cover supplements and fortificants only, which
  the food data does not separate, so none is given. Sodium has no UL since 2019: its
  upper reference is the CDRR (intakes above it should be reduced).
- Age bands 9-13, 14-18, 19-30, 31-50, 51-70, 71+ (profiles start at 13). Pregnancy and
  lactation have reference intakes of their own, not covered here.
- Keys and units are the food data's (nutrition service, USDA SR28 tags: ``ca_mg``,
  ``vitd_ug``; fibre and sodium are its core ``fibre_g``, ``sodium_mg``). Niacin in the food
  data is preformed niacin while the RDA is in niacin equivalents (tryptophan counts too),
  so the niacin row understates intake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from .domain import Sex, age_on

SOURCE = (
    "Food and Nutrition Board, National Academies: Dietary Reference Intakes summary tables "
    "(NASEM 2019, Dietary Reference Intakes for Sodium and Potassium, Appendix J)"
)
NOTES = (
    "Pregnancy and lactation have their own reference intakes, not covered here.",
    "Niacin in the food data is preformed niacin; the RDA counts niacin equivalents "
    "(60 mg tryptophan = 1 mg niacin), so the day's niacin is understated.",
    "Vitamin A's UL is for preformed vitamin A (retinol), folate's for folic acid: the "
    "day's retinol and folic acid are what is compared with them.",
    "Magnesium, niacin and vitamin E have ULs for supplements and fortified foods only: "
    "food alone is not compared with them.",
)


class Reference(StrEnum):
    RDA = "RDA"  # Recommended Dietary Allowance: meets the needs of 97-98 % of the group
    AI = "AI"  # Adequate Intake: where the evidence is too thin for an RDA


class UpperKind(StrEnum):
    UL = "UL"  # Tolerable Upper Intake Level
    CDRR = "CDRR"  # Chronic Disease Risk Reduction intake (sodium): reduce intakes above it


@dataclass(frozen=True)
class AgeBand:
    first_year: int
    last_year: int | None  # None: and older

    @property
    def label(self) -> str:
        if self.last_year is None:
            return f"{self.first_year}+"
        return f"{self.first_year}-{self.last_year}"

    def holds(self, age: int) -> bool:
        return self.first_year <= age and (self.last_year is None or age <= self.last_year)


AGE_BANDS = (
    AgeBand(9, 13),
    AgeBand(14, 18),
    AgeBand(19, 30),
    AgeBand(31, 50),
    AgeBand(51, 70),
    AgeBand(71, None),
)
Row = tuple[str, str, str, str, str, str]  # one value per AGE_BANDS entry, as published


def _values(row: Row) -> tuple[Decimal, ...]:
    return tuple(Decimal(v) for v in row)


@dataclass(frozen=True)
class Nutrient:
    """One nutrient's row of the tables: targets per band for men and women, the upper limit."""

    key: str
    name: str
    unit: str
    reference: Reference
    male: tuple[Decimal, ...]
    female: tuple[Decimal, ...]
    upper: tuple[Decimal, ...] | None = None  # the same for both sexes in every band here
    upper_kind: UpperKind = UpperKind.UL
    upper_key: str | None = None  # the intake the upper limit is measured on, if not ``key``
    flag_shortfall: bool = True  # sodium: the concern is the upper side only


def _nutrient(
    key: str,
    name: str,
    reference: Reference,
    male: Row,
    female: Row | None = None,
    upper: Row | None = None,
    *,
    upper_kind: UpperKind = UpperKind.UL,
    upper_key: str | None = None,
    flag_shortfall: bool = True,
) -> Nutrient:
    return Nutrient(
        key=key,
        name=name,
        unit=key.rpartition("_")[2],  # the food data's keys end in their unit
        reference=reference,
        male=_values(male),
        female=_values(female or male),
        upper=None if upper is None else _values(upper),
        upper_kind=upper_kind,
        upper_key=upper_key,
        flag_shortfall=flag_shortfall,
    )


RDA, AI = Reference.RDA, Reference.AI
# One row per nutrient: key, name, RDA or AI, the men's values by band, the women's (when they
# differ), the upper limit by band. Bands: 9-13, 14-18, 19-30, 31-50, 51-70, 71+.
# fmt: off
NUTRIENTS: tuple[Nutrient, ...] = (
    _nutrient("fibre_g", "Total fibre", AI,
        ("31", "38", "38", "38", "30", "30"), ("26", "26", "25", "25", "21", "21")),
    _nutrient("sodium_mg", "Sodium", AI,
        ("1200", "1500", "1500", "1500", "1500", "1500"), None,
        ("1800", "2300", "2300", "2300", "2300", "2300"),
        upper_kind=UpperKind.CDRR, flag_shortfall=False),
    _nutrient("k_mg", "Potassium", AI,
        ("2500", "3000", "3400", "3400", "3400", "3400"),
        ("2300", "2300", "2600", "2600", "2600", "2600")),
    _nutrient("ca_mg", "Calcium", RDA,
        ("1300", "1300", "1000", "1000", "1000", "1200"),
        ("1300", "1300", "1000", "1000", "1200", "1200"),
        ("3000", "3000", "2500", "2500", "2000", "2000")),
    _nutrient("fe_mg", "Iron", RDA,
        ("8", "11", "8", "8", "8", "8"), ("8", "15", "18", "18", "8", "8"),
        ("40", "45", "45", "45", "45", "45")),
    _nutrient("mg_mg", "Magnesium", RDA,
        ("240", "410", "400", "420", "420", "420"), ("240", "360", "310", "320", "320", "320")),
    _nutrient("p_mg", "Phosphorus", RDA,
        ("1250", "1250", "700", "700", "700", "700"), None,
        ("4000", "4000", "4000", "4000", "4000", "3000")),
    _nutrient("zn_mg", "Zinc", RDA,
        ("8", "11", "11", "11", "11", "11"), ("8", "9", "8", "8", "8", "8"),
        ("23", "34", "40", "40", "40", "40")),
    _nutrient("cu_mg", "Copper", RDA,
        ("0.7", "0.89", "0.9", "0.9", "0.9", "0.9"), None, ("5", "8", "10", "10", "10", "10")),
    _nutrient("mn_mg", "Manganese", AI,
        ("1.9", "2.2", "2.3", "2.3", "2.3", "2.3"), ("1.6", "1.6", "1.8", "1.8", "1.8", "1.8"),
        ("6", "9", "11", "11", "11", "11")),
    _nutrient("se_ug", "Selenium", RDA,
        ("40", "55", "55", "55", "55", "55"), None, ("280", "400", "400", "400", "400", "400")),
    _nutrient("vita_rae_ug", "Vitamin A (RAE)", RDA,
        ("600", "900", "900", "900", "900", "900"), ("600", "700", "700", "700", "700", "700"),
        ("1700", "2800", "3000", "3000", "3000", "3000"), upper_key="retol_ug"),
    _nutrient("vitc_mg", "Vitamin C", RDA,
        ("45", "75", "90", "90", "90", "90"), ("45", "65", "75", "75", "75", "75"),
        ("1200", "1800", "2000", "2000", "2000", "2000")),
    _nutrient("vitd_ug", "Vitamin D", RDA,
        ("15", "15", "15", "15", "15", "20"), None, ("100", "100", "100", "100", "100", "100")),
    _nutrient("tocpha_mg", "Vitamin E (alpha-tocopherol)", RDA,
        ("11", "15", "15", "15", "15", "15")),
    _nutrient("vitk1_ug", "Vitamin K", AI,
        ("60", "75", "120", "120", "120", "120"), ("60", "75", "90", "90", "90", "90")),
    _nutrient("thia_mg", "Thiamin", RDA,
        ("0.9", "1.2", "1.2", "1.2", "1.2", "1.2"), ("0.9", "1.0", "1.1", "1.1", "1.1", "1.1")),
    _nutrient("ribf_mg", "Riboflavin", RDA,
        ("0.9", "1.3", "1.3", "1.3", "1.3", "1.3"), ("0.9", "1.0", "1.1", "1.1", "1.1", "1.1")),
    _nutrient("nia_mg", "Niacin", RDA,
        ("12", "16", "16", "16", "16", "16"), ("12", "14", "14", "14", "14", "14")),
    _nutrient("pantac_mg", "Pantothenic acid", AI,
        ("4", "5", "5", "5", "5", "5")),
    _nutrient("vitb6a_mg", "Vitamin B6", RDA,
        ("1.0", "1.3", "1.3", "1.3", "1.7", "1.7"), ("1.0", "1.2", "1.3", "1.3", "1.5", "1.5"),
        ("60", "80", "100", "100", "100", "100")),
    _nutrient("foldfe_ug", "Folate (DFE)", RDA,
        ("300", "400", "400", "400", "400", "400"), None,
        ("600", "800", "1000", "1000", "1000", "1000"), upper_key="folac_ug"),
    _nutrient("vitb12_ug", "Vitamin B12", RDA,
        ("1.8", "2.4", "2.4", "2.4", "2.4", "2.4")),
    _nutrient("choln_mg", "Choline", AI,
        ("375", "550", "550", "550", "550", "550"), ("375", "400", "425", "425", "425", "425"),
        ("2000", "3000", "3500", "3500", "3500", "3500")),
)
# fmt: on


@dataclass(frozen=True)
class Intake:
    """One nutrient's target for one person on one day."""

    nutrient: Nutrient
    target: Decimal
    upper_limit: Decimal | None

    @property
    def upper_key(self) -> str:
        return self.nutrient.upper_key or self.nutrient.key


@dataclass(frozen=True)
class ReferenceIntakes:
    on: date
    sex: Sex
    age_years: int
    band: AgeBand
    intakes: tuple[Intake, ...]


class TooYoung(ValueError):
    """The tables here start at 9 years."""


def age_band(age: int) -> AgeBand:
    for band in AGE_BANDS:
        if band.holds(age):
            return band
    raise TooYoung(f"no reference intakes here below {AGE_BANDS[0].first_year} years (age {age})")


def reference_intakes(sex: Sex, birth_date: date, on: date) -> ReferenceIntakes:
    """The targets for someone of ``sex`` born on ``birth_date``, on the day ``on`` (the age
    band is the age in completed years that day, so a birthday moves it at once)."""
    age = age_on(birth_date, on)
    band = age_band(age)
    column = AGE_BANDS.index(band)
    intakes = tuple(
        Intake(
            nutrient,
            (nutrient.male if sex is Sex.MALE else nutrient.female)[column],
            None if nutrient.upper is None else nutrient.upper[column],
        )
        for nutrient in NUTRIENTS
    )
    return ReferenceIntakes(on, sex, age, band, intakes)


def intakes_view(found: ReferenceIntakes) -> dict[str, Any]:
    """The answer of ``GET /api/users/me/targets/micronutrients`` (schemas.ReferenceIntakesOut)."""
    return {
        "date": found.on,
        "sex": found.sex,
        "age_years": found.age_years,
        "age_band": found.band.label,
        "source": SOURCE,
        "notes": list(NOTES),
        "nutrients": [
            {
                "key": i.nutrient.key,
                "name": i.nutrient.name,
                "unit": i.nutrient.unit,
                "reference": i.nutrient.reference,
                "target": float(i.target),
                "upper_limit": None if i.upper_limit is None else float(i.upper_limit),
                "upper_limit_kind": None if i.upper_limit is None else i.nutrient.upper_kind,
                "upper_limit_key": None if i.upper_limit is None else i.upper_key,
                "flag_shortfall": i.nutrient.flag_shortfall,
            }
            for i in found.intakes
        ],
    }
