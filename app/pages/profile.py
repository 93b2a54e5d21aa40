"""Profile (`/profile`): body data and goal, the targets explained, today's weight, sign out."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.api.errors import ApiError
from app.api.users import UsersApi
from app.i18n import t, tr
from app.i18n.formats import fmt_date
from app.state import units as u
from app.state.body import WEIGHT_KG, BodyFormState
from app.state.messages import explain
from app.state.session import SessionState
from components.body_form import body_fields, goal_fields
from components.expenditure_card import expenditure_card
from components.fields import form_alert, labelled_input
from components.layout import app_shell, sign_out_button
from components.section_card import section
from components.targets import custom_targets_form, targets_explained
from components.training_rule_form import training_rule_form

TITLE = t("Profile · FitLedger")


def weight_error(text: str, units: str = u.METRIC, language: str = "en") -> str:
    """Plain words for a weigh-in the service would refuse ("" when it is fine)."""
    kg = u.parse_weight_kg(text, units)
    unit = u.weight_unit(units, language)
    if kg is None:
        return tr(language, "Enter your weight in {unit}.", unit=unit)
    if not WEIGHT_KG[0] <= round(kg, 2) <= WEIGHT_KG[1]:
        low, high = (u.weight_number(limit, units, language) for limit in WEIGHT_KG)
        return tr(language, "Enter between {low} and {high} {unit}.", low=low, high=high, unit=unit)
    return ""


class ProfileState(BodyFormState):
    saved_notice: str = ""
    weigh_in: str = ""
    weigh_in_error: str = ""
    weigh_in_notice: str = ""
    logging_weight: bool = False

    @rx.event
    async def load(self):
        self.saved_notice = self.weigh_in_notice = self.weigh_in_error = ""
        self._show_errors({})
        try:
            profile = await self._load_profile()
            if profile is not None and profile.complete:
                await self._load_targets()
            else:
                self.has_targets = False
                self.targets_error = tr(
                    self.language, "Fill in your body data and goal to get your targets."
                )
        except ApiError as error:
            return self.handle(error)
        return None

    @rx.event
    async def save(self):
        self.saved_notice = ""
        errors = {**self._body_errors(), **self._goal_errors()}
        self._show_errors(errors)
        if errors:
            self.form_error = tr(self.language, "Please check the highlighted fields.")
            return None
        try:
            if not await self._save():
                return None
            self.saved_notice = tr(self.language, "Saved. Your targets are updated.")
            await self._load_targets()
        except ApiError as error:
            return self.handle(error)
        return None

    @rx.event
    def set_weigh_in(self, value: str):
        self.weigh_in, self.weigh_in_error, self.weigh_in_notice = value, "", ""

    @rx.event
    async def log_weight(self):
        self.weigh_in_error = weight_error(self.weigh_in, self.units, self.language)
        if self.weigh_in_error:
            return None
        kg = round(u.parse_weight_kg(self.weigh_in, self.units) or 0.0, 2)
        self.logging_weight = True
        try:
            point = await UsersApi(self.api()).log_weight(kg)
        except ApiError as error:
            message, fields = explain(error, self.language)
            self.weigh_in_error = fields.get("weight_kg", message)
            return self.handle(error)
        finally:
            self.logging_weight = False
        self.weigh_in = ""
        self.weigh_in_notice = tr(
            self.language,
            "Logged {weight} for {day} (trend {trend}).",
            weight=u.weight_text(point.weight_kg, self.units, self.language),
            day=point.date.isoformat()
            if self.language == "en"
            else fmt_date(self.language, point.date, "date"),
            trend=u.weight_text(point.trend_kg, self.units, self.language),
        )
        self.weight_kg = u.weight_field(point.weight_kg, self.units)
        return None


def account_section() -> rx.Component:
    return section(
        t("Account"),
        rx.text(SessionState.display_name, weight="bold", id="profile-name"),
        rx.text(SessionState.email, color=rx.color("gray", 11), id="profile-email"),
        rx.flex(
            sign_out_button(id="sign-out"),
            sign_out_button(everywhere=True, id="sign-out-everywhere"),
            spacing="3",
            wrap="wrap",
        ),
        rx.text(
            t("“Sign out everywhere” ends your sessions on every device."),
            size="2",
            color=rx.color("gray", 11),
        ),
        rx.link(
            t("Settings: notifications, time zone, password, devices, your data"),
            href=routes.SETTINGS,
            id="profile-settings-link",
        ),
        id="profile-account",
    )


def weight_section() -> rx.Component:
    s = ProfileState
    return section(
        t("Today's weight"),
        rx.hstack(
            rx.box(
                labelled_input(
                    rx.cond(s.units == u.IMPERIAL, t("Weight (lb)"), t("Weight (kg)")),
                    "weigh_in",
                    input_mode="decimal",
                    value=s.weigh_in,
                    on_change=s.set_weigh_in,
                    error=s.weigh_in_error,
                    placeholder=rx.cond(s.weight_kg != "", s.weight_kg, "70"),
                ),
                flex="1",
            ),
            rx.button(
                t("Log weight"),
                on_click=s.log_weight,
                loading=s.logging_weight,
                size="3",
                id="log-weight",
                margin_top="1.6em",
            ),
            align="start",
            spacing="3",
            width="100%",
        ),
        rx.cond(
            s.weigh_in_notice != "",
            rx.text(s.weigh_in_notice, color_scheme="grass", id="weigh-in-notice", role="status"),
        ),
        rx.text(
            t("One weigh-in a day; a second one the same day replaces the first."),
            size="2",
            color=rx.color("gray", 11),
        ),
        id="profile-weight",
    )


def body_section() -> rx.Component:
    s = ProfileState
    return section(
        t("Body and goal"),
        form_alert(s.form_error, id="profile-alert"),
        rx.cond(
            s.profile_loading,
            rx.center(
                rx.spinner(size="3"),
                padding_y="2em",
                role="status",
                aria_label=t("Loading your profile"),
            ),
            rx.vstack(
                body_fields(),
                goal_fields(),
                rx.hstack(
                    rx.button(
                        t("Save"), on_click=s.save, loading=s.saving, size="3", id="profile-save"
                    ),
                    rx.cond(
                        s.saved_notice != "",
                        rx.text(
                            s.saved_notice, color_scheme="grass", id="profile-saved", role="status"
                        ),
                    ),
                    align="center",
                    spacing="3",
                ),
                spacing="4",
                width="100%",
                align="stretch",
            ),
        ),
        id="profile-body",
    )


def profile() -> rx.Component:
    return app_shell(
        rx.grid(
            rx.vstack(body_section(), spacing="4", width="100%"),
            rx.vstack(
                section(
                    t("Your targets"),
                    targets_explained(),
                    custom_targets_form(),
                    training_rule_form(),
                    id="profile-targets",
                ),
                expenditure_card(),
                weight_section(),
                account_section(),
                spacing="4",
                width="100%",
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        title=t("Profile"),
    )
