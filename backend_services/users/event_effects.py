"""What other services' events change in the users data. Each runs in the consumer's session:
its transaction also records the event id, so an effect and its dedupe row commit together."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from backend_services.kernel.contracts import WeightLogged
from backend_services.kernel.contracts.preferences import Channel, NotificationType
from backend_services.kernel.messaging import add_to_outbox

from . import domain
from .clock import local_day, utc_now
from .models import MESSAGING
from .profile_writes import profile_for_write, refresh_target
from .published_profile import announce_if_changed, published_state
from .repository import UsersRepository
from .target_history import record_birthdays


def stop_emails(session: Session, user_id: str, kind: str | None) -> None:
    """An unsubscribe link was used (``notifications.email.unsubscribed``): e-mails of that
    type (``None``: every type) are off in the user's choices, the one place they live, and
    the changed profile is published like any other change."""
    repo = UsersRepository(session)
    if repo.is_deleted(user_id):
        return
    profile = repo.get_profile(user_id, for_update=True)
    if profile is None:
        return  # nothing chosen yet to change; notifications' own opt-out still holds
    now = utc_now()
    before = published_state(repo, profile, now)
    choices = {(c.type, c.channel): c.enabled for c in repo.notification_overrides(user_id)}
    for each in NotificationType if kind is None else (NotificationType(kind),):
        choices[(each.value, Channel.EMAIL.value)] = False
    repo.replace_notification_overrides(user_id, choices)
    announce_if_changed(session, repo, profile, before, now)


def register_profile(session: Session, user_id: str, display_name: str | None) -> bool:
    """Create the empty profile of a newly registered user; a second delivery does nothing."""
    repo = UsersRepository(session)
    if repo.is_deleted(user_id):
        return False
    return repo.create_profile_if_missing(user_id, display_name)


def delete_user_data(session: Session, user_id: str) -> None:
    UsersRepository(session).delete_everything(user_id)


def record_day_intake(
    session: Session,
    user_id: str,
    day: date,
    totals: dict[str, Decimal | None],
    as_of: datetime,
) -> None:
    repo = UsersRepository(session)
    if repo.is_deleted(user_id):
        return
    profile = repo.get_profile(user_id)
    repo.set_day_intake(
        user_id, day, totals, as_of, profile.calorie_target_kcal if profile else None
    )


def record_workout(
    session: Session,
    user_id: str,
    workout_id: str,
    day: date,
    calories_kcal: Decimal,
    duration_min: Decimal | None,
) -> None:
    repo = UsersRepository(session)
    if repo.is_deleted(user_id):
        return
    profile = repo.get_profile(user_id)
    target = profile.calorie_target_kcal if profile else None
    for affected in repo.record_workout(user_id, workout_id, day, calories_kcal, duration_min):
        repo.refresh_day_activity(user_id, affected, target)


def record_training_plan(
    session: Session,
    user_id: str,
    program: tuple[str, str] | None,
    weekdays: list[str],
    as_of: datetime,
) -> None:
    """The plan of the program the user follows (None: none), newest by ``as_of``."""
    repo = UsersRepository(session)
    if repo.is_deleted(user_id):
        return
    repo.set_training_plan(user_id, program, weekdays, as_of)


def record_imported_weigh_ins(
    session: Session, user_id: str, readings: list[tuple[date, Decimal]], now: datetime
) -> list[date]:
    """A health export's body-mass readings (in date order) into the weight log: kept for the
    days that have no weigh-in yet and are not after the user's today, so a weigh-in the user
    logged wins and importing the export again changes nothing. Each kept one is announced
    like a logged one; when the newest weigh-in is one of them it becomes the profile's
    weight (and the targets follow). Answers the days kept."""
    repo = UsersRepository(session)
    if repo.is_deleted(user_id):
        return []
    profile = profile_for_write(repo, user_id)
    today = local_day(now, profile.timezone)
    kept = [
        (day, kg)
        for day, kg in readings
        if day <= today and repo.add_weight_if_missing(user_id, day, kg)
    ]
    if not kept:
        return []
    before = published_state(repo, profile, now)
    newest_day, newest_kg = kept[-1]
    if repo.latest_weight_day(user_id) == newest_day:
        record_birthdays(repo, profile, today)
        profile.weight_kg = newest_kg
        refresh_target(repo, profile, now)
        repo.save_profile(profile)
        repo.record_target(user_id, today, profile.calorie_target_kcal)
    trend = {p.day: p.trend_kg for p in domain.weight_trend(repo.weights_until(user_id, today))}
    for day, kg in kept:
        repo.set_day_weight(user_id, day, kg, profile.calorie_target_kcal)
        logged = WeightLogged(date=day, weight_kg=float(kg), trend_kg=float(trend[day]))
        add_to_outbox(session, MESSAGING, logged.event(user_id))
    announce_if_changed(session, repo, profile, before, now)
    return [day for day, _ in kept]
