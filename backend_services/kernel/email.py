"""Sending e-mail over SMTP (``SMTP_URL``: smtp://user:pass@host:port, smtps://, or +starttls)."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import unquote, urlparse


@dataclass(frozen=True)
class OutgoingEmail:
    to: str
    subject: str
    text: str
    html: str | None = None
    headers: tuple[tuple[str, str], ...] = ()


class SmtpMailer:
    def __init__(self, smtp_url: str, sender: str, *, timeout: float = 10.0):
        self._url = urlparse(smtp_url)
        self.sender, self.timeout = sender, timeout

    def build(self, mail: OutgoingEmail) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = mail.to
        message["Subject"] = mail.subject
        for name, value in mail.headers:
            message[name] = value
        message.set_content(mail.text)
        if mail.html:
            message.add_alternative(mail.html, subtype="html")
        return message

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
