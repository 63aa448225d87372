"""Semantic comparison of two versions of a list repository, item by item (by id), not line by line.

Only files whose content differs are read. Changes: added, removed, modified (field by field),
renamed (same id, new name), moved (other jurisdiction, kind or file), id-changed (same item — same
normalised name or alias — under a new id), formatting (only width, spacing or punctuation changed;
hidden unless asked for), and list headers (title, 文号, dates, version).
"""

from __future__ import annotations

import difflib
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from qingdan import parallel
from qingdan.jurisdiction import ancestors, code, depth
from qingdan.load import decode, fast_load, no_gc, parse_bytes, parse_text
from qingdan.snapshot import Search, Snapshot
from qingdan.text import key

HEADER_FIELDS = ("title", "issuer", "doc_number", "effective", "expires", "version", "owner", "notes", "legal_basis")
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
    role: str = ""


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
    role: str = ""  # duties are counted per role (依法履职, 协助政府工作 …): the figure a 减负 report quotes


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
    def role(self) -> str:
        role = self.data.get("role")
        return role if self.kind == "duties" and isinstance(role, str) else ""

    @property
    def keys(self) -> set[str]:
        aliases = self.data.get("aliases")
        names = [self.name, *(a for a in aliases if isinstance(a, str))] if isinstance(aliases, list) else [self.name]
        return {key(n) for n in names if n}


@dataclass
class _Version:
    """One version of one file: its header (None: unreadable or not a list) and the data of its items by id
    (an ``_Item`` is made only for an item that changed: most have not)."""

    head: dict[str, Any] | None = None
    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    readable: bool = True
    path: str = ""

    def item(self, ident: str) -> _Item:
        assert self.head is not None
        return _Item(ident, self.path, self.head["kind"], self.head["jurisdiction"], self.items[ident])


@dataclass
class _Side:
    """A version of a file as the comparison needs it after parsing: its header and item count."""

    head: dict[str, Any] | None
    counts: dict[str, int]  # role (or "") → items
    readable: bool


@dataclass
class _Pair:
    """What one file contributes: both versions' headers and counts, the changes of the ids it has in
    both versions, and the items only one version has (matched across files afterwards). Small, as it
    comes back from a worker process."""

    path: str
    old: _Side
    new: _Side
    changes: list[Change]
    removed: list[_Item]
    added: list[_Item]


def compare(old: Snapshot, new: Snapshot) -> Comparison:
    """Every change between ``old`` and ``new``, and the item counts of the places that changed."""
    changed = sorted(p for p in set(old.ids) | set(new.ids) if old.ids.get(p) != new.ids.get(p))
    # the unchanged files of the changed places are looked for (git grep) while the changed ones are read
    search = new.find_soon() if changed else Search(new.find)
    try:
        before, after = _read_both(old, new, changed)
        jobs = [(p, before.get(p), after.get(p)) for p in changed]
        sizes = [len(before.get(p) or b"") + len(after.get(p) or b"") for p in changed]
        with no_gc():
            pairs = [pair for _, pair in parallel.run(_pair, jobs, sizes)]
        unreadable = tuple(sorted(p.path for p in pairs if not (p.old.readable and p.new.readable)))
        pairs = [p for p in pairs if p.path not in unreadable]  # a file one side cannot read is compared on neither
        changes = _match(pairs)
        headers = [h for p in pairs for h in _header_change(p)]
        counts = _counts(pairs)
        _count_unchanged(old, new, changed, counts, search)
    finally:
        search.stop()
    names = _jurisdiction_names(new) or _jurisdiction_names(old)
    touched = {(c.jurisdiction, c.kind, c.role) for c in changes if c.type != "formatting"}
    summary = tuple(
        CountRow(j, _full_name(j, names), k, before, after, role)
        for (j, k, role), (before, after) in sorted(counts.items())
        if before != after or (j, k, role) in touched
    )
    return Comparison(old.label, new.label, tuple(changes), tuple(headers), summary, names, unreadable)


