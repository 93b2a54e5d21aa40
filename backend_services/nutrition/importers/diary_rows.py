"""What another app's food-diary export reads into: dated rows of a meal, each with what the
app stated (energy and macros), a stable key, and the rows that could not be read.

Shared by the MyFitnessPal and Cronometer parsers; pure (text in, rows out, no I/O).
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from backend_services.kernel.dates import day_error

from ..domain import CORE, Nutrients

MAX_ROWS = 20_000
# QuickAdd's bounds (models.py): one diary row never states more than these.
MAX_ENERGY_KCAL = Decimal(10_000)
MAX_GRAMS_OF_NUTRIENT = Decimal(1_000)
MAX_SODIUM_MG = Decimal(100_000)
OUR_MEALS = {
    "breakfast": "breakfast",
    "lunch": "lunch",
    "dinner": "dinner",
    "supper": "dinner",
    "snack": "snack",
    "snacks": "snack",
}
# letters, digits, spaces and . ' - (models.MealType); anything else makes a custom name unsafe
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MEAL_NAME = re.compile(r"^[^\W_][\w .'\-]{0,39}$")


class DiaryExportError(ValueError):
    """The file is not an export this parser reads; nothing was imported."""

    def __init__(self, message: str, code: str = "not_a_diary_export"):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class DiaryRow:
    """One row of an export: a food eaten (Cronometer) or a meal's totals (MyFitnessPal)."""

    line: int
    day: date
    meal_type: str  # ours: breakfast, lunch, dinner, snack, or the app's custom meal name
    name: str
    amount: str  # as the app wrote it ("1.00 medium - 118g"); "" for a meal's totals
    grams: Decimal | None  # when the amount says it
    stated: Nutrients
    note: str = ""
    key: str = ""  # set by ``keyed``: the same row of the same app gets the same key


@dataclass(frozen=True)
class RejectedRow:
    line: int
    reason: str


@dataclass
class ParsedDiary:
    source: str  # myfitnesspal | cronometer
    rows: list[DiaryRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)


class RowError(ValueError):
    """One row cannot be read; the parser records it as rejected and goes on."""


MAX_FIELD_CHARS = 10_000


def csv_rows(text: str, required: Iterable[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """The export's rows by column name, with their line numbers (the header is line 1)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = [name.strip() for name in reader.fieldnames or []]
    except csv.Error as error:
        raise DiaryExportError(f"Line 1: {error}.", code="wrong_header") from error
    missing = [name for name in required if name not in header]
    if missing:
        raise DiaryExportError(
            f"The first line does not name the export's columns (missing: {', '.join(missing)}).",
            code="wrong_header",
        )
    reader.fieldnames = header
    number = 1
    try:
        for number, row in enumerate(reader, start=2):
            if number > MAX_ROWS + 1:
                raise DiaryExportError(
                    f"More than {MAX_ROWS:,} rows: export a shorter period.", code="too_many_rows"
                )
            if None in row:  # more values than columns
                raise DiaryExportError(f"Line {number}: more values than columns.", code="bad_row")
            # Our own bound, not the csv module's (a process-wide setting others may raise).
            if any(len(v or "") > MAX_FIELD_CHARS for v in row.values()):
                raise DiaryExportError(
                    f"Line {number}: a value longer than {MAX_FIELD_CHARS:,} characters.",
                    code="bad_row",
                )
            yield number, {k: (v or "").strip() for k, v in row.items()}
    except csv.Error as error:  # a quote left open, a field over the csv module's limit
        raise DiaryExportError(f"After line {number}: {error}.", code="bad_row") from error


def read_day(value: str) -> date:
    """A day by the API's one rule (kernel/dates.py): from 2000-01-01, not in the future."""
    try:
        if not _ISO_DAY.fullmatch(value):
            raise ValueError(value)
        day = date.fromisoformat(value)
    except ValueError as error:
        raise RowError(f"unreadable date {value!r} (expected YYYY-MM-DD)") from error
    problem = day_error(day, 0)
    if problem:
        raise RowError(f"date {value}: {problem}")
    return day


def read_number(value: str | None, column: str) -> Decimal | None:
    """A stated amount: empty is unknown; negative, infinite or not a number is refused."""
    if value is None or not value.strip():
        return None
    try:
        number = Decimal(value.replace(",", ""))
    except InvalidOperation as error:
        raise RowError(f"{column}: not a number: {value!r}") from error
    if not number.is_finite() or number < 0 or not math.isfinite(float(number)):
        raise RowError(f"{column}: impossible value {value!r}")
    return number.quantize(Decimal("0.01"))


def stated_nutrients(row: Mapping[str, str], columns: Mapping[str, str]) -> Nutrients:
    """Our nutrients from the app's columns (``columns``: ours -> the app's column name)."""
    values = {ours: read_number(row.get(theirs), theirs) for ours, theirs in columns.items()}
    if values.get("energy_kcal") is None:
        raise RowError(f"{columns['energy_kcal']}: missing")
    for name, value in values.items():
        limit = (
            MAX_ENERGY_KCAL
            if name == "energy_kcal"
            else MAX_SODIUM_MG
            if name == "sodium_mg"
            else MAX_GRAMS_OF_NUTRIENT
        )
        if value is not None and value > limit:
            raise RowError(f"{columns[name]}: more than one diary row can hold ({value})")
    return Nutrients(**{name: values.get(name) for name in CORE}, micronutrients={})


def meal_type(name: str) -> str:
    """Our meal type for the app's meal name: the four usual ones by name, a custom meal
    ("Pre-workout") as itself, and anything unnamed or unsafe as a snack."""
    cleaned = " ".join(name.split())
    usual = OUR_MEALS.get(cleaned.lower())
    if usual:
        return usual
    if cleaned.lower() in ("", "uncategorized", "uncategorised", "other"):
        return "snack"
    return cleaned if _MEAL_NAME.match(cleaned) else "snack"


def keyed(source: str, rows: Iterable[DiaryRow]) -> list[DiaryRow]:
    """Each row with its stable key: the app, the day, the meal, what was eaten and how much,
    and which of identical rows it is (two identical coffees on one morning are two items)."""
    seen: Counter[str] = Counter()
    out = []
    for row in rows:
        what = "|".join(
            (source, row.day.isoformat(), row.meal_type, row.name, row.amount, str(row.stated))
        )
        seen[what] += 1
        digest = hashlib.sha256(f"{what}|{seen[what]}".encode()).hexdigest()[:32]
        out.append(replace(row, key=f"{source}:{digest}"))
    return out


def finished(parsed: ParsedDiary) -> ParsedDiary:
    if not parsed.rows and not parsed.rejected:
        raise DiaryExportError("The export holds no diary rows.", code="empty_file")
    if not parsed.rows:
        first = parsed.rejected[0]
        raise DiaryExportError(
            f"No row could be read (line {first.line}: {first.reason}).", code="no_readable_rows"
        )
    parsed.rows = keyed(parsed.source, parsed.rows)
    return parsed
