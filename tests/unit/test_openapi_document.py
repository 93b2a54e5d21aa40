"""The served OpenAPI document says a Decimal in a request is a JSON number (kernel.bodies
refuses strings there), not pydantic's "a number or a string"."""

from __future__ import annotations

from decimal import Decimal

from fastapi import FastAPI
from pydantic import Field

from backend_services.kernel.bodies import StrictBody
from backend_services.kernel.openapi_document import request_numbers_only, serve_truthful_document


class Portion(StrictBody):
    grams: Decimal = Field(gt=0, le=5000)
    servings: Decimal | None = None
    share: Decimal = Decimal("0")
    label: int | str = 0


def _properties() -> dict:
    app = FastAPI()

    @app.post("/portions")
    def add(portion: Portion) -> None: ...

    serve_truthful_document(app)
    return app.openapi()["components"]["schemas"]["Portion"]["properties"]


def test_a_decimal_is_documented_as_a_number():
    properties = _properties()
    assert properties["grams"] == {
        "exclusiveMinimum": 0.0,
        "maximum": 5000.0,
        "title": "Grams",
        "type": "number",
    }
    assert properties["servings"]["anyOf"] == [{"type": "number"}, {"type": "null"}]
    assert properties["share"]["default"] == 0.0 and properties["share"]["type"] == "number"


def test_a_union_that_takes_strings_keeps_them():
    assert {"type": "string"} in _properties()["label"]["anyOf"]


def test_schemas_without_a_number_are_unchanged():
    document = {"a": {"anyOf": [{"type": "string"}, {"type": "null"}]}, "b": [{"type": "string"}]}
    assert request_numbers_only(document) == document
