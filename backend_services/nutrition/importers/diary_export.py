"""An uploaded food-diary export: bytes to rows, whichever app wrote it (by its header line)."""

from __future__ import annotations

from . import cronometer, myfitnesspal
from .diary_rows import DiaryExportError, ParsedDiary

SOURCES = ("myfitnesspal", "cronometer")


def read_export(data: bytes) -> ParsedDiary:
    if not data.strip():
        raise DiaryExportError("The file is empty.", code="empty_file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DiaryExportError(
            f"The file is not UTF-8 text (byte {error.start}): upload the CSV as exported.",
            code="not_utf8",
        ) from error
    if not text.strip():
        raise DiaryExportError("The file is empty.", code="empty_file")
    if "\x00" in text:
        raise DiaryExportError("The file is not a CSV text file.", code="not_utf8")
    header = text.lstrip("\ufeff").splitlines()[0]
    # Cronometer first: its header also has a "Day"/"Group" that MyFitnessPal's lacks.
    if cronometer.looks_like(header):
        return cronometer.parse(text)
    if myfitnesspal.looks_like(header):
        return myfitnesspal.parse(text)
    raise DiaryExportError(
        "Not a MyFitnessPal nutrition export or a Cronometer servings export "
        "(the first line names the columns).",
        code="wrong_header",
    )
