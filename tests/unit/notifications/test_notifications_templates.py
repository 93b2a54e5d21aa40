"""E-mail templates: text + HTML, escaping, unsubscribe headers only where they belong."""

from __future__ import annotations

from backend_services.kernel.email import SmtpMailer
from backend_services.notifications.templates import MailLinks, render_email

LINKS = MailLinks("https://fit.example")


def test_notification_mail_has_text_html_and_one_click_unsubscribe() -> None:
    mail = render_email(
        "notification",
        "a@example.com",
        {"body": "You are <over> today"},
        LINKS,
        subject="Over your daily norm",
        unsubscribe=("tok123tok123tok123", "daily_norm_exceeded"),
    )
    link = "https://fit.example/api/notifications/unsubscribe?token=tok123tok123tok123&type=daily_norm_exceeded"
    assert dict(mail.headers) == {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert "You are <over> today" in mail.text and link in mail.text
    assert mail.html is not None
    assert "You are &lt;over&gt; today" in mail.html and "<over>" not in mail.html
    message = SmtpMailer("smtp://127.0.0.1:1", "FitLedger <n@fit.example>").build(mail)
    assert message.get_content_type() == "multipart/alternative"
    assert message["List-Unsubscribe"] == f"<{link}>"


def test_password_reset_mail_has_the_link_and_no_unsubscribe() -> None:
    url = "https://fit.example/reset-password?token=abcDEF_123"
    mail = render_email(
        "password_reset",
        "a@example.com",
        {"display_name": "Ann", "reset_url": url, "expires_in_minutes": 30},
        LINKS,
    )
    assert mail.subject == "Reset your FitLedger password"
    assert f"\n{url}\n" in mail.text and "30 minutes" in mail.text
    assert mail.headers == ()
    assert mail.html is not None and f'href="{url}"' in mail.html


def test_welcome_mail_greets_by_name_or_generically() -> None:
    named = render_email("welcome", "a@example.com", {"display_name": "Ann"}, LINKS)
    anonymous = render_email("welcome", "a@example.com", {"display_name": ""}, LINKS)
    assert named.text.startswith("Hello Ann,") and anonymous.text.startswith("Hello there,")
    assert "https://fit.example/" in named.text
