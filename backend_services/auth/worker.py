"""Auth worker: relays the outbox (``python -m backend_services.auth.worker``)."""

from backend_services.kernel.workers import run_service_worker

from .models import MESSAGING
from .settings import AuthSettings

if __name__ == "__main__":
    run_service_worker(AuthSettings(), MESSAGING)
