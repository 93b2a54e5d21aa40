"""The diary-import page's pure logic: the upload's summary, the rows to review with their
choices (one of our foods, the stated energy, or leave it out), the decisions the import
takes, and the report in words."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from app.api.diary_imports import MAX_UPLOAD_BYTES, DiaryImport, ImportRow, Suggestion
from app.i18n import tr
from app.i18n.formats import fmt_date
from app.state.diary_logic import fmt_kcal, fmt_number
from app.state.import_logic import ReportLine

SOURCE_LABELS = {"myfitnesspal": "MyFitnessPal", "cronometer": "Cronometer"}
STATED = "stated"
SKIP = "skip"
FOOD = "food:"


@dataclasses.dataclass
class Choice:
    value: str  # "food:<id>" | "stated" | "skip"
    label: str


@dataclasses.dataclass
class ReviewRow:
    key: str
    name: str
    when: str  # "Mon 2 Mar · Lunch"
    amount: str  # "1.00 bowl · 310 kcal"
    options: list[Choice]
    choice: str


@dataclasses.dataclass
class MatchedRow:
    key: str
    name: str
    when: str
    food: str  # "Bananas, raw · 118 g · 105 kcal"


def meal_label(meal_type: str, language: str = "en") -> str:
    usual = {
        "breakfast": tr(language, "Breakfast"),
        "lunch": tr(language, "Lunch"),
        "dinner": tr(language, "Dinner"),
        "snack": tr(language, "Snacks"),
    }
    return usual.get(meal_type, meal_type)


def _when(row: ImportRow, language: str) -> str:
    return f"{fmt_date(language, row.date, 'day_year')} · {meal_label(row.meal_type, language)}"


def _kcal(value: float | None, language: str) -> str:
    return tr(language, "{n} kcal", n=fmt_kcal(value, language))


def suggestion_label(s: Suggestion, language: str = "en") -> str:
    """ "Cereals, oats, ... — 40 g, 152 kcal (78% alike)"."""
    amount = (
        tr(language, "{n} g", n=fmt_number(s.grams, language=language))
        if s.grams is not None
        else tr(language, "amount unknown")
    )
    alike = tr(language, "{percent}% alike", percent=round(s.score * 100))
    name = f"{s.name} ({s.brand})" if s.brand else s.name
    return f"{name} — {amount}, {_kcal(s.energy_kcal, language)} ({alike})"


def review_rows(job: DiaryImport, language: str = "en") -> list[ReviewRow]:
    """Rows to decide; each starts as its stated energy (what the other app counted)."""
    rows = []
    for row in job.review:
        options = [
            Choice(
                STATED,
                tr(language, "Keep as in the file: {kcal}", kcal=_kcal(row.stated_kcal, language)),
            ),
            *(
                Choice(f"{FOOD}{s.food_id}", suggestion_label(s, language))
                for s in row.suggestions
                if s.grams is not None
            ),
            Choice(SKIP, tr(language, "Leave it out")),
        ]
        amount = " · ".join(part for part in (row.amount, _kcal(row.stated_kcal, language)) if part)
        rows.append(ReviewRow(row.key, row.name, _when(row, language), amount, options, STATED))
    return rows


def matched_rows(job: DiaryImport, language: str = "en") -> list[MatchedRow]:
    out = []
    for row in job.matched:
        if row.match is None:
            continue
        m = row.match
        grams = tr(language, "{n} g", n=fmt_number(m.grams, language=language))
        food = " · ".join((m.name, grams, _kcal(m.energy_kcal, language)))
        out.append(MatchedRow(row.key, row.name, _when(row, language), food))
    return out


def chosen(rows: Iterable[ReviewRow], key: str, value: str) -> list[ReviewRow]:
    """The rows with one row's choice changed (a value it does not offer changes nothing)."""
    out = []
    for row in rows:
        if row.key == key and any(o.value == value for o in row.options):
            row = dataclasses.replace(row, choice=value)
        out.append(row)
    return out


