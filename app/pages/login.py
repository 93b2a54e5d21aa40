"""Sign in: a native form post to /session/login, which sets the HttpOnly session cookie."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.i18n import t, tr
from app.session.http import FLASH_COOKIE, decode_flash
from app.state.messages import explain_flash
from app.state.session import SessionState, cookie_value
from components.fields import email_input, form_alert, labelled_input
from components.layout import public_shell
from components.native_form import native_form

TITLE = t("Sign in · FitLedger")


def read_flash(cookie_header: str, page: str) -> dict:
    """The form's last refusal, if it was for `page` (set by app/session/http.py)."""
    flash = decode_flash(cookie_value(cookie_header, FLASH_COOKIE))
    return flash if flash.get("form") == page else {}


class LoginState(SessionState):
    email: str = ""
    next: str = ""
    # Why the page was opened and the refused form's flash: the texts are computed from them
    # so that they follow the language switch.
    _why: str = ""
    _flash: dict = {}

    @rx.var
    def notice(self) -> str:
        if self._why == "signed_out":
            return tr(self.language, "You are signed out.")
        if self._why == "reset":
            return tr(self.language, "Your password was changed. Sign in with the new one.")
        if self._why == "next":
            return tr(self.language, "Please sign in to continue.")
        return ""

    @rx.var
    def error(self) -> str:
        return explain_flash(self._flash, self.language)[0]

    @rx.var
    def email_error(self) -> str:
        return explain_flash(self._flash, self.language)[1].get("email", "")

    @rx.var
    def password_error(self) -> str:
        return explain_flash(self._flash, self.language)[1].get("password", "")

    @rx.event
    async def load(self):
        params = self.router.url.query_parameters
        self.next = params.get("next", "")
        self._why = ""
        if params.get("signed_out"):
            self._why = "signed_out"
        elif params.get("reset"):
            self._why = "reset"
        elif self.next:
            self._why = "next"
        flash = read_flash(self.router.headers.cookie, routes.LOGIN)
        self.email = str(flash.get("email", ""))
        self._flash = flash
        if flash.get("next"):
            self.next = str(flash["next"])


def login_form() -> rx.Component:
    return native_form(
        rx.vstack(
            form_alert(LoginState.error),
            email_input(
                default_value=LoginState.email,
                error=LoginState.email_error,
            ),
            labelled_input(
                t("Password"),
                "password",
                type="password",
                auto_complete="current-password",
                required=True,
                error=LoginState.password_error,
            ),
            rx.el.input(type="hidden", name="next", value=LoginState.next),
            rx.button(t("Sign in"), type="submit", size="3", width="100%", id="sign-in"),
            spacing="4",
            width="100%",
        ),
        action=routes.SESSION_LOGIN,
        id="login-form",
    )


def login() -> rx.Component:
    return public_shell(
        rx.heading(t("Sign in"), size="7", as_="h1"),
        form_alert(LoginState.notice, color="grass", id="notice"),
        login_form(),
        rx.hstack(
            rx.link(t("Forgot your password?"), href=routes.FORGOT_PASSWORD),
            rx.spacer(),
            rx.link(t("Create an account"), href=routes.REGISTER),
            width="100%",
            wrap="wrap",
        ),
    )
