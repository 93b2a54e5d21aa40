"""API errors in plain words: what the forms show above and next to their fields.

The UI's own explanations are translated (`language`); a service's own message is shown as
the service says it.
"""

from __future__ import annotations

from typing import Any

from app.api.errors import ApiError
from app.i18n import tr, trn

PLAIN_CODES = frozenset(
    {
        "invalid_credentials",
        "invalid_reset_token",
        "invalid_refresh_token",
        "session_ended",
        "unreachable",
        "cross_site",
    }
)


def _plain(language: str, code: str) -> str:
    """The UI's own words for an error code of PLAIN_CODES."""
    texts = {
        "invalid_credentials": tr(language, "That e-mail and password don't match an account."),
        "invalid_reset_token": tr(
            language, "This reset link has expired or was already used. Ask for a new one."
        ),
        "invalid_refresh_token": tr(language, "Your session has ended. Please sign in again."),
        "session_ended": tr(language, "Your session has ended. Please sign in again."),
        "unreachable": tr(
            language, "FitLedger cannot reach its servers right now. Please try again shortly."
        ),
        "cross_site": tr(language, "That request came from another site and was refused."),
    }
    return texts[code]


def wait_in_words(seconds: int | None, language: str = "en") -> str:
    if not seconds or seconds <= 0:
        return tr(language, "a moment")
    if seconds < 90:
        return trn(language, seconds, "{n} second", "{n} seconds")
    minutes = round(seconds / 60)
    return trn(language, minutes, "{n} minute", "{n} minutes")


def plain_message(
    code: str,
    message: str,
    status: int = 0,
    retry_after: int | None = None,
    language: str = "en",
) -> str:
    if status == 429 or code in {"rate_limited", "too_many_requests"}:
        wait = wait_in_words(retry_after, language)
        return tr(language, "Too many attempts. Try again in {wait}.", wait=wait)
    if code in PLAIN_CODES:
        return _plain(language, code)
    if status >= 500:
        return _plain(language, "unreachable")
    if status == 422 and message.lower().startswith("request validation"):
        return tr(language, "Please check the highlighted fields.")
    return message


def plain_fields(fields: dict[str, Any], language: str = "en") -> dict[str, str]:
    plain: dict[str, str] = {}
    for name, problem in fields.items():
        text = str(problem)
        if name == "email" and ("valid" in text.lower() or "email" in text.lower()):
            text = tr(language, "Enter a valid e-mail address.")
        elif text.startswith("Value error, "):
            text = text.removeprefix("Value error, ")
        plain[name] = text[:1].upper() + text[1:]
    return plain


def explain(error: ApiError, language: str = "en") -> tuple[str, dict[str, str]]:
    """(message above the form, {field: message next to it}) in `language`."""
    return (
        plain_message(error.code, error.message, error.status, error.retry_after, language),
        plain_fields(error.fields, language),
    )


def flash_message(flash: dict[str, Any], language: str = "en") -> str:
    """The message of a refused form post's flash cookie (app/session/http.py), in plain words."""
    return plain_message(
        str(flash.get("code", "")),
        str(flash.get("message", "")),
        int(flash.get("status", 0) or 0),
        flash.get("retry_after"),
        language,
    )


def explain_flash(flash: dict[str, Any], language: str = "en") -> tuple[str, dict[str, str]]:
    """A refused form post's flash cookie (app/session/http.py) in plain words; ("", {}) if none."""
    if not flash:
        return "", {}
    return flash_message(flash, language), plain_fields(flash.get("fields") or {}, language)
