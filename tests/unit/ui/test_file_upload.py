"""The import pages' drop zone: its file input has an accessible name (Lighthouse's "form
elements have labels"; react-dropzone's input is visually hidden, not removed)."""

from __future__ import annotations

import re

import reflex as rx

from components.file_upload import file_drop


def _rendered(prompt: str) -> str:
    return str(
        file_drop(
            "some-export",
            prompt=prompt,
            hint="a hint",
            accept={"text/csv": [".csv"]},
            max_size=1024,
            on_rejected=None,
            button="Send",
            on_start=lambda files: None,
            busy=rx.Var.create(False),
            button_id="send",
        )
    )


def test_the_file_input_is_named_by_the_prompt() -> None:
    inputs = re.findall(r'jsx\("input",\{([^}]*)\}', _rendered("Choose the CSV file"))
    assert len(inputs) == 1
    assert '"aria-label":"Choose the CSV file"' in inputs[0]
    assert 'type:"file"' in inputs[0]


def test_the_chosen_file_line_has_an_id_per_upload() -> None:
    assert 'id:"some-export-chosen"' in _rendered("Choose")
