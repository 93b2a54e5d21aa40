"""What each micronutrient key means: its name and unit, as the dataset that defined it says.

The importers write a row per key they store in ``foods.micronutrients`` (SR28 from
NUTR_DEF, FDC from nutrient.csv); ``GET /api/nutrition/nutrients`` adds the daily
reference values (``backend_services/nutrition/nutrient_reference.py``).

Revision ID: nutrition_0005
Revises: nutrition_0004
"""

from __future__ import annotations

from alembic import op

revision = "nutrition_0005"
down_revision = "nutrition_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
CREATE TABLE nutrition.nutrients (
    key text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
    source text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
"""
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS nutrition.nutrients")
