"""PDFs in the style of official documents: one per list, and a compilation per place (cover, contents,
its own lists and those it inherits). typst (the ``[pdf]`` extra) typesets them with the vendored fonts.

The data reaches the template as JSON through ``sys.inputs`` and is shown only as text: an item name with
``#``, ``*`` or ``<script>`` in it is printed as written, never run as markup. Output is the same bytes for
the same input: the data date as the document's date (never the build's time), fonts only from the package and
``--font-dir``. The PDFs are tagged (PDF/UA-1) unless ``[build] pdf_standard`` asks for PDF/A-2b or none.
"""

from __future__ import annotations

import json
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
from qingdan.publish.view import LANDSCAPE_WIDTH, Column, Group, ListView, PlaceView, SiteView
from qingdan.text import printable

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "pdf" / "document.typ"
TEXT_WIDTH = {False: 439.0, True: 689.0}  # points between the GB/T 9704 margins: portrait, landscape
SEQ_WIDTH = 33.6  # the 序号 column, fixed (3.2em of 10.5pt)
FONT_SIZE = 10.5  # points: the body text (五号)
LATIN_EM = 0.6 * FONT_SIZE  # points a Latin letter or digit may take; a run of them cannot break across lines
CELL_INSET = 8.0
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
    documents = [(f"{slug}.pdf", data) for slug, data in lists.items()]
    documents += [
        (f"place-{place.code}.pdf", place_document(view, place, families, body, lists))
        for place in view.places
        if place.lists or place.inherited
    ]
    jobs = [(name, json.dumps(_printable(data), ensure_ascii=False), dirs, standard) for name, data in documents]
    written = []
    for (name, _, _, _), pdf in parallel.run(_render_job, jobs, [len(data) for _, data, _, _ in jobs]):
        path = folder / name
        path.write_bytes(pdf)
        written.append(path)
        if progress is not None:
            progress(1)
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
        "tables": [_section(lv, g, landscape) for g in lv.groups],
    }


def _section(lv: ListView, group: Group, landscape: bool) -> dict[str, Any]:
    """One group as a table of its own: the columns it fills, at widths fitted to its rows, and its heading in
    the repeated header."""
    columns = [lv.columns[i] for i in group.columns]
    rows = [tuple(row.cells[i] for i in group.columns) for row in group.rows]
    widths = _widths([c.key for c in columns], list(group.widths), rows, landscape)
    return {
        "label": group.label,
        "columns": [
            {"label": c.label, "width": w, "center": c.key in _CENTRED, "fixed": c.key == "seq"}
            for c, w in zip(columns, widths, strict=True)
        ],
        "rows": [list(cells) for cells in rows],
        "ends": _last_cells(columns, widths, rows, landscape),
    }


def _last_cells(
    columns: list[Column], widths: list[float], rows: list[tuple[str, ...]], landscape: bool
) -> list[list[int]]:
    """Per row, the cells that may end it: those within a line of the most lines (estimated from the text and the
    column's width). Only they carry the mark the template looks for to tell that a row runs on to the next page:
    a mark in every cell made typst half as slow again on a 2,000-row list."""
    flexible = [i for i, c in enumerate(columns) if c.key != "seq"]
    total = sum(widths[i] for i in flexible) or 1.0
    available = TEXT_WIDTH[landscape] - (SEQ_WIDTH if len(flexible) < len(columns) else 0.0)
    per_line = {i: max(1, int((widths[i] / total * available - CELL_INSET) / FONT_SIZE)) for i in flexible}
    ends = []
    for cells in rows:
        lines = {i: sum(-(-_width(part) // per_line[i]) or 1 for part in cells[i].split("\n")) for i in flexible}
        most = max(lines.values(), default=0)
        ends.append([i for i in flexible if lines[i] >= most - 1] or [0])
    return ends


def _width(text: str) -> int:
    """Printed width in Chinese characters, rounded up: a Latin letter or digit takes about half of one."""
    ascii_chars = len(text.encode("ascii", "ignore"))
    return len(text) - ascii_chars // 2


def _widths(keys: list[str], widths: list[float], rows: list[tuple[str, ...]], landscape: bool) -> list[float]:
    """The view's relative widths, widened where a column holds a run of Latin letters and digits (an id such as
    DC-ZR-2023-01) that would not fit its share of the page: such a run cannot wrap and would spill over."""
    flexible = [i for i, key in enumerate(keys) if key != "seq"]
    total = sum(widths[i] for i in flexible) or 1.0
    available = TEXT_WIDTH[landscape] - (SEQ_WIDTH if len(flexible) < len(keys) else 0.0)
    longest = [0] * len(keys)
    for cells in rows:
        for i in flexible:
            for run in _UNBREAKABLE.findall(cells[i]):
                longest[i] = max(longest[i], len(run))
    widths = list(widths)
    for i in flexible:
        needed = (longest[i] * LATIN_EM + CELL_INSET) / available * total
        widths[i] = round(max(widths[i], needed), 3)
    return widths


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


def _render_job(job: tuple[str, str, tuple[str, ...], str]) -> bytes:
    name, data, font_dirs, standard = job
    return render(data, font_dirs, compilation=name.startswith("place-"), standard=standard)
