"""Units a profile may read in: the pound defined against the kilogram (stored values are SI)."""

from __future__ import annotations

from decimal import Decimal

# International yard and pound agreement (1959): 1 lb = 0.45359237 kg exactly
# (so 1 kg = 2.20462 lb to five decimals).
KG_PER_POUND = Decimal("0.45359237")


def kg_to_pounds(kg: Decimal | float) -> Decimal:
    """A mass in kilograms as pounds, not rounded."""
    return Decimal(str(kg)) / KG_PER_POUND
