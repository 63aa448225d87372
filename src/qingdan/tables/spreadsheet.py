"""Spreadsheet files as plain text cells: reading XLSX and CSV (with its encoding), writing them back.

Nothing here knows what a list is. Reading gives every row as text — merged ranges filled with their
top-left value, numbers and dates as text, formulas as their formula text (never evaluated) and noted.
Writing never lets a cell become a formula: text starting with ``=`` stays text.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from qingdan.errors import InputError, UsageError
from qingdan.files import write_atomic
from qingdan.paths import read_inside, require_file
from qingdan.text import visible

SUFFIXES = (".xlsx", ".xlsm", ".csv", ".docx")
ENCODING_UTF8 = "UTF-8"
ENCODING_UTF8_BOM = "UTF-8 (BOM)"
ENCODING_GB18030 = "GBK/GB18030"
MAX_TABLE_BYTES = 100 * 1024 * 1024  # a table file (CSV, or an XLSX workbook as stored); published ones are < 10 MB


@dataclass(frozen=True)
class Formula:
    """A cell that held a formula: read as its formula text, never evaluated."""

    row: int
    column: int
    text: str


@dataclass(frozen=True)
class Table:
    """Every row of one sheet as text; row ``n`` (1-based, as the spreadsheet numbers it) is ``rows[n-1]``."""

    rows: tuple[tuple[str, ...], ...]
    sheet: str | None = None
    encoding: str | None = None
    formulas: tuple[Formula, ...] = ()
    table: int | None = None  # a Word document's table number (1-based)
    preamble: tuple[str, ...] = ()  # a Word table: the paragraphs above it, in order (its title is among them)
    continued: frozenset[tuple[int, int]] = frozenset()  # (row, column), 0-based: continues the cell to its left
    tables: int = 0  # how many tables the Word document has


OLD_FORMATS = (".xls", ".et", ".ods", ".numbers")  # workbooks a clerk saves again as .xlsx first
OLD_DOCUMENTS = (".doc", ".wps", ".odt", ".rtf", ".wpt", ".dot")  # documents a clerk saves again as .docx first


def column_letter(column: int) -> str:
    """1 → A, 27 → AA: how spreadsheets name columns."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read(
    path: Path, sheet: str | None = None, has_header: Callable[[tuple[tuple[str, ...], ...]], bool] | None = None
) -> Table:
    """Read an XLSX workbook (``sheet``, default the first), a CSV file, or a table of a Word document
    (``sheet`` is its number; by default the one table ``has_header`` accepts)."""
    require_file(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from qingdan.tables.word import read_docx

        return read_docx(path, sheet, has_header)
    if suffix in OLD_DOCUMENTS:
        raise UsageError("import-old-document", path=str(path))
    if suffix == ".csv":
        if sheet is not None:
            raise UsageError("import-sheet-csv")
        return _read_csv(read_inside(path, None, MAX_TABLE_BYTES), str(path), has_header)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if suffix in OLD_FORMATS:
        raise UsageError("import-old-format", path=str(path))
    raise UsageError("import-file-type", path=str(path), allowed=", ".join(SUFFIXES))


ENCODING_UTF16 = "UTF-16"
ENCODING_BIG5 = "Big5"
# What a detected codec is called in the report: the names clerks see in Excel's and WPS's save dialogs.
ENCODING_NAMES = {
    "gb18030": ENCODING_GB18030,
    "gbk": ENCODING_GB18030,
    "gb2312": ENCODING_GB18030,
    "big5": ENCODING_BIG5,
    "big5hkscs": ENCODING_BIG5 + "-HKSCS",
    "cp950": ENCODING_BIG5,
    "utf_16_le": ENCODING_UTF16,
    "utf_16_be": ENCODING_UTF16,
}
# The encodings a Chinese table is saved in besides UTF-8: simplified (GBK/GB18030, Excel on mainland
# Windows), traditional (Big5, Taiwan and Hong Kong), UTF-16 without its BOM. charset-normalizer ranks them
# by how coherent the text decodes; the caller's ``has_header`` breaks ties: the table must have a header.
CANDIDATES = ("gb18030", "big5", "big5hkscs", "utf_16_le", "utf_16_be")


def decode(raw: bytes, has_header: Callable[[str], bool] | None = None) -> tuple[str, str]:
    """(text, encoding name): a BOM decides (UTF-8, UTF-16); then UTF-8; then the most coherent of
    GBK/GB18030, Big5 and UTF-16 (charset-normalizer), preferring one under which ``has_header`` holds."""
    if raw.startswith(codecs.BOM_UTF8):
        return _decode(raw[len(codecs.BOM_UTF8) :], "utf-8"), ENCODING_UTF8_BOM
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text"
        return _decode(raw, "utf-16"), ENCODING_UTF16
    try:
        return raw.decode("utf-8"), ENCODING_UTF8
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    ranked = [m.encoding for m in from_bytes(raw, cp_isolation=list(CANDIDATES))]
    order = list(dict.fromkeys([*ranked, *CANDIDATES]))
    decoded: list[tuple[str, str]] = []
    for encoding in order:
        try:
            decoded.append((raw.decode(encoding), encoding))
        except (UnicodeDecodeError, LookupError):
            continue
        if has_header is None or has_header(decoded[-1][0]):
            break
    else:
        if not decoded:
            raise InputError("import-encoding", encoding=f"{ENCODING_GB18030}、{ENCODING_BIG5}")
        decoded = decoded[:1]  # no header under any: the most coherent one, and "no header found"
    text, encoding = decoded[-1]
    return text, ENCODING_NAMES.get(encoding, encoding)


def _decode(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError("import-encoding", encoding=encoding) from exc


def csv_rows(text: str, name: str = "CSV") -> tuple[tuple[str, ...], ...]:
    """Rows of a CSV text; tab-separated when its first line has tabs and no commas (Excel's Unicode text).
    Bounded by MAX_ROWS and MAX_CELLS; a broken CSV is an InputError naming its line."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[str, ...]] = []
    cells = 0
    try:
        for row in reader:
            rows.append(tuple(_unguard(cell) for cell in row))
            cells += len(row)
            check_size(len(rows), cells, name)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise InputError(
                "import-csv-field", path=name, line=reader.line_num, limit=csv.field_size_limit()
            ) from None
        raise InputError("import-csv-broken", path=name, line=reader.line_num, detail=str(exc)) from None
    return tuple(rows)


def _read_csv(
    raw: bytes, name: str = "CSV", has_header: Callable[[tuple[tuple[str, ...], ...]], bool] | None = None
) -> Table:
    def check(text: str) -> bool:
        assert has_header is not None
        try:
            return has_header(csv_rows(text, name))
        except InputError:  # not this encoding, or a broken table: the chosen decoding reports it
            return False

    text, encoding = decode(raw, check if has_header is not None else None)
    return Table(csv_rows(text, name), None, encoding)


MAX_ROWS = 200_000  # a city's largest published list has a few thousand rows
MAX_CELLS = 5_000_000


def check_size(rows: int, cells: int, name: str) -> None:
    """Stop reading a table past MAX_ROWS rows or MAX_CELLS cells, with a message saying so."""
    if rows > MAX_ROWS or cells > MAX_CELLS:
        raise InputError("import-too-big", path=name, rows=MAX_ROWS, cells=MAX_CELLS)


# Excel runs a CSV field starting with = + - @ as a formula: export guards it with a leading ' (the usual
# defence against formula injection) and import takes one ' off again, so the text round-trips.
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")


def _guard(text: str) -> str:
    return "'" + text if _FORMULA_START.match(text) else text


def _unguard(text: str) -> str:
    return text[1:] if text.startswith("'") and _FORMULA_START.match(text[1:]) else text


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    import zipfile

    import openpyxl

    if _encrypted(path):  # a password-protected workbook is an OLE file holding the encrypted zip
        raise InputError("import-encrypted", path=str(path))
    if not zipfile.is_zipfile(path):  # an .xls (or a WPS .et) renamed to .xlsx, or a broken download
        raise InputError("import-not-xlsx", path=str(path))
    _check_workbook(path, sheet)
    try:
        book = openpyxl.load_workbook(path, data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds (zip, XML, key errors) for a bad file
        raise InputError("import-unreadable", path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc
    if sheet is not None and sheet not in book.sheetnames:
        raise UsageError("import-sheet", sheet=sheet, allowed="、".join(book.sheetnames))
    ws = book[sheet] if sheet is not None else book.worksheets[0]
    grid: list[list[str]] = []
    formulas: list[Formula] = []
    for r, row in enumerate(ws.iter_rows(), start=1):
        grid.append([])
        for c, cell in enumerate(row, start=1):
            text, formula = cell_text(cell.value, cell.data_type)
            grid[-1].append(text)
            if formula:
                formulas.append(Formula(r, c, text))
    continued: set[tuple[int, int]] = set()
    for merged in ws.merged_cells.ranges:  # every cell of a merged range shows its top-left value
        top_left = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                grid[r - 1][c - 1] = top_left
                if c > merged.min_col:
                    continued.add((r - 1, c - 1))
    return Table(tuple(tuple(row) for row in grid), ws.title, None, tuple(formulas), continued=frozenset(continued))


MAX_INFLATED = 256 * 1024 * 1024  # the workbook's XML once unzipped (declared sizes bound what zipfile inflates)


def _encrypted(path: Path) -> bool:
    with open(path, "rb") as handle:
        head = handle.read(8)
        if head != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            return False
        return "EncryptedPackage".encode("utf-16-le") in handle.read(1 << 20)


def check_inflated(path: Path) -> None:
    """A workbook or Word document (a zip) whose parts inflate past MAX_INFLATED is refused before it is read."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError("import-unreadable", path=str(path), detail=f"{type(exc).__name__}: {exc}") from None
    if inflated > MAX_INFLATED:
        raise InputError("import-inflated", path=str(path), size=inflated // 2**20, limit=MAX_INFLATED // 2**20)


def _check_workbook(path: Path, sheet: str | None) -> None:
    """Before openpyxl builds the whole workbook in memory: its inflated size, then its rows and cells counted
    in openpyxl's streaming mode, each bounded with a clear message (a zip bomb, a million-row sheet)."""
    import openpyxl

    check_inflated(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - reported as unreadable, as the full load would
        raise InputError("import-unreadable", path=str(path), detail=f"{type(exc).__name__}: {exc}") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            return  # the full load names the sheets there are
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        rows = cells = 0
        for row in ws.iter_rows(values_only=True):
            rows += 1
            cells += len(row)
            check_size(rows, cells, str(path))
    finally:
        book.close()


def cell_text(value: Any, data_type: str = "s") -> tuple[str, bool]:
    """(text of a cell value, whether it was a formula). Whole floats lose their ``.0``; dates are ISO."""
    if value is None:
        return "", False
    if data_type == "f":
        return str(getattr(value, "text", value)), True
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), False
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), False
    if isinstance(value, datetime):
        return (value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")), False
    if isinstance(value, (date, time)):
        return value.isoformat(), False
    return str(value), False


def write_xlsx(path: Path, sheet: str, title: str | None, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """One sheet: an optional title row (merged across), the header, the rows — every cell as text."""
    write_atomic(path, xlsx_bytes(sheet, title, header, rows))


def xlsx_bytes(sheet: str, title: str | None, header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """The workbook ``write_xlsx`` writes, as bytes."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet_name(sheet)
    if title:
        ws.append([cell_safe(title)])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(1, len(header)))
        ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.append(list(header))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([None] * len(row))
        for c, text in enumerate(row, start=1):
            set_text(ws.cell(ws.max_row, c), text)
            ws.cell(ws.max_row, c).alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# What XML 1.0, and so a workbook, cannot hold: control characters but tab and the line breaks. A list may
# contain them (a double-quoted "\x1b" in YAML); the cell shows them as their visible pictures (␛) instead.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def cell_safe(text: str) -> str:
    """``text`` as a workbook cell or sheet can hold it."""
    if not _NOT_IN_XML.search(text):
        return text
    return _NOT_IN_XML.sub(lambda m: visible(m.group()) if m.group() < "\x20" else "\ufffd", text)


def set_text(cell: Any, text: str) -> None:
    # openpyxl turns any str starting with "=" into a formula; setting the type after the value keeps it text.
    text = cell_safe(text) if text else text
    cell.value = text or None
    if text:
        cell.data_type = "s"


def sheet_name(name: str) -> str:
    cleaned = "".join("_" if ch in "[]:*?/\\" or ch < " " else ch for ch in cell_safe(name)).strip("'") or "Sheet1"
    return cleaned[:31]


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]], title: str | None = None) -> None:
    """UTF-8 with BOM (so Excel on Windows reads the Chinese), CRLF rows, an optional title row first."""
    write_atomic(path, csv_bytes(header, rows, title))


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[str]], title: str | None = None) -> bytes:
    """The file ``write_csv`` writes, as bytes."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    if title:
        writer.writerow([_guard(title)])
    writer.writerow(header)
    writer.writerows([_guard(cell) for cell in row] for row in rows)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
