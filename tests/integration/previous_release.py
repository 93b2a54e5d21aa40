"""What the previous release left in each PostgreSQL service's schema, for the upgrade-path
tests: its migration head per service and rows as that release wrote them.

The previous release is the one the CHANGELOG dates 2026-11-30 (main at 34326a1). Its
revisions are still in the repository unchanged (released migrations are never edited), so
``alembic upgrade <its head>`` on an empty database builds exactly its schema. The rows are
plain SQL against that schema (never the current models, which know newer columns), with the
values its code stored: a bcrypt hash made by its ``hash_password``, nutrients as its
``Nutrients.to_json`` wrote them, a daily statistics row carrying the day's target.
"""

from __future__ import annotations

RELEASE = "2026-11-30 (34326a1)"
HEADS = {
    "auth": "auth_0002",
    "users": "users_0002",
    "nutrition": "nutrition_0003",
    "notifications": "notifications_0002",
}

USER_ID = "5b0c6a2e-7d1f-4a8e-9c3b-2f6d8e1a4c70"

# --- auth: an account, a signed-in session with its live refresh token, a spent reset link --
PASSWORD = "Plum-tree harvest 1987"
PASSWORD_HASH = "$2b$12$4pVlHtmEX5OnVeTV2OyGvep/pOVIc.eoDbyduJvZeedSCJiowIbMC"
SESSION_ID = "0f3e9d4c-1b2a-4c5d-8e7f-6a5b4c3d2e1f"
REFRESH_TOKEN = "release-2026-11-30-refresh-token-of-ada-0001"
REFRESH_TOKEN_HASH = "046a1e98b2ff9f11e003ea46201030f8c4ad34b47ba3d3e4cb6f67abc0b205fe"
AUTH_ROWS = f"""
INSERT INTO auth.users (id, email, display_name, password_hash, role, disabled, created_at,
                        password_changed_at)
VALUES ('{USER_ID}', 'ada@example.com', 'Ada', '{PASSWORD_HASH}', 'user', false,
        '2026-11-20T08:00:00Z', '2026-11-20T08:00:00Z');
INSERT INTO auth.sessions (id, user_id, created_at, last_used_at, expires_at, user_agent, ip)
VALUES ('{SESSION_ID}', '{USER_ID}', now() - interval '2 days', now() - interval '1 day',
        now() + interval '28 days', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0',
        '198.51.100.7');
INSERT INTO auth.refresh_tokens (token_hash, session_id, created_at)
VALUES ('{REFRESH_TOKEN_HASH}', '{SESSION_ID}', now() - interval '1 day');
INSERT INTO auth.password_reset_tokens (token_hash, user_id, created_at, expires_at, used_at)
VALUES (repeat('ab', 32), '{USER_ID}', '2026-11-21T09:00:00Z', '2026-11-21T09:30:00Z',
        '2026-11-21T09:05:00Z');
"""

# --- users: a complete profile, preferences, a weight log, three days of statistics whose
# rows carry the target of their day (2300, then 2150 after the goal changed) ---
USERS_ROWS = f"""
INSERT INTO users.profiles (user_id, display_name, sex, birth_date, height_cm, weight_kg,
                            activity_level, goal, goal_rate_kg_per_week, units, timezone,
                            language, quiet_hours_start, quiet_hours_end, calorie_target_kcal)
VALUES ('{USER_ID}', 'Ada', 'female', '1990-05-01', 168.0, 64.50, 'moderate', 'lose', 0.50,
        'metric', 'Europe/Berlin', 'en', '22:00', '07:00', 2150);
INSERT INTO users.notification_preferences (user_id, type, channel, enabled)
VALUES ('{USER_ID}', 'daily_norm_exceeded', 'email', false);
INSERT INTO users.weights (user_id, local_date, weight_kg) VALUES
    ('{USER_ID}', '2026-11-26', 65.10), ('{USER_ID}', '2026-11-27', 64.80),
    ('{USER_ID}', '2026-11-28', 64.50);
INSERT INTO users.daily_stats (user_id, local_date, calories_in, protein_g, fat_g,
                               carbohydrate_g, intake_as_of, calories_out, workouts, weight_kg,
                               target_kcal) VALUES
    ('{USER_ID}', '2026-11-26', 2210.0, 98.0, 70.5, 280.0, '2026-11-26T20:00:00Z', 0, 0,
     65.10, 2300),
    ('{USER_ID}', '2026-11-27', 1980.5, 110.0, 60.0, 240.5, '2026-11-27T20:00:00Z', 350.0, 1,
     64.80, 2300),
    ('{USER_ID}', '2026-11-28', 2050.0, 105.5, 66.0, 250.0, '2026-11-28T20:00:00Z', 0, 0,
     64.50, 2150);
INSERT INTO users.day_workouts (user_id, workout_id, local_date, calories_kcal, duration_min)
VALUES ('{USER_ID}', 'a1b2c3d4e5f60718293a4b5c6d7e8f90', '2026-11-27', 350.0, 45.0);
"""

