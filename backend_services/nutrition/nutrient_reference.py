"""What a micronutrient key means: its name and unit (from the dataset that defined it) and
its daily reference value.

Keys are the importers' (``vitc_mg`` from SR28's NUTR_DEF tag and unit; FDC's nutrient name
and unit); the importers store each key's name and unit in ``nutrition.nutrients``.

Daily reference values: the US Daily Values for adults and children 4 years and older,
21 CFR 101.9(c)(8)(iv) and (c)(9) as revised by the Food Labeling final rule of 27 May 2016
(81 FR 33742), matched on the nutrient's name and unit as SR28 and FDC write them. Only
nutrients with a Daily Value have one; the rest (amino acids, single fatty acids, ...) show
``daily_value: null``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# (lower-cased nutrient name as in SR28/FDC, unit) -> Daily Value
DAILY_VALUES: dict[tuple[str, str], Decimal] = {
    ("calcium, ca", "mg"): Decimal(1300),
    ("iron, fe", "mg"): Decimal(18),
    ("magnesium, mg", "mg"): Decimal(420),
    ("phosphorus, p", "mg"): Decimal(1250),
    ("potassium, k", "mg"): Decimal(4700),
    ("sodium, na", "mg"): Decimal(2300),
    ("zinc, zn", "mg"): Decimal(11),
    ("copper, cu", "mg"): Decimal("0.9"),
    ("manganese, mn", "mg"): Decimal("2.3"),
    ("selenium, se", "ug"): Decimal(55),
    ("vitamin a, rae", "ug"): Decimal(900),
    ("vitamin c, total ascorbic acid", "mg"): Decimal(90),
    ("vitamin d (d2 + d3)", "ug"): Decimal(20),
    ("vitamin d", "iu"): Decimal(800),  # 20 ug at 40 IU/ug
    ("vitamin e (alpha-tocopherol)", "mg"): Decimal(15),
    ("vitamin k (phylloquinone)", "ug"): Decimal(120),
    ("thiamin", "mg"): Decimal("1.2"),
    ("riboflavin", "mg"): Decimal("1.3"),
    ("niacin", "mg"): Decimal(16),
    ("pantothenic acid", "mg"): Decimal(5),
    ("vitamin b-6", "mg"): Decimal("1.7"),
    ("folate, dfe", "ug"): Decimal(400),
    ("vitamin b-12", "ug"): Decimal("2.4"),
    ("choline, total", "mg"): Decimal(550),
    ("cholesterol", "mg"): Decimal(300),
    ("fiber, total dietary", "g"): Decimal(28),
    ("fatty acids, total saturated", "g"): Decimal(20),
    ("protein", "g"): Decimal(50),
    ("total lipid (fat)", "g"): Decimal(78),
    ("carbohydrate, by difference", "g"): Decimal(275),
}


@dataclass(frozen=True)
class NutrientInfo:
    key: str
    name: str
    unit: str

    @property
    def daily_value(self) -> Decimal | None:
        return DAILY_VALUES.get((self.name.lower(), unit_symbol(self.unit).lower()))

    def to_json(self) -> dict[str, object]:
        dv = self.daily_value
        return {
            "name": self.name,
            "unit": unit_symbol(self.unit),
            "daily_value": None if dv is None else float(dv),
        }


def unit_symbol(unit: str) -> str:
    """Units as the datasets write them -> one spelling: "µg" and "UG" -> "ug", "IU"."""
    unit = unit.replace("µ", "u").replace("\xb5", "u")
    return "IU" if unit.upper() == "IU" else unit.lower()
