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
from qingdan.i18n import message
from qingdan.ids import assign_ids
from qingdan.paths import check_output_folder
from qingdan.tables import columns as tabular
from qingdan.tables import spreadsheet
from qingdan.tables.columns import IGNORE
from qingdan.tables.edition import Edition, match_edition
from qingdan.tables.spreadsheet import Table
from qingdan.text import citation_text, clean, key

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
    update: Path | None = None  # the list this table is a new edition of (default: the output, when it exists)
    dry_run: bool = False
    keep_removed: bool = False
    as_new: tuple[str, ...] = ()  # names of rows that are new items, not renames of old ones
    title: str | None = None  # document-level facts the table does not print (or prints differently)
    issuer: str | None = None
    doc_number: str | None = None
    effective: str | None = None
    basis: tuple[str, ...] = ()  # the whole list's legal basis


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
    qualifiers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Heading:
    """A section heading inside the table that sets a field for the rows below it."""

    row: int
    text: str
    field: str
    value: str


@dataclass(frozen=True)
class Facts:
    """What the rows above the header (or, in Word, the paragraphs above the table) say about the list."""

    title: str = ""
    title_row: int = 0  # 0: none, or a paragraph above a Word table
    doc_number: str = ""
    effective: str = ""
    count: int | None = None  # the number of items the title states
    label: str = ""  # 附件1
    effective_row: int = 0
    notice: str = ""  # the title of the notice the annex belongs to (关于印发《…》的通知), when the document has it


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
    facts: Facts = Facts()
    headings: tuple[Heading, ...] = ()
    field_columns: dict[str, int] = field(default_factory=dict)  # field → the (first) 0-based column holding it


@dataclass(frozen=True)
class Fact:
    field: str  # title, issuer, doc_number, effective, legal_basis
    value: str
    source: str  # "option", "paragraph" (above a Word table), or "row"
    row: int = 0


@dataclass(frozen=True)
class Source:
    """Where a finding about the new list is in the table read: the row and the column to correct."""

    row: int | None  # None: the list as a whole (or an item kept from the previous edition)
    column: int | None  # 0-based column of the field, None when no column holds it (an option gave it)
    field: str | None


@dataclass(frozen=True)
class Imported:
    source: str
    target: str
    written: bool
    converted: Converted
    table: Table
    generated_ids: tuple[str, ...]
    report: Report
    edition: Edition | None = None
    dry_run: bool = False
    facts: tuple[Fact, ...] = ()  # list header facts set by this import, and where each came from
    count: tuple[int, int] | None = None  # (items the title states, items read) when they differ
    sources: tuple[Source | None, ...] = ()  # per finding of ``report``: where it is in the table


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
    header = tabular.find_header(table.rows, mapping, kind)
    if header is None:
        raise InputError("import-no-header", rows=tabular.HEADER_ROWS)
    allowed = tabular.kind_fields(kind)
    columns, spreads = _columns(table, header, allowed, kind)
    fields = {c: f for c, f in header.fields.items() if c in spreads}
    facts, skipped = _above_header(table.rows[: header.row - 1], mapping, kind, table.preamble)
    items: list[dict[str, Any]] = []
    rows: list[int] = []
    blank: list[int] = []
    splits: list[Split] = []
    headings: list[Heading] = []
    sections: dict[str, str] = {}  # field → value set by the last section heading
    name_column = next(c for c, f in fields.items() if f == "name")
    name_header = clean(table.rows[header.row - 1][name_column])
    lower = True  # rows right under the header that repeat its name cell: the header merged down (vMerge)
    for r, row in enumerate(table.rows[header.row :], start=header.row + 1):
        cells = {f: _cell(row, spreads[c]) for c, f in fields.items()}
        if lower and clean(row[name_column] if name_column < len(row) else "") == name_header:
            skipped.append(Skipped(r, "import-row-lower-header", _row_text(row)))
            continue
        lower = False
        problem = _row_problem(row, cells)
        if problem == "blank":
            blank.append(r)
        elif problem == "import-row-heading":
            text = _row_text(row)
            sets = tabular.heading_sets(text, kind)
            if sets is not None:
                sections[sets[0]] = sets[1]
                headings.append(Heading(r, text, *sets))
            else:
                skipped.append(Skipped(r, problem, text))
        elif problem:
            skipped.append(Skipped(r, problem, _row_text(row)))
        else:
            item, split = _item(cells, sections.get("stance") or stance, sections.get("role") or role, r)
            items.append(item)
            rows.append(r)
            splits.extend(split)
    document = {
        "format": 1,
        "kind": kind,
        "jurisdiction": jurisdiction,
        "title": facts.title or fallback_title,
        "items": items,
    }
    return Converted(
        document,
        tuple(rows),
        header.row,
        tuple(columns),
        tuple(skipped),
        tuple(blank),
        tuple(splits),
        facts,
        tuple(headings),
        {f: c for c, f in sorted(fields.items())},
    )


