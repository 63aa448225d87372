"""The bundled JSON Schemas (2020-12) and validation of loaded documents into findings with positions.

jsonschema-rs answers "valid?" for every document (fast); python-jsonschema explains the failures of
the few documents that are not (its error objects carry the keyword, path and sub-schema we need for
precise Chinese messages).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from qingdan import vocabulary
from qingdan.jurisdiction import Problem, problem
from qingdan.load import Parsed
from qingdan.model import Finding

LIST_KINDS = tuple(vocabulary.LIST_KINDS)
KINDS = vocabulary.KINDS
SCHEMA_FILE = "qingdan.schema.json"
# $id of the schemas: urn:qingdan:schema:1 (all kinds) and urn:qingdan:schema:KIND:1 (one kind), where 1 is
# the list files' `format: 1`. A URN names the schema without claiming an address it could be fetched from;
# editors are pointed at the files themselves (qingdan schema --write DIR, .vscode/settings.json).
FORMAT = 1
ROOT_ID = f"urn:qingdan:schema:{FORMAT}"


def kind_id(kind: str) -> str:
    return f"urn:qingdan:schema:{kind}:{FORMAT}"


@cache
def root_schema() -> dict[str, Any]:
    """The whole bundled schema (all kinds), as editors use it."""
    text = resources.files("qingdan").joinpath("schemas", SCHEMA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def kind_schema(kind: str) -> dict[str, Any]:
    """A self-contained schema for one kind."""
    root = root_schema()
    return {
        "$schema": root["$schema"],
        "$id": kind_id(kind),
        "title": root["$defs"][f"doc_{kind}"].get("title", kind),
        "$ref": f"#/$defs/doc_{kind}",
        "$defs": root["$defs"],
    }


def schema_files() -> dict[str, str]:
    """File name → text of the schema of all kinds (qingdan.schema.json) and of each kind (KIND.schema.json),
    as ``qingdan schema --write DIR`` and ``qingdan init`` write them."""
    files = {SCHEMA_FILE: json.dumps(root_schema(), ensure_ascii=False, indent=2) + "\n"}
    for kind in KINDS:
        files[f"{kind}.schema.json"] = json.dumps(kind_schema(kind), ensure_ascii=False, indent=2) + "\n"
    return files


@cache
def _validator(kind: str) -> Any:
    import jsonschema_rs

    # formats checked: "2028-02-30" is not a date, and must not silently turn the expiry checks off
    return jsonschema_rs.Draft202012Validator(kind_schema(kind), validate_formats=True)


@cache
def _explainer(kind: str) -> Any:
    import jsonschema

    schema = _python_patterns(kind_schema(kind))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@cache
def _code_schemas() -> tuple[dict[str, Any], ...]:
    """The division code's schema, as written and as the explainer sees it (its patterns end in ``\\Z``)."""
    code = root_schema()["$defs"]["code"]
    return code, _python_patterns(code)


def _python_patterns(node: Any) -> Any:
    """The schema with each pattern's final ``$`` as ``\\Z``: in Python's ``re`` a ``$`` also matches before a
    last newline, so "XY-XZ-001\\n" would pass as an id (ECMA-262 and jsonschema-rs end at the end)."""
    if isinstance(node, dict):
        return {
            k: (v[:-1] + r"\Z" if k == "pattern" and isinstance(v, str) and v.endswith("$") else _python_patterns(v))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_python_patterns(v) for v in node]
    return node


def is_valid(data: dict[str, Any]) -> bool:
    """Whether a document of a known kind matches its schema (False also for data it cannot take)."""
    try:
        return bool(_validator(data["kind"]).is_valid(data))
    except (ValueError, TypeError, OverflowError):
        return False


def validate(parsed: Parsed) -> list[Finding]:
    """Schema findings for a parsed document (which must be a mapping)."""
    data = parsed.data
    kind = data.get("kind")
    if kind not in KINDS:
        line, col = parsed.locate(("kind",))
        return [
            Finding(
                "schema", parsed.file, line, col, key="schema-kind", args={"value": kind, "allowed": ", ".join(KINDS)}
            )
        ]
    if is_valid(data):
        return []
    errors = sorted(_explainer(kind).iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [_finding(parsed, error) for error in errors]


def _deref(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return _deref(root_schema()["$defs"][ref[len("#/$defs/") :]])
    return schema


def _item_id(parsed: Parsed, path: tuple[Any, ...]) -> str | None:
    if len(path) >= 2 and path[0] == "items" and isinstance(path[1], int):
        items = parsed.data.get("items")
        if isinstance(items, list) and path[1] < len(items) and isinstance(items[path[1]], dict):
            value = items[path[1]].get("id")
            return str(value).replace("\n", "\\n") if value is not None else None
    return None


def _finding(parsed: Parsed, error: Any) -> Finding:
    path = tuple(error.absolute_path)
    keyword = error.validator
    schema = _deref(error.schema)
    field = ".".join(str(p) for p in path) or "(顶层)"
    args: dict[str, Any] = {"field": field, "title": schema.get("title", ""), "value": _short(error.instance)}
    key = "schema-other"
    if keyword == "required":
        # one error per missing field, each naming its own ("'title' is a required property")
        named = _REQUIRED.match(error.message)
        missing = named.group(1) if named else next((f for f in error.validator_value if f not in error.instance), "")
        sub = _deref(schema.get("properties", {}).get(missing, {}))
        args.update(field=missing, title=sub.get("title", ""))
        key = "schema-required"
    elif keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extra = next((k for k in error.instance if k not in allowed), "")
        path = (*path, extra)
        args.update(field=extra, allowed=", ".join(allowed))
        key = "schema-additional"
    elif keyword == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        args.update(expected=tuple(f"type-{t}" for t in expected), actual=f"type-{_type_name(error.instance)}")
        key = "schema-type"
    elif keyword in ("enum", "const"):
        allowed = error.validator_value if keyword == "enum" else [error.validator_value]
        args.update(allowed=", ".join(str(a) for a in allowed))
        key = "schema-enum"
    elif keyword in ("pattern", "anyOf", "format") and schema in _code_schemas():
        # what is wrong: its length (also a number whose leading zeros were lost) or a character that is no digit
        wrong = problem(str(error.instance)) or Problem("code-problem-length", {"length": len(str(error.instance))})
        args.update(wrong.args)
        key = "schema-" + wrong.key
    elif keyword in ("pattern", "anyOf", "format"):
        args.update(description=schema.get("description", ""))
        key = "schema-pattern"
    elif keyword in ("minLength", "maxLength", "minItems", "maxItems"):
        key = "schema-length"
    elif keyword == "uniqueItems":
        key = "schema-unique"
    else:
        args.update(detail=error.message)
    line, col = parsed.locate(path)
    return Finding("schema", parsed.file, line, col, item=_item_id(parsed, path), key=key, args=args)


_REQUIRED = re.compile(r"'([^']+)' is a required property")


def _type_name(value: Any) -> str:
    for name, types in (
        ("boolean", bool),
        ("integer", int),
        ("number", float),
        ("string", str),
        ("array", list),
        ("object", dict),
    ):
        if isinstance(value, types):
            return name
    return "null"


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")  # a trailing newline shows
    return text if len(text) <= 60 else text[:57] + "…"
