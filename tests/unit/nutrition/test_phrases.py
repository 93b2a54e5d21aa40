"""Logging in words: the parser on a table of phrases people type, in English and Russian."""

from __future__ import annotations

from fractions import Fraction

import pytest

from backend_services.nutrition.phrases import (
    PhraseError,
    Size,
    Unit,
    accompaniment_default,
    parse,
)

F = Fraction
G, ML, SLICE, CUP, GLASS = Unit.GRAM, Unit.MILLILITRE, Unit.SLICE, Unit.CUP, Unit.GLASS
TBSP, TSP, PIECE, BOWL = Unit.TABLESPOON, Unit.TEASPOON, Unit.PIECE, Unit.BOWL

# phrase -> [(query, quantity, unit, size, goes_with)]
PHRASES: list[tuple[str, list[tuple[str, Fraction | None, Unit | None, Size | None, str | None]]]]
PHRASES = [
    (
        "2 eggs, a slice of toast with butter and a coffee with milk",
        [
            ("eggs", F(2), None, None, None),
            ("toast", F(1), SLICE, None, None),
            ("butter", None, None, None, "toast"),
            ("coffee", F(1), None, None, None),
            ("milk", None, None, None, "coffee"),
        ],
    ),
    ("an apple", [("apple", F(1), None, None, None)]),
    ("a banana", [("banana", F(1), None, None, None)]),
    ("a medium banana", [("banana", F(1), None, Size.MEDIUM, None)]),
    ("3 large eggs", [("eggs", F(3), None, Size.LARGE, None)]),
    ("two small apples", [("apples", F(2), None, Size.SMALL, None)]),
    ("a couple of bananas", [("bananas", F(2), None, None, None)]),
    ("200g chicken breast", [("chicken breast", F(200), G, None, None)]),
    ("200 g chicken breast", [("chicken breast", F(200), G, None, None)]),
    ("chicken breast 200 g", [("chicken breast", F(200), G, None, None)]),
    ("150 grams of salmon", [("salmon", F(150), G, None, None)]),
    ("0.5 kg potatoes", [("potatoes", F(500), G, None, None)]),
    ("1 cup of rice", [("rice", F(1), CUP, None, None)]),
    ("one and a half cups of rice", [("rice", F(3, 2), CUP, None, None)]),
    ("1 1/2 cups oatmeal", [("oatmeal", F(3, 2), CUP, None, None)]),
    ("½ cup blueberries", [("blueberries", F(1, 2), CUP, None, None)]),
    ("half a cup of oats", [("oats", F(1, 2), CUP, None, None)]),
    ("2 tbsp olive oil", [("olive oil", F(2), TBSP, None, None)]),
    ("a tablespoon of peanut butter", [("peanut butter", F(1), TBSP, None, None)]),
    ("2 teaspoons of sugar", [("sugar", F(2), TSP, None, None)]),
    ("a glass of orange juice", [("orange juice", F(1), GLASS, None, None)]),
    ("250 ml milk", [("milk", F(250), ML, None, None)]),
    ("250ml milk", [("milk", F(250), ML, None, None)]),
    ("a bowl of soup", [("soup", F(1), BOWL, None, None)]),
    ("2 slices of pizza", [("pizza", F(2), SLICE, None, None)]),
    ("3 pieces of sushi", [("sushi", F(3), PIECE, None, None)]),
    ("a handful of almonds", [("almonds", F(1), Unit.HANDFUL, None, None)]),
    ("a can of tuna", [("tuna", F(1), Unit.CAN, None, None)]),
    ("a bottle of beer", [("beer", F(1), Unit.BOTTLE, None, None)]),
    ("4 oz steak", [("steak", F(4), Unit.OUNCE, None, None)]),
    ("mac and cheese", [("mac and cheese", None, None, None, None)]),
    (
        "fish and chips and a coke",
        [("fish and chips", None, None, None, None), ("coke", F(1), None, None, None)],
    ),
    (
        "coffee with milk and sugar",
        [
            ("coffee", None, None, None, None),
            ("milk", None, None, None, "coffee"),
            ("sugar", None, None, None, "coffee"),
        ],
    ),
    (
        "toast with butter and an orange",
        [
            ("toast", None, None, None, None),
            ("butter", None, None, None, "toast"),
            ("orange", F(1), None, None, None),
        ],
    ),
    ("tea with 2 sugars", [("tea", None, None, None, None), ("sugars", F(2), None, None, "tea")]),
    (
        "oatmeal with 10 g honey",
        [("oatmeal", None, None, None, None), ("honey", F(10), G, None, "oatmeal")],
    ),
    (
        "a sandwich; an apple",
        [("sandwich", F(1), None, None, None), ("apple", F(1), None, None, None)],
    ),
    ("yogurt + granola", [("yogurt", None, None, None, None), ("granola", None, None, None, None)]),
    (
        "a glass of water then a banana",
        [("water", F(1), GLASS, None, None), ("banana", F(1), None, None, None)],
    ),
    ("Some Grapes", [("grapes", None, None, None, None)]),
    # Russian
    ("два яйца", [("яйца", F(2), None, None, None)]),
    ("одно яблоко", [("яблоко", F(1), None, None, None)]),
    ("три больших яйца", [("яйца", F(3), None, Size.LARGE, None)]),
    ("средний банан", [("банан", None, None, Size.MEDIUM, None)]),
    ("рис 200 г", [("рис", F(200), G, None, None)]),
    ("200 г гречки", [("гречки", F(200), G, None, None)]),
    ("100 грамм творога", [("творога", F(100), G, None, None)]),
    ("стакан молока", [("молока", F(1), GLASS, None, None)]),
    ("1,5 стакана кефира", [("кефира", F(3, 2), GLASS, None, None)]),
    ("полстакана сметаны", [("сметаны", F(1, 2), GLASS, None, None)]),
    ("пол-литра кефира", [("кефира", F(500), ML, None, None)]),
    ("полтора стакана сока", [("сока", F(3, 2), GLASS, None, None)]),
    ("две столовые ложки сметаны", [("сметаны", F(2), TBSP, None, None)]),
    ("чайная ложка сахара", [("сахара", F(1), TSP, None, None)]),
    ("2 ст.л. масла", [("масла", F(2), TBSP, None, None)]),
    ("ломтик хлеба", [("хлеба", F(1), SLICE, None, None)]),
    ("два куска пиццы", [("пиццы", F(2), SLICE, None, None)]),
    ("тарелка борща", [("борща", F(1), BOWL, None, None)]),
    ("чашка кофе", [("кофе", F(1), CUP, None, None)]),
    ("горсть орехов", [("орехов", F(1), Unit.HANDFUL, None, None)]),
    ("банка тунца", [("тунца", F(1), Unit.CAN, None, None)]),
    ("3 шт печенья", [("печенья", F(3), PIECE, None, None)]),
    (
        "кофе с молоком и сахаром",
        [
            ("кофе", None, None, None, None),
            ("молоком", None, None, None, "кофе"),
            ("сахаром", None, None, None, "кофе"),
        ],
    ),
    (
        "два яйца, ломтик хлеба с маслом и чай",
        [
            ("яйца", F(2), None, None, None),
            ("хлеба", F(1), SLICE, None, None),
            ("маслом", None, None, None, "хлеба"),
            ("чай", None, None, None, None),
        ],
    ),
    (
        "гречка со сливочным маслом",
        [("гречка", None, None, None, None), ("сливочным маслом", None, None, None, "гречка")],
    ),
    (
        "овсянка плюс банан",
        [("овсянка", None, None, None, None), ("банан", None, None, None, None)],
    ),
    ("немного винограда", [("винограда", None, None, None, None)]),
]