# --- nutrition: a reference food with a portion, a user's own food, and a logged day ---
OATS_NUTRIENTS = (
    '{"energy_kcal": 379.0, "protein_g": 13.15, "fat_g": 6.52, "saturated_fat_g": 1.11,'
    ' "carbohydrate_g": 67.7, "sugars_g": 0.99, "fibre_g": 10.1, "sodium_mg": 6.0,'
    ' "energy_kj": 1586.0, "micronutrients": {"iron_mg": 4.25}}'
)
OATS_ITEM = (  # 60 g of them, as logged
    '{"energy_kcal": 227.4, "protein_g": 7.89, "fat_g": 3.912, "saturated_fat_g": 0.666,'
    ' "carbohydrate_g": 40.62, "sugars_g": 0.594, "fibre_g": 6.06, "sodium_mg": 3.6,'
    ' "energy_kj": 951.6, "micronutrients": {"iron_mg": 2.55}}'
)
BAR_ITEM = (
    '{"energy_kcal": 210.0, "protein_g": 20.0, "fat_g": 7.0, "saturated_fat_g": 3.0,'
    ' "carbohydrate_g": 18.0, "sugars_g": 2.0, "fibre_g": null, "sodium_mg": 150.0,'
    ' "energy_kj": 878.6, "micronutrients": {}}'
)
MEAL_ID = "6c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
NUTRITION_ROWS = f"""
INSERT INTO nutrition.foods (source, source_id, licence, name, category, energy_kcal,
                             energy_kj, protein_g, fat_g, saturated_fat_g, carbohydrate_g,
                             sugars_g, fibre_g, sodium_mg, micronutrients)
VALUES ('usda-sr28', '08120', 'public domain (USDA)',
        'Cereals, oats, regular and quick, not fortified, dry', 'Breakfast Cereals',
        379, 1586, 13.15, 6.52, 1.11, 67.7, 0.99, 10.1, 6,
        '{{"iron_mg": 4.25}}');
INSERT INTO nutrition.food_portions (food_id, seq, amount, description, grams)
SELECT id, 1, 1, 'cup', 81 FROM nutrition.foods WHERE source_id = '08120';
INSERT INTO nutrition.foods (source, source_id, owner_id, licence, name, brand, barcode,
                             energy_kcal, protein_g, fat_g, saturated_fat_g, carbohydrate_g,
                             sugars_g, sodium_mg, quality_flags)
VALUES ('user', 'u-1', '{USER_ID}', 'user', 'Protein bar', 'Ada''s', '4006381333931',
        350, 33.3, 11.7, 5, 30, 3.3, 250, '{{}}');
INSERT INTO nutrition.meals (id, user_id, day, meal_type, note)
VALUES ('{MEAL_ID}', '{USER_ID}', '2026-11-28', 'breakfast', 'before the run');
INSERT INTO nutrition.meal_items (id, meal_id, user_id, position, food_id, portion_id, quantity,
                                  grams, name, nutrients)
SELECT '7d2e3f40-5b6c-4d7e-9f01-1b2c3d4e5f60', '{MEAL_ID}', '{USER_ID}', 0, f.id, p.id, 0.741,
       60, f.name, '{OATS_ITEM}'
FROM nutrition.foods f JOIN nutrition.food_portions p ON p.food_id = f.id
WHERE f.source_id = '08120';
INSERT INTO nutrition.meal_items (id, meal_id, user_id, position, food_id, grams, name, nutrients)
SELECT '8e3f4051-6c7d-4e8f-a012-2c3d4e5f6071', '{MEAL_ID}', '{USER_ID}', 1, id, 60,
       'Protein bar', '{BAR_ITEM}'
FROM nutrition.foods WHERE source_id = 'u-1';
"""

# --- notifications: the projection of the user, a read and an unread notification, the
# day's norm state and a sent reminder ---
NOTIFICATIONS_ROWS = f"""
INSERT INTO notifications.recipients (user_id, email, display_name, timezone, language,
                                      calorie_target_kcal, preferences, quiet_start, quiet_end,
                                      last_weight_kg, goal_weight_kg, meal_reminder_times,
                                      workout_reminder_days, workout_reminder_time,
                                      unsubscribe_token)
VALUES ('{USER_ID}', 'ada@example.com', 'Ada', 'Europe/Berlin', 'en', 2150.0,
        '{{"daily_norm_exceeded": {{"email": false}}}}', '22:00', '07:00', 64.50, 60.00,
        '["08:00", "13:00"]', '[0, 3]', '18:30', 'unsub-ada-0001');
INSERT INTO notifications.notifications (id, user_id, type, title, body, data, dedupe_key,
                                         created_at, read_at) VALUES
    ('1a2b3c4d-0000-4000-8000-000000000001', '{USER_ID}', 'workout_completed',
     'Well done!', 'You finished Morning run: 350 kcal.', '{{"workout_id": "a1b2"}}',
     'workout:a1b2', '2026-11-27T07:00:00Z', '2026-11-27T07:05:00Z'),
    ('1a2b3c4d-0000-4000-8000-000000000002', '{USER_ID}', 'daily_norm_exceeded',
     'Over your daily norm', 'You have eaten 2210 of 2150 kcal today.',
     '{{"total_kcal": 2210.0, "target_kcal": 2150.0}}', 'norm:2026-11-26',
     '2026-11-26T19:00:00Z', NULL);
INSERT INTO notifications.daily_norm_state (user_id, local_date, total_kcal, target_kcal, "over",
                                            armed, warnings, last_event_at)
VALUES ('{USER_ID}', '2026-11-26', 2210.0, 2150.0, true, false, 1, '2026-11-26T19:00:00Z');
INSERT INTO notifications.reminder_sends (user_id, kind, local_date, slot)
VALUES ('{USER_ID}', 'meal', '2026-11-28', '08:00');
"""

ROWS = {
    "auth": AUTH_ROWS,
    "users": USERS_ROWS,
    "nutrition": NUTRITION_ROWS,
    "notifications": NOTIFICATIONS_ROWS,
}
