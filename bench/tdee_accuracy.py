"""How close the adaptive expenditure estimate gets to the truth, week by week.

    python -m bench.tdee_accuracy [--users 500] [--weeks 12]

Simulated users (backend_services/users/simulated_users.py) with a known true expenditure,
noisy and incomplete logging and a noisy scale; for each week, the median and 90th-percentile
absolute error of the estimate and of the formula alone, the share of truths inside the 95 %
band, the band's median half-width and how many users are still on the formula. No servers.
Results: bench/results/tdee_accuracy.md and .json.
"""

from __future__ import annotations

import argparse
import json
import statistics
from datetime import date, timedelta
from pathlib import Path

from backend_services.users.expenditure import EstimateSource, estimate
from backend_services.users.simulated_users import Habits, simulate

RESULTS = Path(__file__).resolve().parent / "results"
FIRST = date(2026, 1, 1)


def _p90(values: list[float]) -> float:
    return sorted(values)[int(0.9 * (len(values) - 1))]


def week_row(week: int, users: int, habits: Habits) -> dict[str, float]:
    end = FIRST + timedelta(days=7 * week - 1)
    errors, formula_errors, bands, inside, on_formula = [], [], [], 0, 0
    for seed in range(users):
        user = simulate(seed, FIRST, 7 * week, habits=habits)
        result = estimate(user.intake_by_day, user.weights_by_day, user.formula_tdee_kcal, end)
        truth = user.true_mean_tdee(max(FIRST, result.window_start), end)
        errors.append(abs(result.tdee_kcal - truth))
        formula_errors.append(abs(user.formula_tdee_kcal - truth))
        bands.append(result.band_kcal)
        inside += abs(result.tdee_kcal - truth) <= result.band_kcal
        on_formula += result.source is EstimateSource.FORMULA
    return {
        "week": week,
        "median_error_kcal": statistics.median(errors),
        "p90_error_kcal": _p90(errors),
        "formula_median_error_kcal": statistics.median(formula_errors),
        "formula_p90_error_kcal": _p90(formula_errors),
        "coverage_95": inside / users,
        "median_band_kcal": statistics.median(bands),
        "on_formula_share": on_formula / users,
    }


def render(rows: list[dict[str, float]], users: int) -> str:
    lines = [
        f"# Adaptive expenditure on {users} simulated users",
        "",
        "| week | median error | p90 error | formula median | formula p90 | in 95 % band "
        "| median ± | still on formula |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['week']:.0f} | {r['median_error_kcal']:.0f} kcal | {r['p90_error_kcal']:.0f} "
            f"kcal | {r['formula_median_error_kcal']:.0f} kcal | {r['formula_p90_error_kcal']:.0f}"
            f" kcal | {r['coverage_95']:.0%} | {r['median_band_kcal']:.0f} kcal "
            f"| {r['on_formula_share']:.0%} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--weeks", type=int, default=12)
    args = parser.parse_args()
    rows = [week_row(week, args.users, Habits()) for week in range(1, args.weeks + 1)]
    report = render(rows, args.users)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "tdee_accuracy.md").write_text(report)
    (RESULTS / "tdee_accuracy.json").write_text(json.dumps(rows, indent=2))
    print(report)


if __name__ == "__main__":
    main()
