"""The UI's session rules that need no browser: redirects, origins, cookies, messages."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from app.api.errors import error_from_response
from app.session.http import decode_flash, encode_flash, safe_next, same_origin
from app.state.messages import explain, plain_message, wait_in_words
from app.state.session import cookie_value, trusted_origin


def _request(headers: dict[str, str], host: str = "localhost:8080") -> Request:
    raw = [(k.lower().encode(), v.encode()) for k, v in {"host": host, **headers}.items()]
    return Request(
        {
            "type": "http",
            "method": "POST",
            "path": "/",
            "headers": raw,
            "scheme": "http",
            "query_string": b"",
        }
    )


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/diary/2026-12-01", "/diary/2026-12-01"),
        ("/", "/"),
        ("", "/today-default"),
        ("//evil.example/x", "/today-default"),
        ("https://evil.example/", "/today-default"),
        ("/\\evil.example", "/today-default"),
        ("diary", "/today-default"),
    ],
)
def test_only_paths_on_this_site_are_followed_after_sign_in(target: str, expected: str) -> None:
    assert safe_next(target, "/today-default") == expected


def test_form_posts_must_come_from_our_own_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUBLIC_URL", "http://localhost:8080")
    assert same_origin(_request({"origin": "http://localhost:8080"}))
    assert same_origin(_request({"referer": "http://localhost:8080/login"}))
    assert not same_origin(_request({"origin": "https://evil.example"}))
    assert not same_origin(_request({"referer": "https://evil.example/page"}))
    assert not same_origin(_request({}))  # neither header: refused, not guessed
    assert not same_origin(_request({"origin": "null", "referer": "https://evil.example/"}))


def test_websocket_origin_must_be_the_public_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUBLIC_URL", "https://fit.example.org")
    assert trusted_origin("https://fit.example.org")
    assert not trusted_origin("https://evil.example")
    assert not trusted_origin("http://fit.example.org")


def test_flash_round_trips_and_garbage_is_ignored() -> None:
    data = {"form": "/login", "code": "invalid_credentials", "email": "ann@example.com"}
    assert decode_flash(encode_flash(data)) == data
    assert decode_flash("not base64 !!") == {}
    assert decode_flash(encode_flash({"a": 1})[:-3]) == {}


def test_session_cookie_is_read_from_the_header() -> None:
    header = 'theme=dark; fl_session=abc-DEF_123; other="x y"'
    assert cookie_value(header, "fl_session") == "abc-DEF_123"
    assert cookie_value(header, "missing") == ""
    assert cookie_value("", "fl_session") == ""


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (None, "a moment"),
        (0, "a moment"),
        (1, "1 second"),
        (45, "45 seconds"),
        (90, "2 minutes"),
        (60 * 15, "15 minutes"),
        (61, "61 seconds"),
    ],
)
def test_waits_are_said_in_words(seconds: int | None, words: str) -> None:
    assert wait_in_words(seconds) == words


def test_api_errors_become_plain_words() -> None:
    throttled = error_from_response(
        429, {"error": {"code": "rate_limited", "message": "x", "fields": {}}}, "900"
    )
    assert explain(throttled)[0] == "Too many attempts. Try again in 15 minutes."
    weak = error_from_response(
        422,
        {
            "error": {
                "code": "validation_failed",
                "message": "Request validation failed",
                "fields": {"body.password": "Value error, This password is too common."},
            }
        },
    )
    message, fields = explain(weak)
    assert fields == {"password": "This password is too common."}
    assert message == "Please check the highlighted fields."
    assert plain_message("http_502", "", 502).startswith("FitLedger cannot reach")
    assert plain_message("invalid_reset_token", "raw", 422).startswith("This reset link")
