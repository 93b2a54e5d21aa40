"""A user who reads Russian in imperial units, through the whole stack: the profile set in
the users service reaches notifications by its event, and the weight-goal e-mail (subject,
text, HTML, footer, unsubscribe page) is Russian with the weights in pounds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from notifications_api_helpers import wait_for_feed
from polling import wait_until

SETTINGS = "/api/notifications/settings"
# 80 kg = 176.37 lb (1 lb = 0.45359237 kg), shown to 0.1 with the Russian decimal comma
GOAL_TEXT = "Ваш вес — 176,4 lb: вы достигли своей цели в 176,4 lb."


def test_a_russian_imperial_user_gets_the_weight_goal_mail_in_russian_with_pounds(
    client: httpx.Client, register: Callable[..., Any], mailbox: Callable[..., Any]
) -> None:
    ann = register()
    profile = client.patch(
        "/api/users/me", json={"language": "ru", "units": "imperial"}, headers=ann.headers
    )
    assert profile.status_code == 200, profile.text
    goal = client.put(SETTINGS, json={"goal_weight_kg": 80}, headers=ann.headers)
    assert goal.status_code == 200, goal.text

    # The profile travels by users.profile.updated: weigh in once notifications know it.
    def notifications_know() -> bool:
        known = client.get(SETTINGS, headers=ann.headers).json()
        return (known["language"], known["units"]) == ("ru", "imperial")

    wait_until(notifications_know, what="notifications knowing the profile's language and units")
    weighed = client.post("/api/users/me/weights", json={"weight_kg": 80}, headers=ann.headers)
    assert weighed.status_code == 201, weighed.text

    [item] = wait_for_feed(
        client, ann, lambda f: [i for i in f["items"] if i["type"] == "goal_progress"]
    )["items"]
    assert (item["title"], item["body"]) == ("Цель по весу достигнута!", GOAL_TEXT)

    [mail] = mailbox(ann.email, subject="Цель по весу достигнута!")
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert text.startswith(GOAL_TEXT + "\n\nОткрыть FitLedger: ")
    assert "\nЧтобы больше не получать такие письма: " in text
    assert '<html lang="ru">' in html and GOAL_TEXT in html
    assert ">Отписаться от этих писем</a>" in html and ">Открыть FitLedger</a>" in html
    for english in (" kg", "кг", "Open FitLedger", "Unsubscribe from", "To stop these"):
        assert english not in text + html, english

    # The footer's link opens a Russian page and stops this kind of e-mail.
    link = httpx.URL(mail["List-Unsubscribe"].strip("<>"))
    page = httpx.get(client.base_url.join(link.raw_path.decode()))
    assert page.status_code == 200
    assert '<html lang="ru">' in page.text and "<h1>Вы отписались</h1>" in page.text
    assert "«прогресс к цели»" in page.text
    settings = client.get(SETTINGS, headers=ann.headers).json()
    assert settings["email_opted_out"] == ["goal_progress"]
