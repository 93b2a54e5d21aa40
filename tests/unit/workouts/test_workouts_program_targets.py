"""Program progression: what "last time" is, as a table of cases (issue 13)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from backend_services.workouts.programs import BEGINNER_FULL_BODY, target_weight

SQUAT = "builtin:barbell-back-squat"
# builtin:beginner-full-body-3day's squat on day A: 3 x 5 from 40 kg, +2.5 kg
ITEM = BEGINNER_FULL_BODY["days"][0]["exercises"][0]
T0 = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)


def session(
    minutes_after: int, *sets: tuple[float, int], warm_up: tuple[float, int] | None = None
) -> dict[str, Any]:
    """A completed workout with a squat entry: (kg, reps) working sets, optional warm-up."""
    done = [{"kind": "strength", "weight_kg": kg, "reps": reps} for kg, reps in sets]
    if warm_up:
        done.insert(0, {"kind": "strength", "weight_kg": warm_up[0], "reps": warm_up[1],
                        "set_type": "warm_up"})  # fmt: skip
    started = T0 + timedelta(minutes=minutes_after)
    return {
        "_id": f"w{minutes_after:06d}",
        "started_at": started,
        "local_date": started.date().isoformat(),
        "exercises": [{"exercise_id": SQUAT, "sets": done}],
    }


def three(kg: float, reps: int = 5) -> tuple[tuple[float, int], ...]:
    return ((kg, reps),) * 3


CASES = [
    ("no history: the program's start", [], (40, "start")),
    ("one full session", [session(0, *three(100))], (102.5, "progress")),
    # the case: 100 x 5 then 120 x 5, all sets done -> 122.5, not 112.5
    ("the later session counts", [session(0, *three(100)), session(60, *three(120))],
     (122.5, "progress")),
    # two sessions on one day in the order they were done, whatever the document ids
    ("same day, done in this order", [session(90, *three(100)), session(30, *three(120))],
     (102.5, "progress")),
    ("heaviest working set of the session", [session(0, (100, 5), (110, 5), (120, 5))],
     (122.5, "progress")),
    ("warm-ups do not count", [session(0, *three(100), warm_up=(140, 5))],
     (102.5, "progress")),
    ("a missed rep: repeat", [session(0, (100, 5), (100, 5), (100, 4))], (100, "repeat")),
    ("fewer sets than the target: repeat", [session(0, (100, 5), (100, 5))], (100, "repeat")),
    ("three misses at one weight: deload 10 %",
     [session(m, (100, 5), (100, 3), (100, 3)) for m in (0, 60, 120)], (90, "deload")),
    ("misses at another weight do not add up",
     [session(0, *three(100, 4)), session(60, *three(100, 4)), session(120, *three(102.5, 4))],
     (102.5, "repeat")),
    ("progress after a deload",
     [*(session(m, *three(100, 3)) for m in (0, 60, 120)), session(180, *three(90))],
     (92.5, "progress")),
]  # fmt: skip


@pytest.mark.parametrize(("history", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_next_target_follows_last_time(
    history: list[dict[str, Any]], expected: tuple[float, str]
) -> None:
    assert target_weight(ITEM, history) == expected


def test_the_table_reads_the_builtin_programs_squat() -> None:
    assert (ITEM["exercise_id"], ITEM["sets"], ITEM["reps"]) == (SQUAT, 3, 5)
    assert (ITEM["start_weight_kg"], ITEM["increment_kg"]) == (40, 2.5)
