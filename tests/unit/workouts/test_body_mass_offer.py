"""A health export's body mass offered to the users service: only readings that could be
weigh-ins travel, and a reading that breaks the contract is refused on arrival."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from backend_services.kernel.contracts import BodyMassImported, InvalidEvent
from backend_services.workouts.events import body_mass_imported


def test_only_past_days_and_plausible_weights_are_offered() -> None:
    future = (datetime.now(UTC) + timedelta(days=3)).date().isoformat()
    event = body_mass_imported(
        "u1",
        "apple_health",
        {
            "2024-04-29": 64.2,
            "2024-04-28": 64.6,
            "2024-04-30": 6.42,  # a unit mix-up, not a weigh-in
            "2024-05-01": 642.0,
            "1999-12-31": 70.0,  # before anything the product dates
            future: 64.0,
        },
    )
    assert event is not None and event.type == "workouts.body_mass.imported"
    received = BodyMassImported.read(event)
    assert received.data.source == "apple_health"
    assert [(r.date, r.weight_kg) for r in received.data.readings] == [
        (date(2024, 4, 28), 64.6),
        (date(2024, 4, 29), 64.2),
    ]


def test_an_export_without_usable_readings_offers_nothing() -> None:
    assert body_mass_imported("u1", "google_fit", {}) is None
    assert body_mass_imported("u1", "google_fit", {"2024-04-29": 3.0}) is None


def test_a_reading_outside_the_weight_log_range_breaks_the_contract() -> None:
    event = body_mass_imported("u1", "apple_health", {"2024-04-29": 64.2})
    assert event is not None
    tampered = event.model_copy(
        update={"data": {**event.data, "readings": [{"date": "2024-04-29", "weight_kg": 12}]}}
    )
    with pytest.raises(InvalidEvent, match="weight_kg"):
        BodyMassImported.read(tampered)
    empty = event.model_copy(update={"data": {**event.data, "readings": []}})
    with pytest.raises(InvalidEvent, match="readings"):
        BodyMassImported.read(empty)
