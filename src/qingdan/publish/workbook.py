"""Excel workbooks a clerk can print: one per list and ``all.xlsx`` with every list as a sheet.

A4 fitted to the page width (landscape for wide lists), the header row repeated on every printed page,
``第 X 页 共 N 页`` in the footer, column widths from the view's relative widths and row heights worked out
from the text (Excel does not grow rows by itself when a file is opened). Font names are only names: Excel
finds 仿宋_GB2312 (or what ``--xlsx-font`` names) on the reader's PC. Every cell is text — one starting with
``=`` is never a formula. The same view gives the same bytes: fixed dates in the document properties and zip.
"""

from __future__ import annotations

import copy
import functools
import io
import math
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
    """The workbook of one list, as deterministic bytes. The parts every workbook of a font shares (styles, theme,
    relationships) are openpyxl's, made once per font; the sheet, the workbook part and the document properties
    are written here as openpyxl writes them, byte for byte, without its cost per workbook and per cell."""
    from openpyxl.utils.cell import quote_sheetname

    package = _package(font_name)
    title = cell_safe(lv.title)
    name = _sheet_names([lv])[0]
    parts = {
        "docProps/core.xml": package.core.replace(_MARK, _text(title).encode("utf-8")),
        "xl/worksheets/sheet1.xml": sheet_xml(lv),
        "xl/workbook.xml": package.workbook.replace(
            _MARK_ATTRIBUTE, b'name="' + _attribute(name).encode("utf-8") + b'"'
        ).replace(_MARK_QUOTED, _text(quote_sheetname(name)).encode("utf-8")),
    }
    return _zip([(entry, parts.get(entry) or package.parts[entry]) for entry in package.order])


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
    replace: dict[str, bytes | _Deflated] = {}
    for n, lv in enumerate(lists, 2):
        # sheet_xml selects no tab (tabSelected), so a list's sheet goes in as it is, and so does the stream its
        # workbook holds it compressed in: the same compressor would make the same bytes of it again
        replace[f"xl/worksheets/sheet{n}.xml"] = _deflated(workbooks[lv.slug], "xl/worksheets/sheet1.xml")
    return _save(book, replace)


def _save(book: Any, replace: dict[str, bytes | _Deflated] | None = None) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_dates(buffer.getvalue(), replace or {})


@dataclass(frozen=True)
class _Deflated:
    """A zip entry's content as ``_zip`` compresses it (zipfile's deflate, default level), already compressed."""

    data: bytes
    crc: int
    size: int  # uncompressed


def _deflated(archive: bytes, name: str) -> _Deflated | bytes:
    """The entry ``name`` of a zip file ``_zip`` wrote, still compressed (its bytes, uncompressed, if it is not
    deflated as ``_zip`` deflates)."""
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        info = source.getinfo(name)
        if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x08:  # pragma: no cover - not ours
            return source.read(name)
    head = archive[info.header_offset : info.header_offset + 30]
    start = info.header_offset + 30 + int.from_bytes(head[26:28], "little") + int.from_bytes(head[28:30], "little")
    return _Deflated(archive[start : start + info.compress_size], info.CRC, info.file_size)


class _Spent:
    """Stands for zipfile's compressor of an entry whose compressed bytes are written already."""

    def compress(self, data: bytes) -> bytes:  # pragma: no cover - nothing is written through it
        raise AssertionError("already compressed")

    def flush(self) -> bytes:
        return b""


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


_MARK = b"QINGDAN-MARK"  # stands for the title and sheet name in the parts made once per font
_MARK_ATTRIBUTE = b'name="QINGDAN-MARK"'
_MARK_QUOTED = b"'QINGDAN-MARK'"
# style numbers: _Styles registers its styles in this order in every workbook
_STYLE_ID = {
    style: n for n, style in enumerate(("title", "meta", "header", "group", "group-rest", "body", "body-centre"), 1)
}


@dataclass(frozen=True)
class _Package:
    order: tuple[str, ...]  # the zip entries in openpyxl's order
    parts: dict[str, bytes]  # the entries the same in every workbook of the font
    core: bytes  # docProps/core.xml with _MARK for the title
    workbook: bytes  # xl/workbook.xml with _MARK for the sheet name


@functools.lru_cache(maxsize=4)
def _package(font_name: str) -> _Package:
    """What openpyxl writes around a sheet, made once per font: a one-sheet workbook with the seven styles."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    book.properties.creator = "qingdan"
    book.properties.title = _MARK.decode()
    ws = book.create_sheet(_MARK.decode())
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _Styles(font_name, ws)
    with zipfile.ZipFile(io.BytesIO(_save(book))) as made:
        parts = {entry: made.read(entry) for entry in made.namelist()}
    return _Package(tuple(parts), parts, parts["docProps/core.xml"], parts["xl/workbook.xml"])


def _text(text: str) -> str:
    """Element text as lxml escapes it (openpyxl writes through lxml)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attribute(text: str) -> str:
    return _text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _number(value: float) -> str:
    """A width or height as openpyxl writes it (21.6, 63, 22.5)."""
    return f"{value:.16g}"


