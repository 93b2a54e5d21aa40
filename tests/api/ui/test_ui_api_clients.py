"""Every method of the UI's typed clients (`app/api/*`) against the real stack, through the
gateway, as a signed-in user (run with E2E_PORT_SHIFT, e.g. 500)."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any, Protocol, TypeVar

import pytest

from app.api.dashboard import DashboardApi
from app.api.diary import ItemInput
from app.api.errors import Conflict, NotFound, Unauthorized, ValidationFailed
from app.api.foods import FoodInput
from app.api.gateway import Authorized, Gateway, TokenSource
from app.api.notifications import NotificationsApi
from app.api.nutrition import NutritionApi
from app.api.users import BodyData, CustomTargets, QuietHours, UsersApi
from app.api.workouts import WorkoutsApi

pytestmark = pytest.mark.e2e
T = TypeVar("T")
TODAY = dt.datetime.now(dt.UTC).date()


class Account(Protocol):
    """What the `register` fixture gives (tests/conftest.py)."""

    user_id: str
    access_token: str
    refresh_token: str


BODY = BodyData(
    sex="female",
    birth_date=dt.date(1990, 5, 17),
    height_cm=168,
    weight_kg=64.5,
    activity_level="light",
    goal="lose",
    goal_rate_kg_per_week=0.25,
)


class AccountTokens(TokenSource):
    """The account's access token; a rejected one is renewed with the refresh token, as the
    UI's session does."""

    def __init__(self, gateway: Gateway, account: Account, first: str | None = None):
        self.gateway = gateway
        self.token = first or account.access_token
        self.refresh_token = account.refresh_token
        self.renewals = 0

    async def access_token(self) -> str:
        return self.token

    async def renewed_access_token(self, rejected: str) -> str:
        self.renewals += 1
        body = await self.gateway.call(
            "POST", "/api/auth/refresh", json={"refresh_token": self.refresh_token}
        )
        self.token, self.refresh_token = body["access_token"], body["refresh_token"]
        return self.token


def call(stack: str, account: Account, use: Callable[[Authorized], Awaitable[T]], **kw: Any) -> T:
    """Run one async scenario with a fresh gateway client (one event loop per call)."""

    async def scenario() -> T:
        gateway = Gateway(stack)
        try:
            return await use(Authorized(gateway, AccountTokens(gateway, account, **kw)))
        finally:
            await gateway._http().aclose()

    return asyncio.run(scenario())


async def eventually(check: Callable[[], Awaitable[T | None]], timeout: float = 30) -> T:
    deadline = time.monotonic() + timeout
    while True:
        try:
            found = await check()
        except NotFound:
            found = None
        if found:
            return found
        if time.monotonic() > deadline:
            pytest.fail("the stack did not reach the expected state in time")
        await asyncio.sleep(0.3)


@pytest.fixture(scope="module")
def onboarded(stack: str, register: Callable[..., Account]) -> Account:
    """A user whose profile the users worker made from the registration event, onboarded."""
    account = register()

    async def onboard(api: Authorized) -> None:
        users = UsersApi(api)
        await eventually(users.profile)
        await users.save_body_data(BODY)

    call(stack, account, onboard)
    return account


