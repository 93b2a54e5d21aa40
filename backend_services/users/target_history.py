"""The calorie target in force on each day: the recorded changes, and the birthdays since the
last one (age is in the formulas)."""

from __future__ import annotations

from datetime import date

from . import domain
from .models import Profile
from .profile_views import body_profile
from .repository import UsersRepository


def target_on(
    day: date,
    history: list[tuple[date, int | None]],
    first: int | None,
    body: domain.BodyProfile | None,
    last_change: date | None,
) -> int | None:
    """A day's target: the last recorded change on or before it. After the last change of
    all, the profile is still the one of that change, so a birthday since then (age is in the
    formulas) gives the target ``compute_targets`` gives that day: the one
    ``record_birthdays`` keeps when the profile changes next."""
    found = domain.target_in_force(history, day, first)
    if body is None or last_change is None or day <= last_change:
        return found
    if not domain.birthdays_after(body.birth_date, last_change, day):
        return found
    return int(domain.compute_targets(body, day).calorie_target_kcal)


def record_birthdays(repo: UsersRepository, profile: Profile, today: date) -> None:
    """Before a change to the profile: the target each birthday since the last recorded
    change gave (computed from the profile as it still is), so those days keep the target
    ``stats`` showed for them after the change too."""
    body = body_profile(profile)
    history = repo.targets_until(profile.user_id, today)
    if body is None or not history:
        return
    for birthday in domain.birthdays_after(body.birth_date, history[-1][0], today):
        target = int(domain.compute_targets(body, birthday).calorie_target_kcal)
        repo.record_target(profile.user_id, birthday, target)
