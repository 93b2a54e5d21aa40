"""Food search: weighted full text OR per-word trigram match, ranked for what people mean.

Ranking (higher first), all in one SQL expression:
- exact name (+4) and name-prefix (+2) matches, e.g. "pear" -> "Pears, raw";
- generic reference foods (SR28/FDC) before branded products (+7, more than an exact
  branded name: "brocoli" must find broccoli before a product named "Brocoli"), and "raw"
  foods (+0.3), so "pear" finds the fruit before pear-flavoured candy;
- the caller's own foods used in the last 90 days (+2 * ln(1 + uses): ten uses ~ +4.8);
- text rank (weights A name, B brand/category) and trigram similarity of the whole name;
- foods with quality flags sink a little (-0.2).
Typos: each query word of 3+ letters must be word-similar (pg_trgm ``<%``) to the name, so
"brocoli" finds broccoli and "chiken brest" finds chicken breast.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

WORD = re.compile(r"[\w.%]+", re.UNICODE)
MAX_WORDS = 6


def query_words(q: str) -> list[str]:
    return [w.strip(".%") for w in WORD.findall(q.lower()) if len(w.strip(".%")) >= 3][:MAX_WORDS]


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
    params: dict[str, Any] = {
        "q": q.strip(),
        "lq": q.strip().lower(),
        "user_id": user_id,
        "limit": limit + 1,
        "offset": offset,
    }
    filters = ["(f.owner_id IS NULL OR f.owner_id = :user_id)"]
    if category:
        filters.append("f.category ILIKE :category")
        params["category"] = category
    if source:
        filters.append("f.source = :source")
        params["source"] = source
    words = query_words(q)
    if params["lq"]:
        fuzzy = " AND ".join(f":w{i} <% lower(f.name)" for i in range(len(words)))
        for i, word in enumerate(words):
            params[f"w{i}"] = word
        match = "f.search @@ websearch_to_tsquery('russian', :q)"
        if fuzzy:
            match = f"({match} OR ({fuzzy}))"
        filters.append(match)
    where = " AND ".join(filters)
    sql = f"""
        WITH usage AS (
            SELECT food_id, count(*) AS uses FROM nutrition.meal_items
            WHERE user_id = :user_id AND food_id IS NOT NULL
              AND created_at > now() - interval '90 days'
            GROUP BY food_id
        )
        SELECT f.id, f.name, f.brand, f.category, f.source, f.barcode, f.energy_derived,
               f.quality_flags, f.energy_kcal, f.energy_kj, f.protein_g, f.fat_g,
               f.saturated_fat_g, f.carbohydrate_g, f.sugars_g, f.fibre_g, f.sodium_mg,
               f.micronutrients, f.owner_id,
               (CASE WHEN lower(f.name) = :lq THEN 4 ELSE 0 END
                + CASE WHEN :lq <> '' AND lower(f.name) LIKE :lq || '%' THEN 2 ELSE 0 END
                + CASE WHEN f.source IN ('usda-sr28', 'fdc', 'user') THEN 7 ELSE 0 END
                + CASE WHEN lower(f.name) LIKE '%, raw%' THEN 0.3 ELSE 0 END
                + 2 * ln(1 + coalesce(u.uses, 0))
                + ts_rank(f.search, websearch_to_tsquery('russian', :q))
                + similarity(lower(f.name), :lq)
                - CASE WHEN cardinality(f.quality_flags) > 0 THEN 0.2 ELSE 0 END
               ) AS score
        FROM nutrition.foods f LEFT JOIN usage u ON u.food_id = f.id
        WHERE {where}
        ORDER BY score DESC, f.id
        LIMIT :limit OFFSET :offset
    """
    # 0.5: "chiken" vs "chicken" scores 0.5 (the default 0.6 misses one-letter typos).
    session.execute(text("SELECT set_config('pg_trgm.word_similarity_threshold', '0.5', true)"))
    rows = session.execute(text(sql), params).mappings().all()
    return [dict(r) for r in rows]