def _columns(
    table: Table, header: tabular.Header, allowed: tuple[str, ...], kind: str
) -> tuple[list[Column], dict[int, list[int]]]:
    """The header's columns, and the field each data column goes to: column → [it and the columns a
    merged header cell spreads over] (a header merged across two columns is one column, not a second,
    unknown one; its cells are read together)."""
    columns: list[Column] = []
    fields: dict[int, str] = {}
    spread: dict[int, list[int]] = {}
    row = table.rows[header.row - 1]
    start = 0
    for c, text in enumerate(row):
        if (header.row - 1, c) in table.continued:
            if start in spread:
                spread[start].append(c)
            continue
        start = c
        letter, label = column_name(table, c), clean(text)
        f = header.fields.get(c)
        if f is None and c in header.unknown:
            reason = "import-column-duplicate" if tabular.recognise(text, {}, kind) else "import-column-unknown"
            columns.append(Column(letter, label, None, reason))
        elif f is not None and f != IGNORE and f not in allowed:
            columns.append(Column(letter, label, None, "import-column-kind"))
        elif f is not None:
            columns.append(Column(letter, label, f))
            if f != IGNORE:
                fields[c] = f
                spread[c] = [c]
    return columns, {c: spread[c] for c in fields}


def column_name(table: Table, column: int) -> str:
    """How the reader names a column (0-based): its letter in a spreadsheet, 第N列 in a Word table."""
    if table.table is not None:
        return message("import-column-word", column=column + 1)
    return spreadsheet.column_letter(column + 1)


def _cell(row: tuple[str, ...], spread: list[int]) -> str:
    """The text of the cells under one (merged) header cell: 文件名称 and 条款 make one citation."""
    parts = list(dict.fromkeys(row[c].strip() for c in spread if c < len(row) and row[c].strip()))
    out = parts[0] if parts else ""
    for part in parts[1:]:
        out += part if part.startswith("第") else "\n" + part
    return out


def _above_header(
    rows: tuple[tuple[str, ...], ...], mapping: dict[str, str], kind: str, preamble: tuple[str, ...] = ()
) -> tuple[Facts, list[Skipped]]:
    """The title is the first row above the header with a single value (a merged title row) that is not an
    annex label (附件1); its 文号 in brackets and a count (（12项）) are read off it. A row that states a
    date 起施行 gives ``effective``; a row that names columns too is the upper layer of a two-row header
    (办理指引 over 替代方式 and 主管部门). A Word table's title is the paragraph above it, when the table has none."""
    title, title_row, label, effective, doc_number, count, effective_row = "", 0, "", "", "", None, 0
    skipped: list[Skipped] = []
    for r, row in enumerate(rows, start=1):
        values = list(dict.fromkeys(v for v in (clean(c) for c in row) if v))
        if not values:
            continue
        if len(values) == 1 and tabular.is_annex_label(values[0]):
            label = label or values[0]
            skipped.append(Skipped(r, "import-row-label", values[0]))
        elif not title and len(values) == 1 and not tabular.effective_date(values[0]):
            found = tabular.title_facts(values[0])
            title, title_row, label = found.title, r, label or found.label
            doc_number, count = found.doc_number, found.count
        elif len(values) == 1 and tabular.effective_date(values[0]):  # （2023年7月1日起施行）
            if not effective:
                effective, effective_row = tabular.effective_date(values[0]), r
            doc_number = doc_number or tabular.doc_number_in(values[0])
        elif any(tabular.recognise(c, mapping, kind) for c in row):
            skipped.append(Skipped(r, "import-row-group-header", _row_text(row)))
        else:
            doc_number = doc_number or (tabular.doc_number_in(values[0]) if len(values) == 1 else "")
            skipped.append(Skipped(r, "import-row-above-header", _row_text(row)))
    for line in reversed(preamble) if not title else ():  # nearest paragraph first
        if tabular.is_annex_label(line):
            label = label or clean(line)
            continue
        if tabular.effective_date(line):
            effective = effective or tabular.effective_date(line)
            continue
        found = tabular.title_facts(line)
        if found.title:
            title, label = found.title, label or found.label
            doc_number, count = doc_number or found.doc_number, found.count
            break
    # the notice around the annex: its 文号 on a line of its own under the masthead, and its title
    notice = next((clean(line) for line in preamble if tabular.is_notice_title(line)), "")
    standalone = [tabular.doc_number_in(line) for line in preamble if tabular.is_doc_number(line)]
    doc_number = doc_number or (standalone[0] if standalone else "")
    return Facts(title, title_row, doc_number, effective, count, label, effective_row, notice), skipped


