"""Profiles: the training-day rule (kind and amount; both NULL when the user set none).

Revision ID: users_0006_training_day_rule
Revises: users_0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "users_0006_training_day_rule"
down_revision = "users_0005"
branch_labels = None
depends_on = None

SCHEMA = "users"


def upgrade() -> None:
    op.add_column("profiles", sa.Column("training_rule_kind", sa.Text), schema=SCHEMA)
    op.add_column("profiles", sa.Column("training_rule_amount", sa.Integer), schema=SCHEMA)
    op.create_check_constraint(
        "profiles_training_rule",
        "profiles",
        # COALESCE: a NULL in a comparison would make the check pass (one NULL of the two)
        "(training_rule_kind IS NULL AND training_rule_amount IS NULL) OR "
        "(COALESCE(training_rule_kind, '') = 'kcal' "
        "AND COALESCE(training_rule_amount, 0) BETWEEN 1 AND 1500) OR "
        "(COALESCE(training_rule_kind, '') = 'carbohydrate' "
        "AND COALESCE(training_rule_amount, 0) BETWEEN 1 AND 400) OR "
        "(COALESCE(training_rule_kind, '') = 'add_back' "
        "AND COALESCE(training_rule_amount, 0) BETWEEN 1 AND 100)",
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_constraint("profiles_training_rule", "profiles", type_="check", schema=SCHEMA)
    op.drop_column("profiles", "training_rule_amount", schema=SCHEMA)
    op.drop_column("profiles", "training_rule_kind", schema=SCHEMA)
