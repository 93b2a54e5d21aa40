"""Auth HTTP routes (thin): parse, call one use case, shape the answer and cookies."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.responses import JSONResponse

from backend_services.kernel.business_metrics import SIGN_INS
from backend_services.kernel.errors import RateLimited, Unauthorized, error_body, error_responses
from backend_services.kernel.identity import (
    ACCESS_COOKIE,
    AdminUser,
    CurrentUser,
    bearer_or_cookie_token,
    client_address,
)
from backend_services.kernel.tokens import AccessTokenVerifier, InvalidToken

from .models import (
    AcceptedResponse,
    AdminUserDetail,
    ChangePasswordRequest,
    DeleteAccountRequest,
    DeviceSessionPublic,
    DisabledUpdate,
    ForgotPasswordRequest,
    Jwks,
    LoginRequest,
    RefreshRequest,
    RegisterRequest,
    ResetPasswordRequest,
    RoleUpdate,
    SessionPublic,
    SessionsEnded,
    TokenResponse,
    UserPage,
    UserPublic,
)
from .service import AuthService, ClientContext, IssuedTokens
from .sessions import SessionIndex

REFRESH_COOKIE = "fl_refresh"
REFRESH_COOKIE_PATH = "/api/auth"

public = APIRouter(prefix="/api/auth", tags=["auth"])
internal = APIRouter(prefix="/internal", include_in_schema=False)


def auth_service(request: Request) -> AuthService:
    return request.app.state.auth_service


def session_index(request: Request) -> SessionIndex:
    return request.app.state.sessions


Service = Annotated[AuthService, Depends(auth_service)]


# The kernel's CurrentUser already refuses ended sessions (auth reads its index uncached).
LiveUser = CurrentUser
LiveAdmin = AdminUser


def _client(request: Request) -> ClientContext:
    return ClientContext(
        ip=client_address(request), user_agent=request.headers.get("user-agent", "")
    )


def _set_token_cookies(
    request: Request, response: Response, issued: IssuedTokens, refresh_max_age: int
) -> None:
    secure = request.headers.get("x-forwarded-proto", request.url.scheme) == "https"
    response.set_cookie(
        ACCESS_COOKIE,
        issued.access_token,
        max_age=issued.expires_in,
        httponly=True,
        samesite="lax",
        secure=secure,
        path="/",
    )
    response.set_cookie(
        REFRESH_COOKIE,
        issued.refresh_token,
        max_age=refresh_max_age,
        httponly=True,
        samesite="lax",
        secure=secure,
        path=REFRESH_COOKIE_PATH,
    )


def _clear_token_cookies(response: Response) -> None:
    response.delete_cookie(ACCESS_COOKIE, path="/")
    response.delete_cookie(REFRESH_COOKIE, path=REFRESH_COOKIE_PATH)


def _token_answer(
    request: Request, response: Response, service: AuthService, issued: IssuedTokens
) -> TokenResponse:
    _set_token_cookies(request, response, issued, service.settings.refresh_token_ttl_days * 86400)
    return TokenResponse(
        access_token=issued.access_token,
        expires_in=issued.expires_in,
        refresh_token=issued.refresh_token,
    )


@public.post("/register", status_code=status.HTTP_201_CREATED)
def register(body: RegisterRequest, service: Service) -> AcceptedResponse:
    service.register(body.email, body.password, body.display_name)
    return AcceptedResponse(
        message="Registration received. Sign in with your e-mail and "
        "password; we have also written to this address."
    )


@public.post("/login", responses=error_responses(401))
def login(
    body: LoginRequest, request: Request, response: Response, service: Service
) -> TokenResponse:
    try:
        issued = service.login(body.email, body.password, _client(request))
    except RateLimited:
        SIGN_INS.labels("throttled").inc()
        raise
    except Unauthorized:
        SIGN_INS.labels("failed").inc()
        raise
    SIGN_INS.labels("ok").inc()
    return _token_answer(request, response, service, issued)


@public.post("/refresh", responses=error_responses(401))
def refresh(
    request: Request, response: Response, service: Service, body: RefreshRequest | None = None
) -> TokenResponse:
    raw = (body.refresh_token if body else None) or request.cookies.get(REFRESH_COOKIE)
    if not raw:
        raise Unauthorized("Sign in again.", code="invalid_refresh_token")
    return _token_answer(request, response, service, service.refresh(raw))


@public.post("/logout", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401))
def logout(principal: LiveUser, response: Response, service: Service) -> None:
    service.logout(principal)
    _clear_token_cookies(response)


@public.post("/logout-all", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401))
def logout_all(principal: LiveUser, response: Response, service: Service) -> None:
    service.logout_all(principal)
    _clear_token_cookies(response)


@public.get("/sessions", responses=error_responses(401))
def sessions(principal: LiveUser, service: Service) -> list[SessionPublic]:
    return [
        SessionPublic(
            id=row.id,
            created_at=row.created_at,
            last_used_at=row.last_used_at,
            expires_at=row.expires_at,
            user_agent=row.user_agent,
            ip=row.ip,
            current=current,
        )
        for row, current in service.list_sessions(principal)
    ]


@public.delete(
    "/sessions/{session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 404),
)
def end_session(session_id: uuid.UUID, principal: LiveUser, service: Service) -> None:
    service.end_session(principal, session_id)


@public.post("/password/forgot", status_code=status.HTTP_202_ACCEPTED)
def forgot_password(body: ForgotPasswordRequest, service: Service) -> AcceptedResponse:
    service.forgot_password(body.email)
    return AcceptedResponse(message="If an account uses this address, a reset link is on its way.")


@public.post("/password/reset", status_code=status.HTTP_204_NO_CONTENT)
def reset_password(body: ResetPasswordRequest, service: Service) -> None:
    service.reset_password(body.token, body.new_password)


@public.post(
    "/password/change", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401)
)
def change_password(body: ChangePasswordRequest, principal: LiveUser, service: Service) -> None:
    service.change_password(principal, body.current_password, body.new_password)


@public.get("/me", responses=error_responses(401, 404))
def me(principal: LiveUser, service: Service) -> UserPublic:
    return service.account(principal)


@public.delete("/me", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401, 404))
def delete_me(
    body: DeleteAccountRequest, principal: LiveUser, response: Response, service: Service
) -> None:
    service.delete_account(principal, body.password)
    _clear_token_cookies(response)


@public.get("/admin/users", responses=error_responses(401, 403))
def admin_users(
    _: LiveAdmin,
    service: Service,
    q: Annotated[str, Query(max_length=100)] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> UserPage:
    return service.list_users(q, limit, offset)


@public.get("/admin/users/{user_id}", responses=error_responses(401, 403, 404))
def admin_user(user_id: uuid.UUID, _: LiveAdmin, service: Service) -> AdminUserDetail:
    user, rows = service.user_detail(user_id)
    return AdminUserDetail(
        user=user,
        sessions=[DeviceSessionPublic.model_validate(r, from_attributes=True) for r in rows],
    )


@public.delete("/admin/users/{user_id}/sessions", responses=error_responses(401, 403, 404))
def admin_end_all_sessions(user_id: uuid.UUID, admin: LiveAdmin, service: Service) -> SessionsEnded:
    """Sign the user out on every device at once (the account stays usable)."""
    return SessionsEnded(ended=service.admin_end_sessions(admin, user_id))


@public.delete(
    "/admin/users/{user_id}/sessions/{session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404),
)
def admin_end_session(
    user_id: uuid.UUID, session_id: uuid.UUID, admin: LiveAdmin, service: Service
) -> None:
    service.admin_end_sessions(admin, user_id, session_id)


@public.patch("/admin/users/{user_id}/status", responses=error_responses(401, 403, 404, 409))
def admin_set_status(
    user_id: uuid.UUID, body: DisabledUpdate, admin: LiveAdmin, service: Service
) -> UserPublic:
    return service.set_disabled(admin, user_id, body.disabled)


@public.patch("/admin/users/{user_id}/role", responses=error_responses(401, 403, 404, 409))
def admin_set_role(
    user_id: uuid.UUID, body: RoleUpdate, admin: LiveAdmin, service: Service
) -> UserPublic:
    return service.set_role(admin, user_id, body.role)


@public.get("/.well-known/jwks.json", response_model=Jwks)
def jwks(request: Request) -> dict[str, Any]:
    return request.app.state.jwks


@internal.get("/verify")
def verify(request: Request, sessions: Annotated[SessionIndex, Depends(session_index)]) -> Response:
    """nginx ``auth_request`` target: 200 with identity headers, or 401. No database here."""
    verifier: AccessTokenVerifier = request.app.state.token_verifier
    token = bearer_or_cookie_token(request)
    try:
        if not token:
            raise InvalidToken("no token")
        principal = verifier.verify(token)
    except InvalidToken:
        return JSONResponse(error_body("unauthorized", "Sign in to continue."), status_code=401)
    if not sessions.is_active(principal.session_id):
        return JSONResponse(error_body("unauthorized", "This session has ended."), status_code=401)
    return Response(
        status_code=200,
        headers={"X-User-Id": principal.user_id, "X-User-Role": principal.role},
    )
