"""PDFs in the style of official documents: one per list, and a compilation per place (cover, contents,
its own lists and those it inherits). typst (the ``[pdf]`` extra) typesets them with the vendored fonts.

The data reaches the template as JSON through ``sys.inputs`` and is shown only as text: an item name with
``#``, ``*`` or ``<script>`` in it is printed as written, never run as markup. Output is the same bytes for
the same input: the data date as the document's date (never the build's time), fonts only from the package and
``--font-dir``. The PDFs are tagged (PDF/UA-1) unless ``[build] pdf_standard`` asks for PDF/A-2b or none.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from qingdan import parallel, vocabulary
from qingdan.config import DEFAULT_PDF_STANDARD
from qingdan.errors import EXIT_INTERNAL, QingdanError, UsageError
from qingdan.publish.fonts import SANS, SERIF, VENDORED_DIR, BodyFont, fangsong
from qingdan.publish.view import LANDSCAPE_WIDTH, WORD_COLUMNS, Column, Group, ListView, PlaceView, SiteView
from qingdan.text import printable

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "pdf" / "document.typ"
# A list is printed as the 附件 of a document, a table: narrower margins than GB/T 9704 sets for a document's body
# (37/35/28/26 mm leave a landscape table 138 mm of height), the binding edge a little wider — the left of a
# portrait page, the top of a landscape one (GB/T 9704 §10.1.6: a landscape table's head is on the binding side of
# an odd page) — and the text of a wide table (landscape, or of more than five columns) in 小五, as offices print
# wide tables, a narrow one in 五号. The cover and contents of a compilation keep the GB/T 9704 margins.
MARGINS_MM: dict[bool, dict[str, float]] = {
    False: {"top": 20.0, "bottom": 20.0, "left": 25.0, "right": 20.0},
    True: {"top": 25.0, "bottom": 20.0, "left": 20.0, "right": 20.0},
}
A4_MM = (210.0, 297.0)
TABLE_SIZE = {False: 10.5, True: 9.0}  # points: 五号 for a narrow table, 小五 for a wide one
NARROW_COLUMNS = 5  # a portrait list of at most this many columns is a narrow table
TABLE_LEADING = 0.5  # em between the lines of a cell
CELL_INSET = (3.0, 3.0)  # points: left and right, top and bottom of a cell
SEQ_EM = 3.2  # the 序号 column, fixed: 3.2 em of the table's text
LATIN_EM = 0.6  # em a Latin letter or digit may take; a run of them cannot break across lines
_RULE = 0.5  # points a column's rule takes
_P = 6  # see fit_columns
_LOOK_AHEAD = (1, 2, 3, 4, 5, 6, 8, 10, 13, 16)  # steps a column may be widened by at once: a cell drops a line only
# when it is widened enough for that line
_BATCH = 8  # compilations typeset one after the other in one process (write_pdfs); more would unbalance the cores
_FIT_ROWS = 48  # rows the column widths are fitted to: all of a short table, an even sample of a long one
_UNBREAKABLE = re.compile(r"[!-~]{4,}")
COMPILATION = TEMPLATE.with_name("compilation.typ")
# [build] pdf_standard → (typst's pdf_standards, tagged): PDF/UA-1 for screen readers; PDF/A-2b for archives, with
# the same tags; "none" untagged, the smallest files.
STANDARDS: dict[str, tuple[tuple[str, ...], bool]] = {
    "ua-1": (("ua-1",), True),
    "a-2b": (("a-2b", "ua-1"), True),
    "none": ((), False),
}
_CENTRED = ("seq", "status", "stance")
_LEVEL_NAMES = {level.key: level.short for level in vocabulary.LEVELS.values()}


class PdfError(QingdanError):
    """typst could not typeset a document (a fault of the template, not of the lists)."""

    exit_code = EXIT_INTERNAL


def require_typst() -> None:
    """Fail with the install hint when the ``[pdf]`` extra (typst, pikepdf) is missing."""
    try:
        import pikepdf  # noqa: F401
        import typst  # noqa: F401
    except ImportError as exc:
        raise UsageError("build-pdf-missing") from exc


def write_pdfs(
    view: SiteView,
    out: Path,
    *,
    font_dirs: Sequence[Path] = (),
    standard: str = DEFAULT_PDF_STANDARD,
    progress: Callable[[int], None] | None = None,
) -> list[Path]:
    """``out/pdf/<slug>.pdf`` per list and ``out/pdf/place-<code>.pdf`` per place that has lists.

    A place's compilation is one document that sets its lists again (each with its own page numbers), not the
    lists' PDFs bound together: embedded PDFs would each bring their own subset of every font (eight copies of each
    face in a community's compilation) and no tags, and PDF/UA does not allow them."""
    require_typst()
    folder = out / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    dirs = tuple(str(d) for d in font_dirs)
    families = extra_families(dirs)
    body = fangsong(dirs)
    if body is not None and body.folder not in dirs:  # a system font: typst is given its folder alone
        dirs = (*dirs, body.folder)
    facts = {"revision": view.source_revision, "data_date": view.data_date}
    lists = {lv.slug: list_document(lv, families, body, **facts) for lv in view.lists}
    batches: list[list[tuple[str, dict[str, Any]]]] = [[(f"{slug}.pdf", data)] for slug, data in lists.items()]
    # Compilations that inherit the same lists (the communities of a street) are typeset one after the other in
    # the same process: typst keeps what it has laid out from one compile to the next, and the inherited lists
    # are most of a compilation (at 10k items six rows in seven). The PDFs are the same bytes in any order.
    siblings: dict[tuple[str, ...], list[tuple[str, dict[str, Any]]]] = {}
    for place in view.places:
        if place.lists or place.inherited:
            document = place_document(view, place, families, body, lists)
            siblings.setdefault(tuple(place.inherited), []).append((f"place-{place.code}.pdf", document))
    for group in siblings.values():
        batches += [group[k : k + _BATCH] for k in range(0, len(group), _BATCH)]
    jobs = [
        (tuple((name, json.dumps(_printable(data), ensure_ascii=False)) for name, data in batch), dirs, standard)
        for batch in batches
    ]
    written = []
    sizes = [sum(len(data) for _, data in documents) for documents, _, _ in jobs]
    for (documents, _, _), pdfs in parallel.run(_render_job, jobs, sizes):
        for (name, _), pdf in zip(documents, pdfs, strict=True):
            path = folder / name
            path.write_bytes(pdf)
            written.append(path)
        if progress is not None:
            progress(len(documents))
    return sorted(written)


