"""``GET /api/<service>/info``: which instance answered, and for whom (used by gateway checks)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from .errors import error_responses
from .identity import CurrentUser


class ServiceInfo(BaseModel):
    service: str
    instance: str
    user_id: str
    role: str
    gateway_user_id: str = Field(description="The X-User-Id the gateway forwarded.")
    forwarded_for: str = Field(description="The X-Forwarded-For the gateway forwarded.")


def service_info_router(service: str) -> APIRouter:
    router = APIRouter(prefix=f"/api/{service}", tags=[service], responses=error_responses(401))

    @router.get("/info", response_model=ServiceInfo)
    def info(request: Request, principal: CurrentUser) -> dict[str, str]:
        settings = request.app.state.settings
        return {
            "service": settings.service_name,
            "instance": settings.instance_id,
            "user_id": principal.user_id,
            "role": principal.role,
            # What the gateway forwarded: lets tests prove client-sent values never arrive.
            "gateway_user_id": request.headers.get("x-user-id", ""),
            "forwarded_for": request.headers.get("x-forwarded-for", ""),
        }

    return router
