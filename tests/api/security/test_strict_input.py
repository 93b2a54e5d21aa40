"""Strict input on every route with a JSON body, on every service's own port and through the
gateway, generated from the OpenAPI documents: a duplicated key, a boolean where a number
belongs, and (on PATCH) an explicit null on a field that cannot be cleared are each a 422
that names the field. Path ids are made up: validation answers before any lookup, and
nothing is stored."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from security_fixtures import (  # noqa: F401 (fixtures, found by name)
    doors_fixture,
    openapi_fixture,
    operations_fixture,
)
from security_helpers import Operation, bearer, concrete_path, resolve

pytestmark = pytest.mark.e2e

# PATCH fields where null means "clear it"; every other PATCH field must be refused as null.
# A new PATCH route gets no nullable field unless it is listed here on purpose.
NULLABLE_IN_PATCH = {
    "PATCH /api/users/me": {
        "body_fat_pct",
        # null: "use the formula again"
        "custom_calorie_target_kcal",
        "custom_protein_g_per_kg",
        "custom_fat_energy_share",
        "training_rule",  # null: no training-day extra
    },
    "PATCH /api/nutrition/meals/{meal_id}": {"note"},
    "PATCH /api/workouts/workouts/{workout_id}": {"notes", "ended_at", "body_weight_kg"},
}
NUMBER_TYPES = {"integer", "number"}
# (operation, its service's OpenAPI document, the object variants of its body)
BodyOperations = list[tuple[Operation, dict[str, Any], list[dict[str, Any]]]]
Send = Callable[[Operation, str], Iterator[tuple[str, httpx.Response]]]


def _object_variants(document: dict[str, Any], schema: dict[str, Any]) -> list[dict[str, Any]]:
    schema = resolve(document, schema)
    if "properties" in schema:
        return [schema]
    variants = []
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, []):
            variants += _object_variants(document, option)
    return variants


def _types(document: dict[str, Any], schema: dict[str, Any]) -> set[str]:
    schema = resolve(document, schema)
    found = {schema["type"]} if isinstance(schema.get("type"), str) else set()
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, []):
            found |= _types(document, option)
    return found


def _tags(variant: dict[str, Any]) -> dict[str, Any]:
    """The fixed fields (a tagged union's ``kind``) that pick this variant."""
    tags = {}
    for name, prop in variant["properties"].items():
        if "const" in prop:
            tags[name] = prop["const"]
        elif len(prop.get("enum", [])) == 1:
            tags[name] = prop["enum"][0]
    return tags


def _body_operations(
    operations: list[Operation], openapi: dict[str, dict[str, Any]]
) -> Iterator[tuple[Operation, dict[str, Any], list[dict[str, Any]]]]:
    for op in operations:
        schema = op.body_schema(openapi[op.service])
        if schema is not None:
            yield op, openapi[op.service], _object_variants(openapi[op.service], schema)


def _names_field(answer: httpx.Response, name: str) -> bool:
    if answer.status_code != 422:
        return False
    fields = answer.json()["error"]["fields"]
    # "reps", "reps.0", or "strength.reps" (a tagged union names the variant first)
    return any(name in key.split(".") for key in fields)


@pytest.fixture(scope="module")
def caller(register: Callable[..., Any], admin_account: Any) -> Callable[[Operation], Any]:
    user = register()
    return lambda op: admin_account if "/admin/" in op.path else user


@pytest.fixture(scope="module")
def body_operations(
    operations: list[Operation], openapi: dict[str, dict[str, Any]]
) -> BodyOperations:
    return list(_body_operations(operations, openapi))


@pytest.fixture
def send(doors: dict[str, httpx.Client], caller: Callable[[Operation], Any]) -> Send:
    """``raw`` as the body of ``op``, on its service's own port and then through the gateway,
    as its caller: yields (door, answer)."""

    def each_door(op: Operation, raw: str) -> Iterator[tuple[str, httpx.Response]]:
        for door in (op.service, "gateway"):
            yield (
                door,
                doors[door].request(
                    op.method,
                    concrete_path(op),
                    content=raw,
                    headers={**bearer(caller(op).access_token), "content-type": "application/json"},
                ),
            )

    return each_door


def _wrong(door: str, op: Operation, raw: str, answer: httpx.Response) -> str:
    return f"{door}: {op.label} {raw} -> {answer.status_code} {answer.text}"


def test_every_body_route_refuses_duplicate_keys(
    body_operations: BodyOperations, send: Send
) -> None:
    tried, wrong = 0, []
    for op, _, variants in body_operations:
        name = next(iter(variants[0]["properties"]))
        raw = f'{{"{name}": 1, "{name}": 2}}'
        for door, answer in send(op, raw):
            tried += 1
            if answer.status_code != 422 or answer.json()["error"]["fields"] != {
                name: "given more than once"
            }:
                wrong.append(_wrong(door, op, raw, answer))
    assert tried > 20
    assert not wrong, "\n".join(wrong)


def test_every_number_field_refuses_booleans(body_operations: BodyOperations, send: Send) -> None:
    tried, wrong = 0, []
    for op, document, variants in body_operations:
        for variant in variants:
            for name, prop in variant["properties"].items():
                if not _types(document, prop) & NUMBER_TYPES:
                    continue
                for value in (True, False):
                    raw = json.dumps({**_tags(variant), name: value})
                    for door, answer in send(op, raw):
                        tried += 1
                        if not _names_field(answer, name):
                            wrong.append(_wrong(door, op, raw, answer))
    assert tried > 20
    assert not wrong, "\n".join(wrong)


def test_every_patch_refuses_explicit_nulls_except_on_clearable_fields(
    body_operations: BodyOperations, send: Send
) -> None:
    patches = [(op, d, v) for op, d, v in body_operations if op.method == "PATCH"]
    assert len(patches) >= 5
    wrong = []
    for op, document, variants in patches:
        key = f"{op.method} {op.path}"
        clearable = NULLABLE_IN_PATCH.get(key, set())
        for variant in variants:
            documented = {
                name
                for name, prop in variant["properties"].items()
                if "null" in _types(document, prop)
            }
            if documented != clearable:
                wrong.append(
                    f"{op.label}: the document says nullable {documented}, not {clearable}"
                )
            for name in variant["properties"]:
                raw = json.dumps({name: None})
                for door, answer in send(op, raw):
                    refused = _names_field(answer, name)
                    if refused == (name in clearable):
                        wrong.append(_wrong(door, op, raw, answer))
    assert not wrong, "\n".join(wrong)
