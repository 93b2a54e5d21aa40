"""Food search: capped candidates from the indexes, then ranking of those candidates only.

Stage 1, candidates (each branch a capped index scan; migration 0003 adds the indexes):
- generic reference foods (source usda-sr28/fdc/user) matching the weighted full text or,
  per word, the trigram index (pg_trgm ``<%``: "brocoli" finds broccoli), from partial
  indexes over those ~9k rows, so branded products can never crowd them out;
- branded products (Open Food Facts, 685k rows): exact/prefix name matches in index order
  (the exact name sorts first), full-text matches and trigram matches, each capped;
- the caller's own foods used in the last 90 days that match, however many branded
  products match too.
Every cap is a few hundred rows, so "chocolate" (15k branded matches) costs about what
"oats" does: no ts_rank/similarity over every match, no sort of tens of thousands of rows.

Stage 2, ranking (higher first), over the candidates only:
- exact name (+4) and name-prefix (+2) matches, e.g. "pear" -> "Pears, raw";
- generic reference foods before branded ones (+7, more than an exact branded name);
- the name's head (its first comma-separated segment) is what was asked for (+1.5):
  "Milk, ..." / "Egg, ..." for "milk" / "egg", "Chicken, ..., breast" for "chicken
  breast", but not "Milk dessert, ..." or "Chicken breast tenders, ...";
- plain foods: "whole"/"raw"/"fresh" right after the head (+0.6, "Milk, whole, ...",
  "Egg, whole, raw, fresh", "Pears, raw") and "raw" anywhere (+0.3), unless the query
  itself names a descriptor or form;
- parts and derivatives the query does not mention sink (-1.2): "yolk", "white", "dried",
  "powder", "breaded", "candy", "flavored", ...;
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

WORD = re.compile(r"[\w.%]+", re.UNICODE)
MAX_WORDS = 6
GENERIC_SOURCES = ("usda-sr28", "fdc", "user")
# Candidate caps. SR28 has at most ~300 matches for a common word ("cheese" 312), so the
# generic cap rarely bites; branded products only fill the list after the generic foods.
GENERIC_CAP = 500
BRANDED_PREFIX_CAP = 100
BRANDED_TEXT_CAP = 200
BRANDED_FUZZY_CAP = 200

# Descriptors that mark the plain, unprocessed food, and words that mark a part or a
# derivative of it. Regex alternatives, matched as whole words of the lower-cased name.
PLAIN = ("whole", "raw", "fresh")
DERIVED = (
    "yolks?",
    "whites?",
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
)


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
    filters = ["(f.owner_id IS NULL OR f.owner_id = :user_id)"]
    if category:
        filters.append("f.category ILIKE :category")
        params["category"] = category
    if source:
        filters.append("f.source = :source")
        params["source"] = source
    for i, word in enumerate(words):
        params[f"w{i}"] = word
    fts = "f.search @@ websearch_to_tsquery('russian', :q)"
    fuzzy = " AND ".join(f":w{i} <% lower(f.name)" for i in range(len(words)))
    match = f"({fts} OR ({fuzzy}))" if fuzzy else fts
    base = " AND ".join(filters)

    # Stage 1: capped candidate branches. The generic branch repeats "source <> 'off'" so
    # the planner picks the partial indexes; branded branches are plain capped index scans.
    generic = f"{base} AND f.source <> 'off'"
    branded = f"{base} AND f.source = 'off'"
    want_generic = source is None or source != "off"
    want_branded = source is None or source == "off"
    branches: list[str] = []
    if lq:
        if want_generic:
            branches.append(f"SELECT f.id FROM nutrition.foods f WHERE {generic} AND {match}")
            params["generic_cap"] = GENERIC_CAP
            branches[-1] += " LIMIT :generic_cap"
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
        rules = [
            # head segment (not for the exact name, which already has +4): its stems are a
            # non-empty subset of the query's, and the name itself (not the category) has
            # all query stems ("Chicken, ..., breast" for "chicken breast", "Yogurt, Greek,
            # ..." for "greek yogurt"; not "Chicken breast tenders, ...")
            """CASE WHEN c.lname <> :lq AND cardinality(c.head) > 0
                     AND c.head <@ tsvector_to_array(to_tsvector('russian', :q))
                     AND tsvector_to_array(to_tsvector('russian', :q))
                         <@ tsvector_to_array(to_tsvector('russian', c.name))
                   THEN 1.5 ELSE 0 END""",
            "CASE WHEN c.lname ~ :derived_re THEN -1.2 ELSE 0 END",
        ]
        if plain:
            rules.append("CASE WHEN c.lname ~ :plain_re THEN 0.6 ELSE 0 END")
            rules.append("CASE WHEN c.lname ~ :raw_re THEN 0.6 ELSE 0 END")
        if len(words) > 1:
            params["in_order"] = "%" + "%".join(_like_escape(w) for w in words) + "%"
            rules.append("CASE WHEN c.lname LIKE :in_order THEN 0.5 ELSE 0 END")
        else:
            rules.append("CASE WHEN c.lname LIKE :prefix THEN 2 ELSE 0 END")
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
        c AS (
            SELECT f.*, lower(f.name) AS lname,
                   tsvector_to_array(to_tsvector('russian', split_part(f.name, ',', 1))) AS head,
                   coalesce(u.uses, 0) AS uses
            FROM candidate_ids ci
            JOIN nutrition.foods f ON f.id = ci.id
            LEFT JOIN usage u ON u.food_id = f.id
        )
        SELECT c.id, c.name, c.brand, c.category, c.source, c.barcode, c.energy_derived,
               c.quality_flags, c.energy_kcal, c.energy_kj, c.protein_g, c.fat_g,
               c.saturated_fat_g, c.carbohydrate_g, c.sugars_g, c.fibre_g, c.sodium_mg,
               c.micronutrients, c.owner_id,
               (CASE WHEN c.lname = :lq THEN 4 ELSE 0 END
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
