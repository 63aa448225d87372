"""``qingdan import``: a published table (XLSX or CSV) → a list file that validates.

``convert`` is pure (table → document and everything it could not map); ``run`` adds what needs the
repository: stable ids that collide with none already there, validation of the new file in a copy of
the repository, and the atomic write.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from qingdan.check import Report
from qingdan.config import LISTS_DIR, find_root
from qingdan.errors import InputError, UsageError
from qingdan.files import repository_lock, transaction
from qingdan.ids import assign_ids
from qingdan.paths import check_output_folder
from qingdan.tables import columns as tabular
from qingdan.tables import spreadsheet
from qingdan.tables.columns import IGNORE
from qingdan.tables.spreadsheet import Table

DEFAULT_FOLDER = "imported"


@dataclass(frozen=True)
class Options:
    source: Path
    kind: str
    jurisdiction: str
    stance: str | None = None
    role: str | None = None
    sheet: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    output: Path | None = None
    id_prefix: str | None = None
    force: bool = False


@dataclass(frozen=True)
class Skipped:
    row: int
    reason: str  # catalogue key
    text: str


@dataclass(frozen=True)
class Column:
    letter: str
    header: str
    field: str | None  # None: not mapped
    reason: str = ""  # catalogue key when not mapped


@dataclass(frozen=True)
class Split:
    row: int
    cell: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Converted:
    """A table read as a list: the document and what did not fit."""

    document: dict[str, Any]
    rows: tuple[int, ...]  # spreadsheet row of each item
    header_row: int
    columns: tuple[Column, ...]
    skipped: tuple[Skipped, ...]
    blank_rows: tuple[int, ...]
    splits: tuple[Split, ...]


@dataclass(frozen=True)
class Imported:
    source: str
    target: str
    written: bool
    converted: Converted
    table: Table
    generated_ids: tuple[str, ...]
    report: Report


def convert(
    table: Table,
    kind: str,
    jurisdiction: str,
    mapping: dict[str, str],
    fallback_title: str,
    stance: str | None = None,
    role: str | None = None,
) -> Converted:
    """Find the header, map its columns to the fields ``kind`` has, turn each row into an item."""
    header = tabular.find_header(table.rows, mapping)
    if header is None:
        raise InputError("import-no-header", rows=tabular.HEADER_ROWS)
    allowed = tabular.kind_fields(kind)
    columns, fields = _columns(table, header, allowed)
    title, skipped = _above_header(table.rows[: header.row - 1], mapping)
    items: list[dict[str, Any]] = []
    rows: list[int] = []
    blank: list[int] = []
    splits: list[Split] = []
    for r, row in enumerate(table.rows[header.row :], start=header.row + 1):
        cells = {f: row[c] if c < len(row) else "" for c, f in fields.items()}
        problem = _row_problem(row, cells)
        if problem == "blank":
            blank.append(r)
        elif problem:
            skipped.append(Skipped(r, problem, _row_text(row)))
        else:
            item, split = _item(cells, stance, role, r)
            items.append(item)
            rows.append(r)
            splits.extend(split)
    document = {
        "format": 1,
        "kind": kind,
        "jurisdiction": jurisdiction,
        "title": title or fallback_title,
        "items": items,
    }
    return Converted(document, tuple(rows), header.row, tuple(columns), tuple(skipped), tuple(blank), tuple(splits))


def _columns(table: Table, header: tabular.Header, allowed: tuple[str, ...]) -> tuple[list[Column], dict[int, str]]:
    columns, fields = [], {}
    row = table.rows[header.row - 1]
    for c, text in enumerate(row):
        letter, label = spreadsheet.column_letter(c + 1), tabular.clean(text)
        f = header.fields.get(c)
        if f is None and c in header.unknown:
            reason = "import-column-duplicate" if tabular.recognise(text, {}) else "import-column-unknown"
            columns.append(Column(letter, label, None, reason))
        elif f is not None and f != IGNORE and f not in allowed:
            columns.append(Column(letter, label, None, "import-column-kind"))
        elif f is not None:
            columns.append(Column(letter, label, f))
            if f != IGNORE:
                fields[c] = f
    return columns, fields


def _above_header(rows: tuple[tuple[str, ...], ...], mapping: dict[str, str]) -> tuple[str | None, list[Skipped]]:
    """The title is the first row above the header with a single value (a merged title row); a row that
    names columns too is the upper layer of a two-row header (办理指引 over 替代方式 and 主管部门)."""
    title, skipped = None, []
    for r, row in enumerate(rows, start=1):
        values = {tabular.clean(c) for c in row} - {""}
        if not values:
            continue
        if title is None and len(values) == 1:
            title = values.pop()
        elif any(tabular.recognise(c, mapping) for c in row):
            skipped.append(Skipped(r, "import-row-group-header", _row_text(row)))
        else:
            skipped.append(Skipped(r, "import-row-above-header", _row_text(row)))
    return title, skipped


def _row_problem(row: tuple[str, ...], cells: dict[str, str]) -> str:
    values = [tabular.clean(c) for c in row]
    filled = [v for v in values if v]
    if not filled:
        return "blank"
    if len(filled) > 1 and len(set(filled)) == 1:  # one value merged across the row: a section heading
        return "import-row-heading"
    if not tabular.clean(cells.get("name", "")):
        return "import-row-no-name"
    return ""


def _row_text(row: tuple[str, ...]) -> str:
    seen: list[str] = []
    for v in (tabular.clean(c) for c in row):
        if v and v not in seen:
            seen.append(v)
    return " | ".join(seen)[:120]


def _item(cells: dict[str, str], stance: str | None, role: str | None, row: int) -> tuple[dict[str, Any], list[Split]]:
    values: dict[str, Any] = {}
    splits = []
    for f, raw in cells.items():
        if f == "legal_basis":
            value: Any = tabular.split_citations(raw)
        elif f == "aliases":
            value = tabular.split_aliases(raw)
        elif f == "stance":
            value = tabular.stance(raw) if tabular.clean(raw) else ""
        else:
            value = tabular.clean(raw)
        if value:
            values[f] = value
    name, variants = tabular.split_name(values["name"])
    if variants:
        splits.append(Split(row, values["name"], name, tuple(variants)))
        values["name"] = name
        values["aliases"] = list(dict.fromkeys([*variants, *values.get("aliases", [])]))
    if "aliases" in values:
        values["aliases"] = [a for a in values["aliases"] if a != values["name"]] or None
    if stance and "stance" not in values:
        values["stance"] = stance
    if role and "role" not in values:
        values["role"] = role
    order = list(tabular.FIELDS)
    return {f: values[f] for f in sorted(values, key=order.index) if values[f]}, splits


def existing_items(root: Path, skip: Path | None) -> list[tuple[str, str, str, str]]:
    """(kind, jurisdiction, flavour, id) of every item in the repository's lists, except in ``skip``."""
    from qingdan.jurisdiction import code
    from qingdan.load import parse_bytes
    from qingdan.paths import Refused, discover, read_inside, relative

    out = []
    lists = root / LISTS_DIR
    for path in discover([lists] if lists.is_dir() else []):
        if skip is not None and path.resolve() == skip.resolve():
            continue
        try:
            raw = read_inside(path, root, shown=relative(path, root))
        except Refused:
            continue  # validate reports it; no ids to avoid in a file that is not read
        data = parse_bytes(raw, path.name, positions=False).data
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            continue
        for item in data["items"]:
            if isinstance(item, dict) and item.get("id") is not None:
                flavour = str(item.get("stance") or item.get("role") or "")
                out.append((str(data.get("kind")), code(data.get("jurisdiction")), flavour, str(item["id"])))
    return out