def sheet_xml(lv: ListView) -> bytes:
    """A list's worksheet as openpyxl's write-only mode writes it for the cells and settings of the list: title,
    the line with 文号 and dates, the column headers repeated on every printed page, frozen below them, a row
    per item with its height worked out from the text; merged title, meta and group rows; A4 fitted to width."""
    from openpyxl.worksheet.cell_range import MultiCellRange

    col_widths = widths(lv)
    n = len(lv.columns)
    letters = [column_letter(i) for i in range(1, n + 1)]
    last = letters[-1]
    page_width = sum(col_widths)
    meta = _meta_line(lv)
    out: list[str] = [
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetPr><outlinePr '
        'summaryBelow="1" summaryRight="1"/><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView '
        f'workbookViewId="0"><pane ySplit="{HEADER_ROW}" topLeftCell="A{HEADER_ROW + 1}" activePane="bottomLeft" '
        'state="frozen"/><selection pane="bottomLeft" activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
        '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/><cols>',
        *(f'<col width="{_number(w)}" customWidth="1" min="{i}" max="{i}"/>' for i, w in enumerate(col_widths, 1)),
        "</cols><sheetData>",
    ]
    number = 0

    def row(cells: Sequence[str], styles: Sequence[int], height: float) -> None:
        nonlocal number
        number += 1
        out.append(f'<row r="{number}" ht="{_number(round(height, 1))}" customHeight="1">')
        for letter, text, style in zip(letters, cells, styles, strict=False):
            if text:
                text = cell_safe(text)
                space = ' xml:space="preserve"' if text != text.strip() else ""
                out.append(
                    f'<c r="{letter}{number}" s="{style}" t="inlineStr"><is><t{space}>{_text(text)}</t></is></c>'
                )
            else:
                out.append(f'<c r="{letter}{number}" s="{style}" t="n"></c>')
        out.append("</row>")

    merged = MultiCellRange()
    ids = _STYLE_ID
    row([lv.title], [ids["title"]], max(30.0, text_lines(lv.title, page_width / 1.6) * 26.0))
    row([meta], [ids["meta"]], row_height([meta], [page_width], 13.0))
    row([c.label for c in lv.columns], [ids["header"]] * n, row_height([c.label for c in lv.columns], col_widths))
    merged.add(f"A1:{last}1")
    merged.add(f"A2:{last}2")
    centred = {i for i, c in enumerate(lv.columns) if c.key in ("seq", "status", "stance")}
    body = [ids["body-centre"] if i in centred else ids["body"] for i in range(n)]
    group_styles = [ids["group"]] + [ids["group-rest"]] * (n - 1)
    for group in lv.groups:
        if group.label:
            merged.add(f"A{number + 1}:{last}{number + 1}")
            row([group.label] + [""] * (n - 1), group_styles, LINE + 8)
        for r in group.rows:
            row(r.cells, body, row_height(r.cells, col_widths))
    out.append(f'</sheetData><mergeCells count="{len(merged.ranges)}">')
    out.extend(f'<mergeCell ref="{cells}"/>' for cells in merged)
    orientation = "landscape" if landscape(lv) else "portrait"
    header = cell_safe(lv.doc_number).replace("&", "&&")
    out.append(
        '</mergeCells><printOptions horizontalCentered="1"/><pageMargins left="0.5" right="0.5" top="0.75" '
        f'bottom="0.75" header="0.5" footer="0.5"/><pageSetup orientation="{orientation}" paperSize="9" '
        'fitToHeight="0" fitToWidth="1"/><headerFooter>'
        f"<oddHeader>{_text('&R' + header) if header else ''}</oddHeader>"
        f"<oddFooter>{_text('&C第 &P 页 共 &N 页')}</oddFooter><evenHeader></evenHeader><evenFooter></evenFooter>"
        "<firstHeader></firstHeader><firstFooter></firstFooter></headerFooter></worksheet>"
    )
    return "".join(out).encode("ascii", "xmlcharrefreplace")


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


def _fixed_dates(data: bytes, replace: dict[str, bytes | _Deflated]) -> bytes:
    """The workbook with a fixed time in its properties and zip entries, in the same order: same input, same bytes
    (and with the entries of ``replace`` swapped in)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(entry.filename, replace.get(entry.filename) or source.read(entry)) for entry in source.infolist()]
    return _zip(
        [
            (name, _CORE_DATES.sub(rb"\g<1>" + _FIXED_W3CDTF.encode() + rb"\g<3>", content))
            if name == "docProps/core.xml" and isinstance(content, bytes)
            else (name, content)
            for name, content in entries
        ]
    )


def _zip(entries: Sequence[tuple[str, bytes | _Deflated]]) -> bytes:
    """The entries as a zip file with fixed dates and permissions; an entry compressed already is written as zipfile
    would write it, without compressing it again."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            if isinstance(content, bytes):
                target.writestr(info, content)
                continue
            info.file_size = content.size  # as writestr sets it: it decides the header's form
            entry: Any = target.open(info, "w")
            with entry:  # what zipfile's writer counts while it compresses, given; it writes the header on closing
                entry._compressor = _Spent()
                entry._fileobj.write(content.data)
                entry._file_size, entry._crc, entry._compress_size = content.size, content.crc, len(content.data)
    return out.getvalue()
