"""Auth's handler table: the worker's half of a forgot-password request and the mail to the
owner of an address someone tried to sign up with. Auth publishes the events in
``backend_services/kernel/contracts/auth.py``."""

from __future__ import annotations

from sqlmodel import Session

from backend_services.kernel.contracts import (
    PasswordResetAsked,
    Received,
    RegistrationDuplicateAttempted,
    queues,
)
from backend_services.kernel.contracts.handlers import ContractHandler, HandlerTable
from backend_services.kernel.contracts.handlers import subscriptions as from_tables
from backend_services.kernel.email import SmtpMailer
from backend_services.kernel.messaging import Subscription

from .mailer import repeated_registration_mail
from .service import issue_password_reset
from .settings import AuthSettings


def _password_reset_handler(settings: AuthSettings) -> ContractHandler:
    def handle(session: Session, event: Received[PasswordResetAsked]) -> None:
        issue_password_reset(session, settings, event.data.email)

    return handle


def _repeated_registration_handler(mailer: SmtpMailer) -> ContractHandler:
    def handle(_: Session, event: Received[RegistrationDuplicateAttempted]) -> None:
        mailer.send(repeated_registration_mail(event.data.email, f"event.{event.envelope.id}"))

    return handle


def handlers(mailer: SmtpMailer, settings: AuthSettings) -> dict[str, HandlerTable]:
    return {
        queues.AUTH_PASSWORD_RESET: {PasswordResetAsked: _password_reset_handler(settings)},
        queues.AUTH_REPEATED_REGISTRATION_MAIL: {
            RegistrationDuplicateAttempted: _repeated_registration_handler(mailer)
        },
    }


def subscriptions(mailer: SmtpMailer, settings: AuthSettings) -> tuple[Subscription, ...]:
    return from_tables(handlers(mailer, settings))
