"""Settings, your data: the export downloads (JSON, zip with CSV), imports, deleting the account."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.i18n import t
from app.state.settings import SettingsState as S
from components.fields import form_alert, labelled_input
from components.native_form import native_form
from components.section_card import section, subheading

MUTED = rx.color("gray", 11)


def delete_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(t("Delete my account…"), color_scheme="tomato", id="delete-account-open"),
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("Delete your account?")),
            rx.alert_dialog.description(
                t(
                    "This deletes your account, diary, recipes, workouts, weight log, "
                    "notifications and settings on this server, and signs you out everywhere. "
                    "It cannot be undone. Download your data first if you want to keep it."
                ),
                size="2",
            ),
            native_form(
                rx.vstack(
                    labelled_input(
                        t("Your password"),
                        "password",
                        type="password",
                        auto_complete="current-password",
                        required=True,
                        id="delete-password",
                    ),
                    rx.hstack(
                        rx.alert_dialog.cancel(
                            rx.button(t("Keep my account"), variant="soft", color_scheme="gray"),
                        ),
                        rx.button(
                            t("Delete forever"),
                            type="submit",
                            color_scheme="tomato",
                            id="delete-account-confirm",
                        ),
                        justify="end",
                        spacing="3",
                        wrap="wrap",
                    ),
                    spacing="4",
                    align="stretch",
                    padding_top="1em",
                ),
                action=routes.SESSION_DELETE_ACCOUNT,
            ),
            max_width="460px",
        ),
    )


def download_link(text: rx.Var[str], href: str, id: str) -> rx.Component:
    return rx.link(
        rx.hstack(rx.icon("download", size=18), rx.text(text), spacing="2"),
        href=href,
        # Document navigation, not client-side routing: the browser downloads the answer.
        reload_document=True,
        download="",
        id=id,
        weight="medium",
        align_self="start",
    )


def import_form() -> rx.Component:
    """Upload a FitLedger export (the JSON file or the zip above, from any FitLedger): a
    plain multipart post to the UI backend, which answers back here with what it added."""
    return rx.vstack(
        subheading(t("Import a FitLedger export")),
        rx.text(
            t(
                "Bring back an export of this or another FitLedger (the JSON file or the zip): "
                "profile, targets, settings, weight log, diary, foods, recipes, workouts and "
                "programs. Importing the same file twice adds nothing."
            ),
            size="2",
            color=MUTED,
        ),
        form_alert(S.import_error, id="import-error"),
        rx.cond(
            S.import_lines.length() > 0,
            rx.callout(
                rx.vstack(rx.foreach(S.import_lines, lambda line: rx.text(line, size="2"))),
                color_scheme="grass",
                role="status",
                id="import-result",
                width="100%",
            ),
        ),
        native_form(
            rx.hstack(
                rx.el.label(t("Export file"), html_for="import-file", font_size="0.9em"),
                rx.el.input(
                    type="file",
                    name="file",
                    accept=".json,.zip,application/json,application/zip",
                    required=True,
                    id="import-file",
                ),
                rx.button(t("Import"), type="submit", variant="soft", id="import-submit"),
                spacing="3",
                align="center",
                wrap="wrap",
            ),
            action=routes.SESSION_IMPORT,
            enc_type="multipart/form-data",
        ),
        spacing="2",
        align="stretch",
        width="100%",
    )


def data_section() -> rx.Component:
    return section(
        t("Your data"),
        rx.text(
            t(
                "Everything FitLedger holds about you: account, profile, weight log, diary, "
                "foods and recipes, workouts, notification settings and feed. The zip adds a "
                "CSV file per kind (diary, weights, workouts, sets, notifications) for "
                "spreadsheets."
            ),
            size="2",
        ),
        download_link(
            t("Download everything (JSON + CSV, zip)"),
            routes.SESSION_EXPORT_ZIP,
            "export-zip-link",
        ),
        download_link(t("Download as one JSON file"), routes.SESSION_EXPORT, "export-link"),
        rx.link(
            rx.hstack(
                rx.icon("file-up", size=18),
                rx.text(t("Import workouts from Apple Health, Google Fit, Strong or Hevy")),
                spacing="2",
            ),
            href=routes.IMPORTS,
            id="imports-link",
            weight="medium",
            align_self="start",
        ),
        rx.link(
            rx.hstack(
                rx.icon("file-up", size=18),
                rx.text(t("Import a food diary from MyFitnessPal or Cronometer")),
                spacing="2",
            ),
            href=routes.DIARY_IMPORT,
            id="diary-import-link",
            weight="medium",
            align_self="start",
        ),
        rx.separator(),
        import_form(),
        rx.separator(),
        subheading(t("Delete account")),
        rx.text(
            t("Deleting your account removes all of your data from this server for good."),
            size="2",
            color=MUTED,
        ),
        form_alert(S.delete_error, id="delete-error"),
        rx.box(delete_dialog()),
        id="settings-data",
    )
