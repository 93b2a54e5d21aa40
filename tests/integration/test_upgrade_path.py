"""The upgrade path (issue 16): each PostgreSQL service's database as the previous release left
it (its migration head, its rows: ``previous_release.py``) is migrated forwards to this
release's head on the real PostgreSQL, and the current service code reads every row right.

Workouts keep their documents in MongoDB without alembic; how those change between releases
is in docs/operations.md ("Upgrades").
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import previous_release as release
import psycopg
import pytest
from alembic.script import ScriptDirectory
from databases import drop_database, fresh_database
from sqlalchemy import Engine

from backend_services.auth.keys import generate_signing_key
from backend_services.auth.service import AuthService, ClientContext
from backend_services.auth.sessions import SessionIndex
from backend_services.auth.settings import AuthSettings
from backend_services.auth.throttle import LoginThrottle
from backend_services.kernel import migrations
from backend_services.kernel.cache import make_redis
from backend_services.kernel.db import make_engine
from backend_services.kernel.errors import Unauthorized
from backend_services.kernel.tokens import Principal
from backend_services.notifications.service import NotificationsService
from backend_services.notifications.settings import NotificationsSettings
from backend_services.nutrition.service import NutritionService
from backend_services.users.service import UsersService

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def upgraded(test_database: str) -> Iterator[Callable[[str], Engine]]:
    """Factory: a fresh database holding ``service``'s schema and rows of the previous
    release, then migrated to head; returns an engine on it (the service's check at start,
    ``check_schema``, already passed). Dropped afterwards."""
    made: list[tuple[str, Engine]] = []

    def upgrade(service: str) -> Engine:
        name = f"fitledger_upgrade_{service}_{uuid.uuid4().hex[:8]}"
        url = fresh_database(name)
        migrations.upgrade(service, url, release.HEADS[service])
        with psycopg.connect(url) as conn:
            conn.execute(release.ROWS[service])
        migrations.upgrade(service, url)
        engine = make_engine(url, pool_size=2, application_name="upgrade-path-test")
        made.append((name, engine))
        assert current_revision(engine, service) == head_revision(service, url)
        migrations.check_schema(service, engine)
        return engine

    yield upgrade
    for name, engine in made:
        engine.dispose()
        drop_database(name)


def current_revision(engine: Engine, service: str) -> str:
    with engine.connect() as conn:
        return str(
            conn.exec_driver_sql(f"SELECT version_num FROM {service}.alembic_version").scalar()
        )


def head_revision(service: str, url: str) -> str:
    script = ScriptDirectory.from_config(migrations.alembic_config(service, url))
    return str(script.get_current_head())


SCHEMA_QUERIES = (
    # column order is left out: a migration that rebuilds a column appends it
    "SELECT table_name, column_name, data_type, is_nullable, column_default,"
    " generation_expression FROM information_schema.columns WHERE table_schema = %(s)s",
    "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = %(s)s",
    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
    " WHERE connamespace = %(s)s::regnamespace",
)


def schema_of(url: str, schema: str) -> list[set[tuple[object, ...]]]:
    """The schema's columns, indexes and constraints, as sets of rows."""
    with psycopg.connect(url) as conn:
        return [set(conn.execute(query, {"s": schema}).fetchall()) for query in SCHEMA_QUERIES]


@pytest.mark.parametrize("service", list(release.HEADS))
def test_an_upgraded_schema_is_the_one_a_fresh_install_gets(
    upgraded: Callable[[str], Engine], service: str
) -> None:
    upgraded_url = upgraded(service).url.render_as_string(hide_password=False)
    name = f"fitledger_fresh_{service}_{uuid.uuid4().hex[:8]}"
    try:
        fresh_url = fresh_database(name)
        migrations.upgrade(service, fresh_url)
        fresh = schema_of(fresh_url, service)
        assert all(fresh), "the schema has columns, indexes and constraints"
    finally:
        drop_database(name)
    upgraded_schema = schema_of(upgraded_url.replace("+psycopg", ""), service)
    for kind, got, want in zip(
        ("columns", "indexes", "constraints"), upgraded_schema, fresh, strict=True
    ):
        assert got == want, (kind, sorted(got ^ want, key=str))


def test_the_previous_release_heads_are_ancestors_of_this_releases_heads() -> None:
    for service, previous in release.HEADS.items():
        config = migrations.alembic_config(service, "postgresql://unused/unused")
        script = ScriptDirectory.from_config(config)
        ancestry = [r.revision for r in script.walk_revisions("base", "heads")]
        assert previous in ancestry, (service, release.RELEASE)


def test_auth_accounts_sessions_and_refresh_tokens_survive(
    upgraded: Callable[[str], Engine], tmp_path: Path
) -> None:
    engine = upgraded("auth")
    redis_client = make_redis(REDIS_URL)
    try:
        redis_client.ping()
    except Exception as exc:  # the session index and throttle live in Redis
        pytest.skip(f"Redis not reachable at {REDIS_URL}: {exc}")
    settings = AuthSettings(database_url="postgresql://unused/unused", bcrypt_rounds=12)
    service = AuthService(
        engine,
        settings,
        SessionIndex(redis_client),
        LoginThrottle(redis_client, per_account=5, per_ip=30, window_seconds=60),
        generate_signing_key(tmp_path / "keys"),
    )
    # The stored bcrypt hash still signs the owner in (the address in any case) ...
    client = ClientContext(ip=f"203.0.113.{uuid.uuid4().int % 250 + 1}", user_agent="upgrade")
    signed_in = service.login("ADA@example.com", release.PASSWORD, client)
    with pytest.raises(Unauthorized):
        service.login("ada@example.com", "not the password", client)
    # ... and the session signed in before the upgrade stays valid: its refresh token rotates
    # once, and a second use of it ends the family (reuse detection on the old rows).
    rotated = service.refresh(release.REFRESH_TOKEN)
    assert str(rotated.session_id) == release.SESSION_ID
    with pytest.raises(Unauthorized):
        service.refresh(release.REFRESH_TOKEN)
    with pytest.raises(Unauthorized):
        service.refresh(rotated.refresh_token)
    principal = Principal(
        user_id=release.USER_ID,
        role="user",
        session_id=str(signed_in.session_id),
        token_id="t",
        expires_at=0,
    )
    account = service.account(principal)
    assert (account.email, account.display_name, account.role) == ("ada@example.com", "Ada", "user")
    # The old session was ended by the reuse; the one signed in after the upgrade is listed.
    listed = [(str(s.id), current) for s, current in service.list_sessions(principal)]
    assert listed == [(str(signed_in.session_id), True)]


