"""The food diary of one day: loading it, editing and deleting items, copying meals and days.

The food picker (app/state/food_picker.py) is a substate: what it logs comes back through
`_show`, so the meal cards and the rings update from the service's answer without a reload.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import reflex as rx

from app import routes
from app.api.dashboard import DashboardApi, DayDashboard
from app.api.diary import MEAL_TYPES, DiaryDay
from app.api.errors import ApiError, NotFound
from app.api.nutrition import NutritionApi
from app.api.reference_intakes import ReferenceIntakes, ReferenceIntakesApi
from app.api.users import UsersApi
from app.i18n import tr
from app.state import diary_logic as logic
from app.state import micronutrient_targets as micro_targets
from app.state import portions
from app.state.calendar_logic import last_reachable_day
from app.state.messages import explain
from app.state.page_params import page_param
from app.state.session import SessionState

EMPTY_MACROS = {key: 0.0 for key in logic.MACRO_KEYS}
FACTS_LOOKUPS_MAX = 30  # foods looked up for brands/measures per day shown


def _local_today(timezone: str) -> dt.date:
    try:
        zone = ZoneInfo(timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return dt.datetime.now(zone).date()


class DiaryState(SessionState):
    """One day of the diary as the page shows it (display rows are ready-made strings)."""

    day_iso: str = ""
    today_iso: str = ""
    day_title: str = ""
    prev_href: str = routes.DIARY
    next_href: str = routes.DIARY
    loading: bool = True
    load_error: str = ""
    notice: str = ""
    needs_onboarding: bool = False

    meal_items: dict[str, list[dict[str, str]]] = {kind: [] for kind in MEAL_TYPES}
    meal_sums: dict[str, dict[str, str]] = {}
    totals: dict[str, float] = EMPTY_MACROS
    targets: dict[str, float] = EMPTY_MACROS
    target_kcal: str = "—"
    eaten_kcal: str = "0"
    burned_kcal: str = "0"
    remaining: str = ""  # "937 kcal left" / "120 kcal over"
    remaining_kcal: str = "—"
    over_target: bool = False
    micros: list[dict[str, str]] = []  # micronutrient_targets.ROW_KEYS
    micros_reference: str = ""  # "Targets: US Dietary Reference Intakes ... for women 31-50."
    micros_flags: str = ""  # "2 below target · 1 over a limit"

    # Edit dialog of one item.
    edit_open: bool = False
    edit_item_id: str = ""
    edit_name: str = ""
    edit_unit: str = "g"  # "g", "portions", "servings"; "" for a quick add (delete only)
    edit_value: str = ""
    edit_options: list[dict[str, str]] = []  # a food's measures (switch portion), else empty
    edit_portion: str = portions.GRAMS
    edit_error: str = ""
    edit_busy: bool = False

    # Copy a meal or the day: the target date (an ISO date input).
    copy_to: str = ""
    last_iso: str = ""  # the last day the services accept: "next" and the pickers stop there
    copy_busy: bool = False
    copy_error: str = ""

    _diary: DiaryDay | None = None
    _target_kcal: float | None = None
    _intakes: ReferenceIntakes | None = None
    _burned: float = 0.0
    _added: float = 0.0  # what exercise adds to "left" (0 under a training-day rule)
    _timezone: str = ""
    _facts: dict[int, logic.FoodFacts] = {}
    _meal_ids: dict[str, list[str]] = {}
    _edit_row: dict[str, str] = {}

    # ---- loading ----

    async def _user_today(self) -> dt.date:
        if not self._timezone:
            try:
                self._timezone = (await UsersApi(self.api()).profile()).timezone or "UTC"
            except NotFound:
                self._timezone = "UTC"  # no profile yet: onboarding will set one
        return _local_today(self._timezone)

    async def _profile_complete(self) -> bool:
        """Targets are missing: because onboarding is not done (else the users service is
        briefly away, and the rings just say "no target")."""
        try:
            return (await UsersApi(self.api()).profile()).complete
        except NotFound:
            return False
        except ApiError:
            return True

    @rx.event
    async def load(self):
        """on_load of /diary and /diary/[day] (after require_login)."""
        if not self.signed_in:
            return
        self.notice = ""
        self.load_error = ""
        self.edit_open = False
        param = page_param(self.router, "day")
        try:
            today = await self._user_today()
        except ApiError as error:
            yield self.handle(error)
            self.load_error = explain(error, self.language)[0]
            self.loading = False
            return
        day = logic.parse_day(param, today)
        if param and day is None:
            yield rx.redirect(routes.DIARY, replace=True)
            return
        day = day or today
        last = last_reachable_day(today)
        if day > last:  # a typed or old link: the last day that can be planned instead
            yield rx.redirect(routes.diary_day(last.isoformat()), replace=True)
            return
        if self._diary is None or self._diary.date != day:
            self._diary = logic.empty_day(day)
            self._show()
        self._set_day(day, today)
        self.loading = True
        yield
        try:
            board, self._intakes = await asyncio.gather(
                DashboardApi(self.api()).day(day), self._reference_intakes(day)
            )
            self.needs_onboarding = board.targets is None and not await self._profile_complete()
            self._set_targets(board)
            if board.diary is None:
                self.load_error = tr(
                    self.language, "Your diary could not be loaded just now. Please try again."
                )
            else:
                await self._learn_foods(board.diary)
                self._diary = board.diary
            self._show()
        except ApiError as error:
            redirect = self.handle(error)
            if redirect:
                yield redirect
                return
            self.load_error = explain(error, self.language)[0]
        finally:
            self.loading = False

    async def _reference_intakes(self, day: dt.date) -> ReferenceIntakes | None:
        """The day's micronutrient targets (asked on every load: the profile may have changed);
        None without sex and birth date or when the users service is away (amounts only)."""
        try:
            return await ReferenceIntakesApi(self.api()).on(day)
        except ApiError:
            return None

    def _set_day(self, day: dt.date, today: dt.date) -> None:
        self.day_iso = day.isoformat()
        self.today_iso = today.isoformat()
        self.day_title = logic.day_label(day, today, self.language)
        self.prev_href = routes.diary_day(logic.shift_day(day, -1).isoformat())
        last = last_reachable_day(today)
        self.last_iso = last.isoformat()
        after = logic.shift_day(day, 1)
        self.next_href = routes.diary_day(after.isoformat()) if after <= last else ""
        self.copy_to = after.isoformat() if after <= last else ""

    def _set_targets(self, board: DayDashboard) -> None:
        self._burned = board.calories_out
        self._added = board.exercise_added_kcal
        if board.targets is None:
            self._target_kcal = None
            self.targets = EMPTY_MACROS
            return
        macros = board.targets.macros
        self._target_kcal = board.targets.calorie_target_kcal
        self.targets = {
            "kcal": round(board.targets.calorie_target_kcal),
            "protein_g": round(macros.protein_g),
            "fat_g": round(macros.fat_g),
            "carbohydrate_g": round(macros.carbohydrate_g),
        }

    async def _learn_foods(self, diary: DiaryDay) -> None:
        """Brands and household measures of the day's foods (the diary items carry neither)."""
        wanted = {
            item.food_id
            for meal in diary.meals
            for item in meal.items
            if item.food_id is not None and item.food_id not in self._facts
        }
        if not wanted:
            return
        api = NutritionApi(self.api())
        ids = sorted(wanted)[:FACTS_LOOKUPS_MAX]
        found = await asyncio.gather(*(api.food(i) for i in ids), return_exceptions=True)
        facts = dict(self._facts)
        for food in found:
            if not isinstance(food, BaseException):
                facts[food.id] = logic.FoodFacts.of(food)
        self._facts = facts

    def _day_words(self, day: dt.date) -> str:
        return logic.day_label(day, dt.date.fromisoformat(self.today_iso), self.language)

    def _show(self) -> None:
        """Every display var from `_diary` (after a load or any write)."""
        diary = self._diary or logic.empty_day(dt.date.today())
        language = self.language
        rows = logic.meal_rows(diary, self._facts, language)
        for kind in MEAL_TYPES:
            rows.setdefault(kind, [])
        self.meal_items = rows
        self.meal_sums = logic.meal_totals(diary, language)
        self._meal_ids = logic.meal_ids(diary)
        self.totals = logic.macro_amounts(diary.totals)
        eaten = diary.totals.kcal
        self.eaten_kcal = logic.fmt_kcal(eaten, language)
        self.burned_kcal = logic.fmt_kcal(self._burned, language)
        self.target_kcal = logic.fmt_kcal(self._target_kcal, language)
        self.remaining = logic.remaining_line(self._target_kcal, eaten, self._added, language)
        left = logic.remaining_kcal(self._target_kcal, eaten, self._added)
        self.over_target = left is not None and left < 0
        self.remaining_kcal = logic.fmt_kcal(None if left is None else abs(left), language)
        intakes = self._intakes if self._intakes and self._intakes.date == diary.date else None
        day_over = bool(self.today_iso) and diary.date < dt.date.fromisoformat(self.today_iso)
        self.micros = micro_targets.micronutrient_target_rows(
            diary.totals, intakes, day_over=day_over, language=language
        )
        self.micros_reference = micro_targets.reference_line(intakes, language)
        self.micros_flags = micro_targets.flags_summary(self.micros, language)

    # ---- navigation ----

    @rx.event
    def go_to_day(self, value: str):
        """The calendar pick: an ISO date from the date input."""
        day = logic.parse_day(value, dt.date.today())
        if day is None:
            return None
        return rx.redirect(routes.diary_day(day.isoformat()))

    # ---- editing one item ----

    @rx.event
    def start_edit(self, item_id: str):
        for rows in self.meal_items.values():
            for row in rows:
                if row["id"] == item_id:
                    self.edit_item_id = item_id
                    self.edit_name = row["name"]
                    # A quick add has no amount to change: the dialog offers only delete.
                    self.edit_unit = row["edit_unit"] if row["editable"] else ""
                    self.edit_value = row["edit_value"]
                    self.edit_error = ""
                    self._edit_row = row
                    self.edit_options = []
                    if row["editable"] and row["food_id"]:
                        facts = self._facts.get(int(row["food_id"]))
                        self.edit_options = portions.edit_choices(facts, self.language)
                        self.edit_portion = row["portion_id"] or portions.GRAMS
                    self.edit_open = True
                    return

    @rx.event
    def set_edit_portion(self, value: str):
        """Another unit: the amount starts again from what is logged (grams) or 1 portion."""
        row = self._edit_row
        self.edit_portion = value
        if value == portions.GRAMS:
            self.edit_value = row.get("grams", "")
        elif value == row.get("portion_id"):
            self.edit_value = row.get("edit_value", "1")
        else:
            self.edit_value = "1"
        self.edit_error = ""

    @rx.event
    def set_edit_open(self, value: bool):
        self.edit_open = value

    @rx.event
    def set_edit_value(self, value: str):
        self.edit_value = value
        self.edit_error = ""

    @rx.event
    async def save_edit(self):
        amount = logic.parse_amount(self.edit_value)
        in_grams = (
            self.edit_portion == portions.GRAMS if self.edit_options else self.edit_unit == "g"
        )
        if amount is None or (in_grams and amount > portions.MAX_GRAMS):
            self.edit_error = tr(self.language, "Enter an amount greater than 0.")
            return
        self.edit_busy = True
        yield
        try:
            api = NutritionApi(self.api())
            if self.edit_options:
                request = portions.edit_request(
                    self.edit_portion, self._edit_row.get("portion_id", ""), amount
                )
                change = await api.update_item(self.edit_item_id, **request)
            elif self.edit_unit == "g":
                change = await api.update_item(self.edit_item_id, grams=amount)
            else:
                change = await api.update_item(self.edit_item_id, quantity=amount)
            if self._diary is not None:
                self._diary = logic.apply_change(self._diary, change)
            self._show()
            self.edit_open = False
        except ApiError as error:
            yield self.handle(error)
            message, fields = explain(error, self.language)
            self.edit_error = next(iter(fields.values()), message)
        finally:
            self.edit_busy = False

    @rx.event
    async def delete_item(self):
        self.edit_busy = True
        yield
        try:
            totals = await NutritionApi(self.api()).delete_item(self.edit_item_id)
            if self._diary is not None:
                self._diary = logic.without_item(self._diary, self.edit_item_id, totals)
            self._show()
            self.edit_open = False
            self.notice = tr(self.language, "Removed {name}.", name=self.edit_name)
        except ApiError as error:
            yield self.handle(error)
            self.edit_error = explain(error, self.language)[0]
        finally:
            self.edit_busy = False

    # ---- copying ----

    @rx.event
    def set_copy_to(self, value: str):
        self.copy_to = value
        self.copy_error = ""

    def _copy_target(self) -> dt.date | None:
        target = logic.parse_day(self.copy_to, dt.date.today())
        if target is None:
            self.copy_error = tr(self.language, "Pick the date to copy to.")
        elif self.last_iso and target > dt.date.fromisoformat(self.last_iso):
            last = dt.date.fromisoformat(self.last_iso)
            today = dt.date.fromisoformat(self.today_iso)
            self.copy_error = tr(
                self.language,
                "Pick a day up to {day}.",
                day=logic.day_label(last, today, self.language),
            )
            return None
        return target

    @rx.event
    async def copy_meal(self, meal_type: str):
        target = self._copy_target()
        ids = self._meal_ids.get(meal_type, [])
        if target is None or not ids:
            return
        self.copy_busy = True
        yield
        try:
            api = NutritionApi(self.api())
            for meal_id in ids:
                await api.copy_meal(meal_id, target)
            if self._diary is not None and target == self._diary.date:
                self._diary = await api.diary(target)
                self._show()
            self.notice = tr(
                self.language,
                "{meal} copied to {day}.",
                meal=logic.meal_label(meal_type, self.language),
                day=self._day_words(target),
            )
        except ApiError as error:
            yield self.handle(error)
            self.copy_error = explain(error, self.language)[0]
            self.notice = ""
        finally:
            self.copy_busy = False

    @rx.event
    async def copy_day(self):
        target = self._copy_target()
        if target is None or self._diary is None:
            return
        if target == self._diary.date:
            self.copy_error = tr(self.language, "Pick another day to copy to.")
            return
        self.copy_busy = True
        yield
        try:
            await NutritionApi(self.api()).copy_day(self._diary.date, target)
            self.notice = tr(
                self.language, "The whole day was copied to {day}.", day=self._day_words(target)
            )
        except ApiError as error:
            yield self.handle(error)
            self.copy_error = explain(error, self.language)[0]
        finally:
            self.copy_busy = False

    # ---- entries sent from the offline queue (assets/offline.js, app/session/offline.py) ----

    @rx.event
    async def offline_entries_sent(self, _report: str):
        """The device sent entries it queued offline: show the day as the server has it."""
        if not self.signed_in or self._diary is None:
            return
        try:
            self._diary = await NutritionApi(self.api()).diary(self._diary.date)
            self._show()
        except ApiError as error:
            yield self.handle(error)

    @rx.event
    def dismiss_notice(self):
        self.notice = ""
