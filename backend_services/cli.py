"""The ``fitledger`` command: one entry point for operators' tasks."""

from __future__ import annotations

import typer

from backend_services.stack.cli import app as stack_app

app = typer.Typer(help="FitLedger command line.", no_args_is_help=True)
app.add_typer(stack_app, name="stack")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
