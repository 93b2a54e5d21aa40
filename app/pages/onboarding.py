"""Onboarding (`/onboarding`): body data → goal → the targets explained → today."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.api.errors import ApiError
from app.i18n import t
from app.state.body import BODY_FIELDS, BodyFormState
from components.body_form import activity_field, body_fields, goal_fields
from components.fields import form_alert
from components.layout import app_shell
from components.targets import custom_targets_form, targets_explained

TITLE = t("Get started · FitLedger")
STEPS = (t("Your body"), t("Your goal"), t("Your targets"))


def step_after_errors(errors: dict[str, str], current: int) -> int:
    """Where the wizard goes when the API refuses: the first step holding a bad field."""
    if any(name in BODY_FIELDS for name in errors):
        return 1
    return current


class OnboardingState(BodyFormState):
    step: int = 1

    def _profile_extras(self) -> dict[str, str]:
        """The new profile speaks the language the page was read in."""
        return {"language": self.language}

    @rx.event
    async def load(self):
        self.step = 1
        self._show_errors({})
        try:
            await self._load_profile()
        except ApiError as error:
            return self.handle(error)
        return None

    @rx.event
    async def next_step(self):
        if self.step == 1:
            errors = self._body_errors()
            self._show_errors(errors)
            if not errors:
                self.step = 2
            return None
        return await self._save_and_explain()

    @rx.event
    def back(self):
        self.step = max(1, self.step - 1)
        self.form_error = ""

    @rx.event
    async def recalculate(self):
        return await self._save_and_explain()

    async def _save_and_explain(self):
        errors = {**self._body_errors(), **self._goal_errors()}
        self._show_errors(errors)
        if errors:
            self.step = step_after_errors(errors, 2)
            return None
        try:
            if not await self._save():
                return None
            self.step = 3
            await self._load_targets()
        except ApiError as error:
            redirect = self.handle(error)
            if redirect is None:
                self.step = step_after_errors(error.fields, self.step)
            return redirect
        return None

    @rx.event
    async def start(self):
        return rx.redirect(routes.TODAY)


def progress() -> rx.Component:
    s = OnboardingState
    return rx.el.ol(
        *[
            rx.el.li(
                rx.text(
                    f"{n}. ",
                    name,
                    weight=rx.cond(s.step == n, "bold", "regular"),
                    color=rx.cond(s.step >= n, rx.color("grass", 11), rx.color("gray", 11)),
                    size="2",
                ),
                aria_current=rx.cond(s.step == n, "step", "false"),
                list_style_type="none",
            )
            for n, name in enumerate(STEPS, start=1)
        ],
        display="flex",
        gap="1.2em",
        padding="0",
        margin="0",
        aria_label=t("Steps"),
        id="onboarding-steps",
    )


def nav_buttons(next_label: rx.Var[str], *, back: bool = True) -> rx.Component:
    s = OnboardingState
    return rx.hstack(
        rx.button(
            t("Back"),
            on_click=s.back,
            variant="soft",
            color_scheme="gray",
            size="3",
            id="onboarding-back",
        )
        if back
        else rx.fragment(),
        rx.spacer(),
        rx.button(
            next_label, on_click=s.next_step, loading=s.saving, size="3", id="onboarding-next"
        ),
        width="100%",
    )


def step_body() -> rx.Component:
    return rx.vstack(
        rx.text(t("The formulas need these to estimate how much energy you use. Metric units.")),
        body_fields(),
        nav_buttons(t("Next"), back=False),
        spacing="4",
        width="100%",
        align="stretch",
        id="onboarding-step-1",
    )


def step_goal() -> rx.Component:
    return rx.vstack(
        goal_fields(),
        nav_buttons(t("See my targets")),
        spacing="4",
        width="100%",
        align="stretch",
        id="onboarding-step-2",
    )


def step_targets() -> rx.Component:
    s = OnboardingState
    return rx.vstack(
        rx.text(
            t(
                "Here is how FitLedger worked out your daily targets. You can change them at "
                "any time."
            )
        ),
        rx.card(targets_explained(), width="100%"),
        custom_targets_form(),
        rx.el.details(
            rx.el.summary(
                t("Change activity or goal"),
                cursor="pointer",
                font_weight="500",
                id="targets-edit-toggle",
            ),
            rx.vstack(
                activity_field(),
                goal_fields(),
                rx.button(
                    t("Recalculate"),
                    on_click=s.recalculate,
                    loading=s.saving | s.targets_loading,
                    variant="soft",
                    size="3",
                    id="targets-recalculate",
                ),
                spacing="4",
                padding_top="1em",
                align="stretch",
            ),
            id="targets-edit",
        ),
        rx.hstack(
            rx.button(
                t("Back"),
                on_click=s.back,
                variant="soft",
                color_scheme="gray",
                size="3",
                id="onboarding-back",
            ),
            rx.spacer(),
            rx.button(
                t("Start"),
                on_click=s.start,
                size="3",
                id="onboarding-start",
                disabled=~s.has_targets,
            ),
            width="100%",
        ),
        spacing="4",
        width="100%",
        align="stretch",
        id="onboarding-step-3",
    )


def onboarding() -> rx.Component:
    s = OnboardingState
    return app_shell(
        rx.box(
            progress(),
            form_alert(s.form_error, id="onboarding-alert"),
            rx.cond(
                s.profile_loading,
                rx.center(
                    rx.spinner(size="3"),
                    padding_y="3em",
                    role="status",
                    aria_label=t("Loading your profile"),
                ),
                rx.match(s.step, (1, step_body()), (2, step_goal()), step_targets()),
            ),
            display="flex",
            flex_direction="column",
            gap="1.2em",
            max_width="640px",
            width="100%",
        ),
        title=t("Set up your targets"),
    )
