"""The JSON Schema of FitLedger's own export (``fitledger-export/1``), generated from the
import routes' request models, so the documented schema is the one the services check.
``docs/export-format.schema.json`` is its output; ``tests/unit/test_export_format.py`` checks
the file is current. ``python -m backend_services.stack.export_schema`` rewrites it.

Each service's part is described as its import route reads it (the fields an import ignores,
such as computed totals, are in the models too, marked as not imported).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from backend_services.kernel.export_format import ExportFormat
from backend_services.kernel.openapi_document import request_numbers_only
from backend_services.notifications.schemas import ReminderSettings
from backend_services.nutrition.account_import import NutritionImport
from backend_services.users.account_import import ProfileIn, WeightsIn
from backend_services.workouts.schemas import Exercise, Program, Workout

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "export-format.schema.json"


class _Open(BaseModel):
    """A part kept in the file but not imported (free-form here)."""

    model_config = ConfigDict(extra="allow")


class Auth(BaseModel):
    account: _Open = Field(description="GET /api/auth/me: not imported (the new account's own).")
    sessions: Any = Field(description="GET /api/auth/sessions: not imported.")


class Users(BaseModel):
    profile: ProfileIn
    weights: WeightsIn


class Nutrition(BaseModel):
    export: NutritionImport


class WorkoutList(BaseModel):
    items: list[Workout]


class WorkoutLibrary(BaseModel):
    format: ExportFormat
    exercises: list[Exercise]
    programs: list[Program]


class Workouts(BaseModel):
    workouts: WorkoutList
    library: WorkoutLibrary


class NotificationSettings(ReminderSettings):
    """GET /api/notifications/settings: the reminders are imported; the rest follows the
    profile (time zone, language, units, target) or e-mail links (opt-outs)."""

    model_config = ConfigDict(extra="allow")


class Notifications(BaseModel):
    settings: NotificationSettings
    feed: _Open = Field(description="The notification feed: kept, not imported.")


class Services(BaseModel):
    auth: Auth | None = None
    users: Users | None = None
    nutrition: Nutrition | None = None
    workouts: Workouts | None = None
    notifications: Notifications | None = None


class Incomplete(BaseModel):
    service: str
    part: str
    problem: str


class ExportDocument(BaseModel):
    """One file with everything a user has (GET /session/export)."""

    format: ExportFormat
    exported_at: str = Field(description="When the file was made, ISO 8601 in UTC.")
    services: Services
    incomplete: list[Incomplete] = Field(description="Parts that could not be read.")


def schema() -> dict[str, Any]:
    # Numbers as the imports read them: JSON numbers, not strings (kernel.bodies).
    document = request_numbers_only(ExportDocument.model_json_schema(mode="validation"))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://fitledger.example/schemas/fitledger-export-1.json",
        **document,
    }


def render() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
