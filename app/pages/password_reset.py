"""Forgot password (ask for a link) and /reset-password?token=... (the link in the mail)."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.api.auth import AuthApi
from app.api.errors import ApiError
from app.api.gateway import shared_gateway
from app.i18n import t, tr
from app.state.messages import explain
from app.state.session import SessionState
from components.fields import email_input, form_alert, labelled_input, submit_button
from components.layout import public_shell

FORGOT_TITLE = t("Forgot your password · FitLedger")
RESET_TITLE = t("Choose a new password · FitLedger")


class ForgotPasswordState(SessionState):
    sent: bool = False
    error: str = ""
    email_error: str = ""
    sending: bool = False

    @rx.event
    def load(self):
        self.settle_language()
        self.sent = False
        self.error = self.email_error = ""

    @rx.event
    async def send(self, form: dict):
        self.sending = True
        self.error = self.email_error = ""
        try:
            await AuthApi(shared_gateway(), client_ip=self._client_ip()).forgot_password(
                str(form.get("email", "")).strip()
            )
            self.sent = True
        except ApiError as error:
            self.error, fields = explain(error, self.language)
            self.email_error = fields.get("email", "")
        finally:
            self.sending = False


class ResetPasswordState(SessionState):
    error: str = ""
    password_error: str = ""
    confirm_error: str = ""
    saving: bool = False
    has_token: bool = True

    @rx.event
    def load(self):
        self.settle_language()
        self.error = self.password_error = self.confirm_error = ""
        self.has_token = bool(self.router.url.query_parameters.get("token"))

    @rx.event
    async def save(self, form: dict):
        self.error = self.password_error = self.confirm_error = ""
        password = str(form.get("new_password", ""))
        if password != str(form.get("confirm_password", "")):
            self.confirm_error = tr(self.language, "The two passwords are not the same.")
            return None
        token = self.router.url.query_parameters.get("token", "")
        self.saving = True
        try:
            await AuthApi(shared_gateway(), client_ip=self._client_ip()).reset_password(
                token, password
            )
        except ApiError as error:
            self.error, fields = explain(error, self.language)
            self.password_error = fields.get("new_password", "")
            return None
        finally:
            self.saving = False
        return rx.redirect(f"{routes.LOGIN}?reset=1")


def forgot_password() -> rx.Component:
    return public_shell(
        rx.heading(t("Forgot your password?"), size="7", as_="h1"),
        rx.text(t("Enter your e-mail and we'll send you a link to choose a new one.")),
        form_alert(
            rx.cond(
                ForgotPasswordState.sent,
                t(
                    "If an account uses this address, we have sent it a link to choose a new "
                    "password. The link works for 30 minutes."
                ),
                "",
            ),
            color="grass",
            id="sent",
        ),
        rx.form(
            rx.vstack(
                form_alert(ForgotPasswordState.error),
                email_input(
                    error=ForgotPasswordState.email_error,
                ),
                submit_button(t("Send the link"), busy=ForgotPasswordState.sending, id="send-link"),
                spacing="4",
                width="100%",
            ),
            on_submit=ForgotPasswordState.send,
        ),
        rx.link(t("Back to sign in"), href=routes.LOGIN),
    )


def reset_password() -> rx.Component:
    return public_shell(
        rx.heading(t("Choose a new password"), size="7", as_="h1"),
        rx.cond(
            ResetPasswordState.has_token,
            rx.form(
                rx.vstack(
                    form_alert(ResetPasswordState.error),
                    labelled_input(
                        t("New password"),
                        "new_password",
                        type="password",
                        auto_complete="new-password",
                        required=True,
                        min_length=8,
                        max_length=128,
                        error=ResetPasswordState.password_error,
                    ),
                    labelled_input(
                        t("The same password again"),
                        "confirm_password",
                        type="password",
                        auto_complete="new-password",
                        required=True,
                        error=ResetPasswordState.confirm_error,
                    ),
                    submit_button(
                        t("Save the new password"),
                        busy=ResetPasswordState.saving,
                        id="save-password",
                    ),
                    rx.text(
                        t("Saving it signs you out on every other device."),
                        size="2",
                        color_scheme="gray",
                    ),
                    spacing="4",
                    width="100%",
                ),
                on_submit=ResetPasswordState.save,
            ),
            form_alert(
                t(
                    "This link is incomplete. Open the link from the e-mail again, "
                    "or ask for a new one."
                ),
            ),
        ),
        rx.link(t("Ask for a new link"), href=routes.FORGOT_PASSWORD),
    )
