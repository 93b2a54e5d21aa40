"""Adding food to one meal: search as you type, recent/frequent foods, portions, quick add,
barcode, a private food, a portion of a recipe. A substate of the diary it writes to."""

from __future__ import annotations

import datetime as dt

import reflex as rx

from app.api.diary import DiaryChange, new_idempotency_key
from app.api.errors import ApiError, NotFound, ValidationFailed
from app.api.foods import Food, FoodInput, UsedFood
from app.api.nutrition import NutritionApi
from app.api.recipes import Recipe
from app.i18n import tr, trn
from app.state import diary_logic as logic
from app.state import portions
from app.state.diary import DiaryState
from app.state.messages import explain

SEARCH_MIN_CHARS = 2
SEARCH_LIMIT = 20
NEW_FOOD_FIELDS = ("name", "brand", "energy_kcal", "protein_g", "fat_g", "carbohydrate_g")


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


class FoodPickerState(DiaryState):
    picker_open: bool = False
    picker_meal: str = "breakfast"
    picker_tab: str = "search"

    query: str = ""
    # Only foods whose values come from laboratory analysis (USDA), not labels or users;
    # kept while the page lives, so the next meal's search filters the same way.
    lab_only: bool = False
    searching: bool = False
    search_error: str = ""
    results: list[dict[str, str]] = []
    recent: list[dict[str, str]] = []
    frequent: list[dict[str, str]] = []
    used_loading: bool = False

    # The food (or recipe) picked, with its portion form.
    picked: dict[str, str] = {}
    portion_options: list[dict[str, str]] = []
    portion_value: str = portions.GRAMS
    quantity: str = "100"
    preview_kcal: str = ""
    preview_macros: str = ""
    picked_grams: str = ""
    log_busy: bool = False
    log_error: str = ""

    quick: dict[str, str] = {}
    quick_errors: dict[str, str] = {}
    barcode: str = ""
    barcode_error: str = ""
    barcode_busy: bool = False
    new_food: dict[str, str] = {}
    new_food_errors: dict[str, str] = {}
    new_food_error: str = ""
    recipes: list[dict[str, str]] = []
    recipes_error: str = ""

    _seq: int = 0
    _found: dict[int, Food] = {}
    _food: Food | None = None
    _recipe: Recipe | None = None
    _recipes: dict[str, Recipe] = {}
    _choices: tuple[portions.PortionChoice, ...] = ()
    _idempotency_key: str = ""

    @rx.var
    def has_pick(self) -> bool:
        return bool(self.picked)

    @rx.var
    def picker_label(self) -> str:
        """ "breakfast", "snacks" (the dialog says "Add to breakfast")."""
        return logic.meal_label(self.picker_meal, self.language).lower()

    # ---- opening ----

    @rx.event
    def open_picker(self, meal_type: str):
        self.picker_meal = meal_type
        self.picker_open = True
        self.picker_tab = "search"
        self.query = ""
        self.results = []
        self.search_error = ""
        self.picked = {}
        self.log_error = ""
        self.quick = {}
        self.quick_errors = {}
        self.barcode = ""
        self.barcode_error = ""
        self.new_food = {}
        self.new_food_errors = {}
        self.new_food_error = ""
        self._seq += 1  # answers of an earlier search are dropped
        return FoodPickerState.load_used_foods

    @rx.event
    def set_picker_open(self, value: bool):
        self.picker_open = value

    @rx.event
    def return_focus(self):
        """The dialog closed: the focus goes back to the meal's add button (the dialog opens
        by state, so Radix does not know the button that opened it)."""
        return rx.set_focus(f"add-{self.picker_meal}")

    @rx.event
    def set_picker_tab(self, value: str):
        self.picker_tab = value
        self.picked = {}
        self.log_error = ""
        if value == "recipes":
            return FoodPickerState.load_recipes
        return None

    @rx.event(background=True)
    async def load_used_foods(self):
        async with self:
            self.used_loading = True
            api = NutritionApi(self.api())
        recent, frequent = [], []
        try:
            recent = [_used_row(f, self.language) for f in await api.recent_foods(8)]
            frequent = [_used_row(f, self.language) for f in await api.frequent_foods(8)]
        except ApiError:
            pass  # the lists are a shortcut; search still works
        finally:
            async with self:
                self.recent = recent
                # Frequent foods already among the recent ones are not shown twice.
                shown = {r["id"] for r in recent}
                self.frequent = [f for f in frequent if f["id"] not in shown]
                self.used_loading = False

    # ---- search as you type ----

    @rx.event(background=True)
    async def search(self, text: str):
        async with self:
            self.query = text
            self._seq += 1
            seq = self._seq
            self.picked = {}
            if len(text.strip()) < SEARCH_MIN_CHARS:
                self.results = []
                self.searching = False
                self.search_error = ""
                return
            self.searching = True
            lab_only = self.lab_only
            api = NutritionApi(self.api())
        try:
            page = await api.search_foods(text.strip(), limit=SEARCH_LIMIT, lab_only=lab_only)
        except ApiError as error:
            async with self:
                if seq == self._seq:
                    self.searching = False
                    self.search_error = explain(error, self.language)[0]
            return
        async with self:
            if seq != self._seq:
                return  # a later keystroke's answer wins
            self._found = {food.id: food for food in page.items}
            self.results = [portions.food_row(food, self.language) for food in page.items]
            self.search_error = ""
            self.searching = False

    @rx.event
    def set_lab_only(self, value: bool):
        """The "lab data only" switch: the current query is searched again."""
        self.lab_only = value
        return FoodPickerState.search(self.query)

    # ---- picking a food and its portion ----

    @rx.event
    async def pick(self, food_id: str):
        self.log_error = ""
        food = self._found.get(int(food_id))
        if food is None:
            try:
                food = await NutritionApi(self.api()).food(int(food_id))
            except ApiError as error:
                yield self.handle(error)
                self.search_error = explain(error, self.language)[0]
                return
        self._choose(food)

    def _choose(self, food: Food) -> None:
        self._food, self._recipe = food, None
        self._choices = portions.portion_choices(food.portions, self.language)
        choice = portions.default_choice(self._choices)
        self.picked = {**portions.food_row(food, self.language), "kind": "food"}
        self.portion_options = [{"value": c.value, "label": c.label} for c in self._choices]
        self.portion_value = choice.value
        self.quantity = logic.input_number(choice.default_quantity)
        self._idempotency_key = new_idempotency_key()
        self._preview()

    def _choice(self) -> portions.PortionChoice | None:
        return next((c for c in self._choices if c.value == self.portion_value), None)

    def _preview(self) -> None:
        amount = logic.parse_amount(self.quantity)
        choice = self._choice()
        if amount is None or choice is None:
            self.preview_kcal, self.preview_macros, self.picked_grams = "", "", ""
            return
        grams = portions.grams_for(choice, amount)
        per_100g = self._food.per_100g if self._food else None
        if self._recipe is not None:
            per_100g = self._recipe.per_100g or self._recipe.total
        if per_100g is None:
            return
        values = portions.scaled(per_100g, grams)
        language = self.language
        self.preview_kcal = tr(language, "{n} kcal", n=logic.fmt_kcal(values["kcal"], language))
        self.preview_macros = logic.macro_line(values, language)
        self.picked_grams = tr(language, "{n} g", n=logic.fmt_number(grams, language=language))

    @rx.event
    def set_portion(self, value: str):
        previous = self._choice()
        self.portion_value = value
        choice = self._choice()
        if choice is not None and (previous is None or previous.value != choice.value):
            self.quantity = logic.input_number(choice.default_quantity)
        self._preview()

    @rx.event
    def set_quantity(self, value: str):
        self.quantity = value
        self.log_error = ""
        self._preview()

    @rx.event
    def unpick(self):
        self.picked = {}
        self.log_error = ""

    @rx.event
    async def log_picked(self):
        amount = logic.parse_amount(self.quantity)
        choice = self._choice()
        if amount is None or choice is None:
            self.log_error = tr(self.language, "Enter an amount greater than 0.")
            return
        if portions.grams_for(choice, amount) > portions.MAX_GRAMS:
            self.log_error = tr(
                self.language,
                "That is more than {n} g. Check the amount.",
                n=f"{portions.MAX_GRAMS:g}",
            )
            return
        self.log_busy = True
        yield
        try:
            api = NutritionApi(self.api())
            day = _day(self.day_iso)
            if self._recipe is not None:
                change = await api.log_recipe(
                    day,
                    self.picker_meal,
                    self._recipe.id,
                    **(
                        {"grams": amount}
                        if choice.value == portions.GRAMS
                        else {"servings": amount}
                    ),
                    idempotency_key=self._idempotency_key,
                )
            elif self._food is not None:
                grams = amount if choice.value == portions.GRAMS else None
                change = await api.log_food(
                    day,
                    self.picker_meal,
                    self._food.id,
                    grams=grams,
                    portion_id=None if grams is not None else int(choice.value),
                    quantity=amount,
                    idempotency_key=self._idempotency_key,
                )
                self._facts = {**self._facts, self._food.id: logic.FoodFacts.of(self._food)}
            else:
                return
            self._logged(change, self.picked.get("name", tr(self.language, "Food")))
        except ApiError as error:
            yield self.handle(error)
            message, fields = explain(error, self.language)
            self.log_error = next(iter(fields.values()), message) if fields else message
        finally:
            self.log_busy = False

    def _logged(self, change: DiaryChange, name: str) -> None:
        if self._diary is not None:
            self._diary = logic.apply_change(self._diary, change)
        self._show()
        self.picker_open = False
        self.picked = {}
        self.notice = tr(
            self.language,
            "Added {name} to {meal}.",
            name=name,
            meal=logic.meal_label(self.picker_meal, self.language).lower(),
        )

    # ---- quick add ----

    @rx.event
    def set_quick(self, field: str, value: str):
        self.quick = {**self.quick, field: value}
        self.quick_errors = {k: v for k, v in self.quick_errors.items() if k != field}

    @rx.event
    async def log_quick(self):
        values, problems = portions.quick_add_values(self.quick, self.language)
        self.quick_errors = problems
        if problems:
            return
        self.log_busy = True
        yield
        try:
            name = (self.quick.get("name") or "").strip() or None
            change = await NutritionApi(self.api()).quick_add(
                _day(self.day_iso),
                self.picker_meal,
                values["energy_kcal"],
                protein_g=values["protein_g"],
                fat_g=values["fat_g"],
                carbohydrate_g=values["carbohydrate_g"],
                name=name,
                idempotency_key=new_idempotency_key(),
            )
            self._logged(change, name or "a quick add")
        except ApiError as error:
            yield self.handle(error)
            message, fields = explain(error, self.language)
            self.quick_errors = fields
            self.log_error = message
        finally:
            self.log_busy = False

    # ---- barcode ----

    @rx.event
    def set_barcode(self, value: str):
        self.barcode = value
        self.barcode_error = ""

    @rx.event
    async def find_barcode(self):
        digits = "".join(c for c in self.barcode if c.isdigit())
        if len(digits) not in (8, 12, 13, 14):
            self.barcode_error = "A barcode has 8, 12 or 13 digits."
            return
        self.barcode_busy = True
        yield
        try:
            food = await NutritionApi(self.api()).food_by_barcode(digits)
            self._choose(food)
        except NotFound:
            self.barcode_error = tr(
                self.language,
                "No food has the barcode {code} yet. You can add it under “New food”.",
                code=digits,
            )
        except ApiError as error:
            yield self.handle(error)
            message, fields = explain(error, self.language)
            self.barcode_error = fields.get("code", message)
        finally:
            self.barcode_busy = False

    # ---- a private food ----

    @rx.event
    def set_new_food(self, field: str, value: str):
        self.new_food = {**self.new_food, field: value}
        self.new_food_errors = {k: v for k, v in self.new_food_errors.items() if k != field}

    @rx.event
    async def create_food(self):
        values, problems = portions.quick_add_values(self.new_food, self.language)
        name = (self.new_food.get("name") or "").strip()
        if not name:
            problems["name"] = tr(self.language, "Give the food a name.")
        self.new_food_errors = problems
        self.new_food_error = ""
        if problems:
            return
        self.log_busy = True
        yield
        try:
            food = await NutritionApi(self.api()).create_food(
                FoodInput(
                    name=name,
                    brand=(self.new_food.get("brand") or "").strip() or None,
                    energy_kcal=values["energy_kcal"],
                    protein_g=values["protein_g"],
                    fat_g=values["fat_g"],
                    carbohydrate_g=values["carbohydrate_g"],
                )
            )
            self.picker_tab = "search"
            self._choose(food)
        except ValidationFailed as error:
            message, fields = explain(error, self.language)
            self.new_food_errors = fields
            self.new_food_error = message
        except ApiError as error:
            yield self.handle(error)
            self.new_food_error = explain(error, self.language)[0]
        finally:
            self.log_busy = False

    # ---- recipes ----

    @rx.event
    async def load_recipes(self):
        self.recipes_error = ""
        try:
            found = await NutritionApi(self.api()).recipes()
        except ApiError as error:
            yield self.handle(error)
            self.recipes_error = explain(error, self.language)[0]
            return
        self._recipes = {r.id: r for r in found}
        self.recipes = [portions.recipe_row(r, self.language) for r in found]

    @rx.event
    def pick_recipe(self, recipe_id: str):
        recipe = self._recipes.get(recipe_id)
        if recipe is None:
            return
        self._food, self._recipe = None, recipe
        self._choices = portions.recipe_choices(recipe, self.language)
        choice = portions.default_choice(self._choices)
        self.picked = {**portions.recipe_row(recipe, self.language), "kind": "recipe"}
        self.portion_options = [{"value": c.value, "label": c.label} for c in self._choices]
        self.portion_value = choice.value
        self.quantity = logic.input_number(choice.default_quantity)
        self._idempotency_key = new_idempotency_key()
        self._preview()


def _used_row(food: UsedFood, language: str = "en") -> dict[str, str]:
    uses = trn(language, food.uses, "{n} time", "{n} times")
    return {"id": str(food.id), "name": food.name, "brand": food.brand or "", "uses": uses}
