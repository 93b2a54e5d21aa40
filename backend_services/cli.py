"""The ``fitledger`` command: one entry point for operators' tasks."""

from __future__ import annotations

import typer

from backend_services.auth.cli import app as admin_app
from backend_services.backup.cli import backup_command, restore_command
from backend_services.datasets.cli import app as data_app
from backend_services.nutrition.cli import foods_app
from backend_services.stack.cli import app as stack_app
from backend_services.workouts.cli import app as exercises_app

app = typer.Typer(help="FitLedger command line.", no_args_is_help=True)
app.add_typer(stack_app, name="stack")
app.add_typer(exercises_app, name="exercises")
app.add_typer(foods_app, name="foods")
app.add_typer(admin_app, name="admin")
app.add_typer(data_app, name="data")
app.command("backup")(backup_command)
app.command("restore")(restore_command)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