def _row_problem(row: tuple[str, ...], cells: dict[str, str]) -> str:
    values = [clean(c) for c in row]
    filled = [v for v in values if v]
    if not filled:
        return "blank"
    if len(filled) > 1 and len(set(filled)) == 1:  # one value merged across the row: a section heading
        return "import-row-heading"
    if len(filled) == 1 and tabular.is_heading(filled[0]):
        return "import-row-heading"  # 一、不得出具的证明事项 in one cell, not merged
    if not clean(cells.get("name", "")):
        return "import-row-no-name"
    return ""


def _row_text(row: tuple[str, ...]) -> str:
    seen: list[str] = []
    for v in (clean(c) for c in row):
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
            value = tabular.stance(raw) if clean(raw) else ""
        else:
            value = clean(raw)
        if value:
            values[f] = value
    name, variants, qualifiers = tabular.split_name(values["name"])
    if variants or qualifiers:
        splits.append(Split(row, values["name"], name, tuple(variants), tuple(qualifiers)))
    values["name"] = name  # 无犯罪记录 证明 → 无犯罪记录证明
    if variants:
        values["aliases"] = list(dict.fromkeys([*variants, *values.get("aliases", [])]))
    if qualifiers:
        values["qualifiers"] = qualifiers
    if "aliases" in values:
        values["aliases"] = [a for a in values["aliases"] if a != values["name"]] or None
    if stance and "stance" not in values:
        values["stance"] = stance
    if role and "role" not in values:
        values["role"] = role
    order = list(tabular.FIELDS)
    order.insert(order.index("aliases") + 1, "qualifiers")
    return {f: values[f] for f in sorted(values, key=order.index) if values[f]}, splits


def existing_items(root: Path, skip: tuple[Path, ...] = ()) -> list[tuple[str, str, str, str]]:
    """(kind, jurisdiction, flavour, id) of every item in the repository's lists, except in ``skip``."""
    from qingdan.jurisdiction import code
    from qingdan.load import parse_bytes
    from qingdan.paths import Refused, discover, read_inside, relative

    out = []
    lists = root / LISTS_DIR
    skipped = {p.resolve() for p in skip}
    for path in discover([lists] if lists.is_dir() else []):
        if path.resolve() in skipped:
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
    """Read, convert, give ids (the old ones when the table is a new edition of an existing list),
    validate in a copy of the repository, and write unless findings stop it."""
    from qingdan import dump
    from qingdan.config import load_config

    _check_options(options)
    root = find_root(cwd)
    default = root / LISTS_DIR / DEFAULT_FOLDER / f"{options.source.stem}.yaml"
    if options.output is None and not options.update:  # the repository's folder: not a symlink, not outside it
        check_output_folder(default.parent, root)
    update = (cwd / options.update).resolve() if options.update else None
    target = ((cwd / options.output) if options.output else update or default).resolve()
    if update is not None and not update.is_file():
        raise UsageError("path-missing", path=str(options.update))
    if target.exists() and update is None and not (options.force or options.dry_run):
        raise UsageError("import-exists", path=_display(target, root))
    previous_path = update or (target if target.is_file() else None)
    previous = _previous(previous_path, root, options) if previous_path else None
    table = spreadsheet.read(
        options.source, options.sheet, lambda rows: tabular.find_header(rows, options.mapping, options.kind) is not None
    )
    converted = convert(
        table, options.kind, options.jurisdiction, options.mapping, options.source.stem, options.stance, options.role
    )
    items = converted.document["items"]
    facts = _document_facts(converted, options)
    stated = converted.facts.count
    count = (stated, len(items)) if stated is not None and stated != len(items) else None
    existing = existing_items(root, (target, *((previous_path,) if previous_path else ())))
    edition = None
    if previous is not None:
        from qingdan.rules import RULES

        threshold = load_config(root, {r.id for r in RULES}).fuzzy_threshold
        assert previous_path is not None
        edition = match_edition(
            previous["items"],
            items,
            converted.rows,
            threshold=threshold,
            table_fields=_table_fields(converted, options),
            as_new=frozenset(key(n) for n in options.as_new),
            previous=_display(previous_path, root),
        )
        if not any(f.field == "title" for f in facts) and previous.get("title"):
            converted.document["title"] = previous["title"]  # the table has no title row: the list keeps its own
        edition = replace(edition, header_carried=_carry_header(previous, converted.document))
        existing += _own_items(previous)  # the scheme goes on from the old edition; removed ids are not reused
        if options.keep_removed:
            gone = {r.id for r in edition.removed}
            items.extend(item for item in previous["items"] if isinstance(item, dict) and str(item.get("id")) in gone)
            edition = replace(edition, removed=tuple(replace(r, kept=True) for r in edition.removed))
    made = assign_ids(items, existing, options.kind, options.jurisdiction, options.id_prefix)
    if edition is not None:
        ids = dict(zip(converted.rows, (str(i.get("id")) for i in items), strict=False))
        edition = replace(edition, added=tuple(replace(a, id=ids.get(a.row, "")) for a in edition.added))
    text = dump.document(converted.document)
    report = _options_named(validate_copy(root, target, text), converted, options)
    sources = _sources(text, _display(target, root), converted, report)
    written = not options.dry_run and (not report.failed() or options.force)
    if written:
        with repository_lock(root), transaction(root) as tx:  # one writer at a time, all or nothing
            tx.write_all({target: text.encode("utf-8")})
    return Imported(
        str(options.source),
        _display(target, root),
        written,
        converted,
        table,
        tuple(made),
        report,
        edition,
        options.dry_run,
        facts,
        count,
        sources,
    )


