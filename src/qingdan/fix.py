"""``qingdan fix``: repair what is mechanical, show the diff, write only when asked.

Three passes over each list file, each only where it finds something: (1) in the text, the IME slips
(``qingdan.ime``: full-width spaces and colons, dash look-alikes, tabs), since a file with them does not
parse; (2) in the text, at the positions libyaml gives, plain values that YAML 1.1 or other tools read as
something else (``no``, ``on``, ``0123``, ``2023-07-01``) put in double quotes; (3) through ruamel.yaml's
round trip, which keeps comments, key order and quoting: names and aliases tidied (``text.tidy_name``) and
ids given to items without one (``ids.assign_ids``). A file nothing applies to is never rewritten, not even
by ruamel. With ``write`` the repository lock is held from reading to writing, every changed file is written
in one journaled transaction, and the repository is validated after the write.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from qingdan import dump, ime
from qingdan.check import Report, resolve_scope, validate_repository
from qingdan.files import repository_lock, transaction
from qingdan.load import decode, lookalike, parse_text
from qingdan.paths import MAX_FILE_BYTES, Refused, inside, read_inside
from qingdan.text import tidy_name

_BOM = "\ufeff"
_SLIP_REPAIRS = {
    ime.TAB: "fix-tab",
    ime.SPACE: "fix-fullwidth-space",
    ime.COLON: "fix-fullwidth-colon",
    ime.DASH: "fix-fullwidth-dash",
}


@dataclass(frozen=True)
class Repair:
    """One change, where it was made (1-based line and column of the text before it), as a catalogue key."""

    line: int
    column: int
    key: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FileFix:
    file: str  # as reports name it (lists/…)
    before: str
    after: str
    repairs: tuple[Repair, ...]
    parses: bool = True  # False: still not YAML after the repairs (validate says why)
    bom: bool = False  # the file starts with a UTF-8 BOM, which the write keeps


@dataclass(frozen=True)
class FixResult:
    root: Path
    files: tuple[FileFix, ...]  # the files that change (or would), and those still unreadable
    checked: int  # files looked at
    written: bool = False
    report: Report | None = None  # validate after the write

    @property
    def changes(self) -> tuple[FileFix, ...]:
        return tuple(f for f in self.files if f.after != f.before)


def fix_repository(paths: list[Path], *, cwd: Path, write: bool = False, today: date | None = None) -> FixResult:
    """Repair the list files of the repository around ``cwd`` (or the given files/folders of one)."""
    scope = resolve_scope(paths, cwd)
    root = scope.config.root
    files = scope.paths()
    names = [n for n in files if scope.only is None or n in scope.only]
    if not write:
        return FixResult(root, _plan(files, names, root), len(names))
    with repository_lock(root):  # nobody edits between our reading and our writing
        planned = _plan(files, names, root)
        changed = {files[f.file]: _encode(f) for f in planned if f.after != f.before}
        if changed:
            with transaction(root) as tx:
                tx.write_all(changed)
        report = validate_repository([root], cwd=root, today=today, use_cache=False)
    return FixResult(root, planned, len(names), written=bool(changed), report=report)


def _plan(files: dict[str, Path], names: list[str], root: Path) -> tuple[FileFix, ...]:
    existing = _existing_ids(files, root)
    out = []
    for name in names:
        path = files[name]
        if not inside(path, root):
            continue
        try:
            raw = read_inside(path, root, MAX_FILE_BYTES, shown=name)
        except Refused:
            continue  # validate reports it; there is nothing to repair in a file we do not read
        text, _problem = decode(raw, name)
        if text is None:
            continue
        fixed = fix_text(text, name, existing)
        if fixed.after != fixed.before or not fixed.parses:
            out.append(replace(fixed, bom=raw.startswith(_BOM.encode("utf-8"))))
    return tuple(out)


def _encode(fixed: FileFix) -> bytes:
    return ((_BOM if fixed.bom else "") + fixed.after).encode("utf-8")


def fix_text(text: str, name: str, existing: list[tuple[str, str, str, str]] | None = None) -> FileFix:
    """The three passes over one file's text (without its BOM). ``existing`` is (kind, jurisdiction,
    flavour, id) of every item of the repository, which new ids follow and never repeat."""
    repairs: list[Repair] = []
    parsed = parse_text(text, name)
    current = text
    if any(f.key.startswith(("yaml-fullwidth", "yaml-tab-indent")) for f in parsed.findings):
        current, slips = ime.repair(text)
        repairs.extend(Repair(s.line, s.column, _SLIP_REPAIRS[s.kind], _slip_args(s)) for s in slips)
        parsed = parse_text(current, name)
    if not parsed.ok:
        return FileFix(name, text, current, tuple(repairs), parses=False)
    current, quoted = _quote_lookalikes(current)
    repairs.extend(quoted)
    current, edited = _round_trip(current, existing or [])
    repairs.extend(edited)
    repairs.sort(key=lambda r: (r.line, r.column))
    return FileFix(name, text, current, tuple(repairs), parses=parse_text(current, name).ok)


def _slip_args(slip: ime.Slip) -> dict[str, Any]:
    return {"code": slip.code, "key": slip.key, "char": slip.char if slip.kind == ime.DASH else ""}


def _quote_lookalikes(text: str) -> tuple[str, list[Repair]]:
    """Plain values YAML 1.1 reads as booleans or numbers, or other tools as dates, in double quotes."""
    import yaml
    from yaml import events

    edits: list[tuple[int, int, str, Repair]] = []
    stack: list[list[Any]] = []  # [is mapping, next scalar is a key]
    for ev in yaml.parse(text, Loader=yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):
        if isinstance(ev, (events.MappingStartEvent, events.SequenceStartEvent)):
            if stack and stack[-1][0]:
                stack[-1][1] = True
            stack.append([isinstance(ev, events.MappingStartEvent), True])
        elif isinstance(ev, (events.MappingEndEvent, events.SequenceEndEvent)):
            stack.pop()
        elif isinstance(ev, (events.ScalarEvent, events.AliasEvent)):
            is_key = bool(stack and stack[-1][0] and stack[-1][1])
            if stack and stack[-1][0]:
                stack[-1][1] = not stack[-1][1]
            if is_key or not isinstance(ev, events.ScalarEvent) or ev.style or ev.tag is not None:
                continue
            value, mark, stop = ev.value, ev.start_mark, ev.end_mark
            if lookalike(value) and mark is not None and stop is not None:
                repair = Repair(mark.line + 1, mark.column + 1, "fix-quoted", {"value": value})
                edits.append((mark.index, stop.index, f'"{value}"', repair))
    for start, end, new, _ in reversed(edits):
        text = text[:start] + new + text[end:]
    return text, [e[3] for e in edits]


def _round_trip(text: str, existing: list[tuple[str, str, str, str]]) -> tuple[str, list[Repair]]:
    """Names tidied and missing ids given, through ruamel; the text as it was when neither applies."""
    from qingdan.ids import KIND_CODES

    doc = dump.editor().load(text)
    items = doc.get("items") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        return text, []
    repairs: list[Repair] = []
    for item in items:
        if isinstance(item, dict):
            repairs.extend(_tidy(item))
    kind, jurisdiction = str(doc.get("kind", "")), str(doc.get("jurisdiction", ""))
    if kind in KIND_CODES:
        repairs.extend(_assign(items, kind, jurisdiction, existing))
    if not repairs:
        return text, []
    out = io.StringIO()
    dump.editor().dump(doc, out)
    dumped = out.getvalue()
    return (dumped.replace("\n", "\r\n") if "\r\n" in text else dumped), repairs  # the file's own line ends


def _line(node: Any, key: Any) -> tuple[int, int]:
    try:
        line, column = node.lc.key(key) if not isinstance(key, int) else node.lc.item(key)
    except (AttributeError, KeyError, TypeError):
        return (1, 1)
    return (int(line) + 1, int(column) + 1)


def _tidy(item: Any) -> list[Repair]:
    out = []
    name = item.get("name")
    if isinstance(name, str) and tidy_name(name) != name:
        item["name"] = type(name)(tidy_name(name)) if type(name) is not str else tidy_name(name)
        out.append(Repair(*_line(item, "name"), "fix-name", {"old": name, "new": tidy_name(name)}))
    aliases = item.get("aliases")
    if isinstance(aliases, list):
        for i, alias in enumerate(aliases):
            if isinstance(alias, str) and tidy_name(alias) != alias:
                aliases[i] = type(alias)(tidy_name(alias)) if type(alias) is not str else tidy_name(alias)
                out.append(Repair(*_line(aliases, i), "fix-name", {"old": alias, "new": tidy_name(alias)}))
    return out


def _assign(items: Any, kind: str, jurisdiction: str, existing: list[tuple[str, str, str, str]]) -> list[Repair]:
    from qingdan.ids import assign_ids

    lacking: list[Any] = [i for i in items if isinstance(i, dict) and not i.get("id")]
    if not lacking:
        return []
    plain = [dict(i) for i in items if isinstance(i, dict)]
    own = [
        (kind, jurisdiction, str(i.get("stance") or i.get("role") or ""), str(i["id"])) for i in plain if i.get("id")
    ]
    made = iter(assign_ids(plain, [*existing, *own], kind, jurisdiction, None))
    out = []
    for item in lacking:
        new = next(made)
        where = _line(item, next(iter(item), None)) if item else (1, 1)
        if "id" in item:
            item["id"] = new
        else:
            item.insert(0, "id", new)
        existing.append((kind, jurisdiction, "", new))
        out.append(Repair(*where, "fix-id", {"id": new, "name": str(item.get("name", ""))}))
    return out


def _existing_ids(files: dict[str, Path], root: Path) -> list[tuple[str, str, str, str]]:
    """(kind, jurisdiction, flavour, id) of every item the repository's readable files hold."""
    from qingdan.document import check_file

    out: list[tuple[str, str, str, str]] = []
    for name, path in files.items():
        result = check_file(path, name, 1.0, root=root)
        out.extend((e.kind, e.jurisdiction, e.stance or e.role or "", e.id) for e in result.entries if e.id)
    return out
