"""An import job as the import page shows it: where from, its progress, why it stopped, and
its report (one line per count)."""

from __future__ import annotations

import reflex as rx

from app.i18n import t
from components.fields import form_alert


def job_progress(
    source: rx.Var, file_name: rx.Var, percent: rx.Var, words: rx.Var, error: rx.Var, *, ids: str
) -> rx.Component:
    """Header, bar, words and error, laid out by the parent stack; ``ids`` prefixes the ids
    (``<ids>-progress``, ``<ids>-error``)."""
    return rx.fragment(
        rx.hstack(
            rx.text(source, weight="bold"),
            rx.text(file_name, size="2", color=rx.color("gray", 11), truncate=True),
            spacing="2",
            align="baseline",
            min_width="0",
        ),
        rx.progress(value=percent, max=100, size="3", aria_label=t("Import progress")),
        rx.text(words, size="2", id=f"{ids}-progress", role="status"),
        form_alert(error, id=f"{ids}-error"),
    )


def report_line(line: rx.Var) -> rx.Component:
    """``line``: a ReportLine (label, count, id)."""
    return rx.hstack(
        rx.text(line.label, size="2"),
        rx.spacer(),
        rx.text(line.count, size="2", weight="bold"),
        id=line.id,
        width="100%",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        padding_y="0.25em",
    )


def report(lines: rx.Var, *, id: str) -> rx.Component:
    return rx.cond(
        lines.length() > 0,
        rx.vstack(rx.foreach(lines, report_line), spacing="0", width="100%", id=id),
    )
