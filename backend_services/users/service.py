"""Users use cases of the API: profile, weight log, targets, statistics, expenditure; each
opens one unit of work. What other services' events change: event_effects.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from backend_services.kernel.contracts import WeightLogged
from backend_services.kernel.contracts.preferences import Channel, NotificationType
from backend_services.kernel.db import unit_of_work
from backend_services.kernel.errors import Conflict, InvalidInput, NotFound
from backend_services.kernel.messaging import add_to_outbox

from . import domain, expenditure, reference_intakes, training_day
from .account_import import UsersImport
from .clock import Clock, local_day, utc_now
from .daily_stats import MAX_STATS_DAYS, STREAK_LOOKBACK_DAYS, averages, check_range, day_row
from .models import MESSAGING, Profile
from .profile_views import (
    as_float,
    body_profile,
    complete_body,
    profile_view,
    targets_view,
    with_training_day,
)
from .profile_writes import profile_for_write, refresh_target
from .published_profile import announce_if_changed, published_state
from .repository import UsersRepository
from .schemas import (
    NotificationSettingsIn,
    ProfilePatch,
    ProfileReplace,
    QuietHours,
    WeightLogIn,
)
from .target_history import record_birthdays, target_on
from .training_schemas import rule_columns

DEFAULT_WEIGHT_DAYS = 90

__all__ = ["MAX_STATS_DAYS", "Clock", "LoggedWeight", "UsersService", "with_training_day"]


@dataclass(frozen=True)
class LoggedWeight:
    point: dict[str, Any]
    created: bool


class UsersService:
    def __init__(self, engine: Engine, clock: Clock = utc_now):
        self.engine = engine
        self.clock = clock

    def get_profile(self, user_id: str) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            repo = UsersRepository(session)
            profile = repo.get_profile(user_id)
            if profile is None:
                raise NotFound("No profile yet.", code="profile_not_found")
            return profile_view(repo, profile)

    def replace_profile(self, user_id: str, body: ProfileReplace) -> dict[str, Any]:
        changes = body.model_dump(exclude={"notifications", "training_rule"})
        changes.update(rule_columns(body.training_rule))
        return self._update(user_id, changes, body.notifications, reset_notifications=True)

    def patch_profile(self, user_id: str, body: ProfilePatch) -> dict[str, Any]:
        changes = body.changes()
        notifications = changes.pop("notifications", None)
        if "training_rule" in changes:
            changes.update(rule_columns(changes.pop("training_rule")))
        return self._update(user_id, changes, notifications, reset_notifications=False)

    def _update(
        self,
        user_id: str,
        changes: dict[str, Any],
        notifications: NotificationSettingsIn | None,
        *,
        reset_notifications: bool,
    ) -> dict[str, Any]:
        now = self.clock()
        with unit_of_work(self.engine) as session:
            repo = UsersRepository(session)
            profile = profile_for_write(repo, user_id)
            before = published_state(repo, profile, now)
            record_birthdays(repo, profile, local_day(now, profile.timezone))
            previous_weight = profile.weight_kg
            for name, value in changes.items():
                setattr(profile, name, value.value if hasattr(value, "value") else value)
            if reset_notifications or notifications is not None:
                self._apply_notifications(repo, profile, notifications, reset_notifications)
            today = local_day(now, profile.timezone)
            weight = changes.get("weight_kg")
            if weight == previous_weight:
                weight = None  # unchanged: not a new weigh-in
            if weight is not None:
                # The current weight is also today's entry in the weight log.
                repo.upsert_weight(user_id, today, weight)
            refresh_target(repo, profile, now)
            repo.save_profile(profile)
            repo.record_target(user_id, today, profile.calorie_target_kcal)
            if weight is not None:
                repo.set_day_weight(user_id, today, weight, profile.calorie_target_kcal)
                self._announce_weight(session, repo, user_id, today, weight)
            repo.set_day_target(user_id, today, profile.calorie_target_kcal)
            announce_if_changed(session, repo, profile, before, now)
            return profile_view(repo, profile)

    def import_export(self, user_id: str, body: UsersImport) -> dict[str, int]:
        """The users part of an export (profile and weight log) into the caller's account,
        in one transaction; the same file again changes nothing."""
        now = self.clock()
        with unit_of_work(self.engine) as session:
            repo = UsersRepository(session)
            profile = profile_for_write(repo, user_id)
            before = published_state(repo, profile, now)
            for name, value in body.profile_changes().items():
                setattr(profile, name, value.value if hasattr(value, "value") else value)
            self._apply_notifications(repo, profile, body.profile.notifications, True)
            today = local_day(now, profile.timezone)
            record_birthdays(repo, profile, today)
            entries = sorted(body.weights.entries, key=lambda e: e.date)
            if entries and entries[-1].date > today:
                raise InvalidInput(
                    "A weigh-in of the file is after your today.",
                    fields={"weights.entries": f"on or before {today.isoformat()}"},
                )
            logged = dict(repo.weights_until(user_id, today))
            added = [e for e in entries if logged.get(e.date) != e.weight_kg]
            for entry in added:
                repo.upsert_weight(user_id, entry.date, entry.weight_kg)
            profile.weight_kg = body.profile.weight_kg
            refresh_target(repo, profile, now)
            repo.save_profile(profile)
            repo.record_target(user_id, today, profile.calorie_target_kcal)
            for entry in added:
                target = profile.calorie_target_kcal
                repo.set_day_weight(user_id, entry.date, entry.weight_kg, target)
                self._announce_weight(session, repo, user_id, entry.date, entry.weight_kg)
            repo.set_day_target(user_id, today, profile.calorie_target_kcal)
            announce_if_changed(session, repo, profile, before, now)
            return {"profile": 1, "weights": len(added)}

    def log_weight(self, user_id: str, body: WeightLogIn) -> LoggedWeight:
        now = self.clock()
        with unit_of_work(self.engine) as session:
            repo = UsersRepository(session)
            profile = profile_for_write(repo, user_id)
            today = local_day(now, profile.timezone)
            day = body.date or today
            if day > today:
                raise InvalidInput(
                    "The weigh-in date is in the future.",
                    fields={"date": f"must be on or before {today.isoformat()} (your today)"},
                )
            before = published_state(repo, profile, now)
            record_birthdays(repo, profile, today)
            created = repo.upsert_weight(user_id, day, body.weight_kg)
            latest = repo.latest_weight_day(user_id)
            if latest is None or day >= latest:
                profile.weight_kg = body.weight_kg
                refresh_target(repo, profile, now)
                repo.save_profile(profile)
                repo.record_target(user_id, today, profile.calorie_target_kcal)
            repo.set_day_weight(user_id, day, body.weight_kg, profile.calorie_target_kcal)
            point = self._announce_weight(session, repo, user_id, day, body.weight_kg)
            announce_if_changed(session, repo, profile, before, now)
            return LoggedWeight(point=point, created=created)

    def weight_on(self, user_id: str, day: date) -> tuple[date, Decimal] | None:
        """The last weigh-in on or before ``day`` (for other services' calculations)."""
        with unit_of_work(self.engine) as session:
            return UsersRepository(session).weight_on_or_before(user_id, day)

    def weight_log(self, user_id: str, start: date | None, end: date | None) -> dict[str, Any]:
        now = self.clock()
        with unit_of_work(self.engine) as session:
            repo = UsersRepository(session)
            time_zone = self._time_zone(repo, user_id)
            end = end or local_day(now, time_zone)
            start = start or end - timedelta(days=DEFAULT_WEIGHT_DAYS - 1)
            check_range(start, end, max_days=3660)
            # The trend needs the history before ``start`` as well.
            points = domain.weight_trend(repo.weights_until(user_id, end))
        shown = [p for p in points if p.day >= start]
        return {
            "entries": [
                {"date": p.day, "weight_kg": float(p.weight_kg), "trend_kg": float(p.trend_kg)}
                for p in shown
            ],
            "trend_method": "exponential moving average (The Hacker's Diet), gap-aware",
            "trend_smoothing": float(domain.TREND_SMOOTHING),
            "latest_trend_kg": float(points[-1].trend_kg) if points else None,
        }

    def targets(self, user_id: str, day: date | None = None) -> dict[str, Any]:
        """The targets of ``day`` (default: the user's today): age on that day, and the
        training-day rule's extra when a workout was completed that day or the program the
        user follows plans its weekday."""
        now = self.clock()
        with unit_of_work(self.engine) as session:
            repo = UsersRepository(session)
            profile, body = complete_body(repo.get_profile(user_id), "targets")
            day = day or local_day(now, profile.timezone)
            if day < body.birth_date:
                raise InvalidInput(
                    "There are no targets before you were born.",
                    fields={"date": "on or after your birth date"},
                )
            rule = training_day.rule_of(profile.training_rule_kind, profile.training_rule_amount)
            done = [] if rule is None else repo.day_workouts(user_id, day)
            weighed = None if rule is None else repo.weight_on_or_before(user_id, day)
            stored = None if rule is None else repo.training_plan(user_id)
            plan = (
                None
                if stored is None
                else training_day.plan_of(
                    stored.program_name,
                    stored.weekdays,
                    local_day(stored.as_of, profile.timezone),
                )
            )
        view = targets_view(domain.compute_targets(body, day), body)
        if rule is None:
            return view
        workouts = [
            training_day.DayWorkout(float(w.calories_kcal), as_float(w.duration_min)) for w in done
        ]
        kg = float(weighed[1] if weighed else body.weight_kg)
        effect = training_day.training_day(rule, day, workouts, kg, plan)
        return with_training_day(view, rule, effect)

    def micronutrient_targets(self, user_id: str, on: date | None) -> dict[str, Any]:
        """The Dietary Reference Intakes for the profile's sex and age on ``on`` (default: the
        user's today)."""
        now = self.clock()
        with unit_of_work(self.engine) as session:
            profile = UsersRepository(session).get_profile(user_id)
        if profile is None:
            raise NotFound("No profile yet.", code="profile_not_found")
        if profile.sex is None or profile.birth_date is None:
            missing = [name for name in ("sex", "birth_date") if getattr(profile, name) is None]
            raise Conflict(
                "Fill in your sex and birth date to get micronutrient targets.",
                code="profile_incomplete",
                fields=dict.fromkeys(missing, "required"),
            )
        day = on or local_day(now, profile.timezone)
        try:
            found = reference_intakes.reference_intakes(
                domain.Sex(profile.sex), profile.birth_date, day
            )
        except reference_intakes.TooYoung as error:
            raise InvalidInput(str(error), fields={"on": "before you were 9 years old"}) from error
        return reference_intakes.intakes_view(found)

    def stats(self, user_id: str, start: date | None, end: date | None) -> dict[str, Any]:
        now = self.clock()
        with unit_of_work(self.engine) as session:
            repo = UsersRepository(session)
            time_zone = self._time_zone(repo, user_id)
            end = end or local_day(now, time_zone)
            start = start or end - timedelta(days=6)
            check_range(start, end, max_days=MAX_STATS_DAYS)
            rows = {row.local_date: row for row in repo.stats_between(user_id, start, end)}
            history = repo.targets_until(user_id, end)
            first = history[0][1] if history else repo.first_target(user_id)
            if first is None and not history:
                profile = repo.get_profile(user_id)  # a target set before history was kept
                first = profile.calorie_target_kcal if profile else None
            logged = repo.intake_between(user_id, end - timedelta(days=STREAK_LOOKBACK_DAYS), end)
            trend = domain.weight_trend(repo.weights_until(user_id, end))
            current = repo.get_profile(user_id)
            body = body_profile(current) if current else None
            changes = repo.targets_until(user_id, date.max)
            last_change = changes[-1][0] if changes else None
        days = [
            day_row(day, rows, target_on(day, history, first, body, last_change))
            for day in (start + timedelta(days=i) for i in range((end - start).days + 1))
        ]
        in_range_trend = [p for p in trend if p.day >= start]
        intake_in_range = {d: kcal for d, kcal in logged.items() if start <= d <= end}
        adaptive = domain.adaptive_tdee(intake_in_range, in_range_trend)
        return {
            "from_date": start,
            "to_date": end,
            "timezone": time_zone,
            "days": days,
            "logged_days": sum(1 for d in days if d["logged"]),
            "averages": averages(days),
            "streak_days": domain.logged_day_streak(logged, end),
            "adaptive_tdee": None if adaptive is None else vars(adaptive),
        }

    def expenditure(self, user_id: str, end: date | None) -> dict[str, Any]:
        """The adaptive expenditure over the 4 weeks to ``end`` and the target it implies."""
        now = self.clock()
        with unit_of_work(self.engine) as session:
            repo = UsersRepository(session)
            profile, body = complete_body(repo.get_profile(user_id), "an expenditure estimate")
            end = end or local_day(now, profile.timezone)
            start = end - timedelta(days=expenditure.WINDOW_DAYS - 1)
            intake = repo.intake_between(user_id, start, end)
            weights = [(d, w) for d, w in repo.weights_until(user_id, end) if d >= start]
        targets = domain.compute_targets(body, end)
        estimate = expenditure.estimate(
            {d: float(kcal) for d, kcal in intake.items()},
            {d: float(kg) for d, kg in weights},
            float(targets.tdee_kcal),
            end,
        )
        rate = float(targets.goal_adjustment_kcal) * 7 / float(domain.KCAL_PER_KG_BODY_MASS)
        suggestion = expenditure.check_in(
            estimate,
            rate,
            current_target_kcal=int(targets.calorie_target_kcal),
            safe_floor_kcal=int(targets.safe_floor_kcal),
        )
        return {
            **vars(estimate),
            "excluded": [vars(e) for e in estimate.excluded],
            "check_in": vars(suggestion),
        }

    def admin_profile(self, user_id: str) -> dict[str, Any]:
        return self.get_profile(user_id)

    # --- helpers ---

    @staticmethod
    def _time_zone(repo: UsersRepository, user_id: str) -> str:
        profile = repo.get_profile(user_id)
        return profile.timezone if profile else "UTC"

    @staticmethod
    def _apply_notifications(
        repo: UsersRepository,
        profile: Profile,
        settings: NotificationSettingsIn | None,
        reset: bool,
    ) -> None:
        choices: dict[tuple[str, str], bool] = {}
        if not reset:
            choices = {
                (c.type, c.channel): c.enabled for c in repo.notification_overrides(profile.user_id)
            }
        quiet: QuietHours | None = None
        if settings is not None:
            for kind, switches in settings.preferences.items():
                for channel in Channel:
                    value = getattr(switches, channel.value)
                    if value is not None:
                        choices[(NotificationType(kind).value, channel.value)] = value
            quiet = settings.quiet_hours
        if reset or (settings is not None and "quiet_hours" in settings.model_fields_set):
            profile.quiet_hours_start = quiet.start if quiet else None
            profile.quiet_hours_end = quiet.end if quiet else None
        repo.replace_notification_overrides(profile.user_id, choices)

    @staticmethod
    def _announce_weight(
        session: Session, repo: UsersRepository, user_id: str, day: date, weight: Decimal
    ) -> dict[str, Any]:
        points = domain.weight_trend(repo.weights_until(user_id, day))
        trend = next((p.trend_kg for p in reversed(points) if p.day == day), weight)
        point = {"date": day, "weight_kg": float(weight), "trend_kg": float(trend)}
        logged = WeightLogged(date=day, weight_kg=float(weight), trend_kg=float(trend))
        add_to_outbox(session, MESSAGING, logged.event(user_id))
        return point
