"""Foods (with provenance and search indexes), portions, diary, recipes, idempotency keys.

Revision ID: nutrition_0002
Revises: nutrition_0001
"""

from __future__ import annotations

from alembic import op

revision = "nutrition_0002"
down_revision = "nutrition_0001"
branch_labels = None
depends_on = None

# The 'russian' text-search configuration stems Cyrillic words with the Russian stemmer and
# ASCII words with the English one (and English stop words), so one tsvector serves both.
UPGRADE = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE nutrition.foods (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source text NOT NULL CHECK (source IN ('usda-sr28', 'fdc', 'off', 'user')),
    source_id text NOT NULL,
    owner_id text,
    licence text NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now(),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
    brand text,
    category text,
    barcode text,
    energy_kcal numeric(9, 3),
    energy_kj numeric(9, 3),
    protein_g numeric(9, 3),
    fat_g numeric(9, 3),
    saturated_fat_g numeric(9, 3),
    carbohydrate_g numeric(9, 3),
    sugars_g numeric(9, 3),
    fibre_g numeric(9, 3),
    sodium_mg numeric(10, 3),
    micronutrients jsonb NOT NULL DEFAULT '{}'::jsonb,
    energy_derived boolean NOT NULL DEFAULT false,
    quality_flags text[] NOT NULL DEFAULT '{}',
    search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('russian', name), 'A')
        || setweight(
            to_tsvector('russian', coalesce(brand, '') || ' ' || coalesce(category, '')), 'B'
        )
    ) STORED,
    CONSTRAINT foods_source_key UNIQUE (source, source_id),
    CONSTRAINT foods_user_owned CHECK ((source = 'user') = (owner_id IS NOT NULL))
);
CREATE INDEX foods_search ON nutrition.foods USING gin (search);
CREATE INDEX foods_name_trgm ON nutrition.foods USING gin (lower(name) gin_trgm_ops);
CREATE INDEX foods_barcode ON nutrition.foods (barcode) WHERE barcode IS NOT NULL;
CREATE INDEX foods_owner ON nutrition.foods (owner_id) WHERE owner_id IS NOT NULL;

CREATE TABLE nutrition.food_portions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    food_id bigint NOT NULL REFERENCES nutrition.foods(id) ON DELETE CASCADE,
    seq integer NOT NULL,
    amount numeric(9, 3) NOT NULL,
    description text NOT NULL,
    grams numeric(9, 3) NOT NULL CHECK (grams > 0),
    UNIQUE (food_id, seq)
);

CREATE TABLE nutrition.recipes (
    id uuid PRIMARY KEY,
    owner_id text NOT NULL,
    name text NOT NULL,
    servings numeric(7, 2),
    cooked_weight_g numeric(9, 2),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recipes_owner ON nutrition.recipes (owner_id);

CREATE TABLE nutrition.recipe_ingredients (
    id uuid PRIMARY KEY,
    recipe_id uuid NOT NULL REFERENCES nutrition.recipes(id) ON DELETE CASCADE,
    food_id bigint NOT NULL REFERENCES nutrition.foods(id),
    grams numeric(9, 2) NOT NULL CHECK (grams > 0),
    position integer NOT NULL
);
CREATE INDEX recipe_ingredients_recipe ON nutrition.recipe_ingredients (recipe_id);

CREATE TABLE nutrition.meals (
    id uuid PRIMARY KEY,
    user_id text NOT NULL,
    day date NOT NULL,
    meal_type text NOT NULL,
    note text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meals_user_day ON nutrition.meals (user_id, day);

-- Items keep a snapshot of the nutrients they were logged with: a re-import or an edited
-- recipe never changes yesterday's diary, and totals are always the sum of the items.
CREATE TABLE nutrition.meal_items (
    id uuid PRIMARY KEY,
    meal_id uuid NOT NULL REFERENCES nutrition.meals(id) ON DELETE CASCADE,
    user_id text NOT NULL,
    position integer NOT NULL,
    food_id bigint REFERENCES nutrition.foods(id) ON DELETE SET NULL,
    recipe_id uuid REFERENCES nutrition.recipes(id) ON DELETE SET NULL,
    portion_id bigint,
    quantity numeric(9, 3),
    grams numeric(9, 2),
    name text NOT NULL,
    nutrients jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meal_items_meal ON nutrition.meal_items (meal_id);
CREATE INDEX meal_items_user_food ON nutrition.meal_items (user_id, food_id, created_at);

CREATE TABLE nutrition.idempotency_keys (
    user_id text NOT NULL,
    key text NOT NULL,
    request_hash text NOT NULL,
    status_code integer,
    response jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
"""

DOWNGRADE = """
DROP TABLE IF EXISTS nutrition.idempotency_keys;
DROP TABLE IF EXISTS nutrition.meal_items;
DROP TABLE IF EXISTS nutrition.meals;
DROP TABLE IF EXISTS nutrition.recipe_ingredients;
DROP TABLE IF EXISTS nutrition.recipes;
DROP TABLE IF EXISTS nutrition.food_portions;
DROP TABLE IF EXISTS nutrition.foods;
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    # pg_trgm stays: other schemas may use it and dropping an extension is a DBA decision.
    op.execute(DOWNGRADE)
