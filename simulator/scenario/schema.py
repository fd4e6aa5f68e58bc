"""A JSON Schema for scenario files, generated from the language's own tables (spec.py), so editors that
read schemas for TOML (Taplo / Even Better TOML: put `#:schema <path>` on a file's first line) check
scenarios as they are written. `cmecf-sim schema` prints it; `simulator/scenario/schema.json` is the
committed copy, and a test keeps the two equal."""

from __future__ import annotations

import json

from ..core.errors import Code
from .loader import ATTACHMENT_KEYS, LOCATION_KEYS, PARTY_KEYS
from .spec import ACTIONS, OPERATORS, PACER_KINDS, PACER_TYPES, TABLES, Action

DURATION = r"^\s*(?:\d+\s*[wdhms]\s*)+$"


def kind_schema(kind: str) -> dict:
    string_list = {"type": "array", "items": {"type": "string"}}
    return {
        "str": {"type": "string"},
        "bool": {"type": "boolean"},
        "int": {"type": "integer"},
        "number": {"type": "number"},
        "datetime": {"type": "string", "format": "date-time"},
        "court_datetime": {"type": "string"},
        "date": {"type": "string", "format": "date"},
        "date_or_datetime": {"type": "string"},
        "duration": {"type": "string", "pattern": DURATION},
        "str_list": string_list,
        "date_list": {"type": "array", "items": {"type": "string", "format": "date"}},
        "table": {"type": "object"},
        "attachments": {"type": "array", "items": {"anyOf": [
            {"type": "string"},
            {"type": "object", "required": ["document"], "additionalProperties": False,
             "properties": {key: {"type": "string"} for key in ATTACHMENT_KEYS}},
        ]}},
        "security": {"type": "array", "items": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2}},
        "windows": {"type": "array", "items": {"type": "object", "required": ["start", "end"], "additionalProperties": False,
                                               "properties": {"start": {"type": "string"}, "end": {"type": "string"},
                                                              "reason": {"type": "string"},
                                                              "extends_deadlines": {"type": "boolean"}}}},
        "locations": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                                                 "properties": {key: {"type": "string"} for key in LOCATION_KEYS}}},
        "parties": {"type": "array", "items": {"type": "object", "required": ["name"], "additionalProperties": False,
                                               "properties": {key: {"type": "string"} for key in PARTY_KEYS}}},
    }[kind]


def table_schema(name: str) -> dict:
    table = TABLES[name]
    properties = {key: kind_schema(table.kind_of(key)) for key in table.keys}
    if name == "pacer_account":
        properties["kind"] = {"enum": list(PACER_KINDS)}
        properties["type"] = {"enum": list(PACER_TYPES)}
        properties["account_number"] = {"type": "string", "pattern": r"^\d{7}$"}
    if name == "step":
        properties["do"] = {"enum": sorted(ACTIONS)}
    return {"type": "object", "required": list(table.required), "properties": properties,
            "additionalProperties": name == "step"}


def expect_schema(action: Action) -> dict:
    operator = {"type": "object", "minProperties": 1, "additionalProperties": False,
                "properties": {op: {} for op in OPERATORS}}
    fields = {name: {} for name in ("ok", "error", "message", "location", *action.fields)}
    fields["ok"] = {"type": "boolean"}
    fields["error"] = {"anyOf": [{"enum": [code.value for code in Code]}, operator]}
    return {"type": "object", "additionalProperties": False, "properties": fields}


def action_rule(action: Action) -> dict:
    properties = {"do": {"const": action.name}, "note": {"type": "string"}, "expect": expect_schema(action)}
    for param in action.params:
        properties[param.name] = {"enum": list(param.choices)} if param.choices else kind_schema(param.kind)
    return {
        "if": {"properties": {"do": {"const": action.name}}, "required": ["do"]},
        "then": {"properties": properties, "additionalProperties": False,
                 "required": [p.name for p in action.params if p.required],
                 "description": action.summary + (" (cmecf-sim extension to SPEC §4)" if action.extension else "")},
    }


def schema() -> dict:
    step = table_schema("step")
    step["allOf"] = [action_rule(action) for action in ACTIONS.values()]
    checks = sorted(name for name, action in ACTIONS.items() if action.kind == "check")
    objective = table_schema("objective")
    objective["properties"]["check"] = {"allOf": [{"$ref": "#/$defs/step"}, {"properties": {"do": {"enum": checks}}}]}
    properties = {}
    for name, table in TABLES.items():
        shape = {"$ref": "#/$defs/step"} if name == "step" else objective if name == "objective" else table_schema(name)
        properties[name] = {"type": "array", "items": shape} if table.array else shape
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://cmecf-sim.example/scenario-v1.schema.json",
        "title": "cmecf-sim scenario (version 1)",
        "description": "A scenario file: a world, steps with expectations, objectives and hints (SPEC §4).",
        "type": "object",
        "required": ["scenario"],
        "additionalProperties": False,
        "properties": properties,
        "$defs": {"step": step},
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=2, sort_keys=True) + "\n"
