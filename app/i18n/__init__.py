"""English and Russian for every string of the web app.

English text is the key: a page writes `t("Diary")` and the Russian catalog (`app/i18n/ru/`,
one module per area) gives "Дневник". `tests/unit/test_i18n_catalog.py` fails on a text
missing from the catalog and on a catalog entry no page uses (until then a missing text shows
in English and is logged once).

- `t(text)` in components: a var that follows the page's language.
- `tf(template, **values)` in components, with `{name}` placeholders filled by vars or text.
- `tr(language, text, **values)` in state code (event handlers, computed vars).
- `trn(language, count, one, other, **values)` for counted things ("1 meal", "5 meals";
  Russian has three forms: 1 приём, 2 приёма, 5 приёмов).
- `LanguageState.language` is the page's language ("en" or "ru"): the profile's choice once
  signed in, the browser's before that, kept in the `fl_lang` cookie (not a secret).
"""

from __future__ import annotations

from app.i18n.catalog import RUSSIAN, Plural
from app.i18n.language import LANGUAGES, LanguageState, language_from_header
from app.i18n.translate import t, tf, tr, trn

__all__ = [
    "LANGUAGES",
    "RUSSIAN",
    "LanguageState",
    "Plural",
    "language_from_header",
    "t",
    "tf",
    "tr",
    "trn",
]
