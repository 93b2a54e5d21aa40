"""Food aliases (common and Russian names) and the "commonly eaten" mark, both searchable.

``aliases`` holds other names of a food, separated by ``;``: SR28's common names
(``ComName``: "oatmeal, old-fashioned oats, rolled oats") and the curated common names
in English and Russian from ``backend_services/nutrition/data/common_foods.csv``.
They join the name in the weighted full text (weight A), so "овсянка" finds rolled oats.
``commonly_eaten`` is SR28's survey mark (the food is used in the USDA Food and Nutrient
Database for Dietary Studies, i.e. people report eating it), a prior for ranking.
The generated ``search`` column is rebuilt to include the aliases (a generated column
cannot be altered in place), with its two indexes.

Revision ID: nutrition_0004
Revises: nutrition_0003
"""

from __future__ import annotations

from alembic import op

revision = "nutrition_0004"
down_revision = "nutrition_0003"
branch_labels = None
depends_on = None


def _search_column(named: str) -> str:
    """The generated full-text column over ``named`` (weight A) and brand/category (B)."""
    return f"""
ALTER TABLE nutrition.foods ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('russian', {named}), 'A')
    || setweight(
        to_tsvector('russian', coalesce(brand, '') || ' ' || coalesce(category, '')), 'B'
    )
) STORED;
CREATE INDEX foods_search ON nutrition.foods USING gin (search);
CREATE INDEX foods_generic_search ON nutrition.foods USING gin (search)
    WHERE source <> 'off';
"""


UPGRADE = """
ALTER TABLE nutrition.foods
    ADD COLUMN aliases text NOT NULL DEFAULT '' CHECK (length(aliases) <= 2000),
    ADD COLUMN commonly_eaten boolean NOT NULL DEFAULT false;
ALTER TABLE nutrition.foods DROP COLUMN search;
""" + _search_column("name || ' ' || aliases")

DOWNGRADE = """
ALTER TABLE nutrition.foods DROP COLUMN search;
ALTER TABLE nutrition.foods DROP COLUMN aliases, DROP COLUMN commonly_eaten;
""" + _search_column("name")


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
