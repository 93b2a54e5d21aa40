"""How long a Strong/Hevy import waits for its review: past ``strength_review_retention_days``
after the upload the job fails as expired and its stored file is dropped (run by the import
jobs' relay with its hourly pruning of delivered events)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pymongo.collection import Collection

from backend_services.kernel.messaging.mongo_outbox import MongoOutboxRelay

# The web app recognises the prefix and words it in the reader's language (import_logic.py).
EXPIRED = "review expired: the review was not done in time and the uploaded file was deleted"


def expire_waiting_reviews(import_jobs: Collection[dict[str, Any]], before: datetime) -> int:
    """Fail the jobs uploaded before ``before`` that still wait for a review; answers how many.
    The names already chosen stay remembered (``import_mappings``), so the next upload of the
    file asks only what was left."""
    done = import_jobs.update_many(
        {"status": "needs_review", "created_at": {"$lt": before}},
        {
            "$set": {"status": "failed", "error": EXPIRED, "finished_at": before},
            "$unset": {"csv_zlib": ""},
        },
    )
    return done.modified_count


class ImportJobsRelay(MongoOutboxRelay):
    """The import jobs' outbox relay; its pruning also expires the reviews nobody did."""

    def __init__(self, *args: Any, review_retention: timedelta, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.review_retention = review_retention

    def prune(self, now: datetime) -> dict[str, int]:
        expired = expire_waiting_reviews(self.collection, now - self.review_retention)
        return {**super().prune(now), "expired_reviews": expired}
