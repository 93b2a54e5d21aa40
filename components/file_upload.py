"""A file drop zone with the chosen file's name and its start button, and the CSV upload box
made of it: the upload part of an import page (stateless; the page passes its events)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.fields import form_alert

MUTED = rx.color("gray", 11)
CSV_FILES = {"text/csv": [".csv"], "text/plain": [".csv", ".txt"]}


def labelled_file_input(upload: rx.Component, label: rx.Var[str] | str) -> rx.Component:
    """``rx.upload`` with its file input named for screen readers.

    The input react-dropzone renders is visually hidden, not ``display: none``, so
    accessibility checkers (and screen readers) meet an unlabelled control; Reflex creates
    it without taking props, so the name is set on the created input here."""
    zone = upload.children[0]
    file_input = zone.children[0]
    if getattr(file_input, "type", None) is None or file_input.tag != "input":
        msg = "rx.upload's structure changed: its file input is no longer the zone's first child"
        raise TypeError(msg)
    file_input.custom_attrs["aria-label"] = label
    return upload


def file_drop(
    upload_id: str,
    *,
    prompt: rx.Var[str] | str,
    hint: rx.Var[str] | str | None,
    accept: dict[str, list[str]],
    max_size: int,
    on_rejected: Any,
    button: rx.Var[str] | str,
    on_start: Any,
    busy: rx.Var[bool],
    button_id: str,
) -> rx.Component:
    """One file: the drop zone, the name of the file chosen (``<upload_id>-chosen``), the
    button that sends it."""
    return rx.fragment(
        labelled_file_input(
            rx.upload(
                rx.vstack(
                    rx.icon("upload", size=28, aria_hidden="true", color=rx.color("grass", 11)),
                    rx.text(prompt, weight="medium"),
                    *([] if hint is None else [rx.text(hint, size="1", color=MUTED)]),
                    align="center",
                    spacing="1",
                ),
                id=upload_id,
                multiple=False,
                max_files=1,
                max_size=max_size,
                on_drop_rejected=on_rejected,
                accept=accept,
                border=f"2px dashed {rx.color('gray', 7)}",
                border_radius="var(--radius-3)",
                padding="1.5em 1em",
                width="100%",
                cursor="pointer",
            ),
            prompt,
        ),
        rx.foreach(
            rx.selected_files(upload_id),
            lambda name: rx.hstack(
                rx.icon("file", size=14, aria_hidden="true", flex_shrink="0"),
                rx.text(name, size="2", truncate=True, id=f"{upload_id}-chosen"),
                spacing="1",
                align="center",
                min_width="0",
            ),
        ),
        rx.button(
            rx.icon("file-up", size=18, aria_hidden="true"),
            button,
            on_click=on_start(rx.upload_files(upload_id=upload_id)),
            loading=busy,
            disabled=rx.selected_files(upload_id).length() == 0,
            size="3",
            id=button_id,
            width=["100%", "auto"],
        ),
    )


def csv_upload_box(
    upload_id: str, *, error: rx.Var[str], error_id: str, **drop: Any
) -> rx.Component:
    """A CSV export's upload: the drop zone with its start button (``drop``: the other
    arguments of ``file_drop``), the upload's error below."""
    return rx.vstack(
        file_drop(upload_id, hint=None, accept=CSV_FILES, **drop),
        form_alert(error, id=error_id),
        spacing="3",
        align="stretch",
        width="100%",
    )
