"""Reports of ``qingdan import`` and ``qingdan export``: text for people, JSON for scripts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qingdan import i18n
from qingdan.report.validate import json as json_report
from qingdan.report.validate import text
from qingdan.tables.edition import KEPT, LIKELY, RENAMED, Edition, Match
from qingdan.tables.exporter import Export
from qingdan.tables.importer import Fact, Imported, Source
from qingdan.tables.spreadsheet import column_letter


def render_import(result: Imported, lang: str, fmt: str) -> list[Any]:
    """The parts to print in order: what was read and mapped, the validation findings, what was written."""
    if fmt == "json":
        return [json.dumps(_import_plain(result, lang), ensure_ascii=False, indent=2) + "\n"]
    report = text.render(result.report, lang, lambda n: _location(result, n, lang))
    return ["\n".join(_import_lines(result, lang)) + "\n", report, _closing(result, lang)]


def _place(result: Imported, lang: str) -> str:
    """The table's file by its name (the report's first line gives the path), and its sheet or table."""
    t, name = result.table, Path(result.source).name
    if t.table is not None:
        return i18n.message("import-source-table", lang, source=name, table=t.table)
    if t.sheet:
        return i18n.message("import-source-sheet", lang, source=name, sheet=t.sheet)
    return name


def source_text(result: Imported, source: Source, lang: str, with_file: bool = True) -> str:
    """``附件.xlsx（工作表“清单”）第 12 行 C 列``: where in the table a finding is to be corrected; without
    the file: ``第 12 行 C 列`` (``表格 2 第 12 行 第 3 列`` in a Word document)."""
    m = i18n.message
    if not with_file:
        t = result.table
        head = m("import-source-in-table", lang, table=t.table) if t.table is not None and t.tables > 1 else ""
        if source.row is None:
            return head + m("import-source-whole", lang)
        rest = [m("import-source-row", lang, row=source.row)]
        if source.column is not None:
            rest.append(_column(result, source.column, lang))
        return head + (" " if lang != "en" else ", ").join(rest)
    parts = [_place(result, lang)]
    if source.row is None:
        return m("import-source-header", lang, place=parts[0])
    parts.append(m("import-source-row", lang, row=source.row))
    if source.column is not None:
        parts.append(_column(result, source.column, lang))
    if lang == "en":
        return ", ".join([parts[0] + " " + parts[1], *parts[2:]])
    return parts[0] + ("" if parts[0].endswith("）") else " ") + " ".join(parts[1:])


def _column(result: Imported, column: int, lang: str) -> str:
    if result.table.table is not None:
        return i18n.message("import-source-column-word", lang, column=column + 1)
    return i18n.message("import-source-column", lang, column=column_letter(column + 1))


def _location(result: Imported, n: int, lang: str) -> str | None:
    source = result.sources[n] if n < len(result.sources) else None
    if source is None:
        return None
    if not result.written:  # the YAML file does not exist: the table is what the clerk corrects
        return source_text(result, source, lang)
    at = source_text(result, source, lang, with_file=False)
    f = result.report.findings[n]
    return f"{f.file}:{f.line}:{f.column}（{at}）" if lang != "en" else f"{f.file}:{f.line}:{f.column} ({at})"


def _import_lines(result: Imported, lang: str) -> list[str]:
    m = i18n.message
    c, t = result.converted, result.table
    if t.table is not None:
        where = m("import-where-table", lang, table=t.table, tables=t.tables)
    elif t.sheet:
        where = m("import-where-sheet", lang, sheet=t.sheet)
    else:
        where = m("import-where-csv", lang, encoding=t.encoding)
    lines = [m("import-read", lang, source=result.source, where=where, row=c.header_row, title=c.document["title"])]
    cols = [
        f"{col.letter} {col.header}→{col.field if col.field != 'ignore' else m('import-column-ignored', lang)}"
        for col in c.columns
        if col.field
    ]
    lines.append(m("import-columns", lang, columns="，".join(cols) if lang != "en" else ", ".join(cols)))
    for col in c.columns:
        if col.field is None:
            lines.append(
                m("import-unmapped-column", lang, letter=col.letter, header=col.header, reason=m(col.reason, lang))
            )
    if result.facts:
        sep = "；" if lang != "en" else "; "
        lines.append(m("import-facts", lang, facts=sep.join(_fact(f, lang) for f in result.facts)))
    for row in c.skipped:
        lines.append(m("import-unmapped-row", lang, row=row.row, reason=m(row.reason, lang), text=row.text))
    for h in c.headings:
        lines.append(m("import-heading", lang, row=h.row, text=h.text, field=h.field, value=h.value))
    if c.blank_rows:
        lines.append(m("import-blank-rows", lang, rows="、".join(map(str, c.blank_rows))))
    for f in t.formulas:
        lines.append(m("import-formula", lang, row=f.row, column=column_letter(f.column), text=f.text))
    for s in c.splits:
        if s.aliases:
            lines.append(m("import-split", lang, row=s.row, cell=s.cell, name=s.name, aliases="、".join(s.aliases)))
        if s.qualifiers:
            qualifiers = "、".join(s.qualifiers)
            lines.append(m("import-qualifiers", lang, row=s.row, cell=s.cell, name=s.name, qualifiers=qualifiers))
    if result.generated_ids:
        ids = result.generated_ids
        lines.append(m("import-ids", lang, count=len(ids), first=ids[0], last=ids[-1]))
    if result.count is not None:
        lines.append(m("import-count", lang, stated=result.count[0], found=result.count[1]))
    if result.edition is not None:
        lines.extend(_edition_lines(result.edition, lang))
    return lines


def _fact(f: Fact, lang: str) -> str:
    m = i18n.message
    if f.source == "row":
        source = m("import-fact-row", lang, row=f.row)
    elif f.source == "doc_number":
        source = m("import-fact-doc_number", lang)
    elif f.field == "legal_basis":
        source = m("import-fact-basis", lang)
    else:
        source = m(f"import-fact-{f.source}", lang)
    return m("import-fact", lang, field=f.field, value=f.value, source=source)


def _edition_lines(e: Edition, lang: str) -> list[str]:
    """The table of kept / renamed / added / removed items against the previous edition."""
    m = i18n.message
    renamed = [*e.of(RENAMED), *e.of(LIKELY)]
    formatting = sum(1 for x in e.of(KEPT) if x.formatting)
    likely = len(e.of(LIKELY))
    lines = [
        m("import-edition", lang, path=e.previous),
        m(
            "import-edition-counts",
            lang,
            kept=len(e.of(KEPT)),
            formatting=m("import-edition-formatting", lang, count=formatting) if formatting else "",
            renamed=len(renamed),
            likely=m("import-edition-to-confirm", lang, count=likely) if likely else "",
            added=len(e.added),
            removed=len([r for r in e.removed if not r.kept]),
        ),
    ]
    for x in sorted(renamed, key=lambda x: x.row):
        why = m(f"import-why-{x.grade}", lang)
        if x.how == RENAMED:
            lines.append(m("import-edition-renamed", lang, id=x.id, old=x.old_name, new=x.new_name, row=x.row, why=why))
        else:
            score = f"{x.similarity:g}"
            lines.append(
                m(
                    "import-edition-likely",
                    lang,
                    id=x.id,
                    old=x.old_name,
                    new=x.new_name,
                    row=x.row,
                    why=why,
                    score=score,
                )
            )
    for a in e.added:
        lines.append(m("import-edition-added", lang, id=a.id, name=a.name, row=a.row))
    for r in e.removed:
        lines.append(
            m("import-edition-removed-kept" if r.kept else "import-edition-removed", lang, id=r.id, name=r.name)
        )
    carried: dict[str, int] = {}
    for x in e.matches:
        for f in x.carried:
            carried[f] = carried.get(f, 0) + 1
    if carried:
        sep = "，" if lang != "en" else ", "
        fields = sep.join(f"{f}（{n}）" if lang != "en" else f"{f} ({n})" for f, n in carried.items())
        lines.append(m("import-edition-carried", lang, fields=fields))
    if e.header_carried:
        lines.append(m("import-edition-header", lang, fields="、".join(e.header_carried)))
    return lines


def _closing(result: Imported, lang: str) -> str:
    items = len(result.converted.document["items"])
    if result.dry_run:
        verdict = i18n.message("import-dry-run-fail" if result.report.failed() else "import-dry-run-pass", lang)
        return i18n.message("import-dry-run", lang, path=result.target, items=items, verdict=verdict) + "\n"
    if not result.written:
        key = "import-refused"
    elif result.report.failed():
        key = "import-forced"
    else:
        key = "import-written"
    return i18n.message(key, lang, path=result.target, items=items) + "\n"


def _import_plain(result: Imported, lang: str) -> dict[str, Any]:
    c, t = result.converted, result.table
    return {
        "version": 1,
        "source": result.source,
        "target": result.target,
        "written": result.written,
        "sheet": t.sheet,
        "table": t.table,
        "encoding": t.encoding,
        "header_row": c.header_row,
        "items": len(c.document["items"]),
        "columns": [
            {
                "column": col.letter,
                "header": col.header,
                "field": col.field,
                "reason": i18n.message(col.reason, lang) if col.reason else None,
            }
            for col in c.columns
        ],
        "skipped_rows": [{"row": r.row, "reason": i18n.message(r.reason, lang), "text": r.text} for r in c.skipped],
        "blank_rows": list(c.blank_rows),
        "formulas": [{"row": f.row, "column": f.column, "text": f.text} for f in t.formulas],
        "splits": [
            {"row": s.row, "cell": s.cell, "name": s.name, "aliases": list(s.aliases), "qualifiers": list(s.qualifiers)}
            for s in c.splits
        ],
        "generated_ids": list(result.generated_ids),
        "dry_run": result.dry_run,
        "facts": [{"field": f.field, "value": f.value, "source": f.source, "row": f.row or None} for f in result.facts],
        "headings": [{"row": h.row, "text": h.text, "field": h.field, "value": h.value} for h in c.headings],
        "count": {"stated": result.count[0], "found": result.count[1]} if result.count else None,
        "edition": _edition_plain(result.edition) if result.edition is not None else None,
        "validation": _validation(result, lang),
    }


def _validation(result: Imported, lang: str) -> dict[str, Any]:
    """The validation report, each finding with ``source``: its place in the table read (or null)."""
    doc: dict[str, Any] = json.loads(json_report.render(result.report, lang))
    t = result.table
    for n, finding in enumerate(doc["findings"]):
        source = result.sources[n] if n < len(result.sources) else None
        finding["source"] = (
            {
                "file": Path(result.source).name,
                "sheet": t.sheet,
                "table": t.table,
                "row": source.row,
                "column": (source.column + 1 if t.table is not None else column_letter(source.column + 1))
                if source.column is not None
                else None,
                "field": source.field,
                "text": source_text(result, source, lang),
            }
            if source is not None
            else None
        )
    return doc


def _edition_plain(e: Edition) -> dict[str, Any]:
    def match(x: Match) -> dict[str, Any]:
        return {
            "id": x.id,
            "row": x.row,
            "old_name": x.old_name,
            "name": x.new_name,
            "grade": x.grade,
            "similarity": x.similarity,
            "formatting": x.formatting,
            "carried": list(x.carried),
        }

    return {
        "previous": e.previous,
        "kept": [match(x) for x in e.of(KEPT)],
        "renamed": [match(x) for x in e.of(RENAMED)],
        "likely_renamed": [match(x) for x in e.of(LIKELY)],
        "added": [{"id": a.id, "row": a.row, "name": a.name} for a in e.added],
        "removed": [{"id": r.id, "name": r.name, "kept": r.kept} for r in e.removed],
        "header_carried": list(e.header_carried),
    }


def render_export(result: Export, lang: str, fmt: str) -> str:
    m = i18n.message
    if fmt == "json":
        doc = {
            "version": 1,
            "written": [
                {"source": w.source, "target": w.target, "items": w.items, "dropped": list(w.dropped)}
                for w in result.written
            ],
            "skipped": [{"source": s.source, "reason": m(s.reason, lang)} for s in result.skipped],
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    lines = []
    for w in result.written:
        lines.append(m("export-written", lang, source=w.source, target=w.target, items=w.items))
        if w.dropped:
            lines.append(m("export-dropped", lang, fields=", ".join(w.dropped)))
    lines += [m("export-skipped", lang, source=s.source, reason=m(s.reason, lang)) for s in result.skipped]
    lines.append(m("export-summary", lang, count=len(result.written)))
    return "\n".join(lines) + "\n"


def import_text(result: Imported, lang: str) -> list[Any]:
    return render_import(result, lang, "text")


def import_json(result: Imported, lang: str) -> list[Any]:
    return render_import(result, lang, "json")


def export_text(result: Export, lang: str) -> str:
    return render_export(result, lang, "text")


def export_json(result: Export, lang: str) -> str:
    return render_export(result, lang, "json")
