"""The export's documented schema is the one the import routes check, and it is current."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from backend_services.nutrition.account_import import NutritionImport
from backend_services.stack import export_schema
from backend_services.users.account_import import UsersImport
from backend_services.workouts.account_import import WorkoutsImport


def test_the_committed_schema_is_generated_from_the_models() -> None:
    assert export_schema.SCHEMA_FILE.read_text(encoding="utf-8") == export_schema.render(), (
        "run: python -m backend_services.stack.export_schema"
    )
    version = export_schema.schema()["properties"]["format"]
    assert version["const"] == "fitledger-export/1"


@pytest.mark.parametrize("model", [NutritionImport, UsersImport, WorkoutsImport])
def test_every_import_takes_this_version_only(model: type) -> None:
    for format_ in ("fitledger-export/2", "fitledger-export/0", None):
        with pytest.raises(ValidationError) as refused:
            model.model_validate({"format": format_, "profile": {}})
        assert any(e["loc"] == ("format",) for e in refused.value.errors())