def _printable(value: Any) -> Any:
    """The document's JSON with control characters taken out of every text (text.printable)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_printable(v) for v in value]
    return value


def extra_families(font_dirs: Sequence[str]) -> list[str]:
    """Families of the fonts in ``--font-dir``: named after the vendored ones, they fill their gaps per glyph."""
    if not font_dirs:
        return []
    import typst

    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=list(font_dirs))
    return sorted(set(fonts.families()) - {SERIF, SANS})


def list_document(
    lv: ListView,
    families: Sequence[str] = (),
    body: BodyFont | None = None,
    *,
    revision: str = "",
    data_date: str = "",
) -> dict[str, Any]:
    """The JSON a single list's PDF is typeset from. ``revision`` (the commit) only goes into the document's
    keywords; ``data_date`` (the day the lists were last committed) is printed with the list's own facts."""
    facts = [
        lv.issuer,
        lv.doc_number,
        f"施行日期：{lv.effective}" if lv.effective else "",
        f"数据日期：{data_date}" if data_date else "",
    ]
    return {
        "title": lv.title,
        "author": lv.issuer,
        "keywords": _keywords(lv.kind_label, revision),
        "date": _date(data_date),
        "header-right": lv.doc_number or lv.jurisdiction_name,
        "footer": "　".join(f for f in facts if f),
        "fonts": _fonts(families, body),
        "list": _list_data(lv, data_date),
    }


def _date(day: str) -> list[int] | None:
    """The document's date, [year, month, day]: the data date, so that a rebuild gives the same bytes (PDF/A needs a
    date; without git history it is 2000-01-01, as in the workbooks)."""
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        parsed = date(2000, 1, 1)
    return [parsed.year, parsed.month, parsed.day]


def _keywords(kind: str, revision: str) -> list[str]:
    """The PDF's keywords: what it is, and the commit its data came from (a property, never printed)."""
    return [kind, "qingdan", *([f"commit {revision}"] if revision else [])]


