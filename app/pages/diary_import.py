"""The diary-import page (`/imports/diary`): bring a food diary from MyFitnessPal or Cronometer,
review the rows that did not match one of our foods, import. State: app/state/diary_import.py."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.api.diary_imports import MAX_UPLOAD_BYTES
from app.i18n import t
from app.state.diary_import import UPLOAD_ID
from app.state.diary_import import DiaryImportState as S
from components.fields import form_alert
from components.file_upload import csv_upload_box
from components.import_job import report_line
from components.layout import app_shell

TITLE = t("Import a food diary · FitLedger")
MUTED = rx.color("gray", 11)


def how_to() -> rx.Component:
    return rx.vstack(
        rx.heading(t("Food diary from MyFitnessPal or Cronometer"), as_="h2", size="4"),
        rx.text(
            t(
                "Cronometer's foods are matched to ours; the rows that do not match are listed "
                "for you to decide. MyFitnessPal exports meal totals, so each meal comes in "
                "with its calories and macros. Importing the same file again adds nothing."
            ),
            size="2",
        ),
        rx.el.ul(
            rx.el.li(
                rx.text.strong("MyFitnessPal: "),
                t("Reports → Export data → Nutrition, then upload the CSV file."),
            ),
            rx.el.li(
                rx.text.strong("Cronometer: "),
                t("More → Account → Export Data → Food & Recipe Entries (servings.csv)."),
            ),
            font_size="0.875em",
            padding_left="1.2em",
            margin="0",
        ),
        spacing="2",
        align="stretch",
    )


def upload_box() -> rx.Component:
    return csv_upload_box(
        UPLOAD_ID,
        prompt=t("Choose or drop the exported CSV file"),
        max_size=MAX_UPLOAD_BYTES,
        on_rejected=S.rejected_file,
        button=t("Read the file"),
        on_start=S.handle_upload,
        busy=S.uploading,
        button_id="diary-upload",
        error=S.upload_error,
        error_id="diary-upload-error",
    )


def review_item(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.vstack(
            rx.text(row.name, size="3", weight="medium"),
            rx.text(row.when, " · ", row.amount, size="2", color=MUTED),
            rx.select.root(
                rx.select.trigger(width="100%", aria_label=t("What to import for this row")),
                rx.select.content(
                    rx.foreach(row.options, lambda o: rx.select.item(o.label, value=o.value))
                ),
                value=row.choice,
                on_change=lambda value: S.choose(row.key, value),
            ),
            spacing="1",
            align="stretch",
            padding_y="0.6em",
            border_bottom=f"1px solid {rx.color('gray', 4)}",
        ),
        list_style="none",
        class_name="diary-review-row",
    )


def matched_item(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.text(row.name, size="2", weight="medium"),
        rx.text(row.when, " → ", row.food, size="1", color=MUTED),
        list_style="none",
        padding_y="0.3em",
        class_name="diary-matched-row",
    )


def review_section() -> rx.Component:
    return rx.vstack(
        rx.cond(
            S.review.length() > 0,
            rx.vstack(
                rx.heading(t("Rows to review"), as_="h3", size="3"),
                rx.text(
                    t(
                        "These rows did not match one of our foods well enough. Pick a food, "
                        "keep the row's calories and macros as the file states them, or leave "
                        "it out."
                    ),
                    size="2",
                    color=MUTED,
                ),
                rx.el.ul(rx.foreach(S.review, review_item), padding="0", margin="0"),
                spacing="2",
                align="stretch",
                width="100%",
                id="diary-review",
            ),
        ),
        rx.cond(
            S.more_to_review,
            rx.hstack(
                rx.text(t("Rows to review that are not listed:"), size="2"),
                rx.select.root(
                    rx.select.trigger(aria_label=t("Rows to review that are not listed:")),
                    rx.select.content(
                        rx.select.item(t("Leave them out"), value="skip"),
                        rx.select.item(t("Keep the file's calories and macros"), value="stated"),
                    ),
                    value=S.others,
                    on_change=S.set_others,
                ),
                align="center",
                wrap="wrap",
                spacing="2",
            ),
        ),
        rx.button(
            rx.icon("download", size=18, aria_hidden="true"),
            t("Import into my diary"),
            on_click=S.run_import,
            loading=S.importing,
            size="3",
            id="diary-import-run",
            width=["100%", "auto"],
        ),
        form_alert(S.import_error, id="diary-import-error"),
        rx.cond(
            S.matched.length() > 0,
            rx.el.details(
                rx.el.summary(t("Rows matched to our foods")),
                rx.el.ul(rx.foreach(S.matched, matched_item), padding="0", margin="0"),
                id="diary-matched",
            ),
        ),
        spacing="3",
        align="stretch",
        width="100%",
    )


def job_card() -> rx.Component:
    return rx.cond(
        S.import_id != "",
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.text(S.source, weight="bold"),
                    rx.text(S.file_name, size="2", color=MUTED, truncate=True),
                    spacing="2",
                    align="baseline",
                    min_width="0",
                ),
                rx.vstack(rx.foreach(S.summary, report_line), spacing="0", width="100%"),
                rx.foreach(S.rejected, lambda line: rx.text(line, size="1", color=MUTED)),
                rx.cond(S.status == "review", review_section()),
                rx.cond(
                    S.report.length() > 0,
                    rx.vstack(
                        rx.heading(t("Imported"), as_="h3", size="3"),
                        rx.vstack(
                            rx.foreach(S.report, report_line),
                            spacing="0",
                            width="100%",
                            id="diary-import-report",
                            role="status",
                        ),
                        rx.link(t("Open the diary"), href=routes.DIARY, size="2"),
                        spacing="2",
                        align="stretch",
                        width="100%",
                    ),
                ),
                spacing="3",
                align="stretch",
                width="100%",
            ),
            id="diary-import-job",
            width="100%",
        ),
    )


def diary_import() -> rx.Component:
    return app_shell(
        rx.vstack(
            rx.card(rx.vstack(how_to(), upload_box(), spacing="4", width="100%"), width="100%"),
            job_card(),
            spacing="4",
            width="100%",
            max_width="48em",
        ),
        title=t("Import a food diary"),
    )
