"""Users use cases: profile, weight log, targets, statistics; and what events change.

API use cases open one unit of work each; event handlers get the consumer's session (its
transaction also records the event id, so an effect and its dedupe row commit together).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from backend_services.kernel.contracts import ProfileUpdated, WeightLogged
from backend_services.kernel.contracts import QuietHours as PublishedQuietHours
from backend_services.kernel.contracts import Targets as PublishedTargets
from backend_services.kernel.contracts.preferences import (
    DEFAULT_CHANNELS,
    Channel,
    NotificationType,
)
from backend_services.kernel.contracts.users import Language, Units
from backend_services.kernel.db import unit_of_work
from backend_services.kernel.errors import Conflict, InvalidInput, NotFound
from backend_services.kernel.messaging import add_to_outbox

from . import domain, expenditure, reference_intakes, training_day
from .account_import import UsersImport
from .models import MESSAGING, Profile
from .repository import UsersRepository
from .schemas import (
    NotificationSettingsIn,
    ProfilePatch,
    ProfileReplace,
    QuietHours,
    WeightLogIn,
)
from .training_schemas import rule_columns

REQUIRED_FOR_TARGETS = ("sex", "birth_date", "height_cm", "weight_kg", "activity_level", "goal")
MAX_STATS_DAYS = 366
STREAK_LOOKBACK_DAYS = 3660
DEFAULT_WEIGHT_DAYS = 90

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def local_day(moment: datetime, time_zone: str) -> date:
    """The calendar day ``moment`` falls on in ``time_zone`` (naive times are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(time_zone)).date()


# --- profile views ---


def missing_for_targets(profile: Profile) -> list[str]:
    return [name for name in REQUIRED_FOR_TARGETS if getattr(profile, name) is None]


def complete_body(profile: Profile | None, wanted: str) -> tuple[Profile, domain.BodyProfile]:
    """The profile and its body data, or the refusal that says what is missing for ``wanted``
    ("targets", "an expenditure estimate")."""
    if profile is None:
        raise NotFound("No profile yet.", code="profile_not_found")
    body = body_profile(profile)
    if body is None:
        raise Conflict(
            f"Fill in your profile to get {wanted}.",
            code="profile_incomplete",
            fields={name: "required" for name in missing_for_targets(profile)},
        )
    return profile, body


def body_profile(profile: Profile) -> domain.BodyProfile | None:
    sex, birth_date, height_cm = profile.sex, profile.birth_date, profile.height_cm
    weight_kg, activity_level, goal = profile.weight_kg, profile.activity_level, profile.goal
    if (
        sex is None
        or birth_date is None
        or height_cm is None
        or weight_kg is None
        or activity_level is None
        or goal is None
    ):
        return None  # the fields of REQUIRED_FOR_TARGETS
    return domain.BodyProfile(
        sex=domain.Sex(sex),
        birth_date=birth_date,
        height_cm=Decimal(height_cm),
        weight_kg=Decimal(weight_kg),
        activity_level=domain.ActivityLevel(activity_level),
        goal=domain.Goal(goal),
        goal_rate_kg_per_week=Decimal(profile.goal_rate_kg_per_week),
        body_fat_pct=None if profile.body_fat_pct is None else Decimal(profile.body_fat_pct),
        custom_calorie_target_kcal=_decimal(profile.custom_calorie_target_kcal),
        custom_protein_g_per_kg=_decimal(profile.custom_protein_g_per_kg),
        custom_fat_energy_share=_decimal(profile.custom_fat_energy_share),
    )