def test_profile_targets_weights_and_stats(stack: str, register: Callable[..., Account]) -> None:
    async def scenario(api: Authorized) -> None:
        users = UsersApi(api)
        profile = await eventually(users.profile)
        assert profile.complete is False and "sex" in profile.missing_fields
        with pytest.raises(Conflict) as incomplete:
            await users.targets()
        assert incomplete.value.code == "profile_incomplete" and "sex" in incomplete.value.fields

        with pytest.raises(ValidationFailed) as refused:
            await users.update_profile(height_cm=5)
        assert "height_cm" in refused.value.fields

        saved = await users.save_body_data(BODY)
        assert saved.complete and saved.birth_date == BODY.birth_date
        assert saved.weight_kg == 64.5 and saved.goal == "lose"

        targets = await users.targets()
        assert targets.bmr.name and targets.bmr.inputs and targets.bmr.value > 1000
        assert targets.tdee_kcal > targets.bmr.value and targets.activity_level == "light"
        assert targets.goal_adjustment_kcal < 0 and targets.calorie_target_kcal > 1000
        assert targets.macros.protein_g > 0 and targets.age_years >= 30

        yesterday = TODAY - dt.timedelta(days=1)
        first = await users.log_weight(64.2, on=yesterday)
        assert first.date == yesterday and first.weight_kg == 64.2
        await users.log_weight(64.0)
        log = await users.weights(yesterday - dt.timedelta(days=3), TODAY)
        assert [e.date for e in log.entries][-2:] == [yesterday, TODAY]
        assert log.latest_trend_kg is not None and log.trend_method

        stats = await users.stats(TODAY - dt.timedelta(days=6), TODAY)
        assert len(stats.days) == 7 and stats.days[-1].date == TODAY
        assert stats.timezone == "UTC" and stats.averages.calories_out == 0

        changed = await users.update_profile(
            timezone="Europe/Berlin",
            body_fat_pct=24.5,
            notifications={
                "preferences": {"daily_norm_exceeded": {"email": False}},
                "quiet_hours": QuietHours(dt.time(22), dt.time(7)),
            },
        )
        assert changed.timezone == "Europe/Berlin" and changed.body_fat_pct == 24.5
        assert changed.notifications.preferences["daily_norm_exceeded"]["email"] is False
        assert changed.notifications.quiet_hours == QuietHours(dt.time(22), dt.time(7))
        assert (await users.update_profile(body_fat_pct=None)).body_fat_pct is None

        replaced = await users.replace_profile(BODY, language="ru")
        assert replaced.language == "ru" and replaced.timezone == "UTC"

    call(stack, register(), scenario)


def test_own_targets_are_set_shown_and_cleared(stack: str, onboarded: Account) -> None:
    async def scenario(api: Authorized) -> None:
        users = UsersApi(api)
        formula = await users.targets()
        assert formula.target_source == "formula" and not formula.below_safe_floor
        with pytest.raises(ValidationFailed) as refused:
            await users.save_custom_targets(CustomTargets(calorie_target_kcal=100))
        assert "custom_calorie_target_kcal" in refused.value.fields

        saved = await users.save_custom_targets(CustomTargets(1100, 2.0, 0.3))
        assert CustomTargets.of(saved) == CustomTargets(1100, 2.0, 0.3)
        own = await users.targets()
        assert own.target_source == "user" and own.calorie_target_kcal == 1100
        assert own.formula_target_kcal == formula.calorie_target_kcal
        assert own.below_safe_floor and any(n.startswith("Warning") for n in own.notes)
        assert own.macros.protein_g == 129 and own.macros.protein_source == "user"  # 2 x 64.5

        cleared = await users.save_custom_targets(CustomTargets())
        assert CustomTargets.of(cleared) == CustomTargets()
        assert (await users.targets()).calorie_target_kcal == formula.calorie_target_kcal

    call(stack, onboarded, scenario)


def test_food_search_detail_barcode_and_private_food(stack: str, onboarded: Account) -> None:
    async def scenario(api: Authorized) -> None:
        nutrition = NutritionApi(api)
        page = await nutrition.search_foods("chiken brest", limit=5)
        assert page.items and any("chicken" in f.name.lower() for f in page.items)
        assert page.items[0].score is not None and page.next_cursor
        more = await nutrition.search_foods("chiken brest", limit=5, cursor=page.next_cursor)
        assert {f.id for f in more.items}.isdisjoint({f.id for f in page.items})

        apple = (await nutrition.search_foods("apple", limit=1)).items[0]
        food = await nutrition.food(apple.id)
        assert food.kcal_per_100g and food.portions and food.source == "usda-sr28"
        assert food.per_100g.micronutrients and food.per_100g.readable_micronutrients()
        assert food.default_portion and "g)" in food.default_portion.label

        with pytest.raises(ValidationFailed) as bad:
            await nutrition.food_by_barcode("4006381333932")
        assert "code" in bad.value.fields
        with pytest.raises(NotFound):
            await nutrition.food_by_barcode("4006381333931")
        with pytest.raises(NotFound):
            await nutrition.food(2**61)

        name = f"Grandma's granola {uuid.uuid4().hex[:6]}"
        mine = await nutrition.create_food(
            FoodInput(name, 450, protein_g=10, fat_g=18, carbohydrate_g=60, brand="Home")
        )
        assert mine.private and mine.per_100g.energy_kcal == 450 and mine.brand == "Home"
        found = await nutrition.search_foods(name, source="user")
        assert [f.id for f in found.items] == [mine.id]
        with pytest.raises(ValidationFailed) as refused:
            await nutrition.create_food(FoodInput("Impossible", 2000))
        assert "energy_kcal" in refused.value.fields

    call(stack, onboarded, scenario)


