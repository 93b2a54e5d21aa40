"""Nutrition: food import time, search latency over SR28 + 688k OFF products, diary writes.

    python -m bench.nutrition_search [--port-shift 6000] [--seconds 15] [--runs 2]

Starts its own port-shifted stack (bench/harness/stack.py: .local/bench-nutrition, database
fitledger_bench_nutrition, dropped first unless --keep-data, Redis db 7, vhost
fitledger_bench_nutrition, gateway rate limits raised), then

1. imports USDA SR28 and the Open Food Facts 2018 export with the real CLI
   (``fitledger foods import sr28|off``) and times each (rows/s), then ANALYZEs the table;
2. sends every query of a realistic mix once per round through the gateway with one client
   (unloaded latency per query, result count, top hit), then replays the whole mix with wrk
   at fixed concurrencies (``GET /api/nutrition/foods?q=`` and
   ``GET /api/nutrition/foods/barcode/{code}`` with real codes from the OFF file);
3. replays ``POST /api/nutrition/meals`` from N users (tokens minted as
   bench/gateway_overhead.py does) with wrk: meals/s and latency; any non-2xx fails the run,
   and the meals and outbox rows in PostgreSQL are counted afterwards.

Results: bench/results/nutrition_search.md and .json. Only 127.0.0.1 is loaded; every load
phase is bounded in time (wrk -d) and the serial passes in count.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from bench.harness import cli
from bench.harness.cli import BenchError, run_main
from bench.harness.food_import import OFF_FILE, SR28_DIR, import_source
from bench.harness.machine import ensure_wrk, machine_info, redis_version
from bench.harness.processes import ProcessGroups, rss_mib
from bench.harness.report import save
from bench.harness.session import bench_session
from bench.harness.stack import (
    DEFAULT_SHIFT,
    ROOT,
    BenchStack,
)
from bench.harness.wrk import summarize, write_requests, wrk_line, wrk_replay
from bench.reports.nutrition_search import render_markdown

# The full datasets: SR28 from FOOD_DATA_DIR (default: the copy the repository ships), Open
# Food Facts from OFF_FILE (`fitledger data fetch off` downloads it; CI points it at its copy).
REQUESTS_DIR = ROOT / ".local" / "bench-nutrition-requests"

# (query, kind): what people type, with the typos and languages the search must handle.
QUERIES: list[tuple[str, str]] = [
    ("apple", "common word"),
    ("milk", "common word"),
    ("chicken", "common word"),
    ("bread", "common word"),
    ("chocolate", "common word"),
    ("banana", "common word"),
    ("rice", "common word"),
    ("egg", "common word"),
    ("cheese", "common word"),
    ("pear", "common word"),
    ("oats", "common word"),
    ("tomato", "common word"),
    ("greek yogurt", "multi-word"),
    ("chicken breast", "multi-word"),
    ("peanut butter", "multi-word"),
    ("whole milk 3.25", "multi-word"),
    ("orange juice", "multi-word"),
    ("brocoli", "typo"),
    ("chiken brest", "typo"),
    ("bannana", "typo"),
    ("chocolat", "typo"),
    ("yoghurt", "typo"),
    ("молоко", "russian"),
    ("хлеб", "russian"),
    ("сыр", "russian"),
]
BARCODE_SHARE = 0.2
SERIAL_BUDGET_S = 8.0  # per query in the unloaded pass  # of the replayed search mix


def scalar(conn: Any, sql: str, params: Any = None) -> Any:
    row = conn.execute(sql, params).fetchone()
    return row[0] if row else None


def table_stats(conn: Any) -> dict[str, Any]:
    rows = conn.execute(
        "SELECT source, count(*) FROM nutrition.foods GROUP BY source ORDER BY source"
    ).fetchall()
    sizes = conn.execute(
        """SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'nutrition' AND c.relname LIKE 'food%'
           ORDER BY 2 DESC"""
    ).fetchall()
    total = scalar(conn, "SELECT pg_total_relation_size('nutrition.foods')")
    return {
        "foods_by_source": {r[0]: r[1] for r in rows},
        "relation_mib": {r[0]: round(r[1] / 2**20, 1) for r in sizes},
        "foods_total_mib_with_indexes_and_toast": round(total / 2**20, 1),
    }


# ------------------------------------------------------------------------------- requests


def pick_barcodes(conn: Any, count: int, seed: int) -> list[str]:
    """Real codes from the OFF file that the importer stored and the API accepts."""
    from backend_services.nutrition.domain import valid_gtin

    rows = conn.execute(
        "SELECT barcode FROM nutrition.foods WHERE source = 'off' AND barcode IS NOT NULL "
        "AND length(barcode) IN (12, 13) ORDER BY md5(barcode || %s) LIMIT %s",
        (str(seed), count * 3),
    ).fetchall()
    codes = [r[0] for r in rows if valid_gtin(r[0])]
    if len(codes) < count // 2:
        raise BenchError(f"only {len(codes)} usable barcodes found in the OFF import")
    return codes[:count]


def search_path(q: str) -> str:
    return f"/api/nutrition/foods?q={quote(q)}"


def serial_pass(
    gateway: str, token: str, queries: list[tuple[str, str]], barcodes: list[str], rounds: int
) -> list[dict[str, Any]]:
    """Every query ``rounds`` times, one request at a time: the latency of each query shape
    without queueing, its result count and its top hit."""
    headers = {"Authorization": f"Bearer {token}"}
    out: list[dict[str, Any]] = []
    with httpx.Client(base_url=gateway, headers=headers, timeout=60) as http:
        items = [(q, kind, search_path(q)) for q, kind in queries]
        items += [(code, "barcode", f"/api/nutrition/foods/barcode/{code}") for code in barcodes]
        for q, kind, path in items:
            times: list[float] = []
            body: Any = None
            budget = time.monotonic() + SERIAL_BUDGET_S
            for _ in range(rounds):
                if times and time.monotonic() > budget:
                    break  # a slow query shape: fewer repeats, the run stays bounded
                started = time.perf_counter()
                answer = http.get(path)
                times.append(time.perf_counter() - started)
                if answer.status_code != 200:
                    raise BenchError(
                        f"GET {path} answered {answer.status_code}: {answer.text[:300]}"
                    )
                body = answer.json()
            if kind == "barcode":
                top, count = body["name"], 1
            else:
                count = len(body["items"])
                top = body["items"][0]["name"] if body["items"] else None
                if count == 0 and kind == "common word":
                    raise BenchError(
                        f"search {q!r} found nothing: the import or the search is broken"
                    )
            out.append(
                {
                    "q": q,
                    "kind": kind,
                    "results": count,
                    "more": bool(kind != "barcode" and body.get("next_cursor")),
                    "top": top,
                    "repeats": len(times),
                    "median_ms": round(statistics.median(times) * 1000, 1),
                    "max_ms": round(max(times) * 1000, 1),
                }
            )
    return out


def search_requests(
    token: str, queries: list[tuple[str, str]], barcodes: list[str], seed: int
) -> list[tuple[str, str, str, str]]:
    """The replayed mix: each text query equally often, BARCODE_SHARE barcode lookups, in a
    shuffled but fixed order."""
    rng = random.Random(seed)
    text = [("GET", search_path(q), token, "") for q, _ in queries] * 8
    n_codes = round(len(text) * BARCODE_SHARE / (1 - BARCODE_SHARE))
    codes = [
        ("GET", f"/api/nutrition/foods/barcode/{barcodes[i % len(barcodes)]}", token, "")
        for i in range(n_codes)
    ]
    lines = text + codes
    rng.shuffle(lines)
    return lines


def meal_foods(conn: Any, seed: int) -> tuple[list[int], list[tuple[int, int]], list[int]]:
    """Generic foods, (food, portion) pairs and branded products to log."""

    def sample(query: str) -> list[Any]:
        """300 rows of ``query``, in an order fixed by the seed."""
        return list(conn.execute(f"{query} ORDER BY md5(id::text || %s) LIMIT 300", (str(seed),)))

    generic = [r[0] for r in sample("SELECT id FROM nutrition.foods WHERE source = 'usda-sr28'")]
    portions = [(r[0], r[1]) for r in sample("SELECT food_id, id FROM nutrition.food_portions")]
    branded = [r[0] for r in sample("SELECT id FROM nutrition.foods WHERE source = 'off'")]
    return generic, portions, branded


def meal_bodies(
    count: int, foods: tuple[list[int], list[tuple[int, int]], list[int]], seed: int
) -> list[str]:
    """Meals as a diary app sends them: 1-4 items, by grams or by portion, spread over the
    last year and the four meal types (so a day never grows unrealistically long)."""
    generic, portions, branded = foods
    rng = random.Random(seed)
    today = date.today()
    bodies = []
    for n in range(count):
        items: list[dict[str, Any]] = []
        for _ in range(rng.randint(1, 4)):
            roll = rng.random()
            if roll < 0.5:
                items.append(
                    {
                        "food_id": rng.choice(generic),
                        "grams": rng.choice([30, 50, 100, 150, 200, 250]),
                    }
                )
            elif roll < 0.8:
                food_id, portion_id = rng.choice(portions)
                items.append(
                    {
                        "food_id": food_id,
                        "portion_id": portion_id,
                        "quantity": rng.choice([1, 1, 2, 0.5]),
                    }
                )
            elif roll < 0.95:
                items.append(
                    {"food_id": rng.choice(branded), "grams": rng.choice([25, 40, 100, 330])}
                )
            else:
                items.append(
                    {"quick_add": {"name": "Coffee with milk", "energy_kcal": 35, "protein_g": 1.5}}
                )
        body = {
            "date": (today - timedelta(days=n % 365)).isoformat(),
            "meal_type": ("breakfast", "lunch", "dinner", "snack")[(n // 365) % 4],
            "items": items,
        }
        if rng.random() < 0.1:
            body["note"] = "after the gym"
        bodies.append(json.dumps(body, separators=(",", ":")))
    return bodies


# ------------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = cli.parser("nutrition_search", __doc__)
    cli.add_port_shift(parser, DEFAULT_SHIFT)
    parser.add_argument("--seconds", type=int, default=15, help="length of each wrk run (15)")
    parser.add_argument("--runs", type=int, default=2, help="wrk runs per point (2)")
    parser.add_argument("--warmup", type=int, default=5, help="warm-up seconds (5)")
    parser.add_argument(
        "--concurrency", default="4,16", help="search concurrencies, comma-separated (4,16)"
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--serial-rounds", type=int, default=5, help="per-query repeats (5)")
    parser.add_argument("--barcodes", type=int, default=200, help="OFF codes in the mix (200)")
    parser.add_argument("--write-users", type=int, default=16, help="diary users (16)")
    parser.add_argument("--write-connections", type=int, default=16, help="(16)")
    parser.add_argument("--off-limit", type=int, default=None, help="import only N OFF rows")
    parser.add_argument(
        "--keep-data",
        action="store_true",
        help="keep the database and skip the import when foods are there (no import numbers)",
    )
    parser.add_argument("--seed", type=int, default=42)
    cli.add_wait_and_output(parser)
    cli.add_no_install(parser)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    return run_main("nutrition_search", run, parse_args(argv))


def run(args: argparse.Namespace) -> int:
    import psycopg

    wrk = ensure_wrk(install=not args.no_install)
    if OFF_FILE is None or not OFF_FILE.exists():
        raise BenchError(
            f"OFF_FILE={OFF_FILE or ''} is not an Open Food Facts export: set OFF_FILE"
        )
    off_file = OFF_FILE
    if not SR28_DIR.exists():
        raise BenchError(f"FOOD_DATA_DIR={SR28_DIR} is missing")
    stack = BenchStack("nutrition", args.port_shift, redis_db=7)
    if not args.keep_data:
        stack.drop_database()
    pg_url = stack.psycopg_url
    concurrencies = [int(c) for c in args.concurrency.split(",") if c.strip()]
    report: dict[str, Any] = {}
    with bench_session(stack, wait=args.wait) as session:
        settings = session.settings
        # ---- 1. import
        with psycopg.connect(pg_url, autocommit=True) as conn:
            have = scalar(conn, "SELECT count(*) FROM nutrition.foods")
        imports = []
        if not (args.keep_data and have > 0):
            imports.append(import_source(stack, "sr28", SR28_DIR, 900))
            limit = () if args.off_limit is None else ("--limit", str(args.off_limit))
            imports.append(import_source(stack, "off", off_file, 3600, *limit))
        with psycopg.connect(pg_url, autocommit=True) as conn:
            started = time.perf_counter()
            conn.execute("ANALYZE nutrition.foods")
            conn.execute("ANALYZE nutrition.food_portions")
            analyze_seconds = time.perf_counter() - started
            table = table_stats(conn)
            barcodes = pick_barcodes(conn, args.barcodes, args.seed)
            foods = meal_foods(conn, args.seed)
        print(f"  foods: {table['foods_by_source']}", flush=True)

        # ---- tokens
        token_for = session.token_for

        searcher = token_for(f"bench-search-{uuid.uuid4().hex[:8]}")

        # ---- 2. search: unloaded per query, then the mix under wrk
        print("  per-query pass (1 client) ...", flush=True)
        serial_pass(stack.gateway, searcher, QUERIES, barcodes[:5], 1)  # warm caches
        serial = serial_pass(stack.gateway, searcher, QUERIES, barcodes[:20], args.serial_rounds)
        for row in serial:
            if row["kind"] != "barcode":
                print(
                    f"    {row['q']:18s} {row['median_ms']:7.1f} ms  {row['results']:3d} "
                    f"results  top: {(row['top'] or '')[:50]}",
                    flush=True,
                )
        mix_file = write_requests(
            REQUESTS_DIR / "search.tsv",
            search_requests(searcher, QUERIES, barcodes, args.seed),
        )
        procs = stack.processes("nutrition", settings.instances)
        memory_before = _memory(procs, stack)
        redis_ver = redis_version(session.redis)

        def replay(file: Path, label: str, connections: int, seconds: int) -> dict[str, Any]:
            return wrk_replay(
                wrk,
                stack,
                file,
                label=label,
                connections=connections,
                threads=args.threads,
                seconds=seconds,
                procs=procs,
                redis_client=session.redis,
            )

        print(
            f"  warm-up {args.warmup} s (search mix, {concurrencies[-1]} connections)",
            flush=True,
        )
        replay(mix_file, "warm-up", concurrencies[-1], args.warmup)
        search_runs: dict[str, list[dict[str, Any]]] = {str(c): [] for c in concurrencies}
        for round_no in range(1, args.runs + 1):
            for c in concurrencies:
                result = replay(mix_file, f"search c={c}", c, args.seconds)
                search_runs[str(c)].append(result)
                print(wrk_line(f"run {round_no} search c={c}", result), flush=True)

        # ---- 3. diary writes
        users = [f"bench-diary-{i:02d}-{uuid.uuid4().hex[:6]}" for i in range(args.write_users)]
        tokens = [token_for(u) for u in users]
        with httpx.Client(base_url=stack.gateway, timeout=30) as http:
            smoke = http.post(
                "/api/nutrition/meals",
                headers={"Authorization": f"Bearer {tokens[0]}"},
                json=json.loads(meal_bodies(1, foods, args.seed)[0]),
            )
            if smoke.status_code != 201 or "day_totals" not in smoke.json():
                raise BenchError(
                    f"POST /api/nutrition/meals: {smoke.status_code} {smoke.text[:400]}"
                )
        bodies = meal_bodies(365 * 4, foods, args.seed)
        write_lines = [
            ("POST", "/api/nutrition/meals", tokens[i % len(tokens)], body)
            for i, body in enumerate(bodies * 2)
        ]
        random.Random(args.seed).shuffle(write_lines)
        write_file = write_requests(REQUESTS_DIR / "meals.tsv", write_lines)
        print(f"  warm-up {args.warmup} s (diary writes)", flush=True)
        warm = replay(write_file, "writes warm-up", args.write_connections, args.warmup)
        write_runs = []
        for round_no in range(1, args.runs + 1):
            result = replay(write_file, "meals", args.write_connections, args.seconds)
            write_runs.append(result)
            print(wrk_line(f"run {round_no} POST meals", result), flush=True)
        time.sleep(1)
        with psycopg.connect(pg_url, autocommit=True) as conn:
            placeholders = ",".join(["%s"] * len(users))
            meals_in_db = scalar(
                conn,
                f"SELECT count(*) FROM nutrition.meals WHERE user_id IN ({placeholders})",
                users,
            )
            items_in_db = scalar(
                conn,
                f"SELECT count(*) FROM nutrition.meal_items WHERE user_id IN ({placeholders})",
                users,
            )
            outbox_logged = scalar(
                conn,
                "SELECT count(*) FROM nutrition.outbox WHERE type = 'nutrition.meal.logged'",
            )
        memory_after = _memory(procs, stack)
        report = {
            "finished_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "config": {
                "port_shift": args.port_shift,
                "seconds": args.seconds,
                "runs": args.runs,
                "warmup_seconds": args.warmup,
                "threads": args.threads,
                "concurrencies": concurrencies,
                "serial_rounds": args.serial_rounds,
                "barcodes": len(barcodes),
                "write_users": args.write_users,
                "write_connections": args.write_connections,
                "instances": settings.instances,
                "stack_env": stack.env(),
                "queries": QUERIES,
                "barcode_share": BARCODE_SHARE,
            },
            "machine": machine_info(redis_ver),
            "imports": imports,
            "analyze_seconds": round(analyze_seconds, 1),
            "table": table,
            "serial": serial,
            "search_load": {c: summarize(rs) for c, rs in search_runs.items()},
            "search_runs": search_runs,
            "writes": {
                "summary": summarize(write_runs),
                "runs": write_runs,
                "warmup_requests": warm["requests"],
                "smoke_meals": 1,
                "meals_in_db": meals_in_db,
                "items_in_db": items_in_db,
                "outbox_logged": outbox_logged,
            },
            "memory": {"before": memory_before, "after": memory_after},
        }
    report["config"]["wall_seconds"] = session.wall_seconds()
    expected = (
        report["writes"]["summary"]["requests_total"] + report["writes"]["warmup_requests"] + 1
    )
    if report["writes"]["meals_in_db"] < expected:
        raise BenchError(
            f"only {report['writes']['meals_in_db']} meals stored for {expected} acknowledged"
        )
    save(args.output, "nutrition_search", report, render_markdown(report))
    return 0


def _memory(procs: ProcessGroups, stack: BenchStack) -> dict[str, Any]:
    nutrition = procs.rss_mib("nutrition")
    return {
        "nutrition instances": round(sum(nutrition), 1),
        "nutrition-1": nutrition[0],
        "nutrition worker": rss_mib(stack.pid("nutrition-worker")),
        "nginx workers": round(sum(rss_mib(p) for p in procs.by_name["nginx"][1:]), 1),
    }


if __name__ == "__main__":
    sys.exit(main())
