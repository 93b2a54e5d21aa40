"""Settings (`/settings`): notifications, time zone and language, security, your data."""

from __future__ import annotations

import reflex as rx

from app.api.users import NOTIFICATION_TYPES
from app.i18n import t, tf
from app.pages.settings_data import data_section
from app.pages.settings_push import push_device
from app.pages.settings_units import units_section
from app.state.settings import SettingsState
from app.state.settings_logic import (
    GRID_CHANNELS,
    LANGUAGES,
    channel_label,
    pref_key,
    time_zone_names,
    type_label,
)
from app.state.units import weekday_names
from components.bilingual import in_language
from components.fields import field_error, form_alert, labelled_input
from components.layout import app_shell, sign_out_button
from components.section_card import section, subheading

TITLE = t("Settings · FitLedger")
S = SettingsState
MUTED = rx.color("gray", 11)


def channel_name(channel: str) -> rx.Var[str]:
    return in_language(channel_label(channel), channel_label(channel, "ru"))


def type_name(kind: str) -> rx.Var[str]:
    return in_language(type_label(kind), type_label(kind, "ru"))


WEEKDAYS = [
    in_language(english, russian)
    for english, russian in zip(weekday_names("monday"), weekday_names("monday", "ru"), strict=True)
]


def notice(text: rx.Var[str], id: str) -> rx.Component:
    return rx.cond(text != "", rx.text(text, color_scheme="grass", size="2", id=id, role="status"))


# --- notifications ----------------------------------------------------------------------


def action_row(*children: rx.Component) -> rx.Component:
    """A form's action with its note beside it (the note wraps under it on a phone)."""
    return rx.hstack(*children, align="center", spacing="3", wrap="wrap")


def preference_grid() -> rx.Component:
    return rx.table.root(
        rx.table.header(
            rx.table.row(
                rx.table.column_header_cell(t("Notification"), scope="col", padding_left="0"),
                *[
                    rx.table.column_header_cell(
                        channel_name(channel),
                        scope="col",
                        text_align="center",
                        padding_x="0.3em",
                    )
                    for channel in GRID_CHANNELS
                ],
            )
        ),
        rx.table.body(
            *[
                rx.table.row(
                    rx.table.row_header_cell(type_name(kind), padding_left="0"),
                    *[
                        rx.table.cell(
                            rx.checkbox(
                                checked=S.prefs[pref_key(kind, channel)].to(bool),
                                on_change=lambda on, k=kind, c=channel: S.toggle_pref(k, c, on),
                                aria_label=type_name(kind) + ": " + channel_name(channel),
                                id=f"pref-{kind}-{channel}",
                                size="3",
                            ),
                            text_align="center",
                            padding_x="0.3em",
                        )
                        for channel in GRID_CHANNELS
                    ],
                    align="center",
                )
                for kind in NOTIFICATION_TYPES
            ]
        ),
        variant="ghost",
        size="1",
        width="100%",
        id="pref-grid",
    )


def email_opt_out() -> rx.Component:
    return rx.cond(
        S.opt_out_text != "",
        rx.callout(
            rx.vstack(
                rx.text(S.opt_out_text),
                rx.text(
                    t(
                        "While that lasts, the e-mail switches above have no effect. FitLedger "
                        "cannot undo an unsubscribe from here yet; ask your server's admin."
                    ),
                    size="2",
                ),
                spacing="1",
            ),
            icon="mail-x",
            color_scheme="amber",
            id="email-opted-out",
            width="100%",
        ),
        rx.cond(
            S.reminders_loaded,
            rx.text(
                t("You have not unsubscribed from any e-mails."),
                size="2",
                color=MUTED,
                id="email-subscribed",
            ),
        ),
    )


def quiet_hours() -> rx.Component:
    return rx.vstack(
        subheading(t("Quiet hours")),
        rx.el.label(
            rx.hstack(
                rx.switch(checked=S.quiet_on, on_change=S.set_quiet_on, id="quiet-on", size="2"),
                rx.text(t("No e-mail or push during these hours (in-app stays)")),
                spacing="2",
                align="center",
            ),
        ),
        rx.cond(
            S.quiet_on,
            rx.hstack(
                labelled_input(
                    t("From"),
                    "quiet_start",
                    type="time",
                    value=S.quiet_start,
                    on_change=S.set_quiet_start,
                    id="quiet-start",
                ),
                labelled_input(
                    t("Until"),
                    "quiet_end",
                    type="time",
                    value=S.quiet_end,
                    on_change=S.set_quiet_end,
                    id="quiet-end",
                ),
                spacing="3",
                width="100%",
            ),
        ),
        field_error(S.quiet_error, "quiet"),
        action_row(
            rx.button(t("Save quiet hours"), on_click=S.save_quiet_hours, id="quiet-save"),
            notice(S.quiet_notice, "quiet-notice"),
        ),
        spacing="2",
        align="stretch",
        width="100%",
    )