def test_diary_log_quick_add_edit_copy_and_delete(
    stack: str, register: Callable[..., Account]
) -> None:
    day = TODAY - dt.timedelta(days=20)
    tomorrow = day + dt.timedelta(days=1)

    async def scenario(api: Authorized) -> None:
        nutrition = NutritionApi(api)
        apple = await nutrition.food((await nutrition.search_foods("apple", limit=1)).items[0].id)
        portion = next(p for p in apple.portions if p.grams == 182)
        key = uuid.uuid4().hex
        logged = await nutrition.log_food(
            day, "breakfast", apple.id, portion_id=portion.id, quantity=1, idempotency_key=key
        )
        assert logged.meal and logged.meal.items[0].grams == 182
        assert logged.day_totals.energy_kcal == pytest.approx(94.64)
        replay = await nutrition.log_food(
            day, "breakfast", apple.id, portion_id=portion.id, quantity=1, idempotency_key=key
        )
        assert replay.meal and replay.meal.id == logged.meal.id
        with pytest.raises(Conflict):
            await nutrition.log_food(day, "breakfast", apple.id, grams=5, idempotency_key=key)

        quick = await nutrition.quick_add(day, "breakfast", 250, protein_g=12, name="Coffee+cake")
        assert quick.meal and quick.meal.items[0].is_quick_add
        assert quick.meal.items[0].name == "Coffee+cake"
        lunch = await nutrition.log_meal(
            day,
            "lunch",
            [ItemInput.food(apple.id, grams=100), ItemInput.quick_add(100, fat_g=5)],
            note="at work",
        )
        assert lunch.meal and lunch.meal.note == "at work" and len(lunch.meal.items) == 2
        with pytest.raises(ValidationFailed) as bad:
            await nutrition.log_food(day, "lunch", apple.id, grams=-5)
        assert "grams" in bad.value.fields

        diary = await nutrition.diary(day)
        assert diary.totals.energy_kcal == pytest.approx(94.64 + 250 + 52 + 100)
        breakfast, lunch_group, dinner, _ = diary.groups()
        assert len(breakfast.meals) == 2 and breakfast.kcal == pytest.approx(344.64)
        assert lunch_group.kcal == pytest.approx(152) and dinner.items == ()

        by_grams = await nutrition.update_item(lunch.meal.items[0].id, grams=200)
        assert by_grams.day_totals.energy_kcal == pytest.approx(94.64 + 250 + 104 + 100)
        by_portions = await nutrition.update_item(logged.meal.items[0].id, quantity=2)
        assert by_portions.meal and by_portions.meal.items[0].grams == 364
        other = next(p for p in apple.portions if p.id != portion.id)
        switched = await nutrition.update_item(lunch.meal.items[0].id, portion_id=other.id)
        assert switched.meal and switched.meal.items[0].portion_id == other.id
        assert switched.meal.items[0].grams == pytest.approx(other.grams_per_unit, abs=0.001)
        await nutrition.update_item(lunch.meal.items[0].id, grams=200)
        with pytest.raises(ValidationFailed):
            await nutrition.update_item(quick.meal.items[0].id, grams=10)
        moved = await nutrition.update_meal(lunch.meal.id, meal_type="dinner", note="late")
        assert moved.meal and moved.meal.meal_type == "dinner" and moved.meal.note == "late"

        copied = await nutrition.copy_meal(lunch.meal.id, tomorrow, meal_type="lunch")
        assert copied.meal and copied.meal.date == tomorrow and copied.meal.meal_type == "lunch"
        group_totals = await nutrition.copy_meal_group(breakfast, tomorrow)
        assert group_totals.energy_kcal == pytest.approx(204 + 189.28 + 250)
        two_days = await nutrition.copy_day(day, day + dt.timedelta(days=2))
        assert len(two_days.meals) == 3 and two_days.totals == (await nutrition.diary(day)).totals

        recent = await nutrition.recent_foods()
        frequent = await nutrition.frequent_foods(limit=5)
        assert recent[0].id == apple.id and frequent[0].uses >= 2 and recent[0].last_used

        report = await nutrition.report(day, day + dt.timedelta(days=2))
        assert report.days_logged == 3 and report.daily[0].date == day
        assert sum(report.macro_split_percent_energy.values()) == pytest.approx(100, abs=0.5)

        after_item = await nutrition.delete_item(quick.meal.items[0].id)
        assert after_item.energy_kcal == pytest.approx(189.28 + 204)
        after_meal = await nutrition.delete_meal(logged.meal.id)
        assert after_meal.energy_kcal == pytest.approx(204)
        with pytest.raises(NotFound):
            await nutrition.delete_meal(logged.meal.id)

    call(stack, register(), scenario)