NAME_PARTS = ("aliases", "qualifiers")  # written in the name's cell


def _sources(text: str, shown: str, converted: Converted, report: Report) -> tuple[Source | None, ...]:
    """Each finding in the new list, mapped back from its line in the YAML to the table's row (the item)
    and column (the field the line belongs to)."""
    from qingdan.load import parse_text

    parsed = parse_text(text, shown)
    items = parsed.data.get("items") if isinstance(parsed.data, dict) else None
    if not isinstance(items, list):
        return tuple(None for _ in report.findings)
    starts = [parsed.marks.get(id(item), ((0, 0), {}))[0][0] for item in items]
    columns = dict(converted.field_columns)
    for part in NAME_PARTS:
        if "name" in columns:
            columns.setdefault(part, columns["name"])
    head = parsed.marks.get(id(parsed.data), ((0, 0), {}))[1]
    out: list[Source | None] = []
    for f in report.findings:
        if f.file != shown or not f.line:
            out.append(None)
            continue
        if not starts or f.line < starts[0]:
            key_ = _key_at(head, f.line)
            title_row = converted.facts.title_row
            out.append(Source(title_row if key_ in ("title", "doc_number") and title_row else None, None, key_))
            continue
        i = max(n for n, start in enumerate(starts) if start <= f.line)
        key_ = _key_at(parsed.marks.get(id(items[i]), ((0, 0), {}))[1], f.line)
        row = converted.rows[i] if i < len(converted.rows) else None
        out.append(Source(row, columns.get(key_ or "") if row else None, key_))
    return tuple(out)


def _key_at(keys: dict[str, tuple[int, int]], line: int) -> str | None:
    """The key whose value holds ``line``: the last key at or above it."""
    above = [(pos[0], k) for k, pos in keys.items() if pos[0] <= line]
    return max(above)[1] if above else None


HEADER_ORDER = ("format", "kind", "jurisdiction", "title", "issuer", "doc_number", "effective", "legal_basis")


def _document_facts(converted: Converted, options: Options) -> tuple[Fact, ...]:
    """Title, issuer, 文号, date and the document-level legal basis: the options first, then what the
    annex prints above its table. A 文号 and no --basis make the issuing document the list's basis."""
    found = converted.facts
    printed = "row" if found.title_row else "paragraph"
    facts: list[Fact] = []
    for field_name, given, seen, source, row in (
        ("title", options.title, found.title, printed, found.title_row),
        ("issuer", options.issuer, "", "", 0),
        ("doc_number", options.doc_number, found.doc_number, printed, found.title_row),
        (
            "effective",
            options.effective,
            found.effective,
            "row" if found.effective_row else "paragraph",
            found.effective_row,
        ),
    ):
        if given:
            facts.append(Fact(field_name, clean(given), "option"))
        elif seen:
            facts.append(Fact(field_name, seen, source, row))
    document = converted.document
    for fact in facts:
        document[fact.field] = fact.value
    basis: list[Any] = [c for text in options.basis for c in tabular.split_citations(text)]
    number = document.get("doc_number")
    if basis:
        facts.append(Fact("legal_basis", "；".join(citation_text(c) for c in basis), "option"))
    elif number:
        titled = any(f.field == "title" for f in facts)
        law = tabular.book_title(found.notice) if found.notice else f"《{document['title']}》" if titled else ""
        basis = [{"law": law, "doc_number": number} if law else number]
        facts.append(Fact("legal_basis", citation_text(basis[0]), "doc_number"))
    if basis:
        document["legal_basis"] = basis
    items = document.pop("items")
    head = {k: document[k] for k in sorted(document, key=lambda k: HEADER_ORDER.index(k) if k in HEADER_ORDER else 99)}
    document.clear()
    document.update({**head, "items": items})
    return tuple(facts)


