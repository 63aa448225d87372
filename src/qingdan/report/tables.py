"""Reports of ``qingdan import`` and ``qingdan export``: text for people, JSON for scripts."""

from __future__ import annotations

import json
from typing import Any

from qingdan import i18n
from qingdan.report.validate import json as json_report
from qingdan.report.validate import text
from qingdan.tables.exporter import Export
from qingdan.tables.importer import Imported


def render_import(result: Imported, lang: str, fmt: str) -> list[Any]:
    """The parts to print in order: what was read and mapped, the validation findings, what was written."""
    if fmt == "json":
        return [json.dumps(_import_plain(result, lang), ensure_ascii=False, indent=2) + "\n"]
    return ["\n".join(_import_lines(result, lang)) + "\n", text.render(result.report, lang), _closing(result, lang)]


def _import_lines(result: Imported, lang: str) -> list[str]:
    m = i18n.message
    c, t = result.converted, result.table
    where = (
        m("import-where-sheet", lang, sheet=t.sheet) if t.sheet else m("import-where-csv", lang, encoding=t.encoding)
    )
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
    for row in c.skipped:
        lines.append(m("import-unmapped-row", lang, row=row.row, reason=m(row.reason, lang), text=row.text))
    if c.blank_rows:
        lines.append(m("import-blank-rows", lang, rows="、".join(map(str, c.blank_rows))))
    from qingdan.tables.spreadsheet import column_letter

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
    return lines


def _closing(result: Imported, lang: str) -> str:
    items = len(result.converted.document["items"])
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
        "validation": json.loads(json_report.render(result.report, lang)),
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
