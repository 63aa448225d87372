"""One file's bytes → a FileResult: load findings, schema findings, header and compact items."""

from __future__ import annotations

import re
from pathlib import Path
from sys import intern
from typing import Any, cast

from qingdan import schema
from qingdan.facts import facts_of
from qingdan.jurisdiction import code
from qingdan.load import Parsed, items_only, parse_bytes
from qingdan.model import FILLED, Department, Entry, FileResult, Finding, Header, Jurisdiction, Position, Waiver
from qingdan.native import module
from qingdan.paths import MAX_FILE_BYTES, Refused, read_inside
from qingdan.text import as_text as _text
from qingdan.text import citation_text, closest_earlier, derivable, derived_name_keys, keys

MAX_NAME = int(schema.root_schema()["$defs"]["item_duties"]["properties"]["name"]["maxLength"])

# Item fields copied into Entry as text; repeated values are interned so a province's items share them.
_TEXT = ("role", "owner", "department", "admission", "stance", "applicant", "status", "valid_from", "valid_until")
# Keys whose positions findings point at.
_POSITIONS = ("id", "name", "department", "admission", "applicant", "targets", "waivers", "stance", "role")


def check_file(
    path: Path,
    name: str,
    threshold: float,
    positions: bool = False,
    root: Path | None = None,
    old: FileResult | None = None,
) -> FileResult:
    """Read, parse and schema-check one file, and find for each name the most similar one before it (at
    ``threshold``): the costly part of near-duplicate, done here so it runs in parallel and is cached.
    Never raises for bad content: a file outside ``root``, not a regular file or too large is a finding.
    ``old``: the result read without positions, whose places only are to be made (``placed``)."""
    try:
        raw = read_inside(path, root, MAX_FILE_BYTES, shown=name)
    except Refused as exc:
        if exc.key == "file-too-large":
            finding = Finding("resource-limit", name, 1, 1, key="resource-size", args=exc.args_)
        else:
            finding = Finding("document-shape", name, 1, 1, key=exc.key, args=exc.args_)
        return FileResult(name, None, (finding,))
    if old is not None:
        return placed(raw, name, threshold, old)
    return from_bytes(raw, name, threshold, positions)


def from_bytes(raw: bytes, name: str, threshold: float, positions: bool = False) -> FileResult:
    """Without ``positions`` a clean list file may be read by the fast loader (entries at line 0)."""
    parsed = parse_bytes(raw, name, positions)
    if not parsed.positioned and (parsed.data.get("kind") not in schema.LIST_KINDS or not schema.is_valid(parsed.data)):
        parsed = parse_bytes(raw, name)  # findings need positions: read it again with the builder
    findings = list(parsed.findings)
    if not parsed.ok:
        return FileResult(name, _declared_kind(raw), tuple(findings), unread=True)
    if parsed.positioned:  # (read without positions, it was found valid just now: not validated twice)
        findings.extend(schema.validate(parsed))
    data = parsed.data
    kind = data.get("kind") if data.get("kind") in schema.KINDS else None
    if kind == "jurisdictions":
        return FileResult(name, kind, tuple(findings), jurisdictions=tuple(_jurisdictions(parsed)))
    if kind == "departments":
        return FileResult(name, kind, tuple(findings), departments=tuple(_departments(parsed)))
    if kind is None or kind in ("request", "synonyms", "holidays"):  # one document, not a list of items
        return FileResult(name, kind, tuple(findings))
    header = _header(parsed, kind)
    entries = tuple(_entries(parsed, header))
    pairs = closest_earlier([e.keys[0] for e in entries], threshold) if kind != "admissions" else []
    facts = facts_of(entries, header)  # for the rules, noted here where the items are (qingdan.facts)
    return FileResult(name, kind, tuple(findings), header=header, entries=entries, pairs=tuple(pairs), facts=facts)


