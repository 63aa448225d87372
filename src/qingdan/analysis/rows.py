"""A repository's lists as rows: one per item, per declared jurisdiction and per finding, each with the
place's whole chain of codes and names and the snapshot (source, commit) it comes from. Plain Python;
``dataset`` turns the rows into Parquet."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from qingdan import git, i18n, jurisdiction, vocabulary
from qingdan.config import LISTS_DIR
from qingdan.errors import UsageError
from qingdan.model import Finding
from qingdan.paths import read_inside
from qingdan.text import as_text, citation_text

Row = dict[str, Any]
_SOURCE = re.compile(r"[\w.\-\u4e00-\u9fff]{1,64}\Z")
_FILLED = ("funding", "powers", "staffing")


@dataclass(frozen=True)
class Snapshot:
    source: str
    snapshot: str
    snapshot_date: date
    commit: str | None
    commit_time: datetime | None
    dirty: bool

    def columns(self) -> Row:
        return {
            "source": self.source,
            "snapshot": self.snapshot,
            "snapshot_date": self.snapshot_date,
            "commit": self.commit,
            "commit_time": self.commit_time,
            "dirty": self.dirty,
        }


@dataclass
class Rows:
    snapshot: Snapshot
    tables: dict[str, list[Row]] = field(default_factory=dict)


def snapshot_of(root: Path, source: str, today: date) -> Snapshot:
    """Which state of the repository the rows describe: HEAD's commit when lists/ is as committed; with
    uncommitted changes the same commit marked dirty and dated today; outside git, the working tree today."""
    if not _SOURCE.match(source):
        raise UsageError("parquet-bad-source", value=source)
    head = git.head_commit(root, LISTS_DIR)
    if head is None:
        return Snapshot(source, "worktree", today, None, None, True)
    commit, when, dirty = head
    stamp = datetime.fromisoformat(when).astimezone(timezone.utc)
    day = today if dirty else datetime.fromisoformat(when).date()
    return Snapshot(source, commit[:12] + ("-dirty" if dirty else ""), day, commit, stamp, dirty)


def parse_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(as_text(value).strip())
    except ValueError:
        return None


def _texts(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    values = value if isinstance(value, list) else [value]
    return [as_text(v) for v in values if v not in (None, "")]


class Places:
    """Names of the declared jurisdictions, and each code's chain and levels from them."""

    def __init__(self, names: dict[str, str], present: Iterable[str]) -> None:
        self.names = {jurisdiction.NATIONAL: vocabulary.NATION.zh, **names}
        self.present = frozenset(present) | frozenset(names)
        self._memo: dict[str, Row] = {}

    def columns(self, code: str) -> Row:
        cached = self._memo.get(code)
        if cached is None:
            cached = self._memo[code] = self._columns(code)
        return cached

    def _columns(self, code: str) -> Row:
        depth = jurisdiction.depth(code)
        chain = [*reversed(jurisdiction.present_ancestors(code, self.present)), code] if depth is not None else [code]
        out: Row = {
            "jurisdiction": code,
            "jurisdiction_name": self.names.get(code),
            "level": vocabulary.level_key(depth) or None,
            "chain_codes": chain,
            "chain_names": [self.names.get(c) for c in chain],
        }
        by_depth = {jurisdiction.depth(c): c for c in (*jurisdiction.ancestors(code), code)} if depth else {}
        for n, word in enumerate(("province", "city", "district", "street", "community"), 1):
            c = by_depth.get(n)
            out[f"{word}_code"] = c
            out[f"{word}_name"] = self.names.get(c) if c else None
        return out


def partition(row: Row) -> str:
    """The hive partition value of a row: the first two digits of its code (00 for the nation)."""
    code = row.get("province_code") or row.get("jurisdiction") or ""
    return code[:2] if len(code) >= 2 and code[:2].isdigit() else "00"


