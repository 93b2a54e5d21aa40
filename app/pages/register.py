"""Create an account: a native form post to /session/register, which also signs you in."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.i18n import t, tr
from app.pages.login import read_flash
from app.state.messages import explain_flash
from app.state.session import SessionState
from components.fields import email_input, form_alert, labelled_input
from components.layout import public_shell
from components.native_form import native_form

TITLE = t("Create your account · FitLedger")


class RegisterState(SessionState):
    display_name: str = ""
    email: str = ""
    _flash: dict = {}  # the refused form's; its texts follow the language switch

    @rx.var
    def error(self) -> str:
        if self._flash.get("code") == "invalid_credentials":
            return tr(
                self.language,
                "We couldn't sign you in with this address. If it already has an account, "
                "sign in or reset your password; we have sent a note to its owner.",
            )
        return explain_flash(self._flash, self.language)[0]

    def _field_error(self, name: str) -> str:
        return explain_flash(self._flash, self.language)[1].get(name, "")

    @rx.var
    def name_error(self) -> str:
        return self._field_error("display_name")

    @rx.var
    def email_error(self) -> str:
        return self._field_error("email")

    @rx.var
    def password_error(self) -> str:
        return self._field_error("password")

    @rx.event
    async def load(self):
        flash = read_flash(self.router.headers.cookie, routes.REGISTER)
        self.display_name = str(flash.get("display_name", ""))
        self.email = str(flash.get("email", ""))
        self._flash = flash


def register() -> rx.Component:
    return public_shell(
        rx.heading(t("Create your account"), size="7", as_="h1"),
        rx.text(
            t("Free, private, and yours: your data stays on this server."), color_scheme="gray"
        ),
        native_form(
            rx.vstack(
                form_alert(RegisterState.error),
                labelled_input(
                    t("Your name"),
                    "display_name",
                    auto_complete="given-name",
                    required=True,
                    max_length=80,
                    default_value=RegisterState.display_name,
                    error=RegisterState.name_error,
                ),
                email_input(
                    default_value=RegisterState.email,
                    error=RegisterState.email_error,
                ),
                labelled_input(
                    t("Password"),
                    "password",
                    type="password",
                    auto_complete="new-password",
                    required=True,
                    min_length=8,
                    max_length=128,
                    hint=t("At least 8 characters; a few unusual words work well."),
                    error=RegisterState.password_error,
                ),
                rx.button(
                    t("Create account"), type="submit", size="3", width="100%", id="register"
                ),
                spacing="4",
                width="100%",
            ),
            action=routes.SESSION_REGISTER,
            id="register-form",
        ),
        rx.text(t("Already have an account?"), " ", rx.link(t("Sign in"), href=routes.LOGIN)),
    )
