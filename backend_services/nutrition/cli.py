"""``fitledger foods ...``: import reference food databases into the nutrition schema."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .importers.run import import_foods
from .importers.sr28 import count_foods as count_sr28_foods
from .importers.writer import ImportReport, MalformedFile
from .settings import NutritionSettings

foods_app = typer.Typer(help="Food database: importers.", no_args_is_help=True)
import_app = typer.Typer(help="Import a food database file.", no_args_is_help=True)
foods_app.add_typer(import_app, name="import")
console = Console(stderr=True)

DatabaseOption = Annotated[
    str | None, typer.Option("--database-url", help="Defaults to DATABASE_URL.")
]


def _run(kind: str, path: Path, database_url: str | None, total: int | None, **kw: int) -> None:
    url = database_url or NutritionSettings().require("database_url")
    start = time.perf_counter()
    with Progress(
        TextColumn(f"importing {kind}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task(kind, total=total)
        try:
            report = import_foods(
                kind, path, url, advance=lambda n: progress.advance(task, n), **kw
            )
        except MalformedFile as exc:
            progress.stop()
            console.print(f"[red]import failed, nothing changed:[/red] {exc}")
            raise typer.Exit(2) from exc
    _print_report(report, time.perf_counter() - start)


def _print_report(report: ImportReport, seconds: float) -> None:
    console.print(
        f"{report.source}: imported {report.imported}, updated {report.updated}, "
        f"rejected {report.rejected_total} ({seconds:.1f} s)"
    )
    for reason, count in report.rejected.most_common():
        console.print(f"  rejected {count:>8}  {reason}")
    for flag, count in report.flagged.most_common():
        console.print(f"  flagged  {count:>8}  {flag}")


@import_app.command("sr28")
def import_sr28(
    directory: Annotated[Path, typer.Argument(help="Folder with the sr28asc.zip files.")],
    database_url: DatabaseOption = None,
) -> None:
    """USDA SR28 ASCII files (FOOD_DES.txt, NUT_DATA.txt[.gz], WEIGHT.txt, ...)."""
    try:
        total = count_sr28_foods(directory)
    except (MalformedFile, OSError) as exc:
        console.print(f"[red]import failed, nothing changed:[/red] {exc}")
        raise typer.Exit(2) from exc
    _run("sr28", directory, database_url, total)


@import_app.command("fdc")
def import_fdc(
    directory: Annotated[Path, typer.Argument(help="Folder with FoodData Central CSV files.")],
    database_url: DatabaseOption = None,
) -> None:
    """FoodData Central CSV download (food.csv, nutrient.csv, food_nutrient.csv, ...)."""
    _run("fdc", directory, database_url, None)


@import_app.command("off")
def import_off(
    file: Annotated[Path, typer.Argument(help="Open Food Facts CSV/TSV export (.gz ok).")],
    database_url: DatabaseOption = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N rows.")] = None,
) -> None:
    """Open Food Facts export; missing energy is derived from macronutrients."""
    kw = {"limit": limit} if limit else {}
    _run("off", file, database_url, limit, **kw)