def reminders() -> rx.Component:
    return rx.vstack(
        subheading(t("Reminders")),
        rx.cond(
            S.reminders_loaded,
            rx.vstack(
                labelled_input(
                    t("Meal reminder times"),
                    "meal_times",
                    value=S.meal_times,
                    on_change=S.set_meal_times,
                    error=S.meal_times_error,
                    hint=t(
                        "Your local times, separated by commas, e.g. 08:00, 13:00, 19:00. "
                        "Empty = no meal reminders."
                    ),
                    placeholder="08:00, 13:00",
                    id="meal-times",
                ),
                rx.el.fieldset(
                    rx.el.legend(t("Workout reminder days"), font_weight="500", font_size="0.9em"),
                    rx.flex(
                        *[
                            rx.el.label(
                                rx.hstack(
                                    rx.checkbox(
                                        checked=S.workout_days[i],
                                        on_change=lambda on, d=i: S.set_workout_day(d, on),
                                        aria_label=tf("Remind me on {day}", day=name),
                                        id=f"workout-day-{i}",
                                    ),
                                    rx.text(name, size="2"),
                                    spacing="1",
                                    align="center",
                                )
                            )
                            for i, name in enumerate(WEEKDAYS)
                        ],
                        spacing="3",
                        wrap="wrap",
                    ),
                    border="none",
                    padding="0",
                    margin="0",
                ),
                labelled_input(
                    t("Workout reminder time"),
                    "workout_time",
                    type="time",
                    value=S.workout_time,
                    on_change=S.set_workout_time,
                    error=S.workout_time_error,
                    id="workout-time",
                ),
                spacing="3",
                align="stretch",
                width="100%",
            ),
        ),
        form_alert(S.reminders_error, id="reminders-error"),
        rx.cond(
            S.reminders_loaded,
            action_row(
                rx.button(t("Save reminders"), on_click=S.save_reminders, id="reminders-save"),
                notice(S.reminders_notice, "reminders-notice"),
            ),
        ),
        spacing="2",
        align="stretch",
        width="100%",
    )


def notifications_section() -> rx.Component:
    return section(
        t("Notifications"),
        rx.text(
            t("Choose where each kind of notification reaches you. Changes save at once."),
            size="2",
            color=MUTED,
        ),
        rx.cond(
            S.has_profile,
            rx.vstack(
                preference_grid(),
                form_alert(S.prefs_error, id="prefs-error"),
                notice(S.prefs_notice, "prefs-notice"),
                push_device(),
                spacing="2",
                align="stretch",
                width="100%",
            ),
        ),
        email_opt_out(),
        rx.cond(S.has_profile, quiet_hours()),
        reminders(),
        id="settings-notifications",
    )


# --- time zone and language -------------------------------------------------------------


def time_zone_options() -> rx.Component:
    # A native datalist: type to filter ~420 names, no round trip per key (see the note in
    # the report: zone detection from the browser needs JS eval, which the CSP forbids).
    return rx.el.datalist(
        *[rx.el.option(value=name) for name in time_zone_names()], id="timezone-names"
    )


def region_section() -> rx.Component:
    return section(
        t("Time zone and language"),
        rx.cond(
            S.has_profile,
            rx.vstack(
                labelled_input(
                    t("Time zone"),
                    "timezone",
                    value=S.timezone,
                    on_change=S.set_timezone,
                    error=S.timezone_error,
                    hint=t("Type to search, e.g. Berlin or New_York. Your diary days follow it."),
                    list="timezone-names",
                    auto_complete="off",
                    on_focus=S.show_timezone_names,
                    id="timezone",
                ),
                # Rendered once the field is used: ~420 names stay off the first paint.
                rx.cond(S.timezone_names_shown, time_zone_options()),
                action_row(
                    rx.button(t("Save time zone"), on_click=S.save_timezone, id="timezone-save"),
                    notice(S.timezone_notice, "timezone-notice"),
                ),
                rx.vstack(
                    rx.el.label(
                        t("Language"), html_for="language", font_weight="500", font_size="0.9em"
                    ),
                    rx.select.root(
                        rx.select.trigger(id="language", width="100%"),
                        rx.select.content(
                            *[
                                rx.select.item(name, value=code, lang=code)
                                for code, name in LANGUAGES
                            ]
                        ),
                        value=S.language,
                        on_change=S.set_language,
                        size="3",
                    ),
                    notice(S.language_notice, "language-notice"),
                    spacing="1",
                    align="stretch",
                    width="100%",
                ),
                spacing="3",
                align="stretch",
                width="100%",
            ),
        ),
        id="settings-region",
    )


