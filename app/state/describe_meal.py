"""Logging in words in the food picker: the person types what they ate, the nutrition service
reads it into items, the person removes what is wrong and logs the rest as one meal."""

from __future__ import annotations

import datetime as dt

import reflex as rx

from app.api.describe import Described, DescribedItem, describe
from app.api.diary import new_idempotency_key
from app.api.errors import ApiError
from app.api.nutrition import NutritionApi
from app.i18n import tr, trn
from app.state import diary_logic as logic
from app.state.food_picker import FoodPickerState
from app.state.messages import explain

MAX_CHARS = 500


def item_row(index: int, item: DescribedItem, language: str = "en") -> dict[str, str]:
    """One line of the confirmation list, as the page shows it (names, amounts and the
    assumption are the nutrition service's words)."""
    side = tr(language, "with {food} · ", food=item.goes_with) if item.goes_with else ""
    return {
        "index": str(index),
        "name": item.food_name,
        "said": item.text,
        "amount": f"{side}{item.amount}",
        "kcal": tr(language, "{n} kcal", n=logic.fmt_kcal(item.energy_kcal, language)),
        "assumption": item.assumption,
    }


class DescribeMealState(FoodPickerState):
    words: str = ""
    words_error: str = ""
    reading: bool = False
    rows: list[dict[str, str]] = []
    unmatched: str = ""
    total: str = ""
    _described: tuple[DescribedItem, ...] = ()

    @rx.event
    def set_words(self, value: str):
        self.words, self.words_error = value[:MAX_CHARS], ""

    @rx.event
    async def read_words(self):
        if not self.words.strip():
            self.words_error = tr(
                self.language, "Say what you ate, e.g. '2 eggs and a slice of toast'."
            )
            return
        self.reading, self.words_error = True, ""
        yield
        try:
            found = await describe(self.api(), self.words)
        except ApiError as error:
            yield self.handle(error)
            message, fields = explain(error, self.language)
            self.words_error = fields.get("text", message)
            return
        finally:
            self.reading = False
        self._show_described(found)

    def _show_described(self, found: Described) -> None:
        self._described = found.items
        self._refresh()
        missing = ", ".join(f"“{u}”" for u in found.unmatched)
        self.unmatched = (
            tr(self.language, "No food found for {words}: add it with Search.", words=missing)
            if missing
            else ""
        )

    def _refresh(self) -> None:
        self.rows = [item_row(i, item, self.language) for i, item in enumerate(self._described)]
        kcal = sum(item.energy_kcal for item in self._described)
        total = tr(self.language, "{n} kcal", n=logic.fmt_kcal(kcal, self.language))
        self.total = total if self._described else ""

    @rx.event
    def drop_item(self, index: str):
        keep = int(index)
        self._described = tuple(d for i, d in enumerate(self._described) if i != keep)
        self._refresh()

    @rx.event
    async def log_described(self):
        if not self._described:
            return
        self.log_busy, self.log_error = True, ""
        yield
        try:
            change = await NutritionApi(self.api()).log_meal(
                dt.date.fromisoformat(self.day_iso),
                self.picker_meal,
                [d.item for d in self._described],
                idempotency_key=new_idempotency_key(),
            )
        except ApiError as error:
            yield self.handle(error)
            self.log_error = explain(error, self.language)[0]
            return
        finally:
            self.log_busy = False
        count = len(self._described)
        self._described, self.rows, self.words, self.total = (), [], "", ""
        self._logged(change, trn(self.language, count, "{n} item", "{n} items"))
