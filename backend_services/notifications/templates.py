"""E-mail templates: every message as plain text and HTML (Jinja2, HTML autoescaped)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, StrictUndefined

from backend_services.kernel.email import OutgoingEmail

_TEXT = Environment(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=True)
_HTML = Environment(autoescape=True, undefined=StrictUndefined)

_LAYOUT = """<!doctype html>
<html><body style="font-family:system-ui,sans-serif;color:#1f2933;max-width:560px">
<h2 style="color:#0b7a5c">{{ heading }}</h2>
{% block content %}{% endblock %}
<hr style="border:none;border-top:1px solid #ddd">
<p style="font-size:12px;color:#667">FitLedger{% if unsubscribe_url %} ·
<a href="{{ unsubscribe_url }}">Unsubscribe from these e-mails</a>{% endif %}</p>
</body></html>"""

_HTML.globals["layout"] = _HTML.from_string(_LAYOUT)

TEMPLATES: dict[str, tuple[str, str]] = {
    "notification": (
        "{{ body }}\n\nOpen FitLedger: {{ app_url }}\n"
        "{% if unsubscribe_url %}\nTo stop these e-mails: {{ unsubscribe_url }}\n{% endif %}",
        "{% extends layout %}{% block content %}<p>{{ body }}</p>"
        '<p><a href="{{ app_url }}">Open FitLedger</a></p>{% endblock %}',
    ),
    "welcome": (
        "Hello {{ display_name }},\n\nWelcome to FitLedger! Set up your profile to get your "
        "calorie and macro targets, then log your first meal or workout:\n\n{{ app_url }}\n",
        "{% extends layout %}{% block content %}<p>Hello {{ display_name }},</p>"
        "<p>Welcome to FitLedger! Set up your profile to get your calorie and macro targets, "
        'then log your first meal or workout.</p><p><a href="{{ app_url }}">Open FitLedger'
        "</a></p>{% endblock %}",
    ),
    "password_reset": (
        "Hello {{ display_name }},\n\nSomeone (hopefully you) asked to reset your FitLedger "
        "password. Open this link to choose a new one; it works once and expires in "
        "{{ expires_in_minutes }} minutes:\n\n{{ reset_url }}\n\nIf you did not ask for this, "
        "ignore this message; your password stays as it is.\n",
        "{% extends layout %}{% block content %}<p>Hello {{ display_name }},</p>"
        "<p>Someone (hopefully you) asked to reset your FitLedger password. The link works "
        "once and expires in {{ expires_in_minutes }} minutes.</p>"
        '<p><a href="{{ reset_url }}">Choose a new password</a></p>'
        "<p>If you did not ask for this, ignore this message; your password stays as it is."
        "</p>{% endblock %}",
    ),
}

SUBJECTS = {
    "welcome": "Welcome to FitLedger",
    "password_reset": "Reset your FitLedger password",
}


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
) -> OutgoingEmail:
    """One e-mail from a template; marketing-style mails carry RFC 2369/8058 unsubscribe
    headers, security mails (password reset) none."""
    text_source, html_source = TEMPLATES[template]
    unsubscribe_url = links.unsubscribe_url(*unsubscribe) if unsubscribe else None
    values = {
        "display_name": "",
        **context,
        "app_url": links.app_url,
        "unsubscribe_url": unsubscribe_url,
    }
    values["display_name"] = values["display_name"] or "there"
    heading = subject or SUBJECTS[template]
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
