"""Excel workbooks a clerk can print: one per list and ``all.xlsx`` with every list as a sheet.

A4 fitted to the page width (landscape for wide lists), the header row repeated on every printed page,
``第 X 页 共 N 页`` in the footer, column widths from the view's relative widths and row heights worked out
from the text (Excel does not grow rows by itself when a file is opened). Font names are only names: Excel
finds 仿宋_GB2312 (or what ``--xlsx-font`` names) on the reader's PC. Every cell is text — one starting with
``=`` is never a formula. The same view gives the same bytes: fixed dates in the document properties and zip.
"""

from __future__ import annotations

import copy
import io
import math
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from qingdan import parallel
from qingdan.publish.view import LANDSCAPE_WIDTH, ListView, SiteView
from qingdan.tables.spreadsheet import cell_safe, column_letter, set_text, sheet_name

DEFAULT_FONT = "仿宋_GB2312"
FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # zip entry dates
_FIXED_W3CDTF = "2000-01-01T00:00:00Z"  # docProps/core.xml created/modified
SIZE = 11  # body text in points
LINE = 14.5  # points per line of SIZE text
PAGE_WIDTH = {False: 95.0, True: 140.0}  # Excel width units that fit an A4 page at 100%: portrait, landscape
MAX_HEIGHT = 409.0  # Excel's largest row height
HEADER_ROW = 3  # title, the line with 文号 and dates, then the column headers
INDEX_SHEET = "目录"


def write_workbooks(
    view: SiteView, out: Path, *, font_name: str = DEFAULT_FONT, progress: Callable[[int], None] | None = None
) -> list[Path]:
    """``out/xlsx/<slug>.xlsx`` per list and ``out/xlsx/all.xlsx`` with all of them."""
    folder = out / "xlsx"
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(lv, font_name) for lv in view.lists]
    sheets: dict[str, bytes] = {}
    written: list[Path] = []
    for (lv, _), data in parallel.run(_job, jobs, [_size(lv) for lv in view.lists]):
        path = folder / f"{lv.slug}.xlsx"
        path.write_bytes(data)
        sheets[lv.slug] = data
        written.append(path)
        if progress is not None:
            progress(1)
    path = folder / "all.xlsx"
    path.write_bytes(combined_bytes(view.lists, sheets, font_name))
    written.append(path)
    if progress is not None:
        progress(1)
    return sorted(written)


def _size(lv: ListView) -> int:
    return sum(len(c) for r in lv.rows for c in r.cells)


def _job(job: tuple[ListView, str]) -> bytes:
    lv, font_name = job
    return workbook_bytes(lv, font_name)


def workbook_bytes(lv: ListView, font_name: str = DEFAULT_FONT) -> bytes:
    """The workbook of one list, as deterministic bytes."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    book.properties.creator = "qingdan"
    book.properties.title = cell_safe(lv.title)
    ws = book.create_sheet(_sheet_names([lv])[0])
    _list_sheet(ws, lv, _Styles(font_name, ws))
    return _save(book)


def combined_bytes(lists: Sequence[ListView], workbooks: dict[str, bytes], font_name: str = DEFAULT_FONT) -> bytes:
    """One workbook with a contents sheet and every list as a sheet, put together from the lists' own workbooks:
    their sheets are taken over as written (all workbooks number the same styles the same way), so the rows are
    not written a second time."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    book.properties.creator = "qingdan"
    book.properties.title = INDEX_SHEET
    names = _sheet_names(lists)
    index = book.create_sheet(INDEX_SHEET)
    _index_sheet(index, lists, names, _Styles(font_name, index))
    for name in names:  # placeholders; the defined names for their print titles go into workbook.xml
        book.create_sheet(name).print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    replace = {}
    for n, lv in enumerate(lists, 2):
        with zipfile.ZipFile(io.BytesIO(workbooks[lv.slug])) as source:
            sheet = source.read("xl/worksheets/sheet1.xml")
        replace[f"xl/worksheets/sheet{n}.xml"] = sheet.replace(b' tabSelected="1"', b"")
    return _save(book, replace)


def _save(book: Any, replace: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_dates(buffer.getvalue(), replace or {})


class _Styles:
    """The few cell styles, each worked out once: openpyxl would otherwise hash a font, a border and an alignment
    for every cell (most of the time of a large sheet)."""

    def __init__(self, font_name: str, ws: Any) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="000000")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        wrap = Alignment(wrap_text=True, vertical="center")
        centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
        body = Font(name=font_name, size=SIZE)
        bold = Font(name=font_name, size=SIZE, bold=True)
        self.specs: dict[str, tuple[Any, Any, Any, Any]] = {  # font, alignment, border, fill
            "title": (Font(name=font_name, size=18, bold=True), centre, None, None),
            "meta": (Font(name=font_name, size=10), centre, None, None),
            "header": (bold, centre, border, PatternFill("solid", fgColor="E6E6E6")),
            "group": (bold, wrap, border, PatternFill("solid", fgColor="F2F2F2")),
            "group-rest": (bold, wrap, border, None),
            "body": (body, wrap, border, None),
            "body-centre": (body, centre, border, None),
        }
        self._arrays: dict[str, Any] = {}
        for style in self.specs:  # registered in this order in every workbook: the same style, the same number
            self.cell(ws, "", style)

    def cell(self, ws: Any, text: str, style: str) -> Any:
        """A text cell of ``ws`` in ``style``: "=1+1" stays the text it is, never a formula."""
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws)
        set_text(cell, text)
        array = self._arrays.get(style)
        if array is None:
            font, alignment, border, fill = self.specs[style]
            cell.font, cell.alignment = font, alignment
            if border is not None:
                cell.border = border
            if fill is not None:
                cell.fill = fill
            cell.style_id  # noqa: B018 - numbers the style now (openpyxl would on first write): fixed numbering
            self._arrays[style] = copy.copy(cell._style)
        else:
            cell._style = copy.copy(array)
        return cell