def test_users_profile_weights_and_statistics_survive(upgraded: Callable[[str], Engine]) -> None:
    engine = upgraded("users")
    service = UsersService(engine, clock=lambda: datetime(2026, 11, 28, 21, 0, tzinfo=UTC))
    profile = service.get_profile(release.USER_ID)
    assert {k: profile[k] for k in ("sex", "height_cm", "weight_kg", "goal", "timezone")} == {
        "sex": "female",
        "height_cm": 168.0,
        "weight_kg": 64.5,
        "goal": "lose",
        "timezone": "Europe/Berlin",
    }
    # Columns added since: the defaults the migrations give (the formulas decide, weeks on
    # Monday), and the stored preference still off.
    assert profile["custom_calorie_target_kcal"] is None
    assert profile["custom_protein_g_per_kg"] is None
    assert profile["week_start"] == "monday"
    assert profile["notifications"]["preferences"]["daily_norm_exceeded"]["email"] is False
    assert profile["notifications"]["quiet_hours"] is not None
    assert profile["complete"] is True
    assert service.targets(release.USER_ID)["calorie_target_kcal"] > 0

    weights = service.weight_log(release.USER_ID, date(2026, 11, 26), date(2026, 11, 28))
    assert [(e["date"], e["weight_kg"]) for e in weights["entries"]] == [
        (date(2026, 11, 26), 65.1),
        (date(2026, 11, 27), 64.8),
        (date(2026, 11, 28), 64.5),
    ]
    # users_0004 backfilled the target history from the daily rows: each past day keeps the
    # target it had, not today's.
    stats = service.stats(release.USER_ID, date(2026, 11, 26), date(2026, 11, 28))
    assert [(d["calories_in"], d["target_kcal"], d["workouts"]) for d in stats["days"]] == [
        (2210.0, 2300.0, 0),
        (1980.5, 2300.0, 1),
        (2050.0, 2150.0, 0),
    ]
    assert stats["logged_days"] == 3


def test_nutrition_foods_and_the_diary_survive(upgraded: Callable[[str], Engine]) -> None:
    engine = upgraded("nutrition")
    service = NutritionService(engine)
    # nutrition_0004 rebuilt the generated search column: old foods are found by their name.
    found = service.search_foods(
        release.USER_ID, q="oats", category=None, source=None, limit=5, cursor=None
    )
    [oats] = [f for f in found["items"] if f["source"] == "usda-sr28"]
    assert oats["nutrients_per_100g"]["energy_kcal"] == 379.0
    assert oats["other_names"] == []  # aliases come with the next import
    assert [p["description"] for p in oats["portions"]] == ["cup"]
    own = service.food_by_barcode(release.USER_ID, "4006381333931")
    assert (own["name"], own["private"]) == ("Protein bar", True)

    day = service.day(release.USER_ID, date(2026, 11, 28))
    [meal] = day["meals"]
    assert (meal["meal_type"], meal["note"]) == ("breakfast", "before the run")
    assert [i["name"] for i in meal["items"]] == [
        "Cereals, oats, regular and quick, not fortified, dry",
        "Protein bar",
    ]
    assert day["totals"]["energy_kcal"] == 437.4
    assert day["totals"]["protein_g"] == 27.89
    assert day["totals"]["micronutrients"] == {"iron_mg": 2.55}
    assert service.nutrient_definitions() == {"nutrients": {}}  # filled by the next import


def test_notifications_feed_and_settings_survive(
    upgraded: Callable[[str], Engine], tmp_path: Path
) -> None:
    engine = upgraded("notifications")
    settings = NotificationsSettings(
        environment="test",
        database_url="postgresql://unused/unused",
        vapid_private_key_file=str(tmp_path / "vapid.pem"),
    )
    service = NotificationsService(engine, settings, vapid_public_key="test")
    feed = service.feed(release.USER_ID, cursor=None, limit=10, unread_only=False)
    assert [(n["type"], n["read_at"] is None) for n in feed["items"]] == [
        ("workout_completed", False),
        ("daily_norm_exceeded", True),
    ]
    assert feed["unread_count"] == 1
    found = service.get_settings(release.USER_ID)
    assert found["meal_reminder_times"] == ["08:00", "13:00"]
    assert found["workout_reminder_days"] == [0, 3]
    assert found["workout_reminder_time"] == "18:30"
    assert found["goal_weight_kg"] == 60.0
    assert found["calorie_target_kcal"] == 2150.0
    assert found["quiet_hours"] == {"start": "22:00", "end": "07:00"}
    assert found["preferences"]["daily_norm_exceeded"]["email"] is False
    assert found["preferences"]["daily_norm_exceeded"]["in_app"] is True