def collect(root: Path, files: dict[str, Path], findings: Iterable[Finding], snapshot: Snapshot) -> Rows:
    """Rows of every list item, declared jurisdiction and finding of the repository at ``root``."""
    from qingdan.load import parse_bytes

    docs: list[tuple[str, dict[str, Any]]] = []
    for name in sorted(files):
        parsed = parse_bytes(read_inside(files[name], root, shown=name), name, positions=False)
        if parsed.ok and isinstance(parsed.data, dict):
            docs.append((name, parsed.data))
    declared = [(name, j) for name, d in docs if d.get("kind") == "jurisdictions" for j in _rows(d, "jurisdictions")]
    names = {jurisdiction.code(j.get("code")): as_text(j.get("name")) for _, j in declared}
    headers = {name: jurisdiction.code(d.get("jurisdiction")) for name, d in docs if d.get("kind") in ITEM_KINDS}
    places = Places(names, headers.values())
    base = snapshot.columns()
    out = Rows(snapshot, {kind: [] for kind in ITEM_KINDS})
    for name, doc in docs:
        if name in headers:
            out.tables[str(doc["kind"])].extend(_items(name, doc, places, base))
    out.tables["jurisdictions"] = [_jurisdiction(name, j, places, base) for name, j in declared]
    out.tables["findings"] = [_finding(f, headers, places, base) for f in findings]
    return out


ITEM_KINDS = tuple(vocabulary.LIST_KINDS)


def _rows(doc: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [r for r in doc.get(key) or [] if isinstance(r, dict)]


def _items(name: str, doc: dict[str, Any], places: Places, base: Row) -> Iterable[Row]:
    code = jurisdiction.code(doc.get("jurisdiction"))
    head = {
        **base,
        "kind": str(doc["kind"]),
        "file": name,
        "list_title": as_text(doc.get("title")) or None,
        "list_issuer": as_text(doc.get("issuer")) or None,
        "list_doc_number": as_text(doc.get("doc_number")) or None,
        "list_version": as_text(doc.get("version")) or None,
        "list_effective": parse_date(doc.get("effective")),
        "list_expires": parse_date(doc.get("expires")),
        **places.columns(code),
    }
    for position, item in enumerate(_rows(doc, "items"), 1):
        yield {**head, "position": position, **_item(item)}


def _item(item: dict[str, Any]) -> Row:
    text = {k: as_text(item.get(k)) or None for k in _ITEM_TEXT}
    return {
        **text,
        "aliases": _texts(item.get("aliases")),
        "qualifiers": _texts(item.get("qualifiers")),
        "applied": parse_date(item.get("applied")),
        "decided": parse_date(item.get("decided")),
        "valid_from": parse_date(item.get("valid_from")),
        "valid_until": parse_date(item.get("valid_until")),
        "targets": [jurisdiction.code(t) for t in _texts(item.get("targets"))],
        "legal_basis": [citation_text(c) for c in (_basis(item.get("legal_basis")))],
        **{f"has_{k}": item.get(k) not in (None, "", [], {}) for k in _FILLED},
    }


_ITEM_TEXT: tuple[str, ...] = ("id", "name", "category", "content", "department", "owner", "role", "stance")
_ITEM_TEXT += ("admission", "status", "applicant")


def _basis(value: Any) -> list[Any]:
    if value in (None, ""):
        return []
    return value if isinstance(value, list) else [value]


def _jurisdiction(name: str, j: dict[str, Any], places: Places, base: Row) -> Row:
    code = jurisdiction.code(j.get("code"))
    return {
        **base,
        "file": name,
        **places.columns(code),
        "declared_level": as_text(j.get("level")) or None,
        "aliases": _texts(j.get("aliases")),
        "parent_code": jurisdiction.parent(code),
    }


def _finding(f: Finding, headers: dict[str, str], places: Places, base: Row) -> Row:
    code = headers.get(f.file)
    return {
        **base,
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "rule": f.rule,
        "severity": f.severity,
        "item": f.item,
        "message_zh": i18n.message(f.message_key, "zh", **f.args),
        "message_en": i18n.message(f.message_key, "en", **f.args),
        "waived": f.waived,
        "jurisdiction": code,
        "province_code": places.columns(code)["province_code"] if code else None,
    }