def placed(raw: bytes, name: str, threshold: float, old: FileResult) -> FileResult:
    """``old``, read without positions, with every position: the file is parsed again with positions and its
    findings, header and entries' places made again; the entries' names, keys and texts and the near-duplicate
    pairs, which do not depend on them (and are most of the work), are kept. Read in full when the file is not
    the one ``old`` was made from."""
    parsed, kind = parse_bytes(raw, name), old.kind
    if not parsed.ok or old.header is None or kind is None or kind != parsed.data.get("kind"):
        return from_bytes(raw, name, threshold, True)
    items = parsed.data.get("items")
    rows = [i for i in items if isinstance(i, dict) and i.get("id") is not None] if isinstance(items, list) else []
    if len(rows) != len(old.entries) or any(_text(i["id"]) != e.id for i, e in zip(rows, old.entries, strict=True)):
        return from_bytes(raw, name, threshold, True)
    findings = (*parsed.findings, *schema.validate(parsed))
    entries = tuple(_placed_entry(parsed, e, i) for e, i in zip(old.entries, rows, strict=True))
    return FileResult(name, kind, findings, _header(parsed, kind), entries, pairs=old.pairs, facts=old.facts)


def _placed_entry(parsed: Parsed, entry: Entry, item: dict[str, Any]) -> Entry:
    return with_place(entry, _place_of(parsed, item))


# An item's place: (line, column, positions of its keys, its waivers), as Entry keeps them.
Place = tuple[int, int, tuple[tuple[str, int, int], ...], tuple[Waiver, ...]]


def _place_of(parsed: Parsed, item: dict[str, Any]) -> Place:
    (line, column), keys = parsed.marks.get(id(item), _NO_MARKS)
    positions = tuple((k, *keys[k]) for k in _POSITIONS if k in keys) if keys else ()
    waivers = _waivers(parsed, item.get("waivers")) if "waivers" in item else ()
    return line, column, positions, waivers


def with_place(entry: Entry, place: Place) -> Entry:
    line, column, positions, waivers = place
    return _new_entry(Entry, (*entry[:5], line, column, *entry[7:-2], positions, waivers))


def item_places(raw: bytes, name: str, kind: str, count: int, wanted: list[tuple[int, str]]) -> Placed | None:
    """The header and the places of some items of a list of ``kind`` with ``count`` items read from these bytes
    without positions (``wanted``: (index, id), ascending): only those items are parsed again
    (load.items_only). None when that cannot be done or the file is not the one read before (another kind or
    count, another id at an index); the caller then reads it all with positions (``placed``)."""
    parsed = items_only(raw, name, [at for at, _ in wanted], count)
    if parsed is None or parsed.data.get("kind") != kind:
        return None
    items = parsed.data.get("items") or []
    if any(not isinstance(i, dict) or _text(i.get("id")) != id_ for i, (_, id_) in zip(items, wanted, strict=True)):
        return None
    return _header(parsed, kind), [_place_of(parsed, item) for item in items]


Placed = tuple[Header, list[Place]]


_KIND_LINE = re.compile(rb"^kind:[ \t]*[\"']?([a-z]+)[\"']?[ \t]*(?:#.*)?\r?$", re.MULTILINE)


def _declared_kind(raw: bytes) -> str | None:
    """The kind a file that could not be read says it is (``kind: admissions`` at the start of a line), so
    that rules relying on such lists can say what they could not check instead of failing every reference."""
    m = _KIND_LINE.search(raw)
    kind = m.group(1).decode() if m else None
    return kind if kind in schema.KINDS else None


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(_text(v) for v in value if v is not None) if isinstance(value, list) else ()


def _header(parsed: Parsed, kind: str) -> Header:
    d = parsed.data
    return Header(
        intern(parsed.file),
        kind,
        intern(code(d.get("jurisdiction"))),
        _text(d.get("title")),
        _text(d.get("issuer")),
        _text(d.get("doc_number")),
        _text(d.get("effective")),
        _text(d.get("expires")),
        _text(d.get("version")),
        _text(d.get("owner")),
        parsed.locate(("jurisdiction",)),
        parsed.locate(("expires",)),
        parsed.locate(("items",)),
        tuple(citation_text(c) for c in basis if c) if isinstance(basis := d.get("legal_basis"), list) else (),
    )


