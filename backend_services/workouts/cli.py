"""``fitledger exercises import <exercises.json>``: load the free-exercise-db catalog."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Exercise catalog.", no_args_is_help=True)


@app.command("import")
def import_exercises(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    mongodb_uri: Annotated[str | None, typer.Option(envvar="MONGODB_URI")] = None,
) -> None:
    """Import (or refresh) free-exercise-db's exercises.json; prints a JSON report."""
    from backend_services.kernel.mongo import default_database, make_mongo_client

    from .importers.free_exercise_db import import_free_exercise_db
    from .main import prepare_database
    from .repository import WorkoutsRepository
    from .settings import WorkoutsSettings

    client = make_mongo_client(mongodb_uri or WorkoutsSettings().require("mongodb_uri"))
    try:
        repo = WorkoutsRepository(default_database(client))
        prepare_database(repo)
        report = import_free_exercise_db(repo, path)
    except ValueError as exc:
        typer.echo(f"not imported: {exc}", err=True)
        raise typer.Exit(1) from exc
    finally:
        client.close()
    typer.echo(json.dumps(report.as_dict(), indent=2))
