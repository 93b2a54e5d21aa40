"""E-mail templates: every message as plain text and HTML (Jinja2, HTML autoescaped), with
the words of ``catalog.py`` in the recipient's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, StrictUndefined

from backend_services.kernel.email import OutgoingEmail

from .wording import Reader

_TEXT = Environment(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=True)
_HTML = Environment(autoescape=True, undefined=StrictUndefined)

_LAYOUT = """<!doctype html>
<html lang="{{ language }}">
<body style="font-family:system-ui,sans-serif;color:#1f2933;max-width:560px">
<h2 style="color:#0b7a5c">{{ heading }}</h2>
{% block content %}{% endblock %}
<hr style="border:none;border-top:1px solid #ddd">
<p style="font-size:12px;color:#667">FitLedger{% if unsubscribe_url %} ·
<a href="{{ unsubscribe_url }}">{{ words.unsubscribe }}</a>{% endif %}</p>
</body></html>"""

_HTML.globals["layout"] = _HTML.from_string(_LAYOUT)

# The words come from the catalog (``words``, in the reader's language); the templates only
# place them: text and HTML of each mail.
TEMPLATES: dict[str, tuple[str, str]] = {
    "notification": (
        "{{ body }}\n\n{{ words.open_app }}: {{ app_url }}\n"
        "{% if unsubscribe_url %}\n{{ words.stop_emails }}: {{ unsubscribe_url }}\n{% endif %}",
        "{% extends layout %}{% block content %}<p>{{ body }}</p>"
        '<p><a href="{{ app_url }}">{{ words.open_app }}</a></p>{% endblock %}',
    ),
    "welcome": (
        "{{ words.greeting }}\n\n{{ words.welcome }}:\n\n{{ app_url }}\n",
        "{% extends layout %}{% block content %}<p>{{ words.greeting }}</p>"
        '<p>{{ words.welcome }}.</p><p><a href="{{ app_url }}">{{ words.open_app }}'
        "</a></p>{% endblock %}",
    ),
    "password_reset": (
        "{{ words.greeting }}\n\n{{ words.reset_text }}\n\n{{ reset_url }}\n\n"
        "{{ words.reset_ignore }}\n",
        "{% extends layout %}{% block content %}<p>{{ words.greeting }}</p>"
        "<p>{{ words.reset_html }}</p>"
        '<p><a href="{{ reset_url }}">{{ words.reset_choose }}</a></p>'
        "<p>{{ words.reset_ignore }}</p>{% endblock %}",
    ),
}


def _words(reader: Reader, context: dict[str, Any]) -> dict[str, str]:
    """The catalog's texts a mail shows, filled in for this mail."""
    name = context.get("display_name") or ""
    words = {
        "open_app": reader.text("mail.open_app"),
        "unsubscribe": reader.text("mail.unsubscribe"),
        "stop_emails": reader.text("mail.stop_emails"),
        "greeting": reader.text("mail.greeting", name=name)
        if name
        else reader.text("mail.greeting_anonymous"),
        "welcome": reader.text("welcome.body"),
        "reset_choose": reader.text("password_reset.choose"),
        "reset_ignore": reader.text("password_reset.ignore"),
    }
    minutes = context.get("expires_in_minutes")
    if minutes is not None:
        expires = reader.count("password_reset.minutes", int(minutes))
        words["reset_text"] = reader.text("password_reset.text", expires=expires)
        words["reset_html"] = reader.text("password_reset.html", expires=expires)
    return words


@dataclass(frozen=True)
class MailLinks:
    public_url: str

    @property
    def app_url(self) -> str:
        return self.public_url.rstrip("/") + "/"

    def unsubscribe_url(self, token: str, kind: str | None) -> str:
        query = {"token": token, **({"type": kind} if kind else {})}
        return f"{self.public_url.rstrip('/')}/api/notifications/unsubscribe?{urlencode(query)}"


def render_email(
    template: str,
    to: str,
    context: dict[str, Any],
    links: MailLinks,
    *,
    subject: str | None = None,
    unsubscribe: tuple[str, str | None] | None = None,
    reader: Reader,
) -> OutgoingEmail:
    """One e-mail from a template in the reader's language; marketing-style mails carry
    RFC 2369/8058 unsubscribe headers, security mails (password reset) none."""
    text_source, html_source = TEMPLATES[template]
    unsubscribe_url = links.unsubscribe_url(*unsubscribe) if unsubscribe else None
    values = {
        **context,
        "app_url": links.app_url,
        "unsubscribe_url": unsubscribe_url,
        "language": reader.language,
        "words": _words(reader, context),
    }
    heading = subject or reader.text(f"{template}.subject")
    headers: tuple[tuple[str, str], ...] = ()
    if unsubscribe_url:
        headers = (
            ("List-Unsubscribe", f"<{unsubscribe_url}>"),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        )
    return OutgoingEmail(
        to=to,
        subject=heading,
        text=_TEXT.from_string(text_source).render(**values),
        html=_HTML.from_string(html_source).render(heading=heading, **values),
        headers=headers,
    )
