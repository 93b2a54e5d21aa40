"""``users.profile.updated``: what it carries, and its outbox row when any of that changes."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy.orm import Session

from backend_services.kernel.contracts import ProfileUpdated
from backend_services.kernel.contracts import QuietHours as PublishedQuietHours
from backend_services.kernel.contracts import Targets as PublishedTargets
from backend_services.kernel.contracts.users import Language, Units
from backend_services.kernel.messaging import add_to_outbox

from . import domain
from .clock import local_day
from .models import MESSAGING, Profile
from .profile_views import body_profile, notification_matrix
from .repository import UsersRepository


def published_state(repo: UsersRepository, profile: Profile, now: datetime) -> ProfileUpdated:
    """What ``users.profile.updated`` carries; published when any of it changes."""
    body = body_profile(profile)
    targets = (
        None if body is None else domain.compute_targets(body, local_day(now, profile.timezone))
    )
    return ProfileUpdated(
        targets=None
        if targets is None
        else PublishedTargets(
            calorie_target_kcal=float(targets.calorie_target_kcal),
            target_source=targets.target_source.value,
            protein_g=float(targets.macros.protein_g),
            fat_g=float(targets.macros.fat_g),
            carbohydrate_g=float(targets.macros.carbohydrate_g),
            floor_applied=targets.floor_applied,
        ),
        timezone=profile.timezone,
        # the columns hold what the profile schemas let through (Language, Units)
        language=cast(Language, profile.language),
        units=cast(Units, profile.units),
        notifications=notification_matrix(repo, profile.user_id),
        quiet_hours=None
        if profile.quiet_hours_start is None or profile.quiet_hours_end is None
        else PublishedQuietHours(start=profile.quiet_hours_start, end=profile.quiet_hours_end),
    )


def announce_if_changed(
    session: Session,
    repo: UsersRepository,
    profile: Profile,
    before: ProfileUpdated,
    now: datetime,
) -> None:
    after = published_state(repo, profile, now)
    if after != before:
        add_to_outbox(session, MESSAGING, after.event(profile.user_id))