# --- security ---------------------------------------------------------------------------


def password_form() -> rx.Component:
    return rx.vstack(
        subheading(t("Change password")),
        form_alert(S.password_error, id="password-error"),
        labelled_input(
            t("Current password"),
            "current_password",
            type="password",
            auto_complete="current-password",
            value=S.current_password,
            on_change=S.set_current_password,
            error=S.current_password_error,
            id="current-password",
        ),
        labelled_input(
            t("New password"),
            "new_password",
            type="password",
            auto_complete="new-password",
            value=S.new_password,
            on_change=S.set_new_password,
            error=S.new_password_error,
            hint=t("At least 8 characters. Changing it signs out your other devices."),
            id="new-password",
        ),
        rx.button(
            t("Change password"),
            on_click=S.change_password,
            loading=S.changing_password,
            id="password-save",
            align_self="start",
        ),
        notice(S.password_notice, "password-notice"),
        spacing="3",
        align="stretch",
        width="100%",
    )


def session_row(row: rx.Var[dict[str, str]]) -> rx.Component:
    current = row["current"] != ""
    return rx.hstack(
        rx.vstack(
            rx.hstack(
                rx.text(row["device"], weight="bold"),
                rx.cond(current, rx.badge(t("This device"), color_scheme="grass")),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.text(
                tf(
                    "Last seen {when} · signed in {since}",
                    when=row["last_seen"],
                    since=row["since"],
                ),
                rx.cond(row["ip"] != "", rx.fragment(" · ", row["ip"])),
                size="2",
                color=MUTED,
            ),
            spacing="0",
            align="start",
        ),
        rx.spacer(),
        rx.cond(
            current,
            rx.fragment(),
            rx.button(
                t("Sign out"),
                on_click=S.revoke(row["id"]),
                loading=S.revoking == row["id"],
                variant="soft",
                color_scheme="tomato",
                aria_label=tf("Sign out {device}", device=row["device"]),
                class_name="revoke-session",
            ),
        ),
        align="center",
        width="100%",
        padding_y="0.5em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        class_name="session-row",
        data_current=row["current"],
    )


def sessions_list() -> rx.Component:
    return rx.vstack(
        subheading(t("Where you are signed in")),
        rx.cond(
            S.sessions_loading & (S.sessions.length() == 0),
            rx.hstack(rx.spinner(), rx.text(t("Loading your sessions…")), role="status"),
            rx.cond(
                S.sessions_error != "",
                rx.callout(S.sessions_error, color_scheme="tomato", role="alert"),
                rx.cond(
                    S.sessions.length() == 0,
                    rx.text(t("No sessions found."), color=MUTED),
                    rx.vstack(rx.foreach(S.sessions, session_row), spacing="0", width="100%"),
                ),
            ),
        ),
        notice(S.sessions_notice, "sessions-notice"),
        action_row(
            sign_out_button(everywhere=True, id="sign-out-everywhere"),
            rx.text(t("Ends every session, this one too."), size="2", color=MUTED),
        ),
        spacing="2",
        align="stretch",
        width="100%",
        id="sessions",
    )


def security_section() -> rx.Component:
    return section(
        t("Security"), password_form(), rx.separator(), sessions_list(), id="settings-security"
    )


def settings() -> rx.Component:
    return app_shell(
        form_alert(S.load_error, color="amber", id="settings-load-error"),
        rx.cond(
            S.loading & ~S.has_profile,
            rx.center(
                rx.spinner(size="3"),
                padding_y="1em",
                role="status",
                aria_label=t("Loading your settings"),
            ),
        ),
        rx.grid(
            rx.vstack(units_section(), notifications_section(), spacing="4", width="100%"),
            rx.vstack(
                region_section(), security_section(), data_section(), spacing="4", width="100%"
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        title=t("Settings"),
    )