def _decimal(value: Decimal | int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def notification_matrix(
    repo: UsersRepository, user_id: str
) -> dict[NotificationType, dict[Channel, bool]]:
    matrix = {kind: dict(chosen) for kind, chosen in DEFAULT_CHANNELS.items()}
    for choice in repo.notification_overrides(user_id):
        if choice.type in matrix and choice.channel in matrix[NotificationType(choice.type)]:
            matrix[NotificationType(choice.type)][Channel(choice.channel)] = choice.enabled
    return matrix


def profile_view(repo: UsersRepository, profile: Profile) -> dict[str, Any]:
    quiet = (
        {"start": profile.quiet_hours_start, "end": profile.quiet_hours_end}
        if profile.quiet_hours_start and profile.quiet_hours_end
        else None
    )
    return {
        "user_id": profile.user_id,
        "display_name": profile.display_name,
        "sex": profile.sex,
        "birth_date": profile.birth_date,
        "height_cm": _float(profile.height_cm),
        "weight_kg": _float(profile.weight_kg),
        "activity_level": profile.activity_level,
        "goal": profile.goal,
        "goal_rate_kg_per_week": float(profile.goal_rate_kg_per_week),
        "body_fat_pct": _float(profile.body_fat_pct),
        "custom_calorie_target_kcal": profile.custom_calorie_target_kcal,
        "custom_protein_g_per_kg": _float(profile.custom_protein_g_per_kg),
        "custom_fat_energy_share": _float(profile.custom_fat_energy_share),
        "training_rule": _training_rule_view(profile),
        "units": profile.units,
        "week_start": profile.week_start,
        "timezone": profile.timezone,
        "language": profile.language,
        "notifications": {
            "preferences": notification_matrix(repo, profile.user_id),
            "quiet_hours": quiet,
        },
        "complete": not missing_for_targets(profile),
        "missing_fields": missing_for_targets(profile),
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
    }


def _training_rule_view(profile: Profile) -> dict[str, Any] | None:
    rule = training_day.rule_of(profile.training_rule_kind, profile.training_rule_amount)
    return None if rule is None else {"kind": rule.kind, "amount": rule.amount}


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def targets_view(targets: domain.Targets, body: domain.BodyProfile) -> dict[str, Any]:
    def formula(result: domain.FormulaResult) -> dict[str, Any]:
        return {
            "name": result.name,
            "value": float(result.value),
            "source": result.source,
            "inputs": result.inputs,
        }

    return {
        "calorie_target_kcal": float(targets.calorie_target_kcal),
        "target_source": targets.target_source,
        "formula_target_kcal": float(targets.formula_target_kcal),
        "below_safe_floor": targets.below_safe_floor,
        "bmr": formula(targets.bmr),
        "alternatives": [formula(f) for f in targets.alternatives],
        "activity_level": body.activity_level,
        "activity_factor": float(targets.activity_factor),
        "tdee_kcal": float(targets.tdee_kcal),
        "goal": body.goal,
        "goal_rate_kg_per_week": float(body.goal_rate_kg_per_week),
        "goal_adjustment_kcal": float(targets.goal_adjustment_kcal),
        "goal_method": "rate (kg/week) x 7700 kcal/kg ÷ 7 days",
        "unadjusted_target_kcal": float(targets.unadjusted_target_kcal),
        "safe_floor_kcal": float(targets.safe_floor_kcal),
        "floor_applied": targets.floor_applied,
        "macros": {
            "protein_g": float(targets.macros.protein_g),
            "fat_g": float(targets.macros.fat_g),
            "carbohydrate_g": float(targets.macros.carbohydrate_g),
            "protein_g_per_kg": float(targets.macros.protein_g_per_kg),
            "fat_energy_share": float(targets.macros.fat_energy_share),
            "protein_source": targets.macros.protein_source,
            "fat_source": targets.macros.fat_source,
            "method": "protein g/kg body mass; fat share of energy (9 kcal/g); "
            "carbohydrate the remaining energy (4 kcal/g)",
        },
        "age_years": targets.age_years,
        "notes": list(targets.notes),
    }


def with_training_day(
    view: dict[str, Any], rule: training_day.TrainingRule, effect: training_day.TrainingDay
) -> dict[str, Any]:
    """The day's targets with the training-day extra in the calorie target and carbohydrate,
    and the reason beside them."""
    base = view["calorie_target_kcal"]
    macros = {
        **view["macros"],
        "carbohydrate_g": view["macros"]["carbohydrate_g"] + effect.extra_carbohydrate_g,
    }
    return {
        **view,
        "calorie_target_kcal": base + effect.extra_kcal,
        "macros": macros,
        "training_day": {
            "rule": {"kind": rule.kind, "amount": rule.amount},
            **vars(effect),
            "base_calorie_target_kcal": base,
        },
        "notes": [*view["notes"], effect.reason] if effect.applied else view["notes"],
    }


# --- event handlers' use cases (the consumer's session) ---


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
    profile = UsersService._profile_for_write(repo, user_id)
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
        _record_birthdays(repo, profile, today)
        profile.weight_kg = newest_kg
        UsersService._refresh_target(repo, profile, now)
        repo.save_profile(profile)
        repo.record_target(user_id, today, profile.calorie_target_kcal)
    trend = {p.day: p.trend_kg for p in domain.weight_trend(repo.weights_until(user_id, today))}
    for day, kg in kept:
        repo.set_day_weight(user_id, day, kg, profile.calorie_target_kcal)
        logged = WeightLogged(date=day, weight_kg=float(kg), trend_kg=float(trend[day]))
        add_to_outbox(session, MESSAGING, logged.event(user_id))
    announce_if_changed(session, repo, profile, before, now)
    return [day for day, _ in kept]


# --- API use cases ---


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
            profile = self._profile_for_write(repo, user_id)
            before = published_state(repo, profile, now)
            _record_birthdays(repo, profile, local_day(now, profile.timezone))
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
            self._refresh_target(repo, profile, now)
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
            profile = self._profile_for_write(repo, user_id)
            before = published_state(repo, profile, now)
            for name, value in body.profile_changes().items():
                setattr(profile, name, value.value if hasattr(value, "value") else value)
            self._apply_notifications(repo, profile, body.profile.notifications, True)
            today = local_day(now, profile.timezone)
            _record_birthdays(repo, profile, today)
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
            self._refresh_target(repo, profile, now)
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
            profile = self._profile_for_write(repo, user_id)
            today = local_day(now, profile.timezone)
            day = body.date or today
            if day > today:
                raise InvalidInput(
                    "The weigh-in date is in the future.",
                    fields={"date": f"must be on or before {today.isoformat()} (your today)"},
                )
            before = published_state(repo, profile, now)
            _record_birthdays(repo, profile, today)
            created = repo.upsert_weight(user_id, day, body.weight_kg)
            latest = repo.latest_weight_day(user_id)
            if latest is None or day >= latest:
                profile.weight_kg = body.weight_kg
                self._refresh_target(repo, profile, now)
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
            _check_range(start, end, max_days=3660)
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
                else training_day.plan_of(stored.program_name, stored.weekdays)
            )
        view = targets_view(domain.compute_targets(body, day), body)
        if rule is None:
            return view
        workouts = [
            training_day.DayWorkout(float(w.calories_kcal), _float(w.duration_min)) for w in done
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
            _check_range(start, end, max_days=MAX_STATS_DAYS)
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
            _day_row(day, rows, _target_on(day, history, first, body, last_change))
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
            "averages": _averages(days),
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
    def _profile_for_write(repo: UsersRepository, user_id: str) -> Profile:
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
    def _refresh_target(repo: UsersRepository, profile: Profile, now: datetime) -> None:
        body = body_profile(profile)
        if body is None:
            profile.calorie_target_kcal = None
            return
        targets = domain.compute_targets(body, local_day(now, profile.timezone))
        profile.calorie_target_kcal = int(targets.calorie_target_kcal)

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


def _target_on(
    day: date,
    history: list[tuple[date, int | None]],
    first: int | None,
    body: domain.BodyProfile | None,
    last_change: date | None,
) -> int | None:
    """A day's target: the last recorded change on or before it. After the last change of
    all, the profile is still the one of that change, so a birthday since then (age is in the
    formulas) gives the target ``compute_targets`` gives that day: the one
    ``_record_birthdays`` keeps when the profile changes next."""
    found = domain.target_in_force(history, day, first)
    if body is None or last_change is None or day <= last_change:
        return found
    if not domain.birthdays_after(body.birth_date, last_change, day):
        return found
    return int(domain.compute_targets(body, day).calorie_target_kcal)


def _record_birthdays(repo: UsersRepository, profile: Profile, today: date) -> None:
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


def _check_range(start: date, end: date, *, max_days: int) -> None:
    if start > end:
        raise InvalidInput("The range is empty.", fields={"from": "must be on or before `to`"})
    if (end - start).days + 1 > max_days:
        raise InvalidInput(
            "The range is too long.", fields={"from": f"at most {max_days} days before `to`"}
        )


def _day_row(day: date, rows: dict[date, Any], target_kcal: int | None) -> dict[str, Any]:
    row = rows.get(day)
    calories_in = _float(row.calories_in) if row else None
    calories_out = float(row.calories_out) if row else 0.0
    return {
        "date": day,
        "logged": calories_in is not None,
        "calories_in": calories_in,
        "calories_out": calories_out,
        "net_kcal": None if calories_in is None else round(calories_in - calories_out, 1),
        # the target in force that day (target_history), the same on every call
        "target_kcal": None if target_kcal is None else float(target_kcal),
        "workouts": row.workouts if row else 0,
        "weight_kg": _float(row.weight_kg) if row else None,
        "protein_g": _float(row.protein_g) if row else None,
        "fat_g": _float(row.fat_g) if row else None,
        "carbohydrate_g": _float(row.carbohydrate_g) if row else None,
    }


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _averages(days: list[dict[str, Any]]) -> dict[str, Any]:
    logged = [d for d in days if d["logged"]]
    return {
        "calories_in": _mean([d["calories_in"] for d in logged]),
        "calories_out": _mean([d["calories_out"] for d in days]) or 0.0,
        "net_kcal": _mean([d["net_kcal"] for d in logged]),
        "weight_kg": _mean([d["weight_kg"] for d in days if d["weight_kg"] is not None]),
        "workouts_per_day": _mean([float(d["workouts"]) for d in days]) or 0.0,
    }