@pytest.mark.parametrize(("phrase", "expected"), PHRASES, ids=[p for p, _ in PHRASES])
def test_phrase(phrase: str, expected: list[tuple[object, ...]]) -> None:
    got = [(i.query, i.quantity, i.unit, i.size, i.goes_with) for i in parse(phrase)]
    assert got == expected


def test_the_table_is_big_enough() -> None:
    assert len(PHRASES) >= 50
    assert sum(1 for p, _ in PHRASES if any("а" <= c <= "я" for c in p)) >= 20


def test_each_item_keeps_the_words_it_came_from() -> None:
    items = parse("2 Eggs, a slice of toast with butter")
    assert [i.text for i in items] == ["2 eggs", "a slice of toast", "butter"]


@pytest.mark.parametrize(
    ("query", "amount"),
    [
        ("milk", (F(30), ML)),
        ("молоком", (F(30), ML)),
        ("сливочным маслом", (F(1), TSP)),
        ("sugars", (F(1), TSP)),
        ("sour cream", (F(1), TBSP)),
        ("chicken", None),
    ],
)
def test_accompaniment_defaults(query: str, amount: tuple[Fraction, Unit] | None) -> None:
    assert accompaniment_default(query) == amount


@pytest.mark.parametrize("phrase", ["", "   ", "and, with", "x" * 501, ", ".join(["egg"] * 21)])
def test_unreadable_phrases_are_refused_with_a_reason(phrase: str) -> None:
    with pytest.raises(PhraseError):
        parse(phrase)
