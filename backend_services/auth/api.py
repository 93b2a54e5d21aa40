"""Auth HTTP routes (thin): the gateway's token check and the public key set."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from backend_services.kernel.errors import error_body
from backend_services.kernel.identity import bearer_or_cookie_token
from backend_services.kernel.tokens import AccessTokenVerifier, InvalidToken

from .sessions import SessionIndex

public = APIRouter(prefix="/api/auth", tags=["auth"])
internal = APIRouter(prefix="/internal", include_in_schema=False)


def session_index(request: Request) -> SessionIndex:
    return request.app.state.sessions


@public.get("/.well-known/jwks.json")
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
