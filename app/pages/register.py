"""Create an account: a native form post to /session/register, which also signs you in."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.pages.login import read_flash
from app.state.messages import explain_flash
from app.state.session import SessionState
from components.fields import form_alert, labelled_input
from components.layout import public_shell
from components.native_form import native_form

TITLE = "Create your account · FitLedger"
MAYBE_TAKEN = (
    "We couldn't sign you in with this address. If it already has an account, sign in or "
    "reset your password; we have sent a note to its owner."
)


class RegisterState(SessionState):
    display_name: str = ""
    email: str = ""
    error: str = ""
    name_error: str = ""
    email_error: str = ""
    password_error: str = ""

    @rx.event
    async def load(self):
        flash = read_flash(self.router.headers.cookie, routes.REGISTER)
        self.display_name = str(flash.get("display_name", ""))
        self.email = str(flash.get("email", ""))
        self.error, fields = explain_flash(flash)
        if flash.get("code") == "invalid_credentials":
            self.error = MAYBE_TAKEN
        self.name_error = fields.get("display_name", "")
        self.email_error = fields.get("email", "")
        self.password_error = fields.get("password", "")


def register() -> rx.Component:
    return public_shell(
        rx.heading("Create your account", size="7", as_="h1"),
        rx.text("Free, private, and yours: your data stays on this server.", color_scheme="gray"),
        native_form(
            rx.vstack(
                form_alert(RegisterState.error),
                labelled_input(
                    "Your name",
                    "display_name",
                    auto_complete="given-name",
                    required=True,
                    max_length=80,
                    default_value=RegisterState.display_name,
                    error=RegisterState.name_error,
                ),
                labelled_input(
                    "E-mail",
                    "email",
                    type="email",
                    auto_complete="email",
                    required=True,
                    default_value=RegisterState.email,
                    error=RegisterState.email_error,
                ),
                labelled_input(
                    "Password",
                    "password",
                    type="password",
                    auto_complete="new-password",
                    required=True,
                    min_length=8,
                    max_length=128,
                    hint="At least 8 characters; a few unusual words work well.",
                    error=RegisterState.password_error,
                ),
                rx.button("Create account", type="submit", size="3", width="100%", id="register"),
                spacing="4",
                width="100%",
            ),
            action=routes.SESSION_REGISTER,
            id="register-form",
        ),
        rx.text("Already have an account? ", rx.link("Sign in", href=routes.LOGIN)),
    )