def test_recipes_create_list_and_log_a_portion(
    stack: str, register: Callable[..., Account]
) -> None:
    async def scenario(api: Authorized) -> None:
        nutrition = NutritionApi(api)
        assert await nutrition.recipes() == ()
        apple = (await nutrition.search_foods("apple", limit=1)).items[0]
        oats = (await nutrition.search_foods("oats", limit=1)).items[0]
        recipe = await nutrition.create_recipe(
            "Apple porridge", [(apple.id, 300), (oats.id, 100)], servings=4, cooked_weight_g=800
        )
        assert recipe.servings == 4 and recipe.serving_g == 200 and len(recipe.ingredients) == 2
        assert recipe.per_serving and recipe.per_100g and recipe.total.energy_kcal
        assert recipe.per_serving.kcal == pytest.approx(recipe.total.kcal / 4, abs=0.01)
        assert [r.id for r in await nutrition.recipes()] == [recipe.id]
        assert (await nutrition.recipe(recipe.id)).name == "Apple porridge"

        logged = await nutrition.log_recipe(TODAY, "dinner", recipe.id, servings=1.5)
        assert logged.meal and logged.meal.items[0].recipe_id == recipe.id
        assert logged.meal.items[0].grams == 300
        by_grams = await nutrition.log_recipe(TODAY, "dinner", recipe.id, grams=100)
        assert by_grams.meal and by_grams.meal.totals.kcal == pytest.approx(recipe.per_100g.kcal)
        with pytest.raises(ValidationFailed):
            await nutrition.create_recipe("Empty", [])

    call(stack, register(), scenario)


def test_workouts_and_dashboards(stack: str, onboarded: Account) -> None:
    async def scenario(api: Authorized) -> None:
        workouts, dashboard = WorkoutsApi(api), DashboardApi(api)
        assert await workouts.workouts_on(TODAY) == ()
        started = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=40)
        created = await api.post(
            "/api/workouts/workouts",
            json={
                "name": "Run",
                "started_at": started.isoformat(),
                "exercises": [
                    {
                        "exercise_id": "builtin:running",
                        "sets": [{"kind": "cardio", "duration_s": 1800, "distance_m": 5000}],
                    }
                ],
            },
        )
        in_progress = await workouts.workouts_on(TODAY)
        assert [w.id for w in in_progress] == [created["id"]] and not in_progress[0].completed
        assert await workouts.calories_burned_on(TODAY) == 0
        await api.post(f"/api/workouts/workouts/{created['id']}/complete", json={})

        done = await workouts.workout(created["id"])
        assert done.completed and done.result and done.result.calories_kcal
        assert done.result.weight_kg == pytest.approx(64.5) and done.local_date == TODAY
        assert done.exercises[0].exercise_id == "builtin:running"
        burned = await workouts.calories_burned_on(TODAY)
        assert burned == done.calories_kcal > 0
        ranged = await workouts.workouts(TODAY - dt.timedelta(days=7), TODAY, limit=10)
        assert [w.id for w in ranged] == [created["id"]]
        summary = await workouts.summary(TODAY - dt.timedelta(days=6), TODAY)
        assert summary.workouts == 1 and summary.calories_kcal == pytest.approx(burned, abs=0.1)
        assert summary.weeks and summary.weeks[-1].minutes > 0

        await NutritionApi(api).quick_add(TODAY, "lunch", 600, protein_g=30)
        board = await dashboard.day(TODAY)
        assert not board.partial and board.missing == () and board.date == TODAY
        assert board.targets and board.diary and board.stats and board.workouts is not None
        assert board.calories_in == pytest.approx(600) and board.calories_out == burned
        assert board.remaining_kcal == pytest.approx(
            board.targets.calorie_target_kcal - 600 + burned
        )
        week = await dashboard.week(TODAY)
        assert week.from_date.weekday() == 0 and week.to_date - week.from_date == dt.timedelta(6)
        assert not week.partial and week.stats and len(week.stats.days) == 7
        assert week.nutrition and week.nutrition.days_logged >= 1
        assert week.workouts and week.workouts.workouts >= 1 and week.targets

    call(stack, onboarded, scenario)