def decisions(rows: Iterable[ReviewRow]) -> list[dict[str, object]]:
    """What the import takes: one decision per reviewed row."""
    out: list[dict[str, object]] = []
    for row in rows:
        if row.choice.startswith(FOOD):
            out.append({"key": row.key, "action": "food", "food_id": int(row.choice[len(FOOD) :])})
        else:
            out.append({"key": row.key, "action": SKIP if row.choice == SKIP else STATED})
    return out


def summary_lines(job: DiaryImport, language: str = "en") -> list[ReportLine]:
    s = job.summary
    lines = (
        ("rows", tr(language, "Rows read")),
        ("days", tr(language, "Days")),
        ("matched", tr(language, "Matched to our foods")),
        ("stated", tr(language, "Meals with their stated calories and macros")),
        ("review", tr(language, "To review")),
        ("already_imported", tr(language, "Already imported before")),
        ("rejected", tr(language, "Rows that could not be read")),
    )
    return [
        ReportLine(label, str(s.get(key, 0)), f"diary-summary-{key.replace('_', '-')}")
        for key, label in lines
        if s.get(key) or key in ("rows", "days")
    ]


def report_lines(report: Mapping[str, int], language: str = "en") -> list[ReportLine]:
    lines = (
        ("days", tr(language, "Days")),
        ("meals", tr(language, "Meals")),
        ("imported", tr(language, "Items added to your diary")),
        ("matched", tr(language, "of them, our foods")),
        ("stated", tr(language, "of them, with the calories and macros from the file")),
        ("skipped", tr(language, "Left out as you chose")),
        ("already_imported", tr(language, "Skipped: already imported before")),
        ("unmatched", tr(language, "Not decided, left out")),
        ("rejected", tr(language, "Rows that could not be read")),
    )
    return [
        ReportLine(label, str(report.get(key, 0)), f"diary-report-{key.replace('_', '-')}")
        for key, label in lines
        if key in report
    ]


def rejected_words(rejected: Iterable[tuple[int, str]], language: str = "en") -> list[str]:
    """The unreadable rows as "Line 9: Energy (kcal): not a number" (the reason as the
    server wrote it: it quotes the file)."""
    return [
        tr(language, "Line {line}: {reason}", line=line, reason=reason) for line, reason in rejected
    ]


def rejection_words(rejections: list[dict], language: str = "en") -> str:
    """Why the file chooser refused a file (react-dropzone's error codes)."""
    codes = {str(e.get("code")) for r in rejections for e in (r.get("errors") or [])}
    if "file-too-large" in codes:
        return tr(
            language,
            "This file is larger than {limit} MB. Export a shorter period and upload it.",
            limit=fmt_number(MAX_UPLOAD_BYTES / 1_000_000, language=language),
        )
    if "too-many-files" in codes:
        return tr(language, "Choose one export file.")
    return tr(
        language,
        "Upload the CSV file as MyFitnessPal or Cronometer exported it.",
    )


def file_refusal(code: str, language: str = "en") -> str | None:
    """The page's own words for the service's refusals of a file (None: another error)."""
    texts = {
        "wrong_header": tr(
            language,
            "This is not a MyFitnessPal nutrition export or a Cronometer servings export: "
            "its first line must name the columns.",
        ),
        "empty_file": tr(language, "The file is empty."),
        "not_utf8": tr(
            language, "This file is not UTF-8 text. Upload the CSV file as it was exported."
        ),
        "no_readable_rows": tr(language, "No row of this file could be read."),
        "too_many_rows": tr(language, "This file has too many rows. Export a shorter period."),
        "bad_row": tr(language, "A row of this file has more values than columns."),
        "payload_too_large": rejection_words([{"errors": [{"code": "file-too-large"}]}], language),
    }
    return texts.get(code)
