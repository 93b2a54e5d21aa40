"""Auth events and the handlers table of its worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend_services.kernel.email import SmtpMailer
from backend_services.kernel.messaging import Event, Subscription

from .mailer import mail_handler, repeated_registration_mail
from .service import issue_password_reset
from .settings import AuthSettings

# Published by auth (through the outbox).
USER_REGISTERED = "auth.user.registered"
USER_DELETED = "auth.user.deleted"
PASSWORD_RESET_ASKED = "auth.password_reset.asked"  # {email}: any address, see forgot_password
PASSWORD_RESET_REQUESTED = "auth.password_reset.requested"
PASSWORD_CHANGED = "auth.password.changed"
REGISTRATION_DUPLICATE_ATTEMPTED = "auth.registration.duplicate_attempted"


def _password_reset_handler(settings: AuthSettings) -> Callable[[Any, Event], None]:
    def handle(session: Any, event: Event) -> None:
        issue_password_reset(session, settings, str(event.data["email"]))

    return handle


def subscriptions(mailer: SmtpMailer, settings: AuthSettings) -> tuple[Subscription, ...]:
    return (
        Subscription(
            queue="auth.password_reset",
            routing_keys=(PASSWORD_RESET_ASKED,),
            handler=_password_reset_handler(settings),
        ),
        Subscription(
            queue="auth.mail.repeated_registration",
            routing_keys=(REGISTRATION_DUPLICATE_ATTEMPTED,),
            handler=mail_handler(mailer, repeated_registration_mail),
        ),
    )
