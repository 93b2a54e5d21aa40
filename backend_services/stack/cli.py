"""``fitledger stack ...``: run the local stack."""

from __future__ import annotations

import typer

from .render import render_gateway
from .runner import StackError, down, reload_ui, supervisorctl, up
from .topology import StackSettings

app = typer.Typer(help="Run FitLedger's local stack (nginx, services, workers, UI).")


@app.command("up")
def up_command(
    detach: bool = typer.Option(False, "--detach", "-d", help="Return once healthy."),
) -> None:
    """Start everything and wait until /api/health answers 200."""
    try:
        up(StackSettings(), detach=detach)
    except StackError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(1) from exc


@app.command("down")
def down_command() -> None:
    """Stop every process of the stack."""
    if down(StackSettings()):
        typer.echo("stopped")
    else:
        typer.echo("not running")


@app.command("status")
def status_command() -> None:
    """Each process and its state."""
    typer.echo(supervisorctl(StackSettings(), "status").stdout)


@app.command("render-gateway")
def render_gateway_command(
    deployment: bool = typer.Option(False, help="Without the top-level process settings."),
) -> None:
    """Print the nginx config the stack would use."""
    typer.echo(render_gateway(StackSettings(), standalone=not deployment))


@app.command("reload-ui")
def reload_ui_command() -> None:
    """Development: after `make ui`, restart the UI processes and reload nginx's config."""
    try:
        reload_ui(StackSettings())
    except StackError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(1) from exc
    typer.echo("UI restarted, gateway reloaded")
