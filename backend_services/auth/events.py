"""Auth events and the handlers table of its worker."""

from __future__ import annotations

from backend_services.kernel.email import SmtpMailer
from backend_services.kernel.messaging import Subscription

from .mailer import mail_handler, repeated_registration_mail

# Published by auth (through the outbox).
USER_REGISTERED = "auth.user.registered"
USER_DELETED = "auth.user.deleted"
PASSWORD_RESET_REQUESTED = "auth.password_reset.requested"
PASSWORD_CHANGED = "auth.password.changed"
REGISTRATION_DUPLICATE_ATTEMPTED = "auth.registration.duplicate_attempted"


def subscriptions(mailer: SmtpMailer) -> tuple[Subscription, ...]:
    return (
        Subscription(
            queue="auth.mail.repeated_registration",
            routing_keys=(REGISTRATION_DUPLICATE_ATTEMPTED,),
            handler=mail_handler(mailer, repeated_registration_mail),
        ),
    )
