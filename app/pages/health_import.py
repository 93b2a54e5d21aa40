"""The import page (`/imports`): upload an Apple Health or Google Fit export, watch the job,
see what was imported with its provenance and undo a merge. State: app/state/health_import.py."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.i18n import t, tf
from app.pages.strength_import import strength_import_card
from app.state.health_import import UPLOAD_ID
from app.state.health_import import HealthImportState as S
from app.state.import_logic import MAX_UPLOAD_BYTES
from components.fields import form_alert
from components.file_upload import file_drop
from components.import_job import job_progress, report
from components.layout import app_shell

TITLE = t("Import workouts · FitLedger")
MUTED = rx.color("gray", 11)


def how_to() -> rx.Component:
    return rx.vstack(
        rx.text(
            t(
                "Bring your history from a phone. Workouts that two sources recorded (the same "
                "run in Apple Health and Google Fit) become one workout, and you can split them "
                "again."
            ),
            size="2",
        ),
        rx.el.ul(
            rx.el.li(
                rx.text.strong("Apple Health: "),
                t(
                    "Health app → your picture → Export All Health Data, then upload export.zip "
                    "(or the export.xml inside it)."
                ),
            ),
            rx.el.li(
                rx.text.strong("Google Fit: "),
                t("takeout.google.com → Fit only → upload the Takeout zip."),
            ),
            font_size="0.875em",
            padding_left="1.2em",
            margin="0",
        ),
        spacing="2",
        align="stretch",
    )


def upload_box() -> rx.Component:
    return rx.vstack(
        file_drop(
            UPLOAD_ID,
            prompt=t("Choose or drop export.zip, export.xml or a Takeout zip"),
            hint=t("One file; large exports take a minute."),
            accept={
                "application/zip": [".zip"],
                "application/x-zip-compressed": [".zip"],
                "text/xml": [".xml"],
                "application/xml": [".xml"],
            },
            max_size=MAX_UPLOAD_BYTES,
            on_rejected=S.rejected,
            button=t("Import"),
            on_start=S.handle_upload,
            busy=S.uploading,
            button_id="import-start",
            file_name_id="chosen-file",
        ),
        form_alert(S.upload_error, id="upload-error"),
        spacing="3",
        align="stretch",
        width="100%",
    )


def job_card() -> rx.Component:
    return rx.cond(
        S.job_id != "",
        rx.card(
            rx.vstack(
                job_progress(
                    S.job_provider,
                    S.job_file,
                    S.progress_pct,
                    S.progress_text,
                    S.job_error,
                    ids="import",
                ),
                report(S.report, id="import-report"),
                spacing="3",
                align="stretch",
                width="100%",
            ),
            id="import-job",
            width="100%",
        ),
    )


def undo_button(merge: rx.Var, workout_id: rx.Var) -> rx.Component:
    return rx.cond(
        merge.workout_id == workout_id,
        rx.hstack(
            rx.text(
                tf("Also from {source}", source=merge.label),
                size="1",
                color=MUTED,
                flex="1",
                min_width="0",
            ),
            rx.button(
                rx.icon("split", size=14, aria_hidden="true"),
                t("Undo merge"),
                on_click=S.undo_merge(merge.workout_id, merge.external_id),
                loading=S.separating == merge.external_id,
                size="1",
                variant="soft",
                color_scheme="amber",
                class_name="undo-merge",
                aria_label=tf("Undo merge: {source}", source=merge.label),
            ),
            align="center",
            spacing="2",
            width="100%",
        ),
    )


def imported_item(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.vstack(
            rx.link(
                rx.text(row.name, size="3", weight="medium"),
                href=row.href,
                color="inherit",
            ),
            rx.hstack(
                rx.badge(
                    rx.cond(row.merged, rx.icon("merge", size=12, aria_hidden="true")),
                    row.provenance,
                    variant="soft",
                    color_scheme=rx.cond(row.merged, "amber", "gray"),
                    class_name="provenance",
                ),
                rx.text(row.date, size="2", color=MUTED),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.text(row.facts, size="2", color=MUTED),
            rx.foreach(S.merges, lambda merge: undo_button(merge, row.id)),
            spacing="1",
            align="stretch",
            padding_y="0.6em",
            border_bottom=f"1px solid {rx.color('gray', 4)}",
        ),
        list_style="none",
        class_name="imported-row",
        id="imported-" + row.id,
    )


def imported_list() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(t("Imported workouts"), as_="h2", size="4"),
            rx.spacer(),
            rx.link(t("All workouts"), href=routes.WORKOUTS, size="2"),
            align="baseline",
            width="100%",
        ),
        rx.cond(
            S.merge_notice != "",
            rx.text(
                S.merge_notice, color_scheme="grass", size="2", id="merge-notice", role="status"
            ),
        ),
        form_alert(S.merge_error, id="merge-error"),
        form_alert(S.load_error, id="imports-load-error"),
        rx.cond(
            S.rows.length() > 0,
            rx.el.ul(rx.foreach(S.rows, imported_item), id="imported", padding="0", margin="0"),
            rx.cond(
                S.loading,
                rx.center(rx.spinner(), role="status", aria_label=t("Loading")),
                rx.text(t("Nothing imported yet."), size="2", color=MUTED, id="no-imports"),
            ),
        ),
        spacing="2",
        align="stretch",
        width="100%",
    )


def health_import() -> rx.Component:
    return app_shell(
        rx.grid(
            rx.vstack(
                rx.card(
                    rx.vstack(how_to(), upload_box(), spacing="4", width="100%"),
                    width="100%",
                ),
                job_card(),
                strength_import_card(),
                rx.link(
                    t("Food diary from MyFitnessPal or Cronometer →"),
                    href=routes.DIARY_IMPORT,
                    id="diary-import-link",
                    weight="medium",
                ),
                spacing="4",
                width="100%",
            ),
            rx.card(imported_list(), width="100%"),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        title=t("Import workouts"),
    )
