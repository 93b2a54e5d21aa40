"""Every text of the web app exists in English and Russian, and the catalog holds nothing else.

The English text is the key: the test reads every `t(...)`, `tf(...)`, `tr(lang, ...)` and
`trn(lang, n, one, other)` call in `app/` and `components/` and checks the Russian catalog
has it, with the same placeholders, and that no catalog entry is left that no page uses.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.i18n import RUSSIAN, Plural, language_from_header, tr, trn
from app.i18n.catalog import CONFLICTS, PLACEHOLDER, placeholders

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    path
    for folder in ("app", "components")
    for path in (ROOT / folder).rglob("*.py")
    if "i18n" not in path.parts
)
# Which positional argument holds the English text (for trn: both `one` and `other`).
TEXT_ARGUMENTS = {"t": (0,), "tf": (0,), "tr": (1,), "trn": (2, 3)}


def _texts_used() -> dict[str, str]:
    """English text -> where it is first used; non-literal arguments are refused."""
    used: dict[str, str] = {}
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            positions = TEXT_ARGUMENTS.get(node.func.id)
            if positions is None:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            for position in positions:
                argument = node.args[position]
                assert isinstance(argument, ast.Constant) and isinstance(argument.value, str), (
                    f"{where}: {node.func.id}() needs a literal English text"
                )
                if node.func.id == "trn" and position == 2:
                    continue  # `one` is English only; `other` is the catalog key
                used.setdefault(argument.value, where)
    return used


USED = _texts_used()


def test_every_text_has_russian() -> None:
    missing = {text: where for text, where in USED.items() if text not in RUSSIAN}
    assert not missing, f"no Russian for {len(missing)} texts: {missing}"


def test_the_catalog_holds_only_texts_in_use() -> None:
    unused = sorted(set(RUSSIAN) - set(USED))
    assert not unused, f"catalog entries no page uses: {unused}"


def test_one_text_has_one_translation_in_every_area() -> None:
    assert not CONFLICTS, "\n".join(CONFLICTS)


def test_placeholders_agree() -> None:
    for english, russian in RUSSIAN.items():
        forms = russian.forms() if isinstance(russian, Plural) else (russian,)
        for form in forms:
            assert placeholders(form) == placeholders(english), (english, form)


# Names and abbreviations that Russian writes the same way.
SAME_IN_RUSSIAN = {"FitLedger", "Apple Health", "Google Fit", "Strong", "Hevy", "RPE", "e1RM"}


def test_russian_is_russian() -> None:
    """A copied English text is not a translation (names, and texts that are only
    placeholders and a short tag such as "id {id}", may stay as they are)."""

    def words(text: str) -> str:
        return "".join(c for c in PLACEHOLDER.sub("", text) if c.isalpha())

    same = [
        english
        for english, russian in RUSSIAN.items()
        if isinstance(russian, str)
        and russian == english
        and english not in SAME_IN_RUSSIAN
        and len(words(english)) >= 3
    ]
    assert not same, same


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("ru-RU,ru;q=0.9,en-US;q=0.8", "ru"),
        ("en-GB,en;q=0.9,ru;q=0.8", "en"),
        ("de-DE,ru;q=0.5", "ru"),
        ("de-DE,fr;q=0.8", "en"),
        ("", "en"),
        ("ru;q=0", "en"),
        ("en;q=0.3,ru;q=0.7", "ru"),
    ],
)
def test_the_browser_language_decides_before_sign_in(header: str, language: str) -> None:
    assert language_from_header(header) == language


def test_russian_plural_forms() -> None:
    RUSSIAN.setdefault("{n} days", Plural("{n} день", "{n} дня", "{n} дней"))
    try:
        forms = [trn("ru", n, "{n} day", "{n} days") for n in (1, 2, 5, 11, 21, 22, 1.5)]
        assert forms == [
            "1 день",
            "2 дня",
            "5 дней",
            "11 дней",
            "21 день",
            "22 дня",
            "1.5 дня",
        ]
        assert [trn("en", n, "{n} day", "{n} days") for n in (1, 2)] == ["1 day", "2 days"]
    finally:
        if "{n} days" not in USED:
            del RUSSIAN["{n} days"]


def test_an_unknown_language_is_english_and_a_missing_text_shows_in_english() -> None:
    assert tr("de", "Some text {x}", x=1) == "Some text 1"
    assert tr("ru", "A text nobody translated") == "A text nobody translated"
