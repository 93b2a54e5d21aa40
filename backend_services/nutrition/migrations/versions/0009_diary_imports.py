"""Food-diary imports from MyFitnessPal and Cronometer exports.

``diary_imports``: one upload, its rows with their matches (``review`` until the person
imports it, then ``imported`` with its report). ``diary_import_keys``: the stable key of
every row imported, per user, so the same file (or an overlapping later export) adds nothing
the second time; kept when the import's upload is gone.

Revision ID: nutrition_diary_imports
Revises: nutrition_0008_water_fasting
"""

from __future__ import annotations

from alembic import op

revision = "nutrition_diary_imports"
down_revision = "nutrition_0008_water_fasting"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
CREATE TABLE nutrition.diary_imports (
    id uuid PRIMARY KEY,
    user_id text NOT NULL,
    source text NOT NULL CHECK (source IN ('myfitnesspal', 'cronometer')),
    file_name text NOT NULL,
    status text NOT NULL CHECK (status IN ('review', 'imported')),
    rows jsonb NOT NULL,
    rejected jsonb NOT NULL DEFAULT '[]',
    report jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    imported_at timestamptz
);
CREATE INDEX diary_imports_user ON nutrition.diary_imports (user_id, created_at DESC);

CREATE TABLE nutrition.diary_import_keys (
    user_id text NOT NULL,
    source_key text NOT NULL,
    import_id uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, source_key)
);
"""
    )


def downgrade() -> None:
    op.execute(
        "DROP TABLE IF EXISTS nutrition.diary_import_keys; "
        "DROP TABLE IF EXISTS nutrition.diary_imports;"
    )
