"""Sending e-mail over SMTP (``SMTP_URL``: smtp://user:pass@host:port, smtps://, or +starttls)."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from urllib.parse import unquote, urlparse


@dataclass(frozen=True)
class OutgoingEmail:
    to: str
    subject: str
    text: str
    html: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    # A stable key (the delivery's id) gives every send of the same mail the same Message-ID:
    # a resend after a crash between the server's "250 OK" and our commit is then the same
    # message, which mail clients show once (RFC 5322 3.6.4). None: a fresh id.
    key: str | None = None


class SmtpMailer:
    def __init__(self, smtp_url: str, sender: str, *, timeout: float = 10.0):
        self._url = urlparse(smtp_url)
        self.sender, self.timeout = sender, timeout

    def build(self, mail: OutgoingEmail) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message["Date"] = formatdate(usegmt=True)
        message["Message-ID"] = self.message_id(mail.key)
        for name, value in mail.headers:
            message[name] = value
        message.set_content(mail.text)
        if mail.html:
            message.add_alternative(mail.html, subtype="html")
        return message

    def message_id(self, key: str | None) -> str:
        domain = parseaddr(self.sender)[1].rpartition("@")[2] or "fitledger.localhost"
        return f"<fitledger.{key}@{domain}>" if key else make_msgid("fitledger", domain)

    def send(self, mail: OutgoingEmail) -> None:
        url = self._url
        host, port = url.hostname or "127.0.0.1", url.port
        if url.scheme == "smtps":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                host, port or 465, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(host, port or 25, timeout=self.timeout)
        with client:
            if url.scheme.endswith("+starttls"):
                client.starttls(context=ssl.create_default_context())
            if url.username:
                client.login(unquote(url.username), unquote(url.password or ""))
            client.send_message(self.build(mail))
