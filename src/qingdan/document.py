"""One file's bytes → a FileResult: load findings, schema findings, header and compact items."""

from __future__ import annotations

from pathlib import Path
from sys import intern
from typing import Any

from qingdan import schema
from qingdan.load import Parsed, parse_bytes
from qingdan.model import FILLED, Department, Entry, FileResult, Finding, Header, Jurisdiction, Waiver
from qingdan.text import key

MAX_FILE_BYTES = 200 * 1024 * 1024

# Item fields copied into Entry as text; repeated values are interned so a province's items share them.
_TEXT = ("role", "owner", "department", "admission", "stance", "applicant", "status", "valid_from", "valid_until")
# Keys whose positions findings point at.
_POSITIONS = ("id", "name", "department", "admission", "applicant", "targets", "waivers", "stance", "role")


def check_file(path: Path, name: str) -> FileResult:
    """Read, parse and schema-check one file. Never raises for bad content."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return FileResult(name, None, (Finding("resource-limit", name, 1, 1, key="resource-size", args={
                "size": round(size / 2**20, 1), "limit": MAX_FILE_BYTES // 2**20}),))
        raw = path.read_bytes()
    except OSError as exc:
        return FileResult(name, None, (Finding("document-shape", name, key="file-unreadable",
                                               args={"detail": exc.strerror or str(exc)}),))
    return from_bytes(raw, name)


def from_bytes(raw: bytes, name: str) -> FileResult:
    parsed = parse_bytes(raw, name)
    findings = list(parsed.findings)
    if not parsed.ok:
        return FileResult(name, None, tuple(findings))
    findings.extend(schema.validate(parsed))
    data = parsed.data
    kind = data.get("kind") if data.get("kind") in schema.KINDS else None
    if kind == "jurisdictions":
        return FileResult(name, kind, tuple(findings), jurisdictions=tuple(_jurisdictions(parsed)))
    if kind == "departments":
        return FileResult(name, kind, tuple(findings), departments=tuple(_departments(parsed)))
    if kind is None:
        return FileResult(name, None, tuple(findings))
    header = _header(parsed, kind)
    return FileResult(name, kind, tuple(findings), header=header, entries=tuple(_entries(parsed, header)))


def code(value: Any) -> str:
    """Jurisdiction codes may be written as numbers; they are compared as 12-character text."""
    return str(value).strip() if value is not None else ""


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(_text(v) for v in value if v is not None) if isinstance(value, list) else ()


def _header(parsed: Parsed, kind: str) -> Header:
    d = parsed.data
    return Header(intern(parsed.file), kind, intern(code(d.get("jurisdiction"))), _text(d.get("title")),
                  _text(d.get("issuer")), _text(d.get("doc_number")), _text(d.get("effective")),
                  _text(d.get("expires")), _text(d.get("version")), _text(d.get("owner")),
                  parsed.locate(("jurisdiction",)), parsed.locate(("expires",)))


def _filled(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict)):
        return bool(value)
    return value is not None


def _interned(value: Any) -> str | None:
    return intern(value) if isinstance(value, str) else (None if value is None else intern(str(value)))


def _waivers(parsed: Parsed, value: Any) -> tuple[Waiver, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(Waiver(_text(w.get("rule")), _text(w.get("reason")), _text(w.get("expires")) or None,
                        *parsed.position_of(w)) for w in value if isinstance(w, dict))


def _entry(parsed: Parsed, header: Header, item: dict[str, Any]) -> Entry:
    name = _text(item.get("name"))
    aliases = _strings(item.get("aliases"))
    text = {k: _interned(item.get(k)) for k in _TEXT}
    if text["owner"] is None and header.owner:
        text["owner"] = intern(header.owner)
    targets = item.get("targets")
    marks = parsed.marks[id(item)][1]
    return Entry(
        _text(item["id"]), name, header.kind, header.jurisdiction, header.file, *parsed.position_of(item),
        aliases=aliases,
        keys=tuple(key(n) for n in (name, *aliases)),
        targets=tuple(code(t) for t in targets if t is not None) if isinstance(targets, list) else (),
        filled=sum(1 << i for i, f in enumerate(FILLED) if _filled(item.get(f))),
        positions=tuple((k, *marks[k]) for k in _POSITIONS if k in marks),
        waivers=_waivers(parsed, item.get("waivers")),
        **text,
    )


def _entries(parsed: Parsed, header: Header) -> list[Entry]:
    items = parsed.data.get("items")
    if not isinstance(items, list):
        return []
    return [_entry(parsed, header, item) for item in items if isinstance(item, dict) and item.get("id") is not None]


def _rows(parsed: Parsed, key: str) -> list[dict[str, Any]]:
    rows = parsed.data.get(key)
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def _jurisdictions(parsed: Parsed) -> list[Jurisdiction]:
    return [Jurisdiction(code(r.get("code")), _text(r.get("name")), _text(r.get("level")), parsed.file,
                         *parsed.position_of(r, "code" if "code" in r else None), _strings(r.get("aliases")))
            for r in _rows(parsed, "jurisdictions")]


def _departments(parsed: Parsed) -> list[Department]:
    return [Department(_text(r.get("name")), code(r.get("jurisdiction")), parsed.file,
                       *parsed.position_of(r), _strings(r.get("aliases")))
            for r in _rows(parsed, "departments")]