def widths(lv: ListView) -> list[float]:
    """Excel column widths that together fill the printed page."""
    total = sum(c.width for c in lv.columns) or 1.0
    page = PAGE_WIDTH[landscape(lv)]
    return [max(5.0, round(page * c.width / total, 1)) for c in lv.columns]


def landscape(lv: ListView) -> bool:
    return sum(c.width for c in lv.columns) > LANDSCAPE_WIDTH


def text_lines(text: str, width: float) -> int:
    """Printed lines of ``text`` in a column ``width`` units wide: a Chinese character takes two units
    (its GB18030 length is the display width, counted in C)."""
    per_line = max(1.0, width - 1.5)
    return sum(max(1, math.ceil(len(part.encode("gb18030", "replace")) / per_line)) for part in text.split("\n"))


def row_height(cells: Sequence[str], column_widths: Sequence[float], size: float = LINE) -> float:
    lines = max((text_lines(t, w) for t, w in zip(cells, column_widths, strict=True) if t), default=1)
    return min(MAX_HEIGHT, lines * size + 5)


def _meta_line(lv: ListView) -> str:
    parts = [
        ("文号", lv.doc_number),
        ("发布机关", lv.issuer),
        ("适用范围", lv.scope),
        ("施行日期", lv.effective),
        ("有效期至", lv.expires),
        ("版本", lv.version),
    ]
    return "　".join(f"{label}：{value}" for label, value in parts if value)


def _list_sheet(ws: Any, lv: ListView, styles: _Styles) -> None:
    col_widths = widths(lv)
    n = len(lv.columns)
    last = column_letter(n)
    for i, width in enumerate(col_widths, 1):
        ws.column_dimensions[column_letter(i)].width = width
    _page_setup(ws, lv)
    page_width = sum(col_widths)
    meta = _meta_line(lv)
    rows: list[tuple[list[Any], float]] = [
        ([styles.cell(ws, lv.title, "title")], max(30.0, text_lines(lv.title, page_width / 1.6) * 26.0)),
        ([styles.cell(ws, meta, "meta")], row_height([meta], [page_width], 13.0)),
        (
            [styles.cell(ws, c.label, "header") for c in lv.columns],
            row_height([c.label for c in lv.columns], col_widths),
        ),
    ]
    ws.merged_cells.add(f"A1:{last}1")
    ws.merged_cells.add(f"A2:{last}2")
    centred = {i for i, c in enumerate(lv.columns) if c.key in ("seq", "status", "stance")}
    for group in lv.groups:
        if group.label:
            row = len(rows) + 1
            ws.merged_cells.add(f"A{row}:{last}{row}")
            rows.append(
                (
                    [styles.cell(ws, group.label, "group")] + [styles.cell(ws, "", "group-rest") for _ in range(n - 1)],
                    LINE + 8,
                )
            )
        styles_of = ["body-centre" if i in centred else "body" for i in range(n)]
        for r in group.rows:
            rows.append(
                (
                    [styles.cell(ws, text, style) for text, style in zip(r.cells, styles_of, strict=True)],
                    row_height(r.cells, col_widths),
                )
            )
    for i, (_, height) in enumerate(rows, 1):
        ws.row_dimensions[i].height = round(height, 1)
    for cells, _ in rows:
        ws.append(cells)


def _page_setup(ws: Any, lv: ListView) -> None:
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.orientation = "landscape" if landscape(lv) else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddHeader.right.text = cell_safe(lv.doc_number).replace("&", "&&")


def _index_sheet(ws: Any, lists: Sequence[ListView], names: Sequence[str], styles: _Styles) -> None:
    columns = [("序号", 6.0), ("工作表", 30.0), ("清单", 40.0), ("文号", 22.0), ("区划", 26.0), ("事项数", 8.0)]
    for i, (_, width) in enumerate(columns, 1):
        ws.column_dimensions[column_letter(i)].width = width
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = 9
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.append([styles.cell(ws, label, "header") for label, _ in columns])
    for n, (lv, name) in enumerate(zip(lists, names, strict=True), 1):
        values = [str(n), name, lv.title, lv.doc_number, lv.jurisdiction_name, str(len(lv.rows))]
        ws.append([styles.cell(ws, v, "body") for v in values])


def _sheet_names(lists: Sequence[ListView]) -> list[str]:
    """Unique sheet names (at most 31 characters, none of []:*?/\\) from the list titles."""
    taken = {INDEX_SHEET.casefold()}
    names = []
    for lv in lists:
        base = sheet_name(lv.title)
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            suffix = f"（{n}）"
            name = base[: 31 - len(suffix)] + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _fixed_dates(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The workbook with a fixed time in its properties and zip entries, in the same order: same input, same bytes
    (and with the entries of ``replace`` swapped in)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = replace.get(entry.filename) or source.read(entry)
            if entry.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(rb"\g<1>" + _FIXED_W3CDTF.encode() + rb"\g<3>", content)
            info = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, content)
    return out.getvalue()
