"""The profile a change writes to: locked (created when the registration event is still on its
way), and its calorie target recomputed after the change."""

from __future__ import annotations

from datetime import datetime

from backend_services.kernel.errors import NotFound

from . import domain
from .clock import local_day
from .models import Profile
from .profile_views import body_profile
from .repository import UsersRepository


def profile_for_write(repo: UsersRepository, user_id: str) -> Profile:
    """The caller's profile, locked; created if the registration event is still on its way."""
    if repo.is_deleted(user_id):
        raise NotFound("This account has been deleted.", code="profile_not_found")
    profile = repo.get_profile(user_id, for_update=True)
    if profile is None:
        repo.create_profile_if_missing(user_id, None)
        profile = repo.get_profile(user_id, for_update=True)
    if profile is None:
        raise RuntimeError(f"the profile of {user_id} was created but cannot be read")
    return profile


def refresh_target(repo: UsersRepository, profile: Profile, now: datetime) -> None:
    body = body_profile(profile)
    if body is None:
        profile.calorie_target_kcal = None
        return
    targets = domain.compute_targets(body, local_day(now, profile.timezone))
    profile.calorie_target_kcal = int(targets.calorie_target_kcal)
