"""The food-database admin: import runs with their reports, hidden and corrected foods, and
users' reports of wrong foods.

``import_runs``: one row per ``fitledger foods import`` (succeeded in the import's own
transaction; failed afterwards, the import having left nothing). ``foods.hidden``: out of
search and barcode lookup (meals that use it keep it). ``foods.corrected_at``: an admin fixed
its values; re-imports leave such a food as it is. ``food_reports``: one open report per user
and food.

Revision ID: nutrition_0007
Revises: nutrition_0006
"""

from __future__ import annotations

from alembic import op

revision = "nutrition_0007"
down_revision = "nutrition_0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
CREATE TABLE nutrition.import_runs (
    id bigserial PRIMARY KEY,
    source text NOT NULL,
    licences text[] NOT NULL DEFAULT '{}',
    file_name text NOT NULL,
    status text NOT NULL CHECK (status IN ('succeeded', 'failed')),
    started_at timestamptz NOT NULL,
    finished_at timestamptz NOT NULL DEFAULT now(),
    imported integer NOT NULL DEFAULT 0,
    updated integer NOT NULL DEFAULT 0,
    rejected integer NOT NULL DEFAULT 0,
    report jsonb NOT NULL DEFAULT '{}',
    error text
);
CREATE INDEX import_runs_source_finished ON nutrition.import_runs (source, finished_at DESC);

ALTER TABLE nutrition.foods
    ADD COLUMN hidden boolean NOT NULL DEFAULT false,
    ADD COLUMN hidden_reason text,
    ADD COLUMN corrected_at timestamptz;
CREATE INDEX foods_flagged ON nutrition.foods (id) WHERE cardinality(quality_flags) > 0;

CREATE TABLE nutrition.food_reports (
    id bigserial PRIMARY KEY,
    food_id bigint NOT NULL REFERENCES nutrition.foods (id) ON DELETE CASCADE,
    user_id text NOT NULL,
    reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    created_at timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz,
    resolution text
);
CREATE UNIQUE INDEX food_reports_open_per_user
    ON nutrition.food_reports (food_id, user_id) WHERE resolved_at IS NULL;
CREATE INDEX food_reports_user ON nutrition.food_reports (user_id);
"""
    )


def downgrade() -> None:
    op.execute(
        """
DROP TABLE IF EXISTS nutrition.food_reports;
DROP INDEX IF EXISTS nutrition.foods_flagged;
ALTER TABLE nutrition.foods
    DROP COLUMN IF EXISTS hidden,
    DROP COLUMN IF EXISTS hidden_reason,
    DROP COLUMN IF EXISTS corrected_at;
DROP TABLE IF EXISTS nutrition.import_runs;
"""
    )
