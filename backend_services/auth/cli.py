"""``fitledger admin ...``: operator commands of the auth service."""

from __future__ import annotations

import typer

from backend_services.kernel.db import service_engine
from backend_services.kernel.errors import InvalidInput

from .service import create_admin
from .settings import AuthSettings

app = typer.Typer(help="Accounts administration.")


@app.command("create")
def create_admin_command(
    email: str = typer.Option(..., prompt=True, help="The administrator's e-mail address."),
    display_name: str = typer.Option("Administrator", help="Name shown in the app."),
    password: str = typer.Option(
        ...,
        prompt=True,
        hide_input=True,
        confirmation_prompt=True,
        envvar="FITLEDGER_ADMIN_PASSWORD",
    ),
) -> None:
    """Create the first administrator (or make an existing account one)."""
    settings = AuthSettings()
    engine = service_engine(settings, application_name="fitledger-cli")
    try:
        user_id = create_admin(engine, settings, email, password, display_name)
    except InvalidInput as exc:
        typer.secho(exc.message, fg="red", err=True)
        raise typer.Exit(1) from exc
    finally:
        engine.dispose()
    typer.echo(f"administrator {email} ({user_id}) is ready; they can sign in now")