def test_notification_feed_over_the_norm(stack: str, register: Callable[..., Account]) -> None:
    async def scenario(api: Authorized) -> None:
        users, notifications = UsersApi(api), NotificationsApi(api)
        await eventually(users.profile)
        await users.save_body_data(BODY)
        assert await notifications.unread_count() == 0
        # The notifications service learns the target from users.profile.updated; log only
        # once it knows it, then a meal over it warns.
        target = (await users.targets()).calorie_target_kcal
        await asyncio.sleep(1)
        await NutritionApi(api).quick_add(TODAY, "dinner", target + 500)

        async def warned() -> Any:
            feed = await notifications.feed(limit=10)
            return feed if any(n.type == "daily_norm_exceeded" for n in feed.items) else None

        feed = await eventually(warned)
        warning = next(n for n in feed.items if n.type == "daily_norm_exceeded")
        assert warning.unread and warning.title and warning.created_at
        assert feed.unread_count >= 1 and await notifications.unread_count() == feed.unread_count
        unread = await notifications.feed(unread_only=True)
        assert warning.id in {n.id for n in unread.items}

        read = await notifications.mark_read(warning.id)
        assert read.id == warning.id and not read.unread
        everything = await notifications.mark_all_read()
        assert everything.unread_count == 0 and await notifications.unread_count() == 0
        with pytest.raises(NotFound):
            await notifications.mark_read(str(uuid.uuid4()))

        settings = await notifications.settings()
        assert settings.goal_weight_kg is None and settings.meal_reminder_times == ()
        saved = await notifications.save_settings(
            replace(
                settings,
                goal_weight_kg=60,
                meal_reminder_times=(dt.time(8), dt.time(12, 30)),
                workout_reminder_days=(0, 3),
                workout_reminder_time=dt.time(18),
            )
        )
        assert saved.goal_weight_kg == 60 and saved.meal_reminder_times[1] == dt.time(12, 30)
        assert saved.workout_reminder_days == (0, 3)
        assert saved.workout_reminder_time == dt.time(18)
        assert saved.calorie_target_kcal == target
        with pytest.raises(ValidationFailed) as bad:
            await notifications.save_settings(replace(saved, goal_weight_kg=5))
        assert "goal_weight_kg" in bad.value.fields

    call(stack, register(), scenario)


def test_a_rejected_token_is_renewed_once_with_the_refresh_token(
    stack: str, register: Callable[..., Account]
) -> None:
    account = register()
    renewals: list[int] = []

    async def scenario(api: Authorized) -> None:
        profile = await eventually(UsersApi(api).profile)
        assert profile.user_id == account.user_id
        assert isinstance(api.tokens, AccountTokens)
        renewals.append(api.tokens.renewals)

    call(stack, account, scenario, first="not-a-token")
    assert renewals == [1]

    async def spent(api: Authorized) -> None:
        # The refresh token was rotated above: replaying the spent one ends the session.
        with pytest.raises(Unauthorized):
            await UsersApi(api).profile()

    call(stack, account, spent, first="not-a-token")
