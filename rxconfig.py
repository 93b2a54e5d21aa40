"""Reflex configuration for the FitLedger UI (app/app.py), read from the environment."""

import os
from urllib.parse import urlsplit, urlunsplit

import reflex as rx

# Reflex sessions live in their own Redis database so they never mix with service data.
REFLEX_REDIS_DB = 3


def _reflex_redis_url(shared_url: str) -> str:
    """The shared REDIS_URL with its database number replaced by REFLEX_REDIS_DB."""
    parts = urlsplit(shared_url)
    return urlunsplit(parts._replace(path=f"/{REFLEX_REDIS_DB}"))


# The browser only ever talks to the nginx gateway: pages and the backend websocket
# share one origin, so api_url and deploy_url are both the gateway. api_url is baked
# into the frontend bundle at build time, so build with the same PUBLIC_URL you serve.
PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://localhost:8080").rstrip("/")


def _is_set(name: str) -> bool:
    return os.environ.get(name, "").lower() in {"1", "true", "yes"}


# `reflex run` refuses a frontend port with --backend-only (and vice versa), so a
# half-stack run (REFLEX_BACKEND_ONLY / REFLEX_FRONTEND_ONLY, as deploy/local/ui.sh
# sets) gets only the port it serves.
_ports: dict[str, int] = {}
if not _is_set("REFLEX_BACKEND_ONLY"):
    _ports["frontend_port"] = int(os.environ.get("UI_FRONTEND_PORT", "3000"))
if not _is_set("REFLEX_FRONTEND_ONLY"):
    _ports["backend_port"] = int(os.environ.get("UI_BACKEND_PORT", "8000"))

config = rx.Config(
    app_name="app",
    **_ports,
    backend_host=os.environ.get("UI_BIND_HOST", "127.0.0.1"),
    api_url=PUBLIC_URL,
    deploy_url=PUBLIC_URL,
    state_manager_mode=rx.constants.StateManagerMode.REDIS,
    redis_url=_reflex_redis_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0")),
    # Only our own pages may call the UI backend from a browser.
    cors_allowed_origins=[PUBLIC_URL],
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # The sitemap needs a real public hostname and is not useful for a self-hosted app.
    plugins=[rx.plugins.RadixThemesPlugin(theme=rx.theme(accent_color="grass", radius="large"))],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
