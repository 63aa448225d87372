"""One file's bytes → a FileResult: load findings, schema findings, header and compact items."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qingdan import schema
from qingdan.load import Parsed, parse_bytes
from qingdan.model import Department, Entry, FileResult, Finding, Header, Jurisdiction, Waiver

MAX_FILE_BYTES = 200 * 1024 * 1024

# Item fields that checks read, copied as they are (strings, numbers).
_SCALARS = ("role", "owner", "department", "admission", "stance", "applicant", "status", "decided_by",
            "applied", "decided", "valid_from", "valid_until", "category", "emergency")
# Item fields of which checks only need to know whether they are filled in.
_PRESENCE = ("legal_basis", "funding", "powers", "staffing", "alternative", "verification", "purpose")


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
    return Header(parsed.file, kind, code(d.get("jurisdiction")), _text(d.get("title")), _text(d.get("issuer")),
                  _text(d.get("doc_number")), _text(d.get("effective")), _text(d.get("expires")),
                  _text(d.get("version")), _text(d.get("owner")), parsed.locate(("jurisdiction",)))


def _filled(value: Any) -> bool:
    if isinstance(value, (list, dict, str)):
        return bool(value) and (not isinstance(value, str) or bool(value.strip()))
    return value is not None


def _waivers(value: Any) -> tuple[Waiver, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(Waiver(_text(w.get("rule")), _text(w.get("reason")), _text(w.get("expires")) or None)
                 for w in value if isinstance(w, dict))


def _entries(parsed: Parsed, header: Header) -> list[Entry]:
    items = parsed.data.get("items")
    if not isinstance(items, list):
        return []
    out = []
    for item in items:
        if not isinstance(item, dict) or item.get("id") is None:
            continue
        fields: dict[str, Any] = {k: item[k] for k in _SCALARS if item.get(k) is not None}
        fields.update({f"has_{k}": _filled(item.get(k)) for k in _PRESENCE})
        if header.owner and "owner" not in fields:
            fields["owner"] = header.owner
        if "targets" in item:
            fields["targets"] = tuple(code(t) for t in item["targets"] or () if t is not None) \
                if isinstance(item["targets"], list) else ()
        line, col = parsed.position_of(item)
        positions = dict(parsed.marks[id(item)][1])
        out.append(Entry(_text(item["id"]), _text(item.get("name")), header.kind, header.jurisdiction,
                         parsed.file, line, col, _strings(item.get("aliases")), fields, positions,
                         _waivers(item.get("waivers"))))
    return out


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
