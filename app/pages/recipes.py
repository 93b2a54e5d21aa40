"""Recipes (`/recipes`): the user's recipes and the builder (ingredients by search, grams,
servings, cooked weight). A recipe is logged from the diary's add-food dialog."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.api.errors import ApiError, ValidationFailed
from app.api.foods import Food
from app.api.nutrition import NutritionApi
from app.api.recipes import Recipe
from app.i18n import t, tf, tr
from app.state import diary_logic as logic
from app.state import portions
from app.state.messages import explain
from app.state.session import SessionState
from components.fields import form_alert, labelled_input
from components.food_picker import SEARCH_DEBOUNCE_MS
from components.layout import app_shell

TITLE = t("Recipes · FitLedger")
SEARCH_LIMIT = 10


class RecipesState(SessionState):
    recipes: list[dict[str, str]] = []
    loading: bool = True
    load_error: str = ""

    name: str = ""
    servings: str = ""
    cooked_weight: str = ""
    query: str = ""
    searching: bool = False
    results: list[dict[str, str]] = []
    ingredients: list[dict[str, str]] = []  # id, name, grams (as typed)
    preview: dict[str, str] = {}
    errors: dict[str, str] = {}
    error: str = ""
    saving: bool = False
    saved: str = ""

    _seq: int = 0
    _found: dict[int, Food] = {}
    _foods: dict[int, Food] = {}  # the ingredients' foods

    @rx.event
    async def load(self):
        if not self.signed_in:
            return
        self.loading = True
        self.load_error = ""
        yield
        try:
            found = await NutritionApi(self.api()).recipes()
            self.recipes = [portions.recipe_row(r, self.language) for r in found]
        except ApiError as error:
            yield self.handle(error)
            self.load_error = explain(error, self.language)[0]
        finally:
            self.loading = False

    @rx.event(background=True)
    async def search(self, text: str):
        async with self:
            self.query = text
            self._seq += 1
            seq = self._seq
            if len(text.strip()) < 2:
                self.results, self.searching = [], False
                return
            self.searching = True
            api = NutritionApi(self.api())
        try:
            page = await api.search_foods(text.strip(), limit=SEARCH_LIMIT)
        except ApiError as error:
            async with self:
                if seq == self._seq:
                    self.searching = False
                    self.error = explain(error, self.language)[0]
            return
        async with self:
            if seq == self._seq:
                self._found = {f.id: f for f in page.items}
                self.results = [portions.food_row(f, self.language) for f in page.items]
                self.searching = False

    @rx.event
    def add_ingredient(self, food_id: str):
        food = self._found.get(int(food_id))
        if food is None:
            return
        self._foods = {**self._foods, food.id: food}
        self.ingredients = [
            *self.ingredients,
            {
                "key": f"{food.id}-{len(self.ingredients)}",
                "id": str(food.id),
                "name": food.name_in(self.language),
                "grams": "100",
            },
        ]
        self.query, self.results = "", []
        self._seq += 1
        self._update_preview()

    @rx.event
    def set_grams(self, key: str, value: str):
        self.ingredients = [
            {**row, "grams": value} if row["key"] == key else row for row in self.ingredients
        ]
        self._update_preview()

    @rx.event
    def remove_ingredient(self, key: str):
        self.ingredients = [row for row in self.ingredients if row["key"] != key]
        self._update_preview()

    @rx.event
    def set_field(self, field: str, value: str):
        if field not in ("name", "servings", "cooked_weight"):
            return
        setattr(self, field, value)
        self.errors = {k: v for k, v in self.errors.items() if k != field}
        self.saved = ""
        self._update_preview()

    def _parts(self) -> list[tuple[int, float | None]]:
        return [(int(r["id"]), logic.parse_amount(r["grams"])) for r in self.ingredients]

    def _update_preview(self) -> None:
        parts = [
            (self._foods[food_id].per_100g, grams)
            for food_id, grams in self._parts()
            if grams is not None and food_id in self._foods
        ]
        self.preview = portions.recipe_preview(
            parts,
            servings=logic.parse_amount(self.servings),
            cooked_weight_g=logic.parse_amount(self.cooked_weight),
            language=self.language,
        )

    @rx.event
    async def save(self):
        problems: dict[str, str] = {}
        if not self.name.strip():
            problems["name"] = tr(self.language, "Give the recipe a name.")
        if not self.ingredients:
            problems["ingredients"] = tr(self.language, "Add at least one ingredient.")
        parts = self._parts()
        if any(grams is None for _, grams in parts):
            problems["ingredients"] = tr(
                self.language, "Every ingredient needs grams greater than 0."
            )
        servings = logic.parse_amount(self.servings) if self.servings.strip() else None
        if self.servings.strip() and servings is None:
            problems["servings"] = tr(self.language, "Enter a number of servings greater than 0.")
        cooked = logic.parse_amount(self.cooked_weight) if self.cooked_weight.strip() else None
        if self.cooked_weight.strip() and cooked is None:
            problems["cooked_weight"] = tr(
                self.language, "Enter the cooked weight in grams, or leave it empty."
            )
        self.errors, self.error = problems, ""
        if problems:
            return
        self.saving = True
        yield
        try:
            recipe: Recipe = await NutritionApi(self.api()).create_recipe(
                self.name.strip(),
                [(food_id, grams or 0.0) for food_id, grams in parts],
                servings=servings,
                cooked_weight_g=cooked,
            )
            self.recipes = [*self.recipes, portions.recipe_row(recipe)]
            self.saved = tr(
                self.language,
                "Saved {name}. Log it from the diary's Add food → Recipes.",
                name=recipe.name,
            )
            self.name, self.servings, self.cooked_weight = "", "", ""
            self.ingredients, self.preview = [], {}
        except ValidationFailed as error:
            message, fields = explain(error, self.language)
            self.error = message
            self.errors = {
                ("cooked_weight" if k == "cooked_weight_g" else k): v for k, v in fields.items()
            }
        except ApiError as error:
            yield self.handle(error)
            self.error = explain(error, self.language)[0]
        finally:
            self.saving = False


S = RecipesState


def recipe_list() -> rx.Component:
    return rx.card(
        rx.heading(t("Your recipes"), as_="h2", size="4", margin_bottom="0.5em"),
        form_alert(S.load_error, id="recipes-load-error"),
        rx.cond(
            S.loading,
            rx.spinner(aria_label=t("Loading recipes")),
            rx.cond(
                S.recipes.length() > 0,
                rx.el.ul(
                    rx.foreach(
                        S.recipes,
                        lambda r: rx.el.li(
                            rx.text(r["name"], weight="medium"),
                            rx.text(
                                r["brand"],
                                " · ",
                                r["per_100g"],
                                rx.cond(r["per_portion"] != "", " · " + r["per_portion"], ""),
                                size="1",
                                color_scheme="gray",
                                high_contrast=True,
                            ),
                            padding_y="0.5em",
                            border_top=f"1px solid {rx.color('gray', 5)}",
                        ),
                    ),
                    class_name="picker-list",
                    id="recipe-list",
                ),
                rx.text(t("No recipes yet. Build your first one here."), size="2"),
            ),
        ),
        width="100%",
    )


def ingredient_row(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.hstack(
            rx.text(row["name"], size="2", flex="1", min_width="0", class_name="clamp-2"),
            rx.input(
                value=row["grams"],
                on_change=lambda v: S.set_grams(row["key"], v),
                input_mode="decimal",
                width="80px",
                aria_label=tf("Grams of {food}", food=row["name"]),
                class_name="ingredient-grams",
            ),
            rx.text(t("g"), size="2"),
            rx.icon_button(
                rx.icon("x", size=16),
                on_click=S.remove_ingredient(row["key"]),
                variant="ghost",
                color_scheme="gray",
                aria_label=tf("Remove {name}", name=row["name"]),
                size="3",
            ),
            align="center",
            width="100%",
            padding_y="0.3em",
        ),
        list_style="none",
        border_top=f"1px solid {rx.color('gray', 5)}",
    )


def builder() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("New recipe"), as_="h2", size="4"),
            form_alert(S.error, id="recipe-error"),
            form_alert(S.saved, color="grass", id="recipe-saved"),
            labelled_input(
                t("Name"),
                "name",
                id="recipe-name",
                value=S.name,
                on_change=lambda v: S.set_field("name", v),
                error=S.errors.get("name", ""),
            ),
            rx.el.label(t("Ingredients"), html_for="ingredient-search", font_weight="500"),
            rx.input(
                rx.input.slot(rx.icon("search", size=18, aria_hidden="true")),
                value=S.query,
                on_change=S.search,
                debounce_timeout=SEARCH_DEBOUNCE_MS,
                placeholder=t("Search a food to add"),
                id="ingredient-search",
                type="search",
                auto_complete="off",
                size="3",
                width="100%",
            ),
            rx.cond(
                S.results.length() > 0,
                rx.el.ul(
                    rx.foreach(
                        S.results,
                        lambda row: rx.el.li(
                            rx.el.button(
                                rx.text(
                                    row["name"], size="2", weight="medium", class_name="clamp-2"
                                ),
                                rx.text(
                                    row["per_100g"],
                                    size="1",
                                    color_scheme="gray",
                                    high_contrast=True,
                                ),
                                on_click=S.add_ingredient(row["id"]),
                                class_name="picker-row ingredient-result",
                                id="ingredient-result-" + row["id"],
                            ),
                            list_style="none",
                        ),
                    ),
                    class_name="picker-list",
                ),
            ),
            rx.el.ul(
                rx.foreach(S.ingredients, ingredient_row),
                class_name="picker-list",
                id="ingredients",
            ),
            rx.cond(
                S.errors.get("ingredients", "") != "",
                rx.text(
                    S.errors.get("ingredients", ""), color_scheme="tomato", size="2", role="alert"
                ),
            ),
            rx.grid(
                labelled_input(
                    t("Servings"),
                    "servings",
                    id="recipe-servings",
                    value=S.servings,
                    on_change=lambda v: S.set_field("servings", v),
                    error=S.errors.get("servings", ""),
                    input_mode="decimal",
                ),
                labelled_input(
                    t("Cooked weight (g)"),
                    "cooked_weight",
                    id="recipe-cooked",
                    value=S.cooked_weight,
                    on_change=lambda v: S.set_field("cooked_weight", v),
                    error=S.errors.get("cooked_weight", ""),
                    input_mode="decimal",
                    hint=t("Optional: weigh the pot after cooking."),
                ),
                grid_template_columns="1fr 1fr",
                spacing="3",
                width="100%",
            ),
            rx.cond(
                S.ingredients.length() > 0,
                rx.card(
                    rx.text(
                        tf(
                            "{kcal} kcal in all · {weight}",
                            kcal=S.preview.get("total_kcal", ""),
                            weight=S.preview.get("weight", ""),
                        ),
                        weight="bold",
                    ),
                    rx.text(S.preview.get("total_macros", ""), size="2"),
                    rx.text(
                        S.preview.get("per_100g", ""),
                        " ",
                        S.preview.get("per_serving", ""),
                        size="2",
                    ),
                    variant="surface",
                    id="recipe-preview",
                ),
            ),
            rx.button(
                t("Save recipe"), on_click=S.save, loading=S.saving, size="3", id="recipe-save"
            ),
            spacing="3",
            width="100%",
            align="stretch",
        ),
        width="100%",
    )


def recipes() -> rx.Component:
    return app_shell(
        rx.link(t("← Back to the diary"), href=routes.DIARY, id="recipes-back"),
        rx.grid(
            builder(),
            recipe_list(),
            grid_template_columns=["1fr", "1fr", "minmax(0, 3fr) minmax(0, 2fr)"],
            spacing="4",
            width="100%",
            align_items="start",
        ),
        title=t("Recipes"),
    )
