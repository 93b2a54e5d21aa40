"""Security e-mails the auth service sends itself: password-reset links and repeat sign-ups.

They are sent by the auth worker from outbox events, never inside the HTTP request, so the
answer to ``/register`` and ``/password/forgot`` looks and takes the same whatever the address.
Delivery is at least once: a crash after sending and before the commit sends again.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from backend_services.kernel.email import OutgoingEmail, SmtpMailer
from backend_services.kernel.messaging import Event


def password_reset_mail(event: Event) -> OutgoingEmail:
    data = event.data
    text = (
        f"Hello {data.get('display_name', '')},\n\n"
        "Someone (hopefully you) asked to reset your FitLedger password. Open this link to "
        f"choose a new one; it works once and expires in {data['expires_in_minutes']} minutes:\n\n"
        f"{data['reset_url']}\n\n"
        "If you did not ask for this, ignore this message; your password stays as it is.\n"
    )
    return OutgoingEmail(to=data["email"], subject="Reset your FitLedger password", text=text)


def repeated_registration_mail(event: Event) -> OutgoingEmail:
    text = (
        "Someone tried to create a FitLedger account with this e-mail address, which already "
        "has one.\n\nIf it was you: sign in, or use 'Forgot password' to choose a new password. "
        "If not, you can ignore this message.\n"
    )
    return OutgoingEmail(to=event.data["email"], subject="Your FitLedger account", text=text)


def mail_handler(
    mailer: SmtpMailer, compose: Callable[[Event], OutgoingEmail]
) -> Callable[[Session, Event], None]:
    def handle(_: Session, event: Event) -> None:
        mailer.send(compose(event))

    return handle