# A required field a table has no column for, which an option gives for the whole table.
OPTION_FOR = {("duties", "role"): "import-missing-role", ("certificates", "stance"): "import-missing-stance"}


def _options_named(report: Report, converted: Converted, options: Options) -> Report:
    """``缺少必填字段“role”`` on every row of a duty table without a 承担方式 column: the hint names --role
    (and --stance for a certificate table without 出具意见), not "add the field"."""
    present = {c.field for c in converted.columns if c.field}
    findings = []
    for f in report.findings:
        said = OPTION_FOR.get((options.kind, str(f.args.get("field", ""))))
        if f.key == "schema-required" and said and f.args.get("field") not in present:
            f = f._replace(key=said)
        findings.append(f)
    return Report(tuple(findings), report.summary, report.root)


def _previous(path: Path, root: Path, options: Options) -> dict[str, Any]:
    """The list a new edition replaces: it must be a readable list of the same kind and place."""
    from qingdan.jurisdiction import code
    from qingdan.load import parse_bytes

    shown = _display(path, root)
    parsed = parse_bytes(path.read_bytes(), path.name, positions=False)
    data = parsed.data
    if not parsed.ok or not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise InputError("import-update-unreadable", path=shown)
    if data.get("kind") != options.kind:
        raise UsageError("import-update-kind", path=shown, kind=str(data.get("kind")), wanted=options.kind)
    if code(data.get("jurisdiction")) != options.jurisdiction:
        raise UsageError(
            "import-update-jurisdiction", path=shown, code=code(data.get("jurisdiction")), wanted=options.jurisdiction
        )
    return data


def _own_items(data: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    from qingdan.jurisdiction import code

    return [
        (
            str(data.get("kind")),
            code(data.get("jurisdiction")),
            str(i.get("stance") or i.get("role") or ""),
            str(i["id"]),
        )
        for i in data["items"]
        if isinstance(i, dict) and i.get("id") is not None
    ]


def _table_fields(converted: Converted, options: Options) -> frozenset[str]:
    """The fields this import speaks for: its columns, and stance or role when an option gives them."""
    fields = {c.field for c in converted.columns if c.field and c.field != IGNORE}
    fields |= {f for f, given in (("stance", options.stance), ("role", options.role)) if given}
    fields |= {h.field for h in converted.headings}
    return frozenset(fields)


HEADER_CARRIED = ("issuer", "doc_number", "effective", "expires", "version", "owner", "notes", "legal_basis")


def _carry_header(previous: dict[str, Any], document: dict[str, Any]) -> tuple[str, ...]:
    """Header facts of the old edition the new import does not give (issuer, 文号, dates …) are kept, in
    the header order of the schema; the report names them so that a new 文号 is not missed."""
    carried = tuple(f for f in HEADER_CARRIED if previous.get(f) not in (None, "", []) and f not in document)
    if not carried:
        return ()
    head = {k: v for k, v in document.items() if k != "items"}
    for f in carried:
        head[f] = previous[f]
    order = ["format", "kind", "jurisdiction", "title", *HEADER_CARRIED]
    items = document.pop("items")
    ordered = {k: head[k] for k in sorted(head, key=lambda k: order.index(k) if k in order else len(order))}
    document.clear()
    document.update({**ordered, "items": items})
    return carried


def _check_options(options: Options) -> None:
    if options.kind not in tabular.TABLE_KINDS:
        raise UsageError("unknown-kind", kind=options.kind, allowed=", ".join(tabular.TABLE_KINDS))
    if options.stance is not None and options.kind != "certificates":
        raise UsageError("import-stance-kind")
    if options.stance not in (None, "allowed", "forbidden"):
        raise UsageError("import-stance", value=options.stance)
    if options.role is not None and options.kind != "duties":
        raise UsageError("import-role-kind")
    if options.effective is not None:
        from datetime import date

        try:
            date.fromisoformat(options.effective)
        except ValueError:
            raise UsageError("bad-date", value=options.effective) from None


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
    findings = tuple(f._replace(file=shown) if f.file == rel.as_posix() else f for f in report.findings)
    return Report(findings, report.summary, root)
