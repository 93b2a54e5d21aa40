"""One line of an import's report: what was counted, and how many."""

from __future__ import annotations

import reflex as rx


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
