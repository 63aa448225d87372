"""Semantic comparison of two versions of a list repository, item by item (by id), not line by line.

Only files whose content differs are read. Changes: added, removed, modified (field by field),
renamed (same id, new name), moved (other jurisdiction, kind or file), id-changed (same item — same
normalised name or alias — under a new id), formatting (only width, spacing or punctuation changed;
hidden unless asked for), and list headers (title, 文号, dates, version).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from qingdan.document import code
from qingdan.load import parse_bytes
from qingdan.snapshot import Snapshot
from qingdan.text import key

HEADER_FIELDS = ("title", "issuer", "doc_number", "effective", "expires", "version", "owner", "notes")
_SNIFF = re.compile(r'^(kind|jurisdiction):[ \t]*["\']?([\w]+)', re.M)
LONG_TEXT = 20  # strings at least this long get changed spans marked inside them


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any
    formatting: bool = False  # only width, spacing or punctuation differ
    segments: tuple[tuple[str, str], ...] = ()  # ("=", same) ("-", removed) ("+", added) inside long text


@dataclass(frozen=True)
class Change:
    type: str  # added removed modified renamed moved id-changed formatting
    id: str
    kind: str
    jurisdiction: str
    file: str
    name: str
    old_id: str | None = None
    new_id: str | None = None
    old_file: str | None = None
    old_name: str | None = None
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class HeaderChange:
    file: str
    kind: str
    jurisdiction: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class CountRow:
    jurisdiction: str
    name: str
    kind: str
    before: int
    after: int


@dataclass(frozen=True)
class Comparison:
    old: str
    new: str
    changes: tuple[Change, ...]
    headers: tuple[HeaderChange, ...]
    summary: tuple[CountRow, ...]
    names: dict[str, str] = field(default_factory=dict)  # jurisdiction code → name
    unreadable: tuple[str, ...] = ()  # list files that could not be read in one version, left out

    def visible(self, formatting: bool = False) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if formatting or c.type != "formatting")

    @property
    def differs(self) -> bool:
        return bool(self.visible()) or bool(self.headers)


@dataclass(frozen=True)
class _Item:
    id: str
    file: str
    kind: str
    jurisdiction: str
    data: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.data.get("name") or "")

    @property
    def keys(self) -> set[str]:
        aliases = self.data.get("aliases")
        names = [self.name, *(a for a in aliases if isinstance(a, str))] if isinstance(aliases, list) else [self.name]
        return {key(n) for n in names if n}


@dataclass
class _Side:
    items: dict[str, _Item] = field(default_factory=dict)
    headers: dict[str, dict[str, Any]] = field(default_factory=dict)  # file → header fields incl. kind
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    unreadable: list[str] = field(default_factory=list)
    file_counts: Counter[str] = field(default_factory=Counter)


def compare(old: Snapshot, new: Snapshot) -> Comparison:
    """Every change between ``old`` and ``new``, and the item counts of the places that changed."""
    changed = sorted(p for p in set(old.ids) | set(new.ids) if old.ids.get(p) != new.ids.get(p))
    before = _read(old, [p for p in changed if p in old.ids])
    after = _read(new, [p for p in changed if p in new.ids])
    unreadable = tuple(sorted(set(before.unreadable) | set(after.unreadable)))
    for side in (before, after):  # a file one side cannot read is compared on neither
        side.items = {i: it for i, it in side.items.items() if it.file not in unreadable}
        for path in unreadable:
            if path in side.headers:
                head = side.headers.pop(path)
                side.counts[(head["jurisdiction"], head["kind"])] -= side.file_counts[path]
    changes = _changes(before, after)
    headers = _header_changes(before, after)
    places = {(h.get("jurisdiction", ""), h.get("kind", "")) for side in (before, after) for h in side.headers.values()}
    _count_unchanged(old, new, changed, places, before, after)
    summary = tuple(CountRow(j, "", k, before.counts[(j, k)], after.counts[(j, k)]) for j, k in sorted(places)
                    if before.counts[(j, k)] != after.counts[(j, k)] or any(
                        c.jurisdiction == j and c.kind == k and c.type != "formatting" for c in changes))
    names = _jurisdiction_names(new) or _jurisdiction_names(old)
    summary = tuple(CountRow(r.jurisdiction, names.get(r.jurisdiction, r.jurisdiction), r.kind, r.before, r.after)
                    for r in summary)
    return Comparison(old.label, new.label, tuple(changes), tuple(headers), summary, names, unreadable)


def _read(snapshot: Snapshot, paths: list[str]) -> _Side:
    side = _Side()
    for path, raw in sorted(snapshot.read(paths).items()):
        data = parse_bytes(raw, path, positions=False).data
        if not isinstance(data, dict):
            side.unreadable.append(path)
            continue
        if not isinstance(data.get("items"), list):
            continue
        kind, place = str(data.get("kind", "")), code(data.get("jurisdiction"))
        side.headers[path] = {"kind": kind, "jurisdiction": place, **{k: data.get(k) for k in HEADER_FIELDS}}
        for item in data["items"]:
            if isinstance(item, dict) and item.get("id") is not None:
                ident = str(item["id"])
                side.items.setdefault(ident, _Item(ident, path, kind, place, item))
                side.counts[(place, kind)] += 1
                side.file_counts[path] += 1
    return side


def _count_unchanged(old: Snapshot, new: Snapshot, changed: list[str], places: set[tuple[str, str]],
                     before: _Side, after: _Side) -> None:
    """Add the items of unchanged files that belong to a place that changed (same jurisdiction and kind)."""
    skip = set(changed)
    same = [p for p in new.ids if p not in skip and p in old.ids]
    if not same or not places:
        return
    for path, raw in new.read(same).items():
        head = dict(_SNIFF.findall(raw[:4096].decode("utf-8", "replace")))
        if (head.get("jurisdiction", ""), head.get("kind", "")) in places:
            count = len(_read(new, [path]).items)
            before.counts[(head["jurisdiction"], head["kind"])] += count
            after.counts[(head["jurisdiction"], head["kind"])] += count


def _jurisdiction_names(snapshot: Snapshot) -> dict[str, str]:
    path = next((p for p in snapshot.ids if p.endswith("jurisdictions.yaml")), None)
    if path is None:
        return {}
    data = parse_bytes(snapshot.read([path])[path], path, positions=False).data
    rows = data.get("jurisdictions") if isinstance(data, dict) else None
    return {code(r.get("code")): str(r.get("name", "")) for r in rows or () if isinstance(r, dict)}


def _same(a: Any, b: Any) -> bool:
    """Equal up to formatting: strings by comparison key, containers element by element."""
    if isinstance(a, str) and isinstance(b, str):
        return key(a) == key(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return bool(a == b)


def segments(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """The changed spans inside a long text, character by character (Chinese has no spaces)."""
    out: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", old[a1:a2]))
        else:
            if a2 > a1:
                out.append(("-", old[a1:a2]))
            if b2 > b1:
                out.append(("+", new[b1:b2]))
    return tuple(out)


def field_changes(old: dict[str, Any], new: dict[str, Any], skip: tuple[str, ...] = ("id",)) -> list[FieldChange]:
    out = []
    for name in [*old, *(k for k in new if k not in old)]:
        if name in skip:
            continue
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        marked = segments(a, b) if isinstance(a, str) and isinstance(b, str) and max(len(a), len(b)) >= LONG_TEXT \
            else ()
        out.append(FieldChange(name, a, b, _same(a, b), marked))
    return out


def _change(kind: str, a: _Item | None, b: _Item, fields: list[FieldChange], **extra: Any) -> Change:
    return Change(kind, b.id, b.kind, b.jurisdiction, b.file, b.name, fields=tuple(fields), **extra)


def _classify(a: _Item, b: _Item) -> Change | None:
    fields = field_changes(a.data, b.data)
    moved = (a.file, a.kind, a.jurisdiction) != (b.file, b.kind, b.jurisdiction)
    real = [f for f in fields if not f.formatting]
    if moved:
        return _change("moved", a, b, fields, old_file=a.file)
    if any(f.field == "name" for f in real):
        return _change("renamed", a, b, fields, old_name=a.name)
    if real:
        return _change("modified", a, b, fields)
    if fields:
        return _change("formatting", a, b, fields)
    return None


def _changes(before: _Side, after: _Side) -> list[Change]:
    out: list[Change] = []
    for ident in sorted(set(before.items) & set(after.items)):
        change = _classify(before.items[ident], after.items[ident])
        if change is not None:
            out.append(change)
    removed = [before.items[i] for i in sorted(set(before.items) - set(after.items))]
    added = [after.items[i] for i in sorted(set(after.items) - set(before.items))]
    by_key: dict[tuple[str, str], list[_Item]] = {}
    for item in added:
        for k in item.keys:
            by_key.setdefault((item.kind, k), []).append(item)
    taken: set[str] = set()
    for old_item in removed:
        match = next((n for k in sorted(old_item.keys) for n in by_key.get((old_item.kind, k), ())
                      if n.id not in taken), None)
        if match is None:
            out.append(Change("removed", old_item.id, old_item.kind, old_item.jurisdiction, old_item.file,
                              old_item.name))
            continue
        taken.add(match.id)
        fields = field_changes(old_item.data, match.data)
        out.append(_change("id-changed", old_item, match, fields, old_id=old_item.id, new_id=match.id,
                           old_file=old_item.file if old_item.file != match.file else None,
                           old_name=old_item.name if old_item.name != match.name else None))
    for item in added:
        if item.id not in taken:
            out.append(Change("added", item.id, item.kind, item.jurisdiction, item.file, item.name))
    return sorted(out, key=lambda c: (c.jurisdiction, c.kind, c.file, c.id))


def _header_changes(before: _Side, after: _Side) -> list[HeaderChange]:
    out = []
    for path in sorted(set(before.headers) & set(after.headers)):
        a, b = before.headers[path], after.headers[path]
        fields = [f for f in field_changes(a, b, skip=("kind", "jurisdiction")) if not f.formatting]
        if fields:
            out.append(HeaderChange(path, b["kind"], b["jurisdiction"], tuple(fields)))
    return out