def place_document(
    view: SiteView,
    place: PlaceView,
    families: Sequence[str] = (),
    body: BodyFont | None = None,
    lists: Mapping[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The JSON of a place's compilation: its own lists, then those that apply from above (marked), each with
    the JSON of its own PDF — taken from ``lists`` (slug → ``list_document`` with the same fonts) when given, so
    a list inherited by a thousand places is made once."""
    name = place.name
    facts = {"families": families, "body": body, "revision": view.source_revision, "data_date": view.data_date}
    made = lists if lists is not None else {}
    own = [_part(view.list(slug), facts, made) for slug in place.lists]
    inherited = []
    for slug in place.inherited:
        lv = view.list(slug)
        issued = lv.issued or f"{_place_name(view, lv.jurisdiction)}发布"
        mark = f"上级清单　{issued}" if lv.nationwide else f"上级清单　{issued}，适用于{name}"  # 全国适用 says where
        inherited.append(_part(lv, facts, made, mark))
    lines = [f"本级清单 {len(own)} 份　上级清单 {len(inherited)} 份", view.title]
    if view.data_date:
        lines.append(f"数据日期：{view.data_date}")
    return {
        "title": f"{name}清单汇编",
        "author": view.title,
        "keywords": _keywords("清单汇编", view.source_revision),
        "date": _date(view.data_date),
        "fonts": _fonts(families, body),
        "cover": {
            "title": f"{name}\n清单汇编",
            "subtitle": _chain_name(view, place),
            "lines": lines,
            "parts": _contents(len(own), len(inherited)),
        },
        "lists": own + inherited,
    }


def _part(
    lv: ListView, facts: dict[str, Any], made: Mapping[str, dict[str, Any]], inherited: str = ""
) -> dict[str, Any]:
    document = made[lv.slug] if lv.slug in made else list_document(lv, **facts)
    return {"title": lv.title, "document": document, "inherited": inherited}


def _landscape(lv: ListView) -> bool:
    return sum(c.width for c in lv.columns) > LANDSCAPE_WIDTH


def _contents(own: int, inherited: int) -> list[tuple[list[int], str]]:
    """The contents in parts: (indexes into the document's lists, part heading)."""
    parts = [
        (list(range(own)), "一、本级清单" if inherited else ""),
        (list(range(own, own + inherited)), "二、上级清单（适用于本辖区）" if own else "上级清单（适用于本辖区）"),
    ]
    return [part for part in parts if part[0]]


def _chain_name(view: SiteView, place: PlaceView) -> str:
    """The place with the places above it, from where the lists' own names start (示例市东城区向阳街道向阳社区)."""
    for depth in range(len(place.chain) - 1, -1, -1):
        for lv in view.lists:
            if lv.jurisdiction == place.chain[depth]:
                return lv.jurisdiction_name + "".join(place.chain_names[depth + 1 :])
    return "".join(place.chain_names)


def _place_name(view: SiteView, code: str) -> str:
    try:
        return view.place(code).name
    except KeyError:
        return code


def _fonts(families: Sequence[str], body: BodyFont | None = None) -> dict[str, list[str]]:
    """Font lists for titles, body and headers: the vendored face first, then the added ones, those of the same
    style and for Simplified Chinese ahead (the glyphs they fill in should look like the text around them). The
    body is set in 仿宋 when there is one, the vendored serif filling what it lacks."""

    def ranked(words: tuple[str, ...]) -> list[str]:
        return sorted(families, key=lambda f: (not any(w in f for w in words), "SC" not in f.split(), f))

    serif = [SERIF, *ranked(("Serif", "Song", "Ming", "宋"))]
    return {
        "serif": serif,
        "body": [body.family, *(f for f in serif if f != body.family)] if body else serif,
        "sans": [SANS, SERIF, *ranked(("Sans", "Hei", "Gothic", "黑"))],
    }


def _list_data(lv: ListView, data_date: str = "") -> dict[str, Any]:
    meta = [
        f"{label}：{value}"
        for label, value in (
            ("施行日期", lv.effective),
            ("有效期至", lv.expires),
            ("版本", lv.version),
            ("数据日期", data_date),
            ("依据", lv.legal_basis),
        )
        if value
    ]
    landscape = _landscape(lv)
    return {
        "title": lv.title,
        "doc_number": lv.doc_number,
        "issuer": lv.issuer,
        "scope": lv.scope,
        "meta": "　".join(meta),
        "notes": lv.notes,
        "landscape": landscape,
        "layout": layout(landscape, wide(lv)),
        "tables": [_section(lv, g, landscape, wide(lv)) for g in lv.groups],
    }


def wide(lv: ListView) -> bool:
    """Whether the list's table is set in 小五 (TABLE_SIZE)."""
    return _landscape(lv) or len(lv.columns) > NARROW_COLUMNS


def layout(landscape: bool, wide: bool) -> dict[str, Any]:
    """The page and table measures of a list, for the template (and the Word files, which take the same)."""
    return {
        "size": TABLE_SIZE[wide],
        "leading": TABLE_LEADING,
        "inset": list(CELL_INSET),
        "seq": SEQ_EM,
        "margin": MARGINS_MM[landscape],
    }


def text_width(landscape: bool) -> float:
    """Points between a list page's margins."""
    margin = MARGINS_MM[landscape]
    return (A4_MM[1 if landscape else 0] - margin["left"] - margin["right"]) * 72 / 25.4


def _section(lv: ListView, group: Group, landscape: bool, wide: bool) -> dict[str, Any]:
    """One group as a table of its own: the columns it fills, at widths fitted to its rows, and its heading in
    the repeated header."""
    columns = [lv.columns[i] for i in group.columns]
    rows = [tuple(row.cells[i] for i in group.columns) for row in group.rows]
    size = TABLE_SIZE[wide]
    chars = fit_columns(columns, list(group.widths), rows, text_width(landscape), size)
    return {
        "label": group.label,
        "columns": [
            {
                "label": c.label,
                "width": round(n * size + _padding(), 2),
                "center": c.key in _CENTRED,
                "fixed": c.key == "seq",
            }
            for c, n in zip(columns, chars, strict=True)
        ],
        "rows": [list(cells) for cells in rows],
        "ends": _last_cells(chars, rows),
    }


def _padding() -> float:
    return 2 * CELL_INSET[0] + _RULE


def _lines(cell: str, chars: int) -> int:
    """Printed lines of a cell ``chars`` characters wide (an empty cell takes one)."""
    return sum(-(-_width(part) // chars) or 1 for part in cell.split("\n"))


def _last_cells(chars: list[int], rows: list[tuple[str, ...]]) -> list[list[int]]:
    """Per row, the cells that may end it: those within a line of the most lines (estimated from the text and the
    column's width). Only they carry the mark the template looks for to tell that a row runs on to the next page:
    a mark in every cell made typst half as slow again on a 2,000-row list."""
    flexible = [i for i, n in enumerate(chars) if n]
    ends = []
    for cells in rows:
        lines = {i: _lines(cells[i], chars[i]) for i in flexible}
        most = max(lines.values(), default=0)
        ends.append([i for i in flexible if lines[i] >= most - 1] or [0])
    return ends


def _width(text: str) -> int:
    """Printed width in Chinese characters, rounded up: a Latin letter or digit takes about half of one."""
    ascii_chars = len(text.encode("ascii", "ignore"))
    return len(text) - ascii_chars // 2


def fit_columns(
    columns: Sequence[Column], widths: Sequence[float], rows: Sequence[tuple[str, ...]], width: float, size: float
) -> list[int]:
    """Characters per line of each column (0 for 序号, which is fixed) such that the table is as short as it can
    be: the page width is handed out a few characters at a time to the column whose widening saves the most
    lines over the rows (a row is as tall as its tallest cell), so that a column of long 保障措施 gets the room a
    column of short department names does not need. No column is narrower than its header (a header of more
    than four characters may take two lines), the longest word of 出具意见 or 状态, or a run of letters and
    digits (DC-ZR-2023-01, which cannot wrap); the item's name keeps at least 0.8 of its share of the view's
    widths (it is what a reader looks for). With no rows, or no room, the view's widths are kept."""
    flexible = [i for i, c in enumerate(columns) if c.key != "seq"]
    fixed = len(columns) - len(flexible)
    available = width - fixed * (SEQ_EM * size + _RULE) - len(flexible) * _padding()
    budget = int(available // size)
    total = sum(widths[i] for i in flexible) or 1.0
    share = {i: widths[i] / total * budget for i in flexible}
    if not flexible:
        return [0] * len(columns)
    least = {i: _least(columns[i], share[i], [cells[i] for cells in rows]) for i in flexible}
    if not rows:
        return [max(1, int(share[i])) if i in share else 0 for i in range(len(columns))]
    if sum(least.values()) >= budget:  # no room to hand out: the least widths, shrunk to the page if need be
        scale = min(1.0, budget / sum(least.values()))
        return [max(1, int(least[i] * scale)) if i in least else 0 for i in range(len(columns))]
    sample = list(rows) if len(rows) <= _FIT_ROWS else [rows[k * len(rows) // _FIT_ROWS] for k in range(_FIT_ROWS)]
    parts = {i: [[_width(p) for p in cells[i].split("\n")] for cells in sample] for i in flexible}
    cache: dict[tuple[int, int], list[int]] = {}

    def powers(i: int, n: int) -> list[int]:
        """The p-th powers of the lines of column i's cells at n characters a line."""
        key = (i, n)
        if key not in cache:
            cache[key] = [sum(-(-w // n) or 1 for w in cell) ** _P for cell in parts[i]]
        return cache[key]

    # A row is as tall as its tallest cell; the sum of the rows' p-norms of their cells' lines (p = _P) stands in
    # for it: unlike the maximum it also rewards a column that is tied for the tallest, so the handing out does not
    # stall where two columns are.
    now = dict(least)
    power = {i: powers(i, now[i]) for i in flexible}
    sums = [sum(power[i][r] for i in flexible) for r in range(len(sample))]
    height = sum(x ** (1 / _P) for x in sums)
    left = budget - sum(now.values())
    step = max(1, budget // 40)  # at most about 40 rounds whatever the page and the table
    while left > 0:
        best: tuple[float, int, int, list[int], float] | None = None  # gain per character, column, characters …
        for i in flexible:
            for n in sorted({min(left, k * step) for k in _LOOK_AHEAD}):
                new = [t - o + w for t, o, w in zip(sums, power[i], powers(i, now[i] + n), strict=True)]
                taller = sum(x ** (1 / _P) for x in new)
                gain = (height - taller) / n
                if gain > 1e-9 and (best is None or gain > best[0]):
                    best = (gain, i, n, new, taller)
        if best is None:
            break
        _, i, n, sums, height = best
        now[i] += n
        power[i] = powers(i, now[i])
        left -= n
    return [now.get(i, 0) for i in range(len(columns))]


def _least(column: Column, share: float, cells: Sequence[str]) -> int:
    """The fewest characters a column may be given (see fit_columns)."""
    label = len(column.label)
    least = label if label <= 4 else -(-label // 2)
    for cell in cells:
        for run in _UNBREAKABLE.findall(cell):
            least = max(least, math.ceil(len(run) * LATIN_EM))
    if column.key in WORD_COLUMNS:
        least = max([least, *(_width(cell) for cell in cells)])
    if column.key == "name":
        least = max(least, int(0.8 * share))
    return max(2, least)


@lru_cache(maxsize=4)
def _compiler(font_dirs: tuple[str, ...]) -> Any:
    import typst

    # System fonts are ignored so that the output does not depend on the machine; the glyph check has made sure
    # the vendored fonts and --font-dir cover every character.
    return typst.Compiler(
        root=str(TEMPLATE.parent), font_paths=[str(VENDORED_DIR), *font_dirs], ignore_system_fonts=True
    )


@lru_cache(maxsize=2)
def _template(path: Path) -> bytes:
    return path.read_bytes()


def render(
    data: str, font_dirs: tuple[str, ...] = (), *, compilation: bool = False, standard: str = DEFAULT_PDF_STANDARD
) -> bytes:
    """Typeset one document (its JSON) to PDF bytes: a list, or with ``compilation`` a place's compilation."""
    import typst

    template = _template(COMPILATION if compilation else TEMPLATE)
    standards, tagged = STANDARDS[standard]
    try:
        pdf = _compiler(font_dirs).compile(
            input=template, format="pdf", sys_inputs={"data": data}, pdf_standards=list(standards), pdf_tags=tagged
        )
    except typst.TypstError as exc:
        raise PdfError("pdf-render", detail=str(getattr(exc, "message", exc))) from exc
    assert isinstance(pdf, bytes)
    return compact(pdf)


def compact(pdf: bytes) -> bytes:
    """The same PDF with its objects packed into compressed object streams (qpdf, through pikepdf), the page
    content and fonts left as typst wrote them. typst writes each structure element (a table cell's TD, a row's TR)
    as an object of its own in plain text: tagging made a 485-row list 3.2 times its untagged size, packed it is
    1.25 times. Object streams are allowed by PDF/A-2 and PDF/UA-1 (both PDF 1.7); the file ID is derived from the
    content, so the same input still gives the same bytes."""
    import io

    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        document.save(
            out,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
            recompress_flate=False,
            deterministic_id=True,
        )
    return out.getvalue()


def _render_job(job: tuple[tuple[tuple[str, str], ...], tuple[str, ...], str]) -> list[bytes]:
    documents, font_dirs, standard = job
    return [
        render(data, font_dirs, compilation=name.startswith("place-"), standard=standard) for name, data in documents
    ]
