"""ServiceSettings: connection strings default only outside production."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from backend_services.kernel import settings as settings_module
from backend_services.kernel.db import service_engine
from backend_services.kernel.settings import MissingSetting, ServiceSettings
from backend_services.notifications.settings import NotificationsSettings

URL_VARS = ("DATABASE_URL", "MONGODB_URI", "REDIS_URL", "AMQP_URL", "SMTP_URL", "ENVIRONMENT")


class NutritionLikeSettings(ServiceSettings):
    service_name: str = "nutrition"
    required_in_production: tuple[str, ...] = ("database_url", "redis_url", "amqp_url")


PRODUCTION_URLS = {
    "database_url": "postgresql://db.internal/fitledger",
    "redis_url": "redis://cache.internal:6379/0",
    "amqp_url": "amqp://mq.internal/%2F",
}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in URL_VARS:
        monkeypatch.delenv(name, raising=False)


def test_production_without_required_urls_raises():
    with pytest.raises(ValidationError) as excinfo:
        NutritionLikeSettings(environment="production")
    message = str(excinfo.value)
    for name in ("DATABASE_URL", "REDIS_URL", "AMQP_URL"):
        assert name in message
    assert "MONGODB_URI" not in message  # not required by this service


def test_production_with_one_required_url_missing_names_it(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("DATABASE_URL", "postgresql://db.internal/fitledger")
    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/0")
    with pytest.raises(ValidationError) as excinfo:
        NutritionLikeSettings()
    assert "AMQP_URL" in str(excinfo.value)
    assert "DATABASE_URL" not in str(excinfo.value)


def test_production_never_falls_back_to_local_defaults(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://db.internal/fitledger")
    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/0")
    monkeypatch.setenv("AMQP_URL", "amqp://mq.internal/")
    s = NutritionLikeSettings(environment="production")
    assert s.database_url == "postgresql://db.internal/fitledger"
    assert s.redis_url == "redis://cache.internal:6379/0"
    assert s.amqp_url == "amqp://mq.internal/"
    # Not required and not given: stays unset rather than pointing at a developer's laptop.
    assert s.mongodb_uri is None


@pytest.mark.parametrize("environment", ["local", "test"])
def test_local_profiles_fill_defaults(environment: str):
    s = NutritionLikeSettings(environment=environment)
    assert s.database_url == settings_module.LOCAL_DATABASE_URL
    assert s.mongodb_uri == settings_module.LOCAL_MONGODB_URI
    assert s.redis_url == settings_module.LOCAL_REDIS_URL
    assert s.amqp_url == settings_module.LOCAL_AMQP_URL
    for url in (s.database_url, s.mongodb_uri, s.redis_url, s.amqp_url):
        assert "127.0.0.1" in url


def test_the_embedded_mongodb_is_used_without_retryable_writes():
    from pymongo.uri_parser import parse_uri

    parsed = parse_uri(settings_module.LOCAL_MONGODB_URI)
    assert parsed["database"] == "fitledger" and parsed["options"]["retryWrites"] is False
    assert parse_uri(settings_module.embedded_mongodb_uri(28017, ""))["nodelist"] == [
        ("127.0.0.1", 28017)
    ]


def test_default_profile_is_local():
    s = ServiceSettings()
    assert s.environment == "local"
    assert s.database_url == settings_module.LOCAL_DATABASE_URL


def test_explicit_values_win_over_local_defaults(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6380/3")
    s = ServiceSettings(environment="local")
    assert s.redis_url == "redis://127.0.0.1:6380/3"


def test_unknown_environment_is_rejected():
    with pytest.raises(ValidationError):
        ServiceSettings(environment="staging")


def test_settings_are_frozen():
    s = ServiceSettings()
    with pytest.raises(ValidationError):
        s.database_url = "postgresql://elsewhere/db"  # type: ignore[misc]


def test_token_defaults_are_asymmetric_only():
    s = ServiceSettings()
    assert s.jwt_algorithms == ("EdDSA",)
    assert s.schema_name == s.service_name


def test_a_connection_a_process_needs_but_was_not_given_is_named():
    settings = NutritionLikeSettings(environment="production", **PRODUCTION_URLS)
    assert settings.require("database_url") == PRODUCTION_URLS["database_url"]
    with pytest.raises(MissingSetting, match="MONGODB_URI is not set"):
        settings.require("mongodb_uri")


def test_local_profiles_default_the_mail_catcher():
    assert NutritionLikeSettings().require("smtp_url") == settings_module.LOCAL_SMTP_URL


def test_metrics_endpoint_and_pool_come_from_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("METRICS_PORT", "9105")
    monkeypatch.setenv("METRICS_HOST", "0.0.0.0")
    monkeypatch.setenv("DB_POOL_SIZE", "7")
    monkeypatch.setenv("DB_POOL_TIMEOUT_SECONDS", "3.5")
    settings = NutritionLikeSettings()
    assert (settings.metrics_port, settings.metrics_host) == (9105, "0.0.0.0")
    engine = service_engine(settings)
    try:
        assert engine.pool.size() == 7  # type: ignore[attr-defined]
        assert engine.pool.timeout() == 3.5  # type: ignore[attr-defined]
    finally:
        engine.dispose()
    monkeypatch.setenv("METRICS_PORT", "0")
    with pytest.raises(ValidationError):
        NutritionLikeSettings()


def test_the_vapid_key_lives_in_the_keys_folder_unless_given(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SIGNING_KEYS_DIR", "/srv/keys")
    assert NotificationsSettings().vapid_private_key_file == "/srv/keys/vapid/private.pem"
    monkeypatch.setenv("VAPID_PRIVATE_KEY_FILE", "/elsewhere/vapid.pem")
    assert NotificationsSettings().vapid_private_key_file == "/elsewhere/vapid.pem"