def _read_both(old: Snapshot, new: Snapshot, changed: list[str]) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The changed files of both versions, the old ones read in a thread meanwhile (for git, two cat-file at once)."""
    got: list[dict[str, bytes]] = []
    failed: list[BaseException] = []

    def read_old() -> None:
        try:
            got.append(old.read([p for p in changed if p in old.ids]))
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            failed.append(exc)

    thread = threading.Thread(target=read_old, daemon=True)
    thread.start()
    try:
        after = new.read([p for p in changed if p in new.ids])
    finally:
        thread.join()
    if failed:
        raise failed[0]
    return got[0], after


def _version(path: str, raw: bytes | None) -> _Version:
    if raw is None:
        return _Version()
    return _from_data(path, parse_bytes(raw, path, positions=False).data)


def _from_data(path: str, data: Any) -> _Version:
    if not isinstance(data, dict):
        return _Version(readable=False)
    if not isinstance(data.get("items"), list):
        return _Version()
    kind, place = str(data.get("kind", "")), code(data.get("jurisdiction"))
    head = {"kind": kind, "jurisdiction": place, **{k: data.get(k) for k in HEADER_FIELDS}}
    items: dict[str, dict[str, Any]] = {}
    for item in data["items"]:
        if isinstance(item, dict):
            ident = item.get("id")
            if ident is not None:
                items.setdefault(ident if ident.__class__ is str else str(ident), item)
    return _Version(head, items, path=path)


# Two versions of a list share most of their items word for word: each distinct item text is parsed once.
# A file is cut into items only in the plain block form (``items:`` at the top level, one ``- `` per item at
# one indentation, every other line of the list indented deeper or blank) and when nothing in it can tie one
# item to another or to the rest (anchors and aliases, several documents, tabs, carriage returns and the line
# breaks of YAML 1.1 — NEL, LS, PS), nor a NaN (not equal to itself: a value shared by both versions must compare
# as two would). Anything else, and any finding while reading the pieces, takes the whole-file road (``_version``).
_NO_SPLIT = ("\r", "\t", "\x85", "\u2028", "\u2029", "&", "*", "\n---", "\n...", ".nan", ".NaN", ".NAN")
_BLOCK_END = (re.compile(r"\n(?!- )[^ \n]"), re.compile(r"\n[^ \n]"))  # by the items' indentation: 0, more


def _split(text: str) -> tuple[str, str, list[str]] | None:
    """(the file with its items left out — ``items:`` with no value —, what starts each item (``- `` at its
    indentation), the text of each item after that, without the line break that ends it) or None."""
    if not text.endswith("\n") or text.startswith(("---", "%", "items:")) or any(s in text for s in _NO_SPLIT):
        return None
    if text.count("\nitems:") != 1:
        return None
    at = text.index("\nitems:") + 1
    start = text.index("\n", at) + 1
    if text[at + len("items:") : start].strip(" ") != "\n":
        return None  # ``items: []``, ``items: # …``: not the plain block form
    first = re.compile(r"(?: *\n)*( *)- \S").match(text, start)
    if first is None:
        return None
    pad = first.group(1)
    end_line = _BLOCK_END[bool(pad)].search(text, start - 1)
    end = end_line.start() + 1 if end_line else len(text)
    if re.compile(rf"\n(?!{pad}- \S|{pad}  | *(?:\n|\Z))").search(text, start - 1, end):
        return None  # a line of the list this cut does not know
    lead = f"{pad}- "
    parts = text[start - 1 : end - 1].split(f"\n{lead}")
    if parts[0].strip(" \n"):
        return None
    return text[:at] + "items:\n" + text[end:], lead, parts[1:]


def _load_text(text: str, path: str) -> Any:
    """Data as ``parse_bytes`` reads it from ``text``; None when reading it finds anything to say."""
    data = fast_load(text)
    if data is None:
        parsed = parse_text(text, path)
        if parsed.findings:
            return None
        data = parsed.data
    return data if isinstance(data, dict) else None


def _shared(path: str, old_raw: bytes, new_raw: bytes) -> tuple[Any, Any] | None:
    """The data of both versions, each distinct item text parsed once; None when a file cannot be cut
    (``_split``) or a piece reads with a finding."""
    old_text, new_text = decode(old_raw, path)[0], decode(new_raw, path)[0]
    if old_text is None or new_text is None:
        return None
    old_cut, new_cut = _split(old_text), _split(new_text)
    if old_cut is None or new_cut is None or old_cut[1] != new_cut[1]:
        return None
    lead = old_cut[1]
    distinct = list(dict.fromkeys([*old_cut[2], *new_cut[2]]))
    pieces = _load_text("items:\n" + "".join(f"{lead}{c}\n" for c in distinct), path)
    if pieces is None or len(pieces) != 1 or not isinstance(pieces.get("items"), list):
        return None
    parsed = pieces["items"]
    if len(parsed) != len(distinct):
        return None
    at = {text: n for n, text in enumerate(distinct)}
    out = []
    for skeleton, _, chunks in (old_cut, new_cut):
        data = _load_text(skeleton, path)
        if data is None or "items" not in data or data["items"] is not None:
            return None
        data["items"] = [parsed[at[c]] for c in chunks]
        out.append(data)
    return out[0], out[1]


def _versions(path: str, old_raw: bytes | None, new_raw: bytes | None) -> tuple[_Version, _Version]:
    shared = _shared(path, old_raw, new_raw) if old_raw is not None and new_raw is not None else None
    if shared is None:
        return _version(path, old_raw), _version(path, new_raw)
    return _from_data(path, shared[0]), _from_data(path, shared[1])


def _pair(job: tuple[str, bytes | None, bytes | None]) -> _Pair:
    """One file in both versions (runs in a worker process for large comparisons)."""
    path, old_raw, new_raw = job
    old, new = _versions(path, old_raw, new_raw)
    same_place = (
        old.head is not None
        and new.head is not None
        and (old.head["kind"], old.head["jurisdiction"]) == (new.head["kind"], new.head["jurisdiction"])
    )
    changes = []
    for i in sorted(old.items.keys() & new.items.keys()):
        if same_place and old.items[i] is new.items[i]:
            continue  # one text in both versions, read once (``_shared``): unchanged
        change = _classify(old.item(i), new.item(i))
        if change is not None:
            changes.append(change)
    removed = [old.item(i) for i in sorted(old.items.keys() - new.items.keys())]
    added = [new.item(i) for i in sorted(new.items.keys() - old.items.keys())]
    return _Pair(
        path,
        _Side(old.head, _by_role(old), old.readable),
        _Side(new.head, _by_role(new), new.readable),
        changes,
        removed,
        added,
    )


def _by_role(version: _Version) -> dict[str, int]:
    """Items by role (``_Item.role``: duties only)."""
    if version.head is None or version.head["kind"] != "duties":
        return {"": len(version.items)} if version.items else {}
    counts: dict[str, int] = {}
    for data in version.items.values():
        role = data.get("role")
        role = role if role.__class__ is str else role if isinstance(role, str) else ""
        counts[role] = counts.get(role, 0) + 1
    return counts


Group = tuple[str, str, str]  # (jurisdiction, kind, role)


def _counts(pairs: list[_Pair]) -> dict[Group, list[int]]:
    """(jurisdiction, kind, role) → [items before, items after], over the changed files."""
    counts: dict[Group, list[int]] = {}
    for p in pairs:
        for side, version in enumerate((p.old, p.new)):
            if version.head is not None:
                for role, n in version.counts.items():
                    counts.setdefault((version.head["jurisdiction"], version.head["kind"], role), [0, 0])[side] += n
    return counts


def _count_unchanged(
    old: Snapshot, new: Snapshot, changed: list[str], counts: dict[Group, list[int]], search: Search
) -> None:
    """Add the items of unchanged files that belong to a place that changed (same jurisdiction and kind)."""
    skip = set(changed)
    places = {(j, k) for j, k, _ in counts}
    candidates = [p for p in search.result({j for j, _ in places}) if p not in skip and p in old.ids]
    for path, raw in new.read(candidates).items():
        version = _version(path, raw)
        if version.head is not None and (version.head["jurisdiction"], version.head["kind"]) in places:
            for role, n in _by_role(version).items():
                group = counts.setdefault((version.head["jurisdiction"], version.head["kind"], role), [0, 0])
                group[0] += n
                group[1] += n


def _full_name(place: str, names: dict[str, str]) -> str:
    """The place with its ancestors below the province, as a 减负 report names it: 示例市 东城区 向阳街道 向阳社区."""
    chain = [c for c in reversed((place, *ancestors(place))) if (depth(c) or 0) >= 2 and c in names]
    return " ".join(names[c] for c in chain) or names.get(place, place)


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
        marked = (
            segments(a, b) if isinstance(a, str) and isinstance(b, str) and max(len(a), len(b)) >= LONG_TEXT else ()
        )
        out.append(FieldChange(name, a, b, _same(a, b), marked))
    return out


def _change(kind: str, a: _Item | None, b: _Item, fields: list[FieldChange], **extra: Any) -> Change:
    return Change(kind, b.id, b.kind, b.jurisdiction, b.file, b.name, fields=tuple(fields), role=b.role, **extra)


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


def _match(pairs: list[_Pair]) -> list[Change]:
    """All changes: each file's own, then items that left one file and reached another (moved), then
    removed and added items with the same normalised name or alias (id changed), then the rest."""
    out = [c for p in pairs for c in p.changes]
    removed = {i.id: i for p in pairs for i in p.removed}
    added = {i.id: i for p in pairs for i in p.added}
    for ident in sorted(set(removed) & set(added)):
        change = _classify(removed.pop(ident), added.pop(ident))
        if change is not None:
            out.append(change)
    by_key: dict[tuple[str, str], list[_Item]] = {}
    for item in added.values():
        for k in item.keys:
            by_key.setdefault((item.kind, k), []).append(item)
    taken: set[str] = set()
    for old_item in sorted(removed.values(), key=lambda i: i.id):
        match = next(
            (n for k in sorted(old_item.keys) for n in by_key.get((old_item.kind, k), ()) if n.id not in taken), None
        )
        if match is None:
            out.append(
                Change(
                    "removed",
                    old_item.id,
                    old_item.kind,
                    old_item.jurisdiction,
                    old_item.file,
                    old_item.name,
                    role=old_item.role,
                )
            )
            continue
        taken.add(match.id)
        fields = field_changes(old_item.data, match.data)
        out.append(
            _change(
                "id-changed",
                old_item,
                match,
                fields,
                old_id=old_item.id,
                new_id=match.id,
                old_file=old_item.file if old_item.file != match.file else None,
                old_name=old_item.name if old_item.name != match.name else None,
            )
        )
    for item in sorted(added.values(), key=lambda i: i.id):
        if item.id not in taken:
            out.append(Change("added", item.id, item.kind, item.jurisdiction, item.file, item.name, role=item.role))
    return sorted(out, key=lambda c: (c.jurisdiction, c.kind, c.file, c.id))


def _header_change(pair: _Pair) -> list[HeaderChange]:
    a, b = pair.old.head, pair.new.head
    if a is None or b is None:
        return []
    fields = [f for f in field_changes(a, b, skip=("kind", "jurisdiction")) if not f.formatting]
    return [HeaderChange(pair.path, b["kind"], b["jurisdiction"], tuple(fields))] if fields else []
