"""Word documents (.docx) as tables of text: most lists are published as the 附件 of a notice, a Word table.

Each table of the body is read in document order with the paragraphs above it (since the previous table):
the annex label (附件1), the title, a ……起施行 line. Merged cells read as in a spreadsheet — a cell spread
over several grid columns (gridSpan) or down several rows (vMerge) shows its text in each of them — and the
cells that continue a merged cell to their right are noted, so a merged header is one column, not two.
Nothing here knows what a list is: which table holds one is decided by the caller's ``has_header``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qingdan.errors import InputError, UsageError
from qingdan.i18n import message
from qingdan.tables.spreadsheet import Table, check_inflated, check_size

Rows = tuple[tuple[str, ...], ...]


def read_docx(path: Path, which: str | None, has_header: Callable[[Rows], bool] | None = None) -> Table:
    """The table ``which`` (1-based number) of a Word document, or the one table that has a list's header."""
    try:
        import docx
    except ImportError:
        raise UsageError("import-needs-docx") from None
    if not zipfile.is_zipfile(path):  # a .doc renamed to .docx, or a broken download
        raise InputError("import-not-docx", path=str(path))
    check_inflated(path)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises zip, XML and key errors for a bad file
        raise InputError("import-unreadable", path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc
    tables = _tables(document)
    if not tables:
        raise InputError("import-docx-no-table", path=str(path))
    if which is not None:
        number = int(which) if which.strip().isdigit() else 0
        if not 1 <= number <= len(tables):
            raise UsageError("import-table-number", value=which, count=len(tables))
        return _table(tables, number)
    listed = [n for n in range(1, len(tables) + 1) if has_header is None or has_header(tables[n - 1][1])]
    if len(listed) > 1:
        shown = "；".join(
            message("import-table-listed", number=n, title=_describe(*tables[n - 1][:2]), rows=len(tables[n - 1][1]))
            for n in listed
        )
        raise UsageError("import-table-choose", count=len(listed), tables=shown)
    return _table(tables, listed[0] if listed else 1)


def _table(tables: list[tuple[tuple[str, ...], Rows, frozenset[tuple[int, int]]]], number: int) -> Table:
    preamble, rows, continued = tables[number - 1]
    return Table(rows, None, None, (), table=number, preamble=preamble, continued=continued, tables=len(tables))


def _describe(preamble: tuple[str, ...], rows: Rows) -> str:
    """What tells a table from the others: its label and title rows, else the paragraph above, else its header."""
    texts: list[str] = []
    for row in rows[:3]:
        values = list(dict.fromkeys(v.strip() for v in row if v.strip()))
        if len(values) == 1:
            texts.append(values[0])
        else:
            if not texts:
                texts.append(preamble[-1] if preamble else " | ".join(values))
            break
    return " ".join(texts)[:60]


def _tables(document: Any) -> list[tuple[tuple[str, ...], Rows, frozenset[tuple[int, int]]]]:
    """(paragraphs above, rows, continued cells) of every top-level table, in document order."""
    from docx.table import Table as WordTable
    from docx.text.paragraph import Paragraph

    out = []
    above: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            if text:
                above.append(text)
        elif tag == "tbl":
            rows, continued = _cells(WordTable(child, document))
            out.append((tuple(above), rows, continued))
            above = []
    return out


def _cells(table: Any) -> tuple[Rows, frozenset[tuple[int, int]]]:
    """Every row as text (a merged cell's text in each grid column it covers); (row, column) of each cell
    that continues the cell to its left (gridSpan), both 0-based."""
    rows: list[tuple[str, ...]] = []
    continued: set[tuple[int, int]] = set()
    for r, row in enumerate(table.rows):
        cells = list(row.cells)
        check_size(r + 1, (r + 1) * len(cells), "docx")
        texts = []
        for c, cell in enumerate(cells):
            texts.append(cell.text)
            if c and cell._tc is cells[c - 1]._tc:
                continued.add((r, c))
        rows.append(tuple(texts))
    return tuple(rows), frozenset(continued)
