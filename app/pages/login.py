"""Sign in: a native form post to /session/login, which sets the HttpOnly session cookie."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.session.http import FLASH_COOKIE, decode_flash
from app.state.messages import explain_flash
from app.state.session import SessionState, cookie_value
from components.fields import form_alert, labelled_input
from components.layout import public_shell
from components.native_form import native_form

TITLE = "Sign in · FitLedger"


def read_flash(cookie_header: str, page: str) -> dict:
    """The form's last refusal, if it was for `page` (set by app/session/http.py)."""
    flash = decode_flash(cookie_value(cookie_header, FLASH_COOKIE))
    return flash if flash.get("form") == page else {}


class LoginState(SessionState):
    email: str = ""
    next: str = ""
    error: str = ""
    email_error: str = ""
    password_error: str = ""
    notice: str = ""

    @rx.event
    async def load(self):
        params = self.router.url.query_parameters
        self.next = params.get("next", "")
        self.notice = ""
        if params.get("signed_out"):
            self.notice = "You are signed out."
        elif params.get("reset"):
            self.notice = "Your password was changed. Sign in with the new one."
        elif self.next:
            self.notice = "Please sign in to continue."
        flash = read_flash(self.router.headers.cookie, routes.LOGIN)
        self.email = str(flash.get("email", ""))
        self.error, fields = explain_flash(flash)
        self.email_error = fields.get("email", "")
        self.password_error = fields.get("password", "")
        if flash.get("next"):
            self.next = str(flash["next"])


def login_form() -> rx.Component:
    return native_form(
        rx.vstack(
            form_alert(LoginState.error),
            labelled_input(
                "E-mail",
                "email",
                type="email",
                auto_complete="email",
                required=True,
                default_value=LoginState.email,
                error=LoginState.email_error,
            ),
            labelled_input(
                "Password",
                "password",
                type="password",
                auto_complete="current-password",
                required=True,
                error=LoginState.password_error,
            ),
            rx.el.input(type="hidden", name="next", value=LoginState.next),
            rx.button("Sign in", type="submit", size="3", width="100%", id="sign-in"),
            spacing="4",
            width="100%",
        ),
        action=routes.SESSION_LOGIN,
        id="login-form",
    )


def login() -> rx.Component:
    return public_shell(
        rx.heading("Sign in", size="7", as_="h1"),
        form_alert(LoginState.notice, color="grass", id="notice"),
        login_form(),
        rx.hstack(
            rx.link("Forgot your password?", href=routes.FORGOT_PASSWORD),
            rx.spacer(),
            rx.link("Create an account", href=routes.REGISTER),
            width="100%",
            wrap="wrap",
        ),
    )
