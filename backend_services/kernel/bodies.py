"""Request-body schemas as allow-lists, the same rules in every service.

- ``StrictBody``: unknown fields are refused, and a JSON boolean is never taken for a number
  (pydantic's lax mode would read ``true`` as ``1``): a field accepts ``true``/``false`` only
  when its type says bool. Nor is a JSON string (lax mode reads ``"12.5"`` as 12.5): a field
  whose type is only numbers (int, float, Decimal) takes JSON numbers, as its document says
  (``openapi_document.py`` drops the string pydantic documents beside a Decimal).
- ``PatchBody``: a field left out of a PATCH stays as it is; an explicit ``null`` is a 422
  unless the field is listed in ``nullable_in_patch`` (null there clears the value). The
  OpenAPI document says the same: those other fields are not nullable.

Duplicate keys in a JSON body are refused before parsing, in ``strict_json.py``.
"""

from __future__ import annotations

import types
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator


def _accepts_bool(annotation: Any) -> bool:
    # Only asked when a value holds a boolean, so not worth caching (and Annotated metadata
    # is not always hashable).
    if annotation is bool or annotation is Any:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True  # a nested model checks its own fields
    origin = get_origin(annotation)
    if origin is Literal:
        return any(isinstance(arg, bool) for arg in get_args(annotation))
    if origin is Annotated:
        return _accepts_bool(get_args(annotation)[0])
    if origin is dict:
        return True  # free-form maps are checked by whoever reads them
    if origin in (Union, types.UnionType, list, tuple, set, frozenset):
        return any(_accepts_bool(arg) for arg in get_args(annotation) if arg is not Ellipsis)
    return False


_NUMBERS = (int, float, Decimal)


def _only_numbers(annotation: Any) -> bool:
    """The type takes numbers and nothing else (``None`` aside)."""
    if isinstance(annotation, type):
        return issubclass(annotation, _NUMBERS) and annotation is not bool
    origin = get_origin(annotation)
    if origin is Annotated:
        return _only_numbers(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        return bool(options) and all(_only_numbers(arg) for arg in options)
    return False


def _number_items(annotation: Any) -> Any:
    """The item type of a list (or tuple, set) field, else None."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _number_items(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        lists = [_number_items(arg) for arg in get_args(annotation) if arg is not type(None)]
        return lists[0] if len(lists) == 1 else None
    if origin in (list, tuple, set, frozenset):
        items = [arg for arg in get_args(annotation) if arg is not Ellipsis]
        return items[0] if len(items) == 1 else None
    return None


class _NotANumber:
    """Stands in for a boolean or a string sent where the type is a number, so that field
    fails to validate with its own type's error and location."""

    def __init__(self, sent: str):
        self.sent = sent

    def __repr__(self) -> str:
        return self.sent


_A_BOOLEAN = _NotANumber("a boolean")
_A_STRING = _NotANumber("a string")


def _without_booleans(value: Any) -> Any:
    if isinstance(value, bool):
        return _A_BOOLEAN
    if isinstance(value, list):
        return [_without_booleans(item) for item in value]
    return value


def _without_strings(value: Any, annotation: Any) -> Any:
    if isinstance(value, str) and _only_numbers(annotation):
        return _A_STRING
    items = _number_items(annotation)
    if isinstance(value, list) and items is not None:
        return [_without_strings(item, items) for item in value]
    return value


def _checked(value: Any, annotation: Any) -> Any:
    if not _accepts_bool(annotation):
        value = _without_booleans(value)
    return _without_strings(value, annotation)


class StrictBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # A model validator, not a field one: pydantic allows no "before" validator on the
    # discriminator field of a tagged union.
    @model_validator(mode="before")
    @classmethod
    def _no_booleans_or_strings_as_numbers(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        return {
            key: value if key not in fields else _checked(value, fields[key].annotation)
            for key, value in data.items()
        }


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    options = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    if "anyOf" not in schema or len(options) == len(schema["anyOf"]):
        return schema
    rest = {k: v for k, v in schema.items() if k not in ("anyOf", "default")}
    if len(options) == 1:
        return {**options[0], **rest}
    return {**rest, "anyOf": options}


class PatchBody(StrictBody):
    nullable_in_patch: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _no_explicit_nulls(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name not in cls.nullable_in_patch:
            raise ValueError("may not be null; leave the field out to keep its value")
        return value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema: dict[str, Any] = handler(core_schema)
        target = handler.resolve_ref_schema(schema)
        properties = target.get("properties", {})
        for name, prop in list(properties.items()):
            if name not in cls.nullable_in_patch:
                properties[name] = _without_null(prop)
        return schema
