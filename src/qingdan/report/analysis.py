"""Reporters of ``qingdan export --format parquet`` and ``qingdan query``: a table for people (rich, Chinese
column widths right), CSV for Excel, JSON for scripts."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from rich.table import Table

from qingdan import i18n
from qingdan.analysis.dataset import DatasetExport
from qingdan.analysis.query import Answer
from qingdan.analysis.schema import ITEM_TABLES, SCHEMA_VERSION
from qingdan.tables.spreadsheet import csv_bytes

MAX_TABLE_ROWS = 200  # a terminal shows so many; csv and json give every row


def export_text(result: DatasetExport, lang: str) -> str:
    s = result.snapshot
    lines = [
        i18n.message(
            "parquet-written",
            lang,
            files=len(result.files),
            output=result.output,
            source=s.source,
            snapshot=s.snapshot,
            date=s.snapshot_date.isoformat(),
            items=result.rows(*ITEM_TABLES),
            jurisdictions=result.rows("jurisdictions"),
            findings=result.rows("findings"),
        )
    ]
    if s.dirty and s.commit:
        lines.append(i18n.message("parquet-dirty", lang, commit=s.commit[:12]))
    if result.removed:
        lines.append(i18n.message("parquet-removed", lang, count=len(result.removed)))
    return "\n".join(lines) + "\n"


def export_json(result: DatasetExport, lang: str) -> str:
    s = result.snapshot
    doc = {
        "version": 1,
        "schema_version": SCHEMA_VERSION,
        "output": result.output,
        "source": s.source,
        "snapshot": s.snapshot,
        "snapshot_date": s.snapshot_date.isoformat(),
        "commit": s.commit,
        "dirty": s.dirty,
        "files": [{"table": w.table, "path": w.path, "rows": w.rows} for w in result.files],
        "removed": list(result.removed),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _cell(value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return i18n.message("query-yes" if value else "query-no", lang)
    if isinstance(value, (list, tuple)):
        return "、".join(_cell(v, lang) for v in value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def answer_table(answer: Answer, lang: str) -> list[Any]:
    table = Table(show_lines=False, header_style="bold")
    for name, kind in zip(answer.columns, answer.types, strict=True):
        numeric = kind.upper() in _NUMERIC or kind.upper().startswith("DECIMAL")
        table.add_column(name, justify="right" if numeric else "left", overflow="fold")
    for row in answer.rows[:MAX_TABLE_ROWS]:
        table.add_row(*(_cell(v, lang) for v in row))
    shown = min(len(answer.rows), MAX_TABLE_ROWS)
    key = "query-rows" if shown == len(answer.rows) else "query-rows-cut"
    return [table, i18n.message(key, lang, count=len(answer.rows), shown=shown) + "\n"]


_NUMERIC = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UBIGINT", "UINTEGER", "FLOAT", "DOUBLE"}


def answer_csv(answer: Answer, lang: str) -> str:
    """With a BOM, as ``export --format csv`` writes it (Excel on a Chinese Windows reads it as UTF-8, not GBK);
    lines end in a bare new line on the terminal (cells that start like a formula are guarded)."""
    rows = [[_cell(v, lang) for v in row] for row in answer.rows]
    return csv_bytes(list(answer.columns), rows).decode("utf-8").replace("\r\n", "\n")


def answer_json(answer: Answer, lang: str) -> str:
    doc = {
        "version": 1,
        "columns": [{"name": n, "type": t} for n, t in zip(answer.columns, answer.types, strict=True)],
        "rows": [dict(zip(answer.columns, map(_plain, row), strict=True)) for row in answer.rows],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