def import_table(options: Options, *, cwd: Path) -> Imported:
    """Read, convert, give ids, validate in a copy of the repository, and write unless findings stop it."""
    from qingdan import dump

    _check_options(options)
    root = find_root(cwd)
    default = root / LISTS_DIR / DEFAULT_FOLDER / f"{options.source.stem}.yaml"
    if options.output is None:  # the default folder is the repository's: not a symlink, not outside it
        check_output_folder(default.parent, root)
    target = ((cwd / options.output) if options.output else default).resolve()
    if target.exists() and not options.force:
        raise UsageError("import-exists", path=_display(target, root))
    table = spreadsheet.read(options.source, options.sheet)
    converted = convert(
        table, options.kind, options.jurisdiction, options.mapping, options.source.stem, options.stance, options.role
    )
    with repository_lock(root):  # the ids are chosen against the lists as they are until the file is written
        made = assign_ids(
            converted.document["items"],
            existing_items(root, target),
            options.kind,
            options.jurisdiction,
            options.id_prefix,
        )
        text = dump.document(converted.document)
        report = validate_copy(root, target, text)
        written = not report.failed() or options.force
        if written:
            with transaction(root) as tx:
                tx.write_all({target: text.encode("utf-8")})
    return Imported(str(options.source), _display(target, root), written, converted, table, tuple(made), report)


def _check_options(options: Options) -> None:
    if options.kind not in tabular.TABLE_KINDS:
        raise UsageError("unknown-kind", kind=options.kind, allowed=", ".join(tabular.TABLE_KINDS))
    if options.stance is not None and options.kind != "certificates":
        raise UsageError("import-stance-kind")
    if options.stance not in (None, "allowed", "forbidden"):
        raise UsageError("import-stance", value=options.stance)
    if options.role is not None and options.kind != "duties":
        raise UsageError("import-role-kind")


def _display(path: Path, root: Path) -> str:
    from qingdan.paths import relative

    return relative(path, root)


def _hidden_or_special(folder: str, names: list[str]) -> set[str]:
    """What the copy of lists/ leaves out: hidden files and anything but folders, files and symlinks (a FIFO
    would block the copy; validate reports it in the repository itself)."""
    import os
    import stat

    out = set()
    for name in names:
        if name.startswith("."):
            out.add(name)
            continue
        try:
            mode = os.lstat(os.path.join(folder, name)).st_mode
        except OSError:
            out.add(name)
            continue
        if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            out.add(name)
    return out


def validate_copy(root: Path, target: Path, text: str) -> Report:
    """``qingdan validate`` findings for ``text`` as if it were saved at ``target``: the repository's lists
    and configuration are copied to a temporary folder, the new file is placed there, and checked."""
    from qingdan.check import validate_repository
    from qingdan.paths import inside

    try:
        rel = target.relative_to(root)
    except ValueError:  # outside the repository: checked as a new list inside it, reported by its own name
        rel = Path(LISTS_DIR, DEFAULT_FOLDER, target.name)
    with tempfile.TemporaryDirectory(prefix="qingdan-import-") as tmp:
        copy = Path(tmp)
        if (root / LISTS_DIR).is_dir():
            shutil.copytree(root / LISTS_DIR, copy / LISTS_DIR, symlinks=True, ignore=_hidden_or_special)
        for name in ("qingdan.toml",):
            if (root / name).is_file() and inside(root / name, root):
                shutil.copyfile(root / name, copy / name)
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        (copy / rel).write_text(text, encoding="utf-8")
        report = validate_repository([copy / rel], cwd=copy, use_cache=False)
    shown = _display(target, root)
    findings = tuple(replace(f, file=shown) if f.file == rel.as_posix() else f for f in report.findings)
    return Report(findings, report.summary, root)