def _filled(value: Any) -> bool:
    if value.__class__ is str:
        return bool(value.strip())
    return bool(value) if isinstance(value, (list, dict)) else value is not None


def _waivers(parsed: Parsed, value: Any) -> tuple[Waiver, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        Waiver(_text(w.get("rule")), _text(w.get("reason")), _text(w.get("expires")) or None, *parsed.position_of(w))
        for w in value
        if isinstance(w, dict)
    )


# Entry's fields in order, as _entries fills them (a plain tuple is built: keyword arguments for 23 fields cost more
# than the rest of the item's work); a test checks that the two agree.
ENTRY_FIELDS = (
    "id", "name", "kind", "jurisdiction", "file", "line", "column", "aliases", "keys", "cores",
    *_TEXT, "targets", "filled", "positions", "waivers",
)  # fmt: skip
_new_entry = tuple.__new__
_NO_MARKS: tuple[tuple[int, int], dict[str, Position]] = ((0, 0), {})
_OWNER = _TEXT.index("owner")


def _entries(parsed: Parsed, header: Header) -> list[Entry]:
    """The file's items as Entry tuples, built a field at a time over all items rather than an item at a time
    (each comprehension is one tight loop)."""
    items = parsed.data.get("items")
    if not isinstance(items, list):
        return []
    rows = [item for item in items if isinstance(item, dict) and item.get("id") is not None]
    if not rows:
        return []
    names = [_text(item.get("name")) for item in rows]
    aliases = [_strings(item["aliases"]) if "aliases" in item else () for item in rows]
    known = _name_keys(names, aliases)  # (keys, derived keys) of each, unpacked in the loop below
    texts, filled = _columns(rows)
    if header.owner:  # an item without an owner has the list's
        owner = intern(header.owner)
        texts[_OWNER] = [v if v is not None else owner for v in texts[_OWNER]]
    targets = [
        tuple(code(t) for t in v if t is not None) if isinstance(v := item.get("targets"), list) else ()
        for item in rows
    ]
    waivers = [_waivers(parsed, item["waivers"]) if "waivers" in item else () for item in rows]
    if parsed.marks:
        marks = [parsed.marks.get(id(item), _NO_MARKS) for item in rows]
        places = [m[0] for m in marks]
        positions = [tuple((k, *m[1][k]) for k in _POSITIONS if k in m[1]) if m[1] else () for m in marks]
    else:  # read by the fast loader: no places
        places, positions = [(0, 0)] * len(rows), [()] * len(rows)
    ids = [_text(item["id"]) for item in rows]
    kind, jurisdiction, file = header.kind, header.jurisdiction, header.file
    return [
        _new_entry(Entry, (i, name, kind, jurisdiction, file, line, col, more, own, core, *text, tg, bits, at, w))
        for i, name, (line, col), more, (own, core), text, tg, bits, at, w in zip(
            ids,
            names,
            places,
            aliases,
            known,
            zip(*texts, strict=True),
            targets,
            filled,
            positions,
            waivers,
            strict=True,
        )
    ]


def _columns(rows: list[dict[str, Any]]) -> tuple[list[list[str | None]], list[int]]:
    """The items' _TEXT fields, one column each (interned text or None), and their FILLED bits: by
    qingdan._fastrows where it was built (3–5× faster over the 100k benchmark: 0.06–0.08 against 0.24–0.31 s), by the
    same comprehensions otherwise."""
    native = module("_fastrows")
    if native is not None:
        return native.texts(rows, _TEXT), native.filled(rows, FILLED)
    texts = [
        [None if (v := item.get(k)) is None else intern(v if v.__class__ is str else str(v)) for item in rows]
        for k in _TEXT
    ]
    filled = [0] * len(rows)
    for bit, f in enumerate(FILLED):
        if any(f in item for item in rows):
            column = [
                v is not None and (bool(v.strip()) if v.__class__ is str else _filled(v))
                for v in (item.get(f) for item in rows)
            ]
            filled = [n | (had << bit) for n, had in zip(filled, column, strict=True)]
    return texts, filled


