"""API errors in plain words: what the forms show above and next to their fields."""

from __future__ import annotations

from typing import Any

from app.api.errors import ApiError

PLAIN: dict[str, str] = {
    "invalid_credentials": "That e-mail and password don't match an account.",
    "invalid_reset_token": "This reset link has expired or was already used. Ask for a new one.",
    "invalid_refresh_token": "Your session has ended. Please sign in again.",
    "session_ended": "Your session has ended. Please sign in again.",
    "unreachable": "FitLedger cannot reach its servers right now. Please try again shortly.",
    "cross_site": "That request came from another site and was refused.",
}
FIELD_PLAIN: dict[str, str] = {
    "email": "Enter a valid e-mail address.",
}


def wait_in_words(seconds: int | None) -> str:
    if not seconds or seconds <= 0:
        return "a moment"
    if seconds < 90:
        return f"{seconds} second" + ("" if seconds == 1 else "s")
    minutes = round(seconds / 60)
    return f"{minutes} minute" + ("" if minutes == 1 else "s")


def plain_message(code: str, message: str, status: int = 0, retry_after: int | None = None) -> str:
    if status == 429 or code in {"rate_limited", "too_many_requests"}:
        return f"Too many attempts. Try again in {wait_in_words(retry_after)}."
    if code in PLAIN:
        return PLAIN[code]
    if status >= 500:
        return PLAIN["unreachable"]
    if status == 422 and message.lower().startswith("request validation"):
        return "Please check the highlighted fields."
    return message


def plain_fields(fields: dict[str, Any]) -> dict[str, str]:
    plain: dict[str, str] = {}
    for name, problem in fields.items():
        text = str(problem)
        if name in FIELD_PLAIN and ("valid" in text.lower() or "email" in text.lower()):
            text = FIELD_PLAIN[name]
        elif text.startswith("Value error, "):
            text = text.removeprefix("Value error, ")
        plain[name] = text[:1].upper() + text[1:]
    return plain


def explain(error: ApiError) -> tuple[str, dict[str, str]]:
    """(message above the form, {field: message next to it})."""
    return (
        plain_message(error.code, error.message, error.status, error.retry_after),
        plain_fields(error.fields),
    )


def explain_flash(flash: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """A refused form post's flash cookie (app/session/http.py) in plain words; ("", {}) if none."""
    if not flash:
        return "", {}
    message = plain_message(
        str(flash.get("code", "")),
        str(flash.get("message", "")),
        int(flash.get("status", 0) or 0),
        flash.get("retry_after"),
    )
    return message, plain_fields(flash.get("fields") or {})
