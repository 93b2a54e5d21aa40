"""Notifications routes: thin; every user route acts on the caller's own data only."""

from __future__ import annotations

import uuid
from html import escape
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.responses import HTMLResponse

from backend_services.kernel.errors import DomainError, error_responses
from backend_services.kernel.identity import AdminUser, CurrentUser

from . import domain
from .schemas import (
    MAX_ENDPOINT_LENGTH,
    AnnouncementChannel,
    AnnouncementIn,
    AnnouncementOut,
    AnnouncementPage,
    AudienceOut,
    AuditPageOut,
    FeedOut,
    NotificationOut,
    PushSubscriptionIn,
    PushSubscriptionOut,
    ReadAllOut,
    ReminderSettings,
    SettingsOut,
    TestPushOut,
    VapidKeyOut,
)
from .service import NotificationsService


def notifications_service(request: Request) -> NotificationsService:
    service: NotificationsService = request.app.state.notifications_service
    return service


Service = Annotated[NotificationsService, Depends(notifications_service)]
router = APIRouter(
    prefix="/api/notifications", tags=["notifications"], responses=error_responses(401, 404)
)


# The gateway routes the prefix with a trailing slash; both spellings answer.
@router.get("/", response_model=FeedOut)
@router.get("", response_model=FeedOut, include_in_schema=False)
def read_feed(
    principal: CurrentUser,
    service: Service,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    unread: bool = False,
) -> dict[str, Any]:
    return service.feed(principal.user_id, cursor, limit, unread)


@router.post("/read-all", response_model=ReadAllOut)
def mark_all_read(principal: CurrentUser, service: Service) -> dict[str, int]:
    return service.mark_all_read(principal.user_id)


@router.post("/{notification_id}/read", response_model=NotificationOut)
def mark_read(
    notification_id: uuid.UUID, principal: CurrentUser, service: Service
) -> dict[str, Any]:
    return service.mark_read(principal.user_id, notification_id)


@router.get("/push/vapid-public-key", response_model=VapidKeyOut)
def vapid_public_key(_: CurrentUser, service: Service) -> dict[str, str]:
    return {"public_key": service.vapid_public_key}


@router.post(
    "/push-subscriptions",
    response_model=PushSubscriptionOut,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(409),
)
def subscribe_push(
    body: PushSubscriptionIn, principal: CurrentUser, service: Service
) -> dict[str, Any]:
    return service.subscribe_push(principal.user_id, body)


@router.get("/push-subscriptions", response_model=list[PushSubscriptionOut])
def list_push(principal: CurrentUser, service: Service) -> list[dict[str, Any]]:
    return service.list_push(principal.user_id)


@router.delete("/push-subscriptions", status_code=status.HTTP_204_NO_CONTENT)
def unsubscribe_push_by_endpoint(
    endpoint: Annotated[str, Query(min_length=1, max_length=MAX_ENDPOINT_LENGTH)],
    principal: CurrentUser,
    service: Service,
) -> Response:
    service.unsubscribe_push(principal.user_id, endpoint=endpoint)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete("/push-subscriptions/{subscription_id}", status_code=status.HTTP_204_NO_CONTENT)
def unsubscribe_push(
    subscription_id: uuid.UUID, principal: CurrentUser, service: Service
) -> Response:
    service.unsubscribe_push(principal.user_id, subscription_id=subscription_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/push-subscriptions/{subscription_id}/test",
    response_model=TestPushOut,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(409),
)
def send_test_push(
    subscription_id: uuid.UUID, principal: CurrentUser, service: Service
) -> dict[str, Any]:
    """Queue a test notification to this device; the push worker sends it within seconds."""
    return service.test_push(principal.user_id, subscription_id)


@router.get("/settings", response_model=SettingsOut)
def read_settings(principal: CurrentUser, service: Service) -> dict[str, Any]:
    return service.get_settings(principal.user_id)


@router.put("/settings", response_model=SettingsOut)
def replace_settings(
    body: ReminderSettings, principal: CurrentUser, service: Service
) -> dict[str, Any]:
    return service.put_settings(principal.user_id, body)


# --- unsubscribe: public (the link in every e-mail; the token is the credential) ---

Token = Annotated[str, Query(min_length=16, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]
Kind = Annotated[domain.NotificationType | None, Query(alias="type")]


def _page(title: str, text: str, status_code: int, language: str = "en") -> HTMLResponse:
    return HTMLResponse(
        f'<!doctype html><html lang="{escape(language)}"><title>{escape(title)}</title>'
        f"<h1>{escape(title)}</h1><p>{escape(text)}</p>",
        status_code=status_code,
    )


@router.get("/unsubscribe", response_class=HTMLResponse)
def unsubscribe_link(token: Token, service: Service, kind: Kind = None) -> HTMLResponse:
    try:
        stopped, reader = service.unsubscribe_email(token, kind)
    except DomainError as exc:  # the link's holder is unknown: the service's own words
        return _page("Unsubscribe", exc.message, exc.status)
    title, text = domain.unsubscribed_page(stopped, reader)
    return _page(title, text, 200, reader.language)


@router.post("/unsubscribe", status_code=status.HTTP_200_OK)
def unsubscribe_one_click(token: Token, service: Service, kind: Kind = None) -> dict[str, str]:
    """RFC 8058 one-click: mail clients POST ``List-Unsubscribe=One-Click`` to the link."""
    return {"unsubscribed": service.unsubscribe_email(token, kind).kind}


# --- admin ---


ADMIN = error_responses(403)


@router.post(
    "/admin/announcements",
    response_model=AnnouncementOut,
    status_code=status.HTTP_202_ACCEPTED,
    responses=ADMIN,
)
def announce(body: AnnouncementIn, admin: AdminUser, service: Service) -> dict[str, Any]:
    """Queue it: the worker fans it out in batches; read it back for the progress."""
    return service.announce(admin.user_id, body)


@router.get("/admin/announcements", response_model=AnnouncementPage, responses=ADMIN)
def recent_announcements(
    _: AdminUser, service: Service, limit: Annotated[int, Query(ge=1, le=100)] = 20
) -> dict[str, Any]:
    return {"items": service.recent_announcements(limit)}


@router.get("/admin/announcements/audience", response_model=AudienceOut, responses=ADMIN)
def announcement_audience(
    _: AdminUser,
    service: Service,
    channels: Annotated[list[AnnouncementChannel], Query(min_length=1, max_length=3)],
) -> dict[str, Any]:
    """How many users an announcement on these channels would reach now."""
    chosen = list(dict.fromkeys(channels))
    return {"channels": chosen, "audience": service.audience(chosen)}


@router.get(
    "/admin/announcements/{announcement_id}", response_model=AnnouncementOut, responses=ADMIN
)
def read_announcement(announcement_id: uuid.UUID, _: AdminUser, service: Service) -> dict[str, Any]:
    return service.announcement(announcement_id)


@router.get("/admin/audit", response_model=AuditPageOut, responses=ADMIN)
def read_audit_log(
    _: AdminUser,
    service: Service,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    """Every administrator's action, newest first: who, what, on what, when."""
    return service.audit_log(limit, offset)
