"""Auth worker: outbox relay and the security-mail consumers (run with `python -m`)."""

from backend_services.kernel.email import SmtpMailer
from backend_services.kernel.workers import run_service_worker

from .active_users import ActiveUsersGauge
from .events import subscriptions
from .models import MESSAGING
from .settings import AuthSettings


def main() -> None:
    settings = AuthSettings()
    mailer = SmtpMailer(settings.require("smtp_url"), settings.mail_from)
    run_service_worker(
        settings,
        MESSAGING,
        subscriptions(mailer, settings),
        extra=lambda engine: [ActiveUsersGauge(engine)],
    )


if __name__ == "__main__":
    main()
