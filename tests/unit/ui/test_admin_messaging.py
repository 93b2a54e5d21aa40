"""What the messaging admin page shows, from the notifications service's answers (no I/O):
queues fullest first, a dead letter's facts and failures, its payload as JSON text."""

from __future__ import annotations

from app.api.admin import DeadLetter, DeadLetterQueue
from app.pages.admin.messaging import letter_rows, queue_rows


def test_queues_are_listed_fullest_first_and_say_when_not_declared() -> None:
    queues = (
        DeadLetterQueue("a.dlq", "a", "users", True, 0),
        DeadLetterQueue("b.dlq", "b", "nutrition", True, 3),
        DeadLetterQueue("c.dlq", "c", "auth", False, 0),
    )
    rows = queue_rows(queues)
    assert [r.queue for r in rows] == ["b.dlq", "a.dlq", "c.dlq"]
    assert rows[0].detail == "nutrition · b"
    assert rows[2].detail == "auth · c · not declared yet"


def test_a_dead_letter_shows_its_event_facts_failures_and_payload() -> None:
    letter = DeadLetter.from_json(
        {
            "queue": "a.dlq",
            "message_id": "m1",
            "type": "workouts.session.logged",
            "producer": "workouts",
            "user_id": "u1",
            "occurred_at": "2026-12-01T13:05:00Z",
            "error": "boom again",
            "first_error": "boom",
            "attempts": 3,
            "replayed": True,
            "payload": {"b": 1, "a": [1, 2]},
        }
    )
    assert letter.payload.startswith('{\n  "a": [')
    [row] = letter_rows((letter,))
    assert row.type == "workouts.session.logged"
    assert row.facts == (
        "id m1 · from workouts · user u1 · occurred 2026-12-01T13:05:00Z · "
        "3 failed deliveries · replayed before"
    )
    assert (row.error, row.first_error) == ("boom again", "boom")


def test_a_bare_dead_letter_still_reads() -> None:
    [row] = letter_rows((DeadLetter.from_json({"payload": "not json", "attempts": 1}),))
    assert row.type == "unknown event" and row.error == "—" and row.first_error == ""
    assert row.payload == "not json"
    assert "1 failed delivery" in row.facts
