"""Auth service wiring: ``uvicorn backend_services.auth.main:create_app --factory``."""

from __future__ import annotations

from fastapi import FastAPI

from backend_services.kernel.cache import make_redis, ping_redis
from backend_services.kernel.service_app import create_service_app
from backend_services.kernel.tokens import AccessTokenVerifier

from . import api
from .keys import jwks, load_signing_keys
from .sessions import SessionIndex
from .settings import AuthSettings


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
    assert settings.redis_url
    redis_client = make_redis(settings.redis_url)
    app = create_service_app(
        settings,
        routers=[api.public, api.internal],
        readiness={"redis": lambda: ping_redis(redis_client)},
        verifier=verifier,
    )
    app.state.sessions = SessionIndex(redis_client)
    app.state.jwks = jwks(keys)
    app.state.signing_key = keys[-1]
    return app
