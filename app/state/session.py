"""The signed-in user as every private page sees it, and the login guard.

The only session secret in state is `_session_id` (backend-only, never sent to the page);
the tokens themselves stay in the server-side session store. Reflex captures request
headers when the websocket connects, so the guard reads the HttpOnly cookie on every page
load: a sign-in or sign-out in another tab is picked up at the next navigation.
"""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie
from urllib.parse import quote, urlsplit

import reflex as rx

from app import routes
from app.api.errors import ApiError
from app.api.gateway import Authorized, shared_gateway
from app.i18n import LanguageState
from app.session.http import public_origin
from app.session.store import COOKIE, SessionEnded, SessionTokens, shared_store
from app.state.stored_state import set_changed


def cookie_value(header: str, name: str) -> str:
    try:
        jar = SimpleCookie(header or "")
    except CookieError:
        return ""
    morsel = jar.get(name)
    return morsel.value if morsel else ""


def trusted_origin(origin: str) -> bool:
    """The websocket was opened by our own pages (a browser always sends Origin on it)."""
    if not origin:
        return True  # non-browser clients (tests of the backend) send none; cookies are Lax
    parts = urlsplit(origin)
    return f"{parts.scheme}://{parts.netloc}" == public_origin()


class SessionState(LanguageState):
    """Who is signed in; page states subclass it to call the API as that user (and inherit
    the page's language from LanguageState)."""

    _session_id: str = ""
    signed_in: bool = False
    display_name: str = ""
    email: str = ""
    is_admin: bool = False

    def _cookie_session_id(self) -> str:
        headers = self.router.headers
        if not trusted_origin(headers.origin):
            return ""
        return cookie_value(headers.cookie, COOKIE)

    def _client_ip(self) -> str:
        return self.router.headers.raw_headers.get("x-real-ip", "")

    def api(self) -> Authorized:
        """The gateway as this user (renews the access token by itself)."""
        return Authorized(
            shared_gateway(),
            SessionTokens(shared_store(), self._session_id),
            client_ip=self._client_ip() or None,
        )

    def _login_redirect(self) -> rx.event.EventSpec:
        here = self.router.url.path or routes.TODAY
        target = (
            routes.LOGIN if here in (routes.TODAY, "") else f"{routes.LOGIN}?next={quote(here)}"
        )
        return rx.redirect(target, replace=True)

    @rx.event
    async def require_login(self):
        """on_load of every private page: restore the session from the cookie, or go sign in."""
        self.settle_language()
        session_id = self._cookie_session_id()
        stored = await shared_store().read(session_id)
        self._session_id = session_id if stored is not None else ""
        if stored is None:
            set_changed(self, signed_in=False)
            return self._login_redirect()
        set_changed(
            self,
            signed_in=True,
            display_name=stored.display_name,
            email=stored.email,
            is_admin=stored.role == "admin",
        )
        return None

    @rx.event
    async def redirect_if_signed_in(self):
        """on_load of the sign-in pages: a signed-in user goes straight to today."""
        self.settle_language()
        session_id = self._cookie_session_id()
        if session_id and await shared_store().read(session_id) is not None:
            return rx.redirect(routes.TODAY, replace=True)
        return None

    def session_ended(self) -> rx.event.EventSpec:
        """The API said the session is over (signed out elsewhere, revoked): sign in again."""
        self._session_id = ""
        self.signed_in = False
        return self._login_redirect()

    def handle(self, error: ApiError) -> rx.event.EventSpec | None:
        """Shared error handling for page events: a dead session redirects; others return None
        so the page can show `error.message` / `error.fields` where they belong."""
        if isinstance(error, SessionEnded) or error.status == 401:
            return self.session_ended()
        return None
