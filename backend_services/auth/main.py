"""Auth service wiring: ``uvicorn backend_services.auth.main:create_app --factory``."""

from __future__ import annotations

from fastapi import FastAPI

from backend_services.kernel.cache import make_redis, ping_redis
from backend_services.kernel.db import ping_database, service_engine
from backend_services.kernel.service_app import create_service_app
from backend_services.kernel.sessions import RedisSessionCheck
from backend_services.kernel.tokens import AccessTokenVerifier

from . import api
from .keys import jwks, load_signing_keys
from .service import AuthService
from .sessions import SessionIndex
from .settings import AuthSettings
from .throttle import LoginThrottle


def create_app(settings: AuthSettings | None = None) -> FastAPI:
    settings = settings or AuthSettings()
    keys = load_signing_keys(settings.signing_keys_dir)
    verifier = AccessTokenVerifier(
        {k.kid: k.public_pyjwk() for k in keys},
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        algorithms=settings.jwt_algorithms,
        leeway_seconds=settings.jwt_leeway_seconds,
    )
    redis_client = make_redis(settings.require("redis_url"))
    engine = service_engine(settings)
    app = create_service_app(
        settings,
        routers=[api.public, api.internal],
        readiness={
            "postgres": lambda: ping_database(engine),
            "redis": lambda: ping_redis(redis_client),
        },
        verifier=verifier,
        # auth ends sessions itself: its own check reads the index without a local cache
        session_check=RedisSessionCheck(redis_client, cache_seconds=0),
        schema=("auth", engine),
    )
    sessions = SessionIndex(redis_client)
    throttle = LoginThrottle(
        redis_client,
        per_account=settings.login_failures_per_account,
        per_ip=settings.login_failures_per_ip,
        window_seconds=settings.login_failure_window_seconds,
    )
    app.state.sessions = sessions
    app.state.jwks = jwks(keys)
    app.state.auth_service = AuthService(engine, settings, sessions, throttle, keys[-1])
    return app
