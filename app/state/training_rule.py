"""The training-day rule form (profile page, "Your targets"): on a day with a completed
workout, +kcal, +g carbohydrate, or a share of the workout's net energy added to the target."""

from __future__ import annotations

import reflex as rx

from app.api.errors import ApiError
from app.api.training_rule import AMOUNT_RANGE, TrainingRule, save_training_rule, training_rule
from app.i18n import tr
from app.state.messages import explain
from app.state.numbers import parse_decimal
from app.state.session import SessionState

KINDS = ("none", "kcal", "carbohydrate", "add_back")


def parse_rule(kind: str, amount: str, language: str = "en") -> tuple[TrainingRule | None, str]:
    """The rule to send (None: no rule) and the amount's problem ("" when none)."""
    if kind not in AMOUNT_RANGE:
        return None, ""
    value = parse_decimal(amount.replace(" ", ""))
    low, high = AMOUNT_RANGE[kind]
    if value is None or value != int(value) or not low <= value <= high:
        return None, tr(language, "Enter a whole number from {low} to {high}.", low=low, high=high)
    return TrainingRule(kind, int(value)), ""


def rule_in_words(rule: TrainingRule | None, language: str = "en") -> str:
    if rule is None:
        return tr(language, "No training-day extra: the same target every day.")
    if rule.kind == "kcal":
        return tr(language, "Training day: +{n} kcal (as carbohydrate).", n=rule.amount)
    if rule.kind == "carbohydrate":
        return tr(language, "Training day: +{n} g carbohydrate.", n=rule.amount)
    return tr(
        language, "Training day: {n} % of the workout's net energy added back.", n=rule.amount
    )


class TrainingRuleState(SessionState):
    rule_kind: str = "none"
    rule_amount: str = ""
    rule_error: str = ""
    rule_notice: str = ""
    rule_saving: bool = False

    @rx.event
    async def load_rule(self):
        try:
            rule = await training_rule(self.api())
        except ApiError as error:
            return self.handle(error)
        self._show(rule)
        return None

    def _show(self, rule: TrainingRule | None) -> None:
        self.rule_kind = rule.kind if rule else "none"
        self.rule_amount = str(rule.amount) if rule else ""

    @rx.event
    def set_rule_kind(self, kind: str):
        self.rule_kind = kind if kind in KINDS else "none"
        self.rule_error = self.rule_notice = ""

    @rx.event
    def set_rule_amount(self, amount: str):
        self.rule_amount, self.rule_error, self.rule_notice = amount, "", ""

    @rx.event
    async def save_rule(self):
        rule, error = parse_rule(self.rule_kind, self.rule_amount, self.language)
        if error:
            self.rule_error = error
            return None
        self.rule_saving = True
        try:
            saved = await save_training_rule(self.api(), rule)
        except ApiError as failure:
            self.rule_error = explain(failure, self.language)[0]
            return self.handle(failure)
        finally:
            self.rule_saving = False
        self._show(saved)
        self.rule_notice = rule_in_words(saved, self.language)
        return None
