"""The JSON Schema of the LEAP panel interchange format, made from the shapes of its
records in services/interchange_shapes.py; ``make docs-schema`` writes it to
``docs/interchange.schema.json``."""

from __future__ import annotations

from typing import Any

from ..domain import fields as f
from ..domain.vocab import Role
from .interchange import FORMAT, MAX_NUMBER, VERSION
from .interchange_shapes import _TIMESTAMP, _UUID, ADDED_IN_VERSION_1, ADDED_IN_VERSION_2, SHAPES, TOP_LISTS, Shape


def _field_schema(converter: Any) -> dict[str, Any]:
    if isinstance(converter, f.Text):
        schema: dict[str, Any] = {"type": "string", "maxLength": converter.max_len}
        if converter.required:
            schema["minLength"] = 1
        return schema if converter.required else {"type": ["string", "null"], "maxLength": converter.max_len}
    if isinstance(converter, f.Choice):
        codes: list[Any] = list(converter.vocab.choices())
        return {"enum": codes if converter.required else codes + [None]}
    if isinstance(converter, f.Roles):
        return {"type": "array", "minItems": 1, "items": {"enum": Role.choices()}}
    if isinstance(converter, f.Tags):
        return {"type": "array", "uniqueItems": True, "items": {"enum": converter.vocab.choices()}}
    if isinstance(converter, f.Date):
        base = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
        return base if converter.required else {"anyOf": [base, {"type": "null"}]}
    if isinstance(converter, f.DateTime):
        base = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$"}
        return base if converter.required else {"anyOf": [base, {"type": "null"}]}
    if isinstance(converter, f.Number):
        kind = "integer" if converter.whole else "number"
        base = {"type": kind, "minimum": converter.minimum, "maximum": converter.maximum}
        if converter.whole:
            base = {"type": kind, "minimum": int(converter.minimum), "maximum": int(converter.maximum)}
        return base if converter.required else {"anyOf": [base, {"type": "null"}]}
    if isinstance(converter, f.Ref):
        return {"type": "string"} if converter.required else {"type": ["string", "null"]}
    raise TypeError(converter)


def _record_schema(shape: Shape) -> dict[str, Any]:
    cls = shape.cls
    props: dict[str, Any] = {}
    required = []
    timestamp = {"type": "string", "pattern": _TIMESTAMP.pattern}
    for name, field_name in shape.json_fields():
        if field_name == "id":
            props[name] = {"type": "string", "pattern": _UUID.pattern}
        elif field_name in ("created_at", "updated_at"):
            props[name] = timestamp
        elif field_name == "deleted_at":
            props[name] = {"anyOf": [timestamp, {"type": "null"}]}
        elif field_name == "number":
            props[name] = {"type": "integer", "minimum": 1, "maximum": MAX_NUMBER}
        else:
            props[name] = _field_schema(cls.FIELDS[field_name])
        required.append(name)
    for child_name, child_shape in shape.children:
        props[child_name] = {"type": "array", "items": {"$ref": f"#/$defs/{child_shape.cls.__name__}"}}
        if child_name not in ADDED_IN_VERSION_1:
            required.append(child_name)
    return {
        "type": "object",
        "description": (cls.__doc__ or cls.__name__).strip().splitlines()[0],
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the format, written to ``docs/interchange.schema.json``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://leap-desktop.example/schema/leap-panel-{VERSION}.json",
        "title": f"LEAP panel document, version {VERSION}",
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "panel": {"$ref": "#/$defs/Panel"},
            **{name: {"type": "array", "items": {"$ref": f"#/$defs/{shape.cls.__name__}"}} for name, shape in TOP_LISTS},
        },
        "required": ["format", "version", "panel", "people", "meetings", "decisions", "actions", *sorted(ADDED_IN_VERSION_2)],
        "additionalProperties": False,
        "$defs": {shape.cls.__name__: _record_schema(shape) for shape in SHAPES},
    }

