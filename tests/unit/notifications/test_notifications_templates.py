"""E-mail templates: text + HTML, escaping, unsubscribe headers only where they belong."""

from __future__ import annotations

from dataclasses import replace

from backend_services.kernel.email import OutgoingEmail, SmtpMailer
from backend_services.notifications.templates import MailLinks, render_email
from backend_services.notifications.wording import ENGLISH_METRIC, Reader

LINKS = MailLinks("https://fit.example")
RUSSIAN_IMPERIAL = Reader("ru", "imperial")


def notification_mail(body: str, subject: str, kind: str, reader: Reader) -> OutgoingEmail:
    return render_email(
        "notification",
        "a@example.com",
        {"body": body},
        LINKS,
        subject=subject,
        unsubscribe=("tok123tok123tok123", kind),
        reader=reader,
    )


def test_notification_mail_has_text_html_and_one_click_unsubscribe() -> None:
    mail = notification_mail(
        "You are <over> today", "Over your daily norm", "daily_norm_exceeded", ENGLISH_METRIC
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
        reader=ENGLISH_METRIC,
    )
    assert mail.subject == "Reset your FitLedger password"
    assert f"\n{url}\n" in mail.text and "30 minutes" in mail.text
    assert mail.headers == ()
    assert mail.html is not None and f'href="{url}"' in mail.html


def test_welcome_mail_greets_by_name_or_generically() -> None:
    named = render_email(
        "welcome", "a@example.com", {"display_name": "Ann"}, LINKS, reader=ENGLISH_METRIC
    )
    anonymous = render_email(
        "welcome", "a@example.com", {"display_name": ""}, LINKS, reader=ENGLISH_METRIC
    )
    assert named.text.startswith("Hello Ann,") and anonymous.text.startswith("Hello there,")
    assert "https://fit.example/" in named.text


def test_a_russian_notification_mail_has_russian_links_and_footer() -> None:
    mail = notification_mail(
        "Ваш вес — 175,3 lb", "Цель по весу достигнута!", "goal_progress", RUSSIAN_IMPERIAL
    )
    assert mail.subject == "Цель по весу достигнута!"
    assert "Открыть FitLedger: https://fit.example/" in mail.text
    assert "Чтобы больше не получать такие письма: https://fit.example/api/" in mail.text
    assert mail.html is not None and '<html lang="ru">' in mail.html
    assert ">Отписаться от этих писем</a>" in mail.html and ">Открыть FitLedger</a>" in mail.html
    assert "Unsubscribe" not in mail.html and "Open" not in mail.text


def test_russian_password_reset_counts_its_minutes_in_russian() -> None:
    def reset(minutes: int) -> str:
        mail = render_email(
            "password_reset",
            "a@example.com",
            {
                "display_name": "",
                "reset_url": "https://fit.example/r",
                "expires_in_minutes": minutes,
            },
            LINKS,
            reader=RUSSIAN_IMPERIAL,
        )
        assert mail.subject == "Сброс пароля FitLedger" and mail.text.startswith("Здравствуйте!")
        return mail.text

    assert "действует 1 минуту:" in reset(1)
    assert "действует 3 минуты:" in reset(3)
    assert "действует 30 минут:" in reset(30)
    assert "действует 21 минуту:" in reset(21)


def test_russian_welcome_greets_by_name() -> None:
    mail = render_email(
        "welcome", "a@example.com", {"display_name": "Аня"}, LINKS, reader=RUSSIAN_IMPERIAL
    )
    assert mail.subject == "Добро пожаловать в FitLedger"
    assert mail.text.startswith("Здравствуйте, Аня!\n\nДобро пожаловать в FitLedger!")


def test_a_mail_carries_a_date_and_a_message_id_stable_for_its_key() -> None:
    mailer = SmtpMailer("smtp://127.0.0.1:1", "FitLedger <n@fit.example>")
    mail = notification_mail("body", "Subject", "daily_norm_exceeded", ENGLISH_METRIC)
    keyed = replace(mail, key="delivery.42")
    assert mailer.build(keyed)["Message-ID"] == "<fitledger.delivery.42@fit.example>"
    assert mailer.build(keyed)["Message-ID"] == mailer.build(keyed)["Message-ID"]
    fresh = {mailer.build(mail)["Message-ID"] for _ in range(3)}
    assert len(fresh) == 3 and all(m.endswith("@fit.example>") for m in fresh)
    assert mailer.build(mail)["Date"] is not None
