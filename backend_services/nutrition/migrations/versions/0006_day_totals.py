"""Each diary day's running totals, so a write answers with them at the same cost on any day.

``sums`` holds exact decimal strings (the core nutrients and ``micronutrients``), and
``micro_counts`` how many of the day's items carry each micronutrient (a key no item has is
absent, as ``Nutrients.total`` leaves it). Existing days are added up from their items here.

Revision ID: nutrition_0006
Revises: nutrition_0005
"""

from __future__ import annotations

from alembic import op

revision = "nutrition_0006"
down_revision = "nutrition_0005"
branch_labels = None
depends_on = None

# The core nutrients at this revision (domain.CORE then): a migration keeps its own copy.
CORE = (
    "energy_kcal",
    "protein_g",
    "fat_g",
    "saturated_fat_g",
    "carbohydrate_g",
    "sugars_g",
    "fibre_g",
    "sodium_mg",
)


def upgrade() -> None:
    op.execute(
        """
CREATE TABLE nutrition.day_totals (
    user_id text NOT NULL,
    day date NOT NULL,
    sums jsonb NOT NULL,
    micro_counts jsonb NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (user_id, day)
);
"""
    )
    core = ", ".join(
        f"'{name}', coalesce(sum((i.nutrients->>'{name}')::numeric), 0)::text" for name in CORE
    )
    op.execute(
        f"""
INSERT INTO nutrition.day_totals (user_id, day, sums)
SELECT m.user_id, m.day, jsonb_build_object({core}, 'micronutrients', '{{}}'::jsonb)
FROM nutrition.meals m JOIN nutrition.meal_items i ON i.meal_id = m.id
GROUP BY m.user_id, m.day;
"""
    )
    op.execute(
        """
UPDATE nutrition.day_totals t
SET sums = jsonb_set(t.sums, '{micronutrients}', agg.sums), micro_counts = agg.counts
FROM (
    SELECT user_id, day, jsonb_object_agg(key, total::text) AS sums,
           jsonb_object_agg(key, items) AS counts
    FROM (
        SELECT m.user_id, m.day, e.key, sum(e.value::numeric) AS total, count(*) AS items
        FROM nutrition.meals m
        JOIN nutrition.meal_items i ON i.meal_id = m.id,
        jsonb_each_text(i.nutrients->'micronutrients') e
        GROUP BY m.user_id, m.day, e.key
    ) per_key
    GROUP BY user_id, day
) agg
WHERE t.user_id = agg.user_id AND t.day = agg.day;
"""
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS nutrition.day_totals")
