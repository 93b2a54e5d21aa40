"""Indexes for two-stage food search: generic-only text/trigram indexes, name prefix index.

Search first collects a capped set of candidates per source group, then ranks only those
(see ``backend_services/nutrition/search.py``). The partial indexes keep the generic
reference foods (SR28/FDC/user, ~9k rows) searchable on their own, so 685k branded products
can neither crowd them out nor make their lookup slow; the ``text_pattern_ops`` index serves
exact and prefix name matches (``lower(name) LIKE 'milk%' ORDER BY lower(name)``) in index
order, which lists the exact name first.

Revision ID: nutrition_0003
Revises: nutrition_0002
"""

from __future__ import annotations

from alembic import op

revision = "nutrition_0003"
down_revision = "nutrition_0002"
branch_labels = None
depends_on = None

UPGRADE = """
CREATE INDEX foods_generic_search ON nutrition.foods USING gin (search)
    WHERE source <> 'off';
CREATE INDEX foods_generic_name_trgm ON nutrition.foods USING gin (lower(name) gin_trgm_ops)
    WHERE source <> 'off';
CREATE INDEX foods_name_prefix ON nutrition.foods (lower(name) text_pattern_ops);
"""

DOWNGRADE = """
DROP INDEX IF EXISTS nutrition.foods_name_prefix;
DROP INDEX IF EXISTS nutrition.foods_generic_name_trgm;
DROP INDEX IF EXISTS nutrition.foods_generic_search;
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
