"""Food search: capped candidates from the indexes, then ranking of those candidates only.

Stage 1, candidates (each branch a capped index scan; migration 0003 adds the indexes):
- generic reference foods (source usda-sr28/fdc/user) matching the weighted full text or,
  per word, the trigram index (pg_trgm ``<%``: "brocoli" finds broccoli), from partial
  indexes over those ~9k rows, so branded products can never crowd them out;
- branded products (Open Food Facts, 685k rows): exact/prefix name matches in index order
  (the exact name sorts first), full-text matches and trigram matches, each capped;
- the caller's own foods used in the last 90 days that match, however many branded
  products match too;
- the product whose barcode the query is (EAN-13, UPC-A, EAN-8, UPC-E), ranked first (+20).
Every cap is a few hundred rows, so "chocolate" (15k branded matches) costs about what
"oats" does: no ts_rank/similarity over every match, no sort of tens of thousands of rows.

Stage 2, ranking (higher first), over the candidates only:
- generic reference foods before branded ones (+7, more than any branded match);
- what the name says the food is (``NAMED_SQL``; stems compared as sets, one language's
  stemmer per script): the name or an alias is the query (+6: aliases are SR28's common
  names and the curated English/Russian names of ``data/common_foods.csv``, so "овсянка"
  and "oatmeal" name rolled oats); its first segment is the query (+4, "Bananas, raw");
  SR28's "Class, food" names (+3, "Fish, tuna", "Oil, olive" for "olive oil"); the head
  and the cut (+3, "Chicken, ..., breast" for "chicken breast"); the head is the query
  and more (+2, "Lemon juice"); the query is spread over the name (+1.5); the second
  segment is the query (+1, "Pepper, banana"); a food that only mentions the word, in
  its category, a brand or a typo-close word, gets nothing;
- among the foods that are what was asked (only those, so "Chokecherries, raw" is not
  "plain" for "banana"), the plain one: "whole"/"raw"/"fresh"/"plain" right after the
  head (+0.6) and "raw" (+0.6) unless the query names a descriptor, SR28's survey foods
  people report eating (+0.5), -0.1 per descriptor segment;
- parts and derivatives the query does not mention sink (-1.2): "yolk", "dried",
  "powder", "breaded", "candy", "flavored", "deli", "sliced", ...;
- multi-word queries: all words in the name in the query's order (+0.5);
- the caller's own foods used in the last 90 days (+2 * ln(1 + uses): ten uses ~ +4.8);
- text rank (weights A name, B brand/category) and trigram similarity of the whole name;
- foods with quality flags sink a little (-0.2).
Paging (offset) runs over the ranked candidates, so deep pages end after a few hundred
results; nobody pages that far in a food picker.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from .domain import barcode_forms

WORD = re.compile(r"[\w.%]+", re.UNICODE)
MAX_WORDS = 6
FUZZY_MIN_LETTERS = 4
GENERIC_SOURCES = ("usda-sr28", "fdc", "user")
# Values from laboratory analysis (USDA SR28 and FoodData Central), not from a label (Open
# Food Facts) or typed in by a user: the "lab data only" filter.
LAB_SOURCES = ("usda-sr28", "fdc")
# Candidate caps. SR28 has at most ~300 matches for a common word ("cheese" 312), so the
# generic cap rarely bites; branded products only fill the list after the generic foods.
GENERIC_CAP = 500
BRANDED_PREFIX_CAP = 100
BRANDED_TEXT_CAP = 200
BRANDED_FUZZY_CAP = 200

# Descriptors that mark the plain, unprocessed food, and words that mark a part or a
# derivative of it. Regex alternatives, matched as whole words of the lower-cased name.
PLAIN = ("whole", "raw", "fresh", "plain")
DERIVED = (
    "yolks?",
    "dried",
    "dry",
    "dehydrated",
    "powder(?:ed)?",
    "breaded",
    "cand(?:y|ies|ied)",
    "flavou?red",
    "flavou?r",
    "dessert",
    "substitute",
    "imitation",
    "concentrate",
    "deli",
    "sliced",
)


# What the name says the food is (stems compared as sets, so "apples" names "Apples, raw"
# and "яблоки" the food whose alias is "яблоко"); the highest that holds counts:
NAMED = 6  # the whole name, or one of its aliases, is the query
HEAD = 4  # the first segment is the query: "Bananas, raw" for "banana"
CLASS_HEAD = 3  # SR28's "Class, food" names: "Fish, tuna, ..." for "tuna", "Oil, olive" for
#               "olive oil", "Cheese, cottage, ..." for "cottage cheese"
HEAD_AND_CUT = 3  # the head is part of the query, the next two segments have the rest:
#                   "Chicken, broilers or fryers, breast, ..." for "chicken breast"
COMPOUND = 2  # the head is the query and more: "Lemon juice" for "lemon"
HEAD_OF_MANY = 1.5  # the head is part of the query, the rest of the name has the rest
VARIETY = 1  # the second segment is the query: "Pepper, banana" for "banana"
# SR28 first segments that name a class, not a food: the food is the second segment
CLASSES = (
    "Alcoholic beverage",
    "Alcoholic beverages",
    "Beverages",
    "Cereals",
    "Cheese",
    "Crustaceans",
    "Fish",
    "Game meat",
    "Mollusks",
    "Nuts",
    "Oil",
    "Peppers",
    "Seeds",
    "Spices",
    "Squash",
)
BARCODE = 20  # the query is the food's barcode
COMMONLY_EATEN = 0.5  # the source says people report eating it (SR28's survey foods)
PER_DESCRIPTOR = 0.1
STEMS = "tsvector_to_array(to_tsvector('russian', {}))"
SEGMENTS_1_3 = "array_to_string((string_to_array(f.name, ','))[1:3], ' ')"


def _same(a: str, b: str) -> str:
    """SQL: two stem arrays hold the same stems."""
    return f"({a} @> {b} AND {a} <@ {b})"


# How well the name says the food is what was asked (0: it only mentions it, e.g. a
# category, a brand or a typo-close word), over the stems of its comma-separated segments.
NAMED_SQL = f"""CASE WHEN cardinality(q) = 0 THEN 0
    WHEN lname = :lq OR alias_hit THEN {NAMED}
    WHEN {_same("s1", "q")} THEN {HEAD}
    WHEN {_same("s12", "q")} OR ({_same("s2", "q")} AND split_part(name, ',', 1) = ANY(:classes))
    THEN {CLASS_HEAD}
    WHEN cardinality(s1) > 0 AND s1 <@ q AND q <@ s123 THEN {HEAD_AND_CUT}
    WHEN q <@ s1 THEN {COMPOUND}
    WHEN cardinality(s1) > 0 AND s1 <@ q AND q <@ sname THEN {HEAD_OF_MANY}
    WHEN {_same("s2", "q")} THEN {VARIETY}
    ELSE 0 END"""


def query_words(q: str) -> list[str]:
    return [w.strip(".%") for w in WORD.findall(q.lower()) if len(w.strip(".%")) >= 3][:MAX_WORDS]


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _mentioned(pattern: str, words: list[str]) -> bool:
    return any(re.fullmatch(pattern, w) for w in words)


def search_foods(
    session: Session,
    *,
    q: str,
    user_id: str,
    category: str | None,
    source: str | None,
    limit: int,
    offset: int,
    lab_only: bool = False,
) -> list[dict[str, Any]]:
    lq = q.strip().lower()
    words = query_words(q)
    params: dict[str, Any] = {
        "q": q.strip(),
        "lq": lq,
        "prefix": _like_escape(lq) + "%",
        "user_id": user_id,
        "limit": limit + 1,
        "offset": offset,
        "generic_sources": list(GENERIC_SOURCES),
    }
    # a food an admin hid leaves search (meals that use it keep it)
    filters = ["(f.owner_id IS NULL OR f.owner_id = :user_id)", "NOT f.hidden"]
    if category:
        filters.append("f.category ILIKE :category")
        params["category"] = category
    if source:
        filters.append("f.source = :source")
        params["source"] = source
    if lab_only:
        filters.append("f.source = ANY(:lab_sources)")
        params["lab_sources"] = list(LAB_SOURCES)
    for i, word in enumerate(words):
        params[f"w{i}"] = word
    fts = "f.search @@ websearch_to_tsquery('russian', :q)"
    # typo tolerance for words of 4 letters or more: a 3-letter word is half its trigrams
    # away from every other 3-letter word ("мёд" ~ "мён")
    fuzzy = " AND ".join(
        f":w{i} <% lower(f.name)" for i, w in enumerate(words) if len(w) >= FUZZY_MIN_LETTERS
    )
    match = f"({fts} OR ({fuzzy}))" if fuzzy else fts
    base = " AND ".join(filters)

    # Stage 1: capped candidate branches. The generic branch repeats "source <> 'off'" so
    # the planner picks the partial indexes; branded branches are plain capped index scans.
    generic = f"{base} AND f.source <> 'off'"
    branded = f"{base} AND f.source = 'off'"
    want_generic = source is None or source != "off"
    want_branded = (source is None or source == "off") and not lab_only
    branches: list[str] = []
    if lq:
        if want_generic:
            # text and trigram matches capped apart: "cod" or "beer" has hundreds of fuzzy
            # neighbours ("cooked", "beef") that must not use up the text matches' room
            branches.append(
                f"SELECT f.id FROM nutrition.foods f WHERE {generic} AND {fts} LIMIT :generic_cap"
            )
            if fuzzy:
                branches.append(
                    f"SELECT f.id FROM nutrition.foods f WHERE {generic} AND {fuzzy}"
                    " LIMIT :generic_cap"
                )
            params["generic_cap"] = GENERIC_CAP
        if want_branded:
            branches.append(
                f"SELECT f.id FROM nutrition.foods f WHERE {branded}"
                " AND lower(f.name) LIKE :prefix ORDER BY lower(f.name) LIMIT :prefix_cap"
            )
            branches.append(
                f"SELECT f.id FROM nutrition.foods f WHERE {branded} AND {fts} LIMIT :text_cap"
            )
            if fuzzy:
                branches.append(
                    f"SELECT f.id FROM nutrition.foods f WHERE {branded} AND {fuzzy}"
                    " LIMIT :fuzzy_cap"
                )
            params |= {
                "prefix_cap": BRANDED_PREFIX_CAP,
                "text_cap": BRANDED_TEXT_CAP,
                "fuzzy_cap": BRANDED_FUZZY_CAP,
            }
        used_match = match
    else:
        # No text: browse (e.g. by category) over the first generic and branded foods.
        if want_generic:
            branches.append(
                f"SELECT f.id FROM nutrition.foods f WHERE {generic} LIMIT :generic_cap"
            )
            params["generic_cap"] = GENERIC_CAP
        if want_branded:
            branches.append(f"SELECT f.id FROM nutrition.foods f WHERE {branded} LIMIT :text_cap")
            params["text_cap"] = BRANDED_TEXT_CAP
        used_match = "true"
    # a typed or pasted barcode finds its product (the barcode index), first of all
    params["barcodes"] = barcode_forms(q.strip())
    if params["barcodes"]:
        branches.append(
            f"SELECT f.id FROM nutrition.foods f WHERE {base} AND f.barcode = ANY(:barcodes)"
        )
    branches.append(
        f"SELECT f.id FROM usage u JOIN nutrition.foods f ON f.id = u.food_id"
        f" WHERE {base} AND {used_match}"
    )
    candidates = "\nUNION\n".join(f"({b})" for b in branches)

    # Stage 2: relevance rules, only meaningful for a text query.
    relevance = "0"
    if lq:
        plain = not any(_mentioned(p, words) for p in PLAIN + DERIVED)
        derived = [p for p in DERIVED if not _mentioned(p, words)]
        params["derived_re"] = r"\m(" + "|".join(derived) + r")\M"
        params["plain_re"] = r"^[^,]*,\s*(" + "|".join(PLAIN) + r")\s*(,|$)"
        params["raw_re"] = r",\s*raw\s*(,|$)"
        params["classes"] = list(CLASSES)
        # bonuses that say which of the foods that are what was asked is the plain one
        plainness = [
            f"CASE WHEN c.commonly_eaten THEN {COMMONLY_EATEN} ELSE 0 END",
            # every descriptor makes the food a little more specific than what was asked
            f"-{PER_DESCRIPTOR} * (cardinality(string_to_array(c.name, ',')) - 1)",
        ]
        if plain:
            plainness.append("CASE WHEN c.lname ~ :plain_re THEN 0.6 ELSE 0 END")
            plainness.append("CASE WHEN c.lname ~ :raw_re THEN 0.6 ELSE 0 END")
        rules = [
            "c.named",
            "CASE WHEN c.lname ~ :derived_re THEN -1.2 ELSE 0 END",
            # for the foods that are what was asked, or for every food when no reference food
            # has the query's words (a typo: "chiken brest"), where the stems say nothing;
            # never for foods that merely mention the word or are a typo away from it
            f"CASE WHEN c.named > 0 OR NOT c.words_found THEN {' + '.join(plainness)} ELSE 0 END",
        ]
        if len(words) > 1:
            params["in_order"] = "%" + "%".join(_like_escape(w) for w in words) + "%"
            rules.append("CASE WHEN c.lname LIKE :in_order THEN 0.5 ELSE 0 END")
        relevance = "\n + ".join(rules)

    sql = f"""
        WITH usage AS (
            SELECT food_id, count(*) AS uses FROM nutrition.meal_items
            WHERE user_id = :user_id AND food_id IS NOT NULL
              AND created_at > now() - interval '90 days'
            GROUP BY food_id
        ),
        candidate_ids AS MATERIALIZED (
            {candidates}
        ),
        asked AS (SELECT {STEMS.format(":q")} AS q),
        stems AS (
            SELECT f.*, lower(f.name) AS lname, asked.q,
                   {STEMS.format("split_part(f.name, ',', 1)")} AS s1,
                   {STEMS.format("split_part(f.name, ',', 2)")} AS s2,
                   {STEMS.format("split_part(f.name, ',', 1) || ' ' || split_part(f.name, ',', 2)")}
                       AS s12,
                   {STEMS.format("f.name")} AS sname,
                   {STEMS.format(SEGMENTS_1_3)} AS s123,
                   EXISTS (
                       SELECT 1 FROM unnest(string_to_array(f.aliases, ';')) AS a(alias)
                       WHERE {_same(STEMS.format("a.alias"), "asked.q")}
                   ) AS alias_hit,
                   coalesce(u.uses, 0) AS uses,
                   {fts if lq else "true"} AS text_hit
            FROM candidate_ids ci
            CROSS JOIN asked
            JOIN nutrition.foods f ON f.id = ci.id
            LEFT JOIN usage u ON u.food_id = f.id
        ),
        c AS (
            SELECT stems.*, {NAMED_SQL if lq else "0"} AS named,
                   bool_or(text_hit AND source <> 'off') OVER () AS words_found
            FROM stems
        )
        SELECT c.id, c.name, c.aliases, c.brand, c.category, c.source, c.barcode, c.energy_derived,
               c.quality_flags, c.energy_kcal, c.energy_kj, c.protein_g, c.fat_g,
               c.saturated_fat_g, c.carbohydrate_g, c.sugars_g, c.fibre_g, c.sodium_mg,
               c.micronutrients, c.owner_id,
               (CASE WHEN c.barcode = ANY(:barcodes) THEN {BARCODE} ELSE 0 END
                + CASE WHEN c.source = ANY(:generic_sources) THEN 7 ELSE 0 END
                + {relevance}
                + 2 * ln(1 + c.uses)
                + ts_rank(c.search, websearch_to_tsquery('russian', :q))
                + similarity(c.lname, :lq)
                - CASE WHEN cardinality(c.quality_flags) > 0 THEN 0.2 ELSE 0 END
               ) AS score
        FROM c
        ORDER BY score DESC, c.id
        LIMIT :limit OFFSET :offset
    """
    # 0.5: "chiken" vs "chicken" scores 0.5 (the default 0.6 misses one-letter typos).
    session.execute(text("SELECT set_config('pg_trgm.word_similarity_threshold', '0.5', true)"))
    rows = session.execute(text(sql), params).mappings().all()
    return [dict(r) for r in rows]
