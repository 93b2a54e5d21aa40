"""``fitledger data fetch sr28|off|exercises``: download an official dataset, verify, import."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from backend_services.stack.topology import StackSettings

from .download import DownloadError
from .fetch import UnusableArchive, fetch
from .sources import DATASETS

app = typer.Typer(help="Public reference datasets.", no_args_is_help=True)
console = Console(stderr=True, soft_wrap=True)


@app.command("fetch")
def fetch_command(
    name: Annotated[str, typer.Argument(help=f"One of: {', '.join(DATASETS)}.")],
    dest: Annotated[
        Path | None,
        typer.Option(help="Download folder (default: $FITLEDGER_DATA_DIR/datasets)."),
    ] = None,
    url: Annotated[str | None, typer.Option(help="Another URL (a mirror).")] = None,
    sha256: Annotated[str | None, typer.Option(help="Expected sha256 of the file.")] = None,
    import_data: Annotated[
        bool, typer.Option("--import/--no-import", help="Import after downloading.")
    ] = True,
    database_url: Annotated[str | None, typer.Option(help="For sr28, off.")] = None,
    mongodb_uri: Annotated[str | None, typer.Option(help="For exercises.")] = None,
) -> None:
    """Download NAME from its official URL (resuming a partial download), verify, import."""
    dataset = DATASETS.get(name)
    if dataset is None:
        console.print(f"[red]unknown dataset {name!r}[/red]; one of: {', '.join(DATASETS)}")
        raise typer.Exit(2)
    folder = dest or StackSettings().data_dir / "datasets"
    console.print(f"{name}: {url or dataset.url} ({dataset.licence})")
    with Progress(
        TextColumn(f"downloading {dataset.filename}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=console,
    ) as bar:
        task = bar.add_task(name, total=None)
        try:
            path, digest = fetch(
                dataset,
                folder,
                url=url,
                sha256=sha256,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        except (DownloadError, UnusableArchive) as exc:
            bar.stop()
            console.print(f"[red]not fetched:[/red] {exc}")
            raise typer.Exit(2) from exc
    if sha256 or dataset.sha256:
        console.print(f"sha256 verified: {digest}")
    else:
        console.print(f"[yellow]sha256 not pinned[/yellow] ({dataset.why}): {digest}")
    console.print(f"saved: {path}")
    if import_data:
        _import(name, path, database_url, mongodb_uri)


def _import(name: str, path: Path, database_url: str | None, mongodb_uri: str | None) -> None:
    from backend_services.nutrition.cli import import_off, import_sr28
    from backend_services.workouts.cli import import_exercises

    if name == "sr28":
        import_sr28(path, database_url)
    elif name == "off":
        import_off(path, database_url, limit=None)
    else:
        import_exercises(path, mongodb_uri)
