"""Logging in words: "2 eggs, a slice of toast with butter and a coffee with milk".

A deterministic parser (no model, no guessing service): the phrase is cut into items at
commas, "and"/"и", "plus"/"плюс" and ";"; "X with Y" / "X с Y" makes Y an item of its own that
goes *with* X (a small default amount when none is given: milk in coffee, butter on toast).
Each item is read as [quantity] [size] [unit] [of] food, or food [quantity unit] ("rice 200 g",
"рис 200 г"), in English or Russian; what is left is the food's search text. Finding the food
and its portion is the resolver's job (``phrase_resolver.py``), over our own food data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Unit(StrEnum):
    GRAM = "g"
    MILLILITRE = "ml"
    SLICE = "slice"
    CUP = "cup"
    GLASS = "glass"
    TABLESPOON = "tbsp"
    TEASPOON = "tsp"
    PIECE = "piece"
    BOWL = "bowl"
    HANDFUL = "handful"
    SERVING = "serving"
    CAN = "can"
    BOTTLE = "bottle"
    OUNCE = "oz"


class Size(StrEnum):
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


@dataclass(frozen=True)
class ParsedItem:
    text: str  # the words this item came from
    query: str  # what to search for
    quantity: Fraction | None  # None: not said ("toast", "with milk")
    unit: Unit | None
    size: Size | None = None
    goes_with: str | None = None  # "milk" in "coffee with milk" goes with "coffee"


# Units by every form people write them in; kilograms and litres become grams and millilitres.
_UNIT_WORDS: dict[str, tuple[Unit, int]] = {}


def _units(unit: Unit, factor: int, *forms: str) -> None:
    for form in forms:
        _UNIT_WORDS[form] = (unit, factor)


_units(Unit.GRAM, 1, "g", "gr", "gram", "grams", "gramme", "grammes", "г", "гр", "грамм",
       "грамма", "граммов", "граммa")  # fmt: skip
_units(Unit.GRAM, 1000, "kg", "kilo", "kilos", "kilogram", "kilograms", "кг", "килограмм",
       "килограмма", "килограммов")  # fmt: skip
_units(Unit.MILLILITRE, 1, "ml", "millilitre", "millilitres", "milliliter", "milliliters",
       "мл", "миллилитр", "миллилитра", "миллилитров")  # fmt: skip
_units(Unit.MILLILITRE, 1000, "l", "litre", "litres", "liter", "liters", "л", "литр", "литра",
       "литров")  # fmt: skip
_units(Unit.SLICE, 1, "slice", "slices", "ломтик", "ломтика", "ломтиков", "кусок", "куска",
       "кусков", "кусочек", "кусочка", "кусочков")  # fmt: skip
_units(Unit.CUP, 1, "cup", "cups", "mug", "mugs", "чашка", "чашки", "чашку", "чашек",
       "кружка", "кружки", "кружку", "кружек")  # fmt: skip
_units(Unit.GLASS, 1, "glass", "glasses", "стакан", "стакана", "стаканов")
_units(Unit.TABLESPOON, 1, "tbsp", "tablespoon", "tablespoons", "ст.л.", "ст.л")
_units(Unit.TEASPOON, 1, "tsp", "teaspoon", "teaspoons", "ч.л.", "ч.л")
_units(Unit.PIECE, 1, "piece", "pieces", "pc", "pcs", "шт", "шт.", "штука", "штуки", "штук",
       "штуку")  # fmt: skip
_units(Unit.BOWL, 1, "bowl", "bowls", "тарелка", "тарелки", "тарелку", "тарелок", "миска",
       "миски", "миску")  # fmt: skip
_units(Unit.HANDFUL, 1, "handful", "handfuls", "горсть", "горсти", "горстей")
_units(Unit.SERVING, 1, "serving", "servings", "portion", "portions", "порция", "порции",
       "порцию", "порций")  # fmt: skip
_units(Unit.CAN, 1, "can", "cans", "tin", "tins", "банка", "банки", "банку", "банок")
_units(Unit.BOTTLE, 1, "bottle", "bottles", "бутылка", "бутылки", "бутылку", "бутылок")
_units(Unit.OUNCE, 1, "oz", "ounce", "ounces")
# Two-word units: "столовая ложка", "чайные ложки", "table spoon".
_SPOONS = {
    "столов": Unit.TABLESPOON,
    "чайн": Unit.TEASPOON,
    "table": Unit.TABLESPOON,
    "tea": Unit.TEASPOON,
}
_SPOON_WORDS = ("ложка", "ложки", "ложку", "ложек", "spoon", "spoons")

_SIZES = {
    "small": Size.SMALL, "medium": Size.MEDIUM, "large": Size.LARGE, "big": Size.LARGE,
    "маленький": Size.SMALL, "маленькая": Size.SMALL, "маленькое": Size.SMALL,
    "маленьких": Size.SMALL, "небольшой": Size.SMALL, "небольшая": Size.SMALL,
    "небольшое": Size.SMALL, "средний": Size.MEDIUM, "средняя": Size.MEDIUM,
    "среднее": Size.MEDIUM, "средних": Size.MEDIUM, "большой": Size.LARGE,
    "большая": Size.LARGE, "большое": Size.LARGE, "больших": Size.LARGE,
}  # fmt: skip

_NUMBER_WORDS: dict[str, Fraction] = {
    "a": Fraction(1), "an": Fraction(1), "one": Fraction(1), "two": Fraction(2),
    "three": Fraction(3), "four": Fraction(4), "five": Fraction(5), "six": Fraction(6),
    "seven": Fraction(7), "eight": Fraction(8), "nine": Fraction(9), "ten": Fraction(10),
    "half": Fraction(1, 2), "quarter": Fraction(1, 4), "dozen": Fraction(12),
    "один": Fraction(1), "одна": Fraction(1), "одно": Fraction(1), "одну": Fraction(1),
    "два": Fraction(2), "две": Fraction(2), "три": Fraction(3), "четыре": Fraction(4),
    "пять": Fraction(5), "шесть": Fraction(6), "семь": Fraction(7), "восемь": Fraction(8),
    "девять": Fraction(9), "десять": Fraction(10), "пол": Fraction(1, 2),
    "половина": Fraction(1, 2), "половинка": Fraction(1, 2), "половину": Fraction(1, 2),
    "полтора": Fraction(3, 2), "полторы": Fraction(3, 2), "четверть": Fraction(1, 4),
}  # fmt: skip
# Words that carry no meaning for the search: articles, "of", "some", fillers.
_FILLERS = {
    "of",
    "the",
    "some",
    "a",
    "an",
    "few",
    "couple",
    "my",
    "with",
    "немного",
    "чуть-чуть",
    "с",
    "со",
}
_COUPLE = ("a couple of", "couple of", "пара", "пару")

# Names with "and" / "и" / "with" inside that are one food, not two.
_ONE_FOOD = (
    "macaroni and cheese", "mac and cheese", "fish and chips", "peanut butter and jelly",
    "salt and vinegar", "sweet and sour", "pork and beans", "franks and beans",
)  # fmt: skip
_ONE_FOOD_GLUE = "_"  # joins the words of such a name while the phrase is cut

# Commas between digits are decimal commas ("1,5 стакана"), not item breaks.
_ITEM_SPLIT = re.compile(
    r"\s*(?:(?<!\d),|,(?!\d)|[;+]|\band\b|\bplus\b|\bthen\b|(?<!\w)(?:и|плюс)(?!\w))\s*"
)
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b|\s+с\s+половиной\b")
_WITH_SPLIT = re.compile(r"\s+(?:with|w/|со|с)\s+")
_NUMBER = re.compile(r"^(\d+(?:[.,]\d+)?|\d+/\d+)$")
_GLUED_UNIT = re.compile(r"^(\d+(?:[.,]\d+)?)([a-zа-я.]+)$")  # "200g", "250мл"
_HALF_GLUED = re.compile(r"^пол(.+)$")  # "полстакана", "полбанана"
_VULGAR = {"½": " 1/2", "¼": " 1/4", "¾": " 3/4", "⅓": " 1/3", "⅔": " 2/3"}
MAX_PHRASE = 500
MAX_ITEMS = 20


# What is usually added to something else, and how much when nobody says: a splash of milk in
# coffee, a pat of butter on toast. Keys are word stems, English and Russian.
ACCOMPANIMENT_DEFAULTS: dict[str, tuple[Fraction, Unit]] = {
    "milk": (Fraction(30), Unit.MILLILITRE), "молок": (Fraction(30), Unit.MILLILITRE),
    "cream": (Fraction(1), Unit.TABLESPOON), "сливк": (Fraction(1), Unit.TABLESPOON),
    "sugar": (Fraction(1), Unit.TEASPOON), "сахар": (Fraction(1), Unit.TEASPOON),
    "honey": (Fraction(1), Unit.TEASPOON), "мед": (Fraction(1), Unit.TEASPOON),
    "мёд": (Fraction(1), Unit.TEASPOON), "butter": (Fraction(1), Unit.TEASPOON),
    "масл": (Fraction(1), Unit.TEASPOON), "jam": (Fraction(1), Unit.TABLESPOON),
    "варень": (Fraction(1), Unit.TABLESPOON), "джем": (Fraction(1), Unit.TABLESPOON),
    "lemon": (Fraction(1), Unit.SLICE), "лимон": (Fraction(1), Unit.SLICE),
    "cheese": (Fraction(1), Unit.SLICE), "сыр": (Fraction(1), Unit.SLICE),
    "ketchup": (Fraction(1), Unit.TABLESPOON), "кетчуп": (Fraction(1), Unit.TABLESPOON),
    "mayo": (Fraction(1), Unit.TABLESPOON), "майонез": (Fraction(1), Unit.TABLESPOON),
    "sour cream": (Fraction(1), Unit.TABLESPOON), "сметан": (Fraction(1), Unit.TABLESPOON),
}  # fmt: skip


def accompaniment_default(query: str) -> tuple[Fraction, Unit] | None:
    """The usual amount of an add-on ("milk" in coffee), by the stem its words start with."""
    for stem, amount in sorted(ACCOMPANIMENT_DEFAULTS.items(), key=lambda kv: -len(kv[0])):
        if any(word.startswith(stem) for word in [query, *query.split()]):
            return amount
    return None


class PhraseError(ValueError):
    """The phrase cannot be read (empty, too long, too many items)."""


def parse(phrase: str) -> list[ParsedItem]:
    """The items of a phrase, in the order said; accompaniments right after their item."""
    text = phrase.strip().lower()
    if not text:
        raise PhraseError("Say what you ate, e.g. '2 eggs and a slice of toast'.")
    if len(text) > MAX_PHRASE:
        raise PhraseError(f"Keep it under {MAX_PHRASE} characters.")
    for mark, replacement in _VULGAR.items():
        text = text.replace(mark, replacement)
    text = _AND_A_HALF.sub(" 1/2", text)
    for name in _ONE_FOOD:
        text = text.replace(name, name.replace(" ", _ONE_FOOD_GLUE))
    items: list[ParsedItem] = []
    last_main: str | None = None  # the item the previous part's "with" went with
    for part in _ITEM_SPLIT.split(text):
        if not part.strip():
            continue
        head, *extras = _WITH_SPLIT.split(part.strip())
        main = _item(head)
        if main is None:
            continue
        if last_main and main.quantity is None and accompaniment_default(main.query):
            items.append(_with(main, last_main))  # "coffee with milk and sugar"
            continue
        items.append(main)
        last_main = None
        for extra in extras:
            side = _item(extra)
            if side is not None:
                items.append(_with(side, main.query))
                last_main = main.query
    if not items:
        raise PhraseError("No food found in that; try '2 eggs and a slice of toast'.")
    if len(items) > MAX_ITEMS:
        raise PhraseError(f"At most {MAX_ITEMS} items at a time.")
    return items


def _with(item: ParsedItem, main: str) -> ParsedItem:
    return ParsedItem(item.text, item.query, item.quantity, item.unit, item.size, main)


def _item(text: str) -> ParsedItem | None:
    original = text.replace(_ONE_FOOD_GLUE, " ").strip()
    for couple in _COUPLE:
        if text.startswith(couple + " "):
            text = "2 " + text[len(couple) + 1 :]
    words = [w for w in text.replace(_ONE_FOOD_GLUE, " ").split() if w]
    words = _split_glued(words)
    quantity, words = _leading_quantity(words)
    size, words = _size(words)
    unit, factor, words = _unit(words)
    if unit is None and quantity is None:  # "rice 200 g", "рис 200 г"
        quantity, unit, factor, words = _trailing_amount(words)
    if size is None:
        size, words = _size(words)
    if words and words[0] == "of":
        words = words[1:]
    query = " ".join(w for w in words if w not in _FILLERS).strip(" .")
    if not query:
        return None
    if quantity is None and unit is not None:
        quantity = Fraction(1)  # "ломтик хлеба", "cup of tea"
    if quantity is not None and factor != 1:
        quantity *= factor
    return ParsedItem(original, query, quantity, unit, size)


def _split_glued(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        glued = _GLUED_UNIT.match(word)
        if glued and glued.group(2) in _UNIT_WORDS:
            out += [glued.group(1), glued.group(2)]
            continue
        half = _HALF_GLUED.match(word)  # "полстакана", "пол-литра", "пол-банана"
        if half and not out and (half.group(1) in _UNIT_WORDS or half.group(1)[0] == "-"):
            out += ["пол", half.group(1).lstrip("-")]
            continue
        out.append(word)
    return out


def _number(word: str) -> Fraction | None:
    if _NUMBER.match(word):
        return Fraction(word.replace(",", "."))
    return _NUMBER_WORDS.get(word)


def _leading_quantity(words: list[str]) -> tuple[Fraction | None, list[str]]:
    if not words:
        return None, words
    first = _number(words[0])
    if first is None:
        return None, words
    rest = words[1:]
    if first < 1 and rest[:1] in (["a"], ["an"]):
        return first, rest[1:]  # "half a cup"
    if rest and (second := _number(rest[0])) is not None and second < 1 <= first:
        return first + second, rest[1:]  # "1 1/2 cups"
    if rest[:2] == ["and", "a"] and rest[2:3] == ["half"]:
        return first + Fraction(1, 2), rest[3:]
    if first == 1 and words[0] in ("a", "an") and rest[:1] == ["half"]:
        return Fraction(1, 2), rest[1:]  # "a half cup"
    return first, rest


def _size(words: list[str]) -> tuple[Size | None, list[str]]:
    if words and words[0] in _SIZES:
        return _SIZES[words[0]], words[1:]
    return None, words


def _unit(words: list[str]) -> tuple[Unit | None, int, list[str]]:
    if len(words) >= 2 and words[1] in _SPOON_WORDS:
        for stem, spoon in _SPOONS.items():
            if words[0].startswith(stem):
                return spoon, 1, words[2:]
    if words and words[0] in _UNIT_WORDS:
        unit, factor = _UNIT_WORDS[words[0]]
        return unit, factor, words[1:]
    return None, 1, words


def _trailing_amount(
    words: list[str],
) -> tuple[Fraction | None, Unit | None, int, list[str]]:
    if len(words) >= 3 and words[-1] in _UNIT_WORDS and (number := _number(words[-2])):
        unit, factor = _UNIT_WORDS[words[-1]]
        return number, unit, factor, words[:-2]
    return None, None, 1, words
