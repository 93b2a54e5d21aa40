"""The import page's Strong/Hevy card (`/imports`, beside the health exports): choose the
app (and Strong's weight unit), upload its CSV, follow the job, choose our exercise for each
name it did not recognise, see the report. State: app/state/strength_import.py."""

from __future__ import annotations

import reflex as rx

from app.i18n import t
from app.state.strength_import import UPLOAD_ID
from app.state.strength_import import StrengthImportState as S
from app.state.strength_import_logic import MAX_CSV_BYTES
from components.fields import form_alert
from components.file_upload import csv_upload_box
from components.import_job import job_progress, report

MUTED = rx.color("gray", 11)


def app_option(value: str, label: str) -> rx.Component:
    return rx.el.label(
        rx.radio_group.item(value=value, id=f"strength-app-{value}"),
        rx.text(label, size="2"),
        display="flex",
        align_items="center",
        gap="0.4em",
        cursor="pointer",
    )


def app_choice() -> rx.Component:
    return rx.vstack(
        rx.radio_group.root(
            rx.hstack(
                app_option("strong", "Strong"),
                app_option("hevy", "Hevy"),
                spacing="4",
                align="center",
            ),
            value=S.app,
            on_change=S.set_app,
            aria_label=t("Which app wrote the file"),
        ),
        rx.cond(
            S.app == "strong",
            rx.hstack(
                rx.el.label(
                    t("Weights in the file are in"),
                    html_for="strength-weight-unit",
                    font_size="14px",
                ),
                # A native select: its name comes from the label (Radix's trigger had none).
                rx.el.select(
                    rx.el.option("kg", value="kg"),
                    rx.el.option("lb", value="lb"),
                    value=S.weight_unit,
                    on_change=S.set_weight_unit,
                    id="strength-weight-unit",
                    class_name="native-select",
                ),
                align="center",
                spacing="2",
                id="strength-unit-choice",
            ),
            rx.text(t("Hevy's export is in kilograms and kilometres."), size="1", color=MUTED),
        ),
        rx.text(
            t(
                "Strong: Settings → Export data. Hevy: Settings → Export & Import → Export "
                "workouts. Importing the same file again adds nothing."
            ),
            size="1",
            color=MUTED,
        ),
        spacing="2",
        align="stretch",
    )


def upload_box() -> rx.Component:
    return csv_upload_box(
        UPLOAD_ID,
        prompt=t("Choose or drop the CSV export"),
        max_size=MAX_CSV_BYTES,
        on_rejected=S.rejected,
        button=t("Import"),
        on_start=S.handle_upload,
        busy=S.uploading,
        button_id="strength-import-start",
        error=S.upload_error,
        error_id="strength-upload-error",
    )


def review_row(row: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(row.name, weight="medium", size="2"),
            rx.text(row.sets, size="1", color=MUTED),
            spacing="2",
            align="baseline",
            wrap="wrap",
        ),
        rx.select.root(
            rx.select.trigger(width="100%", aria_label=row.name),
            rx.select.content(
                rx.foreach(row.options, lambda o: rx.select.item(o.label, value=o.value)),
            ),
            value=row.chosen,
            on_change=lambda value: S.choose(row.name, value),
        ),
        id=row.id,
        class_name="review-row",
        spacing="1",
        align="stretch",
        width="100%",
    )


def review() -> rx.Component:
    return rx.cond(
        S.review.length() > 0,
        rx.vstack(
            rx.heading(t("Exercises we did not recognise"), as_="h3", size="3"),
            rx.foreach(S.review, review_row),
            form_alert(S.review_error, id="strength-review-error"),
            rx.button(
                t("Finish the import"),
                on_click=S.finish_review,
                loading=S.submitting,
                id="strength-review-submit",
                width=["100%", "auto"],
            ),
            spacing="3",
            align="stretch",
            width="100%",
            id="strength-review",
        ),
    )


def job() -> rx.Component:
    return rx.cond(
        S.job_id != "",
        rx.vstack(
            job_progress(
                S.job_app,
                S.job_file,
                S.progress_pct,
                S.progress_text,
                S.job_error,
                ids="strength-import",
            ),
            review(),
            report(S.report, id="strength-import-report"),
            spacing="3",
            align="stretch",
            width="100%",
            id="strength-import-job",
        ),
    )


def strength_import_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("From Strong or Hevy"), as_="h2", size="4"),
            app_choice(),
            upload_box(),
            job(),
            spacing="4",
            width="100%",
        ),
        width="100%",
        id="strength-import",
    )
