"""What the admin pages show, from the typed API answers (no I/O): audit lines, announcement
progress and outcomes, the profile summary, the sections list."""

from __future__ import annotations

import datetime as dt

from app import routes
from app.api.admin import Announcement, AuditEntry, ProfileSummary
from app.pages.admin.announcements import describe_outcomes, progress_percent
from app.pages.admin.audit import audit_rows
from app.pages.admin.sections import ADMIN_SECTIONS
from app.pages.admin.user import profile_lines

AT = dt.datetime(2026, 12, 1, 13, 5, tzinfo=dt.UTC)


def _announcement(**changes: object) -> Announcement:
    fields: dict[str, object] = {
        "id": "a1",
        "title": "Hello",
        "body": "News",
        "status": "pending",
        "channels": ("in_app", "email"),
        "audience": 200,
        "recipients": 40,
        "processed": 50,
        "created_at": AT,
        "finished_at": None,
        "outcomes": {},
    }
    fields.update(changes)
    return Announcement(**fields)  # type: ignore[arg-type]


def test_audit_lines_name_who_did_what_to_whom_and_when() -> None:
    disabled = AuditEntry(AT, "ann@example.com", "user.disabled", "user", "bob@example.com", {})
    sent = AuditEntry(
        AT,
        "ann@example.com",
        "announcement.sent",
        "announcement",
        "a1",
        {"title": "Hello", "channels": "in_app,email"},
    )
    ended = AuditEntry(AT, "ann@example.com", "session.ended", "session", "s1", {"count": 1})
    future = AuditEntry(AT, "ann@example.com", "dead_letter.replayed", "dead_letter", "q", {})
    rows = audit_rows((disabled, sent, ended, future))
    assert [(r.actor, r.action, r.target) for r in rows] == [
        ("ann@example.com", "disabled the account of", "bob@example.com"),
        ("ann@example.com", "sent the announcement", "“Hello”"),
        ("ann@example.com", "ended a session", ""),
        ("ann@example.com", "dead_letter.replayed", "q"),  # not worded yet: its own name
    ]
    assert rows[0].when == "2026-12-01 13:05 UTC"
    assert rows[1].detail == "channels: in_app,email"
    assert rows[2].detail == "count: 1"


def test_announcement_progress_is_the_share_of_the_audience_looked_at() -> None:
    assert progress_percent(_announcement()) == 25
    assert progress_percent(_announcement(processed=400)) == 99  # more users since: not done
    assert progress_percent(_announcement(status="done", processed=0)) == 100
    assert progress_percent(_announcement(audience=0, processed=0)) == 0


def test_announcement_outcomes_in_words() -> None:
    assert describe_outcomes(_announcement()) == "in the feed only"
    mixed = _announcement(outcomes={"push": {"pending": 2}, "email": {"sent": 3, "failed": 1}})
    assert describe_outcomes(mixed) == "email: 1 failed, 3 sent; push: 2 pending"


def test_the_profile_summary_says_what_is_known() -> None:
    assert profile_lines(None) == ["No profile yet."]
    profile = ProfileSummary(
        "female",
        dt.date(1990, 4, 2),
        168.0,
        61.5,
        "lose",
        "lightly_active",
        "Europe/Moscow",
        "ru",
        True,
    )
    assert profile_lines(profile) == [
        "Sex: female",
        "Born: 1990-04-02",
        "Height: 168 cm",
        "Weight: 61.5 kg",
        "Goal: lose",
        "Activity: lightly active",
        "Time zone Europe/Moscow, language ru",
        "Onboarding complete",
    ]


def test_every_admin_section_is_a_distinct_admin_route() -> None:
    paths = [s.path for s in ADMIN_SECTIONS]
    assert len(set(paths)) == len(paths)
    assert all(p.startswith(routes.ADMIN + "/") for p in paths)
