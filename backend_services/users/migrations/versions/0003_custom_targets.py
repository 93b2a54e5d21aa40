"""Profiles: the user's own calorie target and macro split (NULL = the formulas decide).

Revision ID: users_0003
Revises: users_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "users_0003"
down_revision = "users_0002"
branch_labels = None
depends_on = None

SCHEMA = "users"
# Same bounds as the API (domain.CUSTOM_*_RANGE), as the last line of defence.
CHECKS = {
    "profiles_custom_kcal": "custom_calorie_target_kcal BETWEEN 800 AND 10000",
    "profiles_custom_protein": "custom_protein_g_per_kg BETWEEN 0.8 AND 3.5",
    "profiles_custom_fat": "custom_fat_energy_share BETWEEN 0.15 AND 0.6",
}


def upgrade() -> None:
    op.add_column("profiles", sa.Column("custom_calorie_target_kcal", sa.Integer), schema=SCHEMA)
    op.add_column("profiles", sa.Column("custom_protein_g_per_kg", sa.Numeric(3, 2)), schema=SCHEMA)
    op.add_column("profiles", sa.Column("custom_fat_energy_share", sa.Numeric(3, 2)), schema=SCHEMA)
    for name, condition in CHECKS.items():
        op.create_check_constraint(name, "profiles", condition, schema=SCHEMA)


def downgrade() -> None:
    for name in CHECKS:
        op.drop_constraint(name, "profiles", type_="check", schema=SCHEMA)
    for column in (
        "custom_fat_energy_share",
        "custom_protein_g_per_kg",
        "custom_calorie_target_kcal",
    ):
        op.drop_column("profiles", column, schema=SCHEMA)