# name (or (name, aliases) when it has aliases) → (their keys, their derived keys), for every file a process reads:
# the same duties recur in every community's list (a million-item province's benchmark has 20 items for each distinct
# name), and working a name's keys out costs 2–25 µs, looking them up 0.1 (by the name itself, whose hash the
# string keeps: most names have no aliases). Emptied when it grows past NAME_MEMO names.
_NAMES: dict[str | tuple[str, tuple[str, ...]], tuple[tuple[str, ...], tuple[str, ...]]] = {}
NAME_MEMO = 200_000
MEMO_LONGEST = 200  # characters


def _name_keys(names: list[str], aliases: list[tuple[str, ...]]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(keys, derived keys) of each name with its aliases, from the memo or worked out for all new ones at once.
    Names longer than MEMO_LONGEST are not kept: a hostile file's megabyte names would stay in memory."""
    memo = _NAMES
    keyed = [n if not more else (n, more) for n, more in zip(names, aliases, strict=True)]  # as Entry says
    found = list(map(memo.get, keyed))
    new = list(dict.fromkeys(k for k, v in zip(keyed, found, strict=True) if v is None))
    if not new:
        return cast("list[tuple[tuple[str, ...], tuple[str, ...]]]", found)
    if len(memo) + len(new) > NAME_MEMO:
        memo.clear()
    pairs: list[tuple[str, tuple[str, ...]]] = [(k, ()) if isinstance(k, str) else k for k in new]
    # A name longer than the schema allows is an error already; its key is cut at that length so that no
    # comparison (near-duplicate, certificates, negative lists, find) ever works on a megabyte of text.
    flat = [k[:MAX_NAME] for k in keys([n for name, more in pairs for n in (name, *more)])]
    made, at = {}, 0
    for k, (name, more) in zip(new, pairs, strict=True):
        own = tuple(flat[at : at + 1 + len(more)])
        at += 1 + len(more)
        made[k] = (own, _cores(name, more, own))
        if len(name) + sum(map(len, more)) <= MEMO_LONGEST:
            memo[k] = made[k]
    return [v if v is not None else made[k] for k, v in zip(keyed, found, strict=True)]


def _cores(name: str, aliases: tuple[str, ...], name_keys: tuple[str, ...]) -> tuple[str, ...]:
    """The keys the names stand for besides their own (``derived_name_keys``), () when none can."""
    names = (name, *aliases)
    if not derivable(names):
        return ()
    # the names' keys are known (unless one was cut at MAX_NAME): not worked out again
    return derived_name_keys(names, name_keys if max(map(len, name_keys)) < MAX_NAME else None)


def _rows(parsed: Parsed, key: str) -> list[dict[str, Any]]:
    rows = parsed.data.get(key)
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def _jurisdictions(parsed: Parsed) -> list[Jurisdiction]:
    return [
        Jurisdiction(
            code(r.get("code")),
            _text(r.get("name")),
            _text(r.get("level")),
            parsed.file,
            *parsed.position_of(r, "code" if "code" in r else None),
            _strings(r.get("aliases")),
        )
        for r in _rows(parsed, "jurisdictions")
    ]


def _departments(parsed: Parsed) -> list[Department]:
    return [
        Department(
            _text(r.get("name")),
            code(r.get("jurisdiction")),
            parsed.file,
            *parsed.position_of(r),
            _strings(r.get("aliases")),
        )
        for r in _rows(parsed, "departments")
    ]
