"""Notifications worker: outbox relay and consumers (run with `python -m`)."""

from backend_services.kernel.workers import run_service_worker

from .events import SUBSCRIPTIONS
from .models import MESSAGING
from .settings import NotificationsSettings

if __name__ == "__main__":
    run_service_worker(NotificationsSettings(), MESSAGING, SUBSCRIPTIONS)
