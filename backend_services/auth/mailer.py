"""The security e-mail the auth service sends itself: "someone signed up with your address".

Password-reset and welcome mails are the notifications service's (from auth's events).

It is sent by the auth worker from an outbox event, never inside the HTTP request, so the
answer to ``/register`` looks and takes the same whatever the address.
Delivery is at least once: a crash after sending and before the commit sends again, with the
same Message-ID (the event's id), so the mail reads as one.
"""

from __future__ import annotations

from backend_services.kernel.email import OutgoingEmail


def repeated_registration_mail(to: str, key: str | None = None) -> OutgoingEmail:
    text = (
        "Someone tried to create a FitLedger account with this e-mail address, which already "
        "has one.\n\nIf it was you: sign in, or use 'Forgot password' to choose a new password. "
        "If not, you can ignore this message.\n"
    )
    return OutgoingEmail(to=to, subject="Your FitLedger account", text=text, key=key)
