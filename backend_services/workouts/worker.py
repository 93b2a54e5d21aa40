"""Workouts worker (run with ``python -m``): the relays of the outboxes embedded in workout,
import-job and program documents (kernel ``mongo_outbox``) and the consumers."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from backend_services.kernel.logs import configure_logging
from backend_services.kernel.messaging.mongo_consumer import MongoEventConsumer
from backend_services.kernel.messaging.mongo_outbox import MongoOutboxRelay
from backend_services.kernel.messaging.relay import Retention
from backend_services.kernel.mongo import default_database, make_mongo_client
from backend_services.kernel.workers import Runnable, run_until_stopped

from .events import SUBSCRIPTIONS
from .import_retention import ImportJobsRelay
from .settings import WorkoutsSettings


def main() -> None:
    settings = WorkoutsSettings()
    configure_logging("workouts-worker", settings.instance_id, settings.log_level)
    amqp_url = settings.require("amqp_url")
    db = default_database(make_mongo_client(settings.require("mongodb_uri")))
    retention = Retention.of(settings)
    runnables: list[Runnable] = [
        MongoOutboxRelay(
            db["workouts"], amqp_url, settings.events_exchange, name="workouts", retention=retention
        ),
        # a finished import job's weigh-ins offered to the users service
        ImportJobsRelay(
            db["import_jobs"],
            amqp_url,
            settings.events_exchange,
            name="workouts-imports",
            retention=retention,
            review_retention=timedelta(days=settings.strength_review_retention_days),
        ),
        # an edited or deleted program's new plan
        MongoOutboxRelay(
            db["programs"],
            amqp_url,
            settings.events_exchange,
            name="workouts-programs",
            retention=retention,
        ),
    ]
    runnables += [
        MongoEventConsumer(
            db,
            amqp_url,
            settings.events_exchange,
            replace(sub, queue_type=settings.amqp_queue_type),
        )
        for sub in SUBSCRIPTIONS
    ]
    run_until_stopped(runnables, settings)


if __name__ == "__main__":
    main()
