"""Word documents (.docx) in 公文 layout, for an office that attaches a list to a 红头文件 and edits it further in
WPS or Word: one per list and a compilation per place, from the same view data as the PDFs (``pdf.list_document``
and ``pdf.place_document``: the same sections, columns and cover).

GB/T 9704-2012: A4, title in 方正小标宋简体 二号, body 仿宋_GB2312 三号, headings 黑体, page numbers "— N —" in 宋体
四号 (odd pages right, even pages left, a character in from the edge). A list is set as the PDF sets it, as the
附件 table it is: the PDF's margins and type sizes (``pdf.layout``: 小五 for a wide table, 五号 for a narrow one)
and its column widths; a compilation's cover and contents keep the GB/T 9704 margins (37/35/28/26 mm).
Fonts are names only (Word and WPS find them on the reader's PC); each is named for East Asian text
(``w:eastAsia``) and listed in the font table with the face to use when it is missing (方正小标宋简体 → 黑体,
仿宋_GB2312 → 仿宋). The text lives in named styles (清单标题, 清单正文, 表格文字 …) so a clerk can change a face in
one place.

Each list's body is laid out once as XML and reused by the compilations that hold it. The same view gives the
same bytes: fixed zip dates and order, the document properties dated with the data date, no random ids.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from qingdan import parallel
from qingdan.errors import UsageError
from qingdan.publish.pdf import MARGINS_MM
from qingdan.publish.view import SiteView

if TYPE_CHECKING:
    from pathlib import Path

FOLDER = "docx"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # zip entry dates
_NO_DATE = "2000-01-01"  # the document properties' date without git history
MM = 56.6929  # twips per millimetre
MARGINS = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # mm, GB/T 9704-2012 §5.2.1: the cover and contents
A4 = (210, 297)  # mm
SIZES = {"二号": 22.0, "三号": 16.0, "四号": 14.0, "小四": 12.0, "五号": 10.5, "小五": 9.0}  # points
TABLE_LINE = 4 / 3  # a table line is this many times its type size (固定值), as the PDF's cells; single spacing
# would take the face's whole height (1.45 em for the Noto CJK LibreOffice puts in 仿宋's place)
LINE = 29.0  # points a body line takes: 22 lines on the 225 mm type area
TITLE_LINE = 35.0
DEFAULT_FONTS = {
    "title": "方正小标宋简体",
    "title_fallback": "黑体",  # named as the title face's alternative: Windows has it, 方正小标宋简体 is bought
    "heading": "黑体",
    "body": "仿宋_GB2312",
    "page": "宋体",
    "latin": "Times New Roman",  # digits and Latin letters, as offices set them
}
FONT_ROLES = tuple(DEFAULT_FONTS)
_ALTERNATIVES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正仿宋_GBK": "仿宋", "方正黑体_GBK": "黑体"}
_FAMILY = {"黑体": "modern", "宋体": "auto"}  # the font table's w:family (roman for the rest)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _cell_spacing(size: str) -> str:
    line = round(SIZES[size] * TABLE_LINE * 20)
    return f'<w:spacing w:line="{line}" w:lineRule="exact"/><w:ind w:firstLine="0"/>'


# style id → (name in Word's style list, font role, size, paragraph properties XML)
_STYLES: dict[str, tuple[str, str, str, str]] = {
    "QdTitle": (
        "清单标题",
        "title",
        "二号",
        f'<w:jc w:val="center"/><w:spacing w:line="{int(TITLE_LINE * 20)}" w:lineRule="exact" w:after="0"/>',
    ),
    "QdFacts": ("清单文号", "body", "三号", '<w:jc w:val="center"/>'),
    "QdMeta": ("清单说明", "body", "四号", '<w:jc w:val="center"/><w:spacing w:line="360" w:lineRule="auto"/>'),
    "QdBody": ("清单正文", "body", "三号", '<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>'),
    "QdHeading": (
        "清单标题一",
        "heading",
        "三号",
        '<w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="0"/>',
    ),
    "QdMark": ("上级清单标注", "heading", "四号", ""),
    "QdTable": ("表格文字", "body", "小五", _cell_spacing("小五")),
    "QdTableLarge": ("表格文字（五号）", "body", "五号", _cell_spacing("五号")),
    "QdHeader": ("表格标题行", "heading", "小五", _cell_spacing("小五") + '<w:jc w:val="center"/>'),
    "QdHeaderLarge": ("表格标题行（五号）", "heading", "五号", _cell_spacing("五号") + '<w:jc w:val="center"/>'),
    "QdPage": ("页码", "page", "四号", '<w:spacing w:line="240" w:lineRule="auto"/>'),
}
_CONTENTS_INDENT = '<w:ind w:leftChars="200" w:left="640" w:firstLineChars="0" w:firstLine="0"/>'
_CELL_MARGIN = 60  # twips: 3 pt, the PDF's cell inset


@dataclass(frozen=True)
class Fonts:
    title: str = DEFAULT_FONTS["title"]
    title_fallback: str = DEFAULT_FONTS["title_fallback"]
    heading: str = DEFAULT_FONTS["heading"]
    body: str = DEFAULT_FONTS["body"]
    page: str = DEFAULT_FONTS["page"]
    latin: str = DEFAULT_FONTS["latin"]

    @classmethod
    def of(cls, names: Mapping[str, str]) -> Fonts:
        """From ``[build] docx_fonts`` (checked by config.py): the roles it names, the defaults for the rest."""
        return cls(**{role: names[role] for role in FONT_ROLES if names.get(role)})


def require_docx() -> None:
    """Fail with the install hint when the ``[docx]`` extra is missing."""
    try:
        import docx  # noqa: F401
    except ImportError as exc:
        raise UsageError("build-docx-missing") from exc


def write_documents(
    view: SiteView, out: Path, *, fonts: Fonts | None = None, progress: Callable[[int], None] | None = None
) -> list[Path]:
    """``out/docx/<slug>.docx`` per list and ``out/docx/place-<code>.docx`` per place that has lists."""
    from qingdan.publish.pdf import list_document, place_document

    require_docx()
    fonts = fonts or Fonts()
    folder = out / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    data = {lv.slug: list_document(lv, data_date=view.data_date, revision=view.source_revision) for lv in view.lists}
    bodies = {lv.slug: body_xml(data[lv.slug]["list"]) for lv in view.lists}
    jobs: list[tuple[str, dict[str, Any], list[tuple[str, bool, str]], Fonts, str]] = [
        (f"{slug}.docx", _properties(d, view.data_date), [(bodies[slug], d["list"]["landscape"], "")], fonts, "")
        for slug, d in data.items()
    ]
    for place in view.places:
        if not (place.lists or place.inherited):
            continue
        doc = place_document(view, place, lists=data)  # its own lists, then the inherited ones, as in the PDF
        slugs = [*place.lists, *place.inherited]
        parts = [
            (bodies[slug], bool(data[slug]["list"]["landscape"]), str(p["inherited"]))
            for slug, p in zip(slugs, doc["lists"], strict=True)
        ]
        jobs.append((f"place-{place.code}.docx", _properties(doc, view.data_date), parts, fonts, cover_xml(doc)))
    written = []
    sizes = [sum(len(b) for b, _, _ in parts) for _, _, parts, _, _ in jobs]
    for job, blob in parallel.run(_job, jobs, sizes):
        path = folder / job[0]
        path.write_bytes(blob)
        written.append(path)
        if progress is not None:
            progress(1)
    return sorted(written)


def _properties(doc: Mapping[str, Any], data_date: str) -> dict[str, Any]:
    return {"title": doc["title"], "author": doc["author"], "keywords": doc["keywords"], "date": data_date}


def _job(job: tuple[str, dict[str, Any], list[tuple[str, bool, str]], Fonts, str]) -> bytes:
    _, properties, parts, fonts, cover = job
    return document_bytes(properties, parts, fonts, cover)


# --- the body as WordprocessingML -------------------------------------------------------------------------------


def _text(value: str) -> str:
    return escape(_CONTROL.sub("", value))


def _para(style: str, text: str, extra: str = "") -> str:
    """A paragraph of ``style``; each line of ``text`` a line of its own (w:br), runs with no formatting of their
    own: the style says it all."""
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{_text(line)}</w:t>' for line in text.split("\n"))
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr><w:r>{runs}</w:r></w:p>'


def body_xml(lv: Mapping[str, Any]) -> str:
    """One list (``pdf.list_document(...)["list"]``) as the XML of its paragraphs and tables."""
    parts = [_para("QdTitle", lv["title"])]
    facts = [
        lv["doc_number"],
        "　".join(f for f in (lv["issuer"], f"适用范围：{lv['scope']}" if lv["scope"] else "") if f),
    ]
    parts.extend(_para("QdFacts", fact) for fact in facts if fact)
    if lv["meta"]:
        parts.append(_para("QdMeta", lv["meta"]))
    parts.extend(_para("QdBody", line) for line in lv["notes"].split("\n") if line.strip())
    layout = lv["layout"]
    width = text_width(lv["landscape"], layout["margin"])
    for table in lv["tables"]:
        if table["label"]:
            parts.append(_para("QdHeading", table["label"]))
        parts.append(_table(table, width, layout["size"]))
    return "".join(parts)


def text_width(landscape: bool, margins: Mapping[str, float] = MARGINS) -> int:
    """Twips between the margins."""
    page = A4[1] if landscape else A4[0]
    return round((page - margins["left"] - margins["right"]) * MM)


def _table(table: Mapping[str, Any], width: int, size: float) -> str:
    """A bordered table as wide as the text: the header row repeated on every page (w:tblHeader), rows allowed to
    break across pages (no w:cantSplit), a fixed layout from the PDF's column widths, in its type size."""
    columns = table["columns"]
    large = size >= SIZES["五号"]
    style = "QdTableLarge" if large else "QdTable"
    header = "QdHeaderLarge" if large else "QdHeader"
    fixed = round(3.2 * size * 20)  # 序号: three characters and the cell's margins
    flexible = sum(c["width"] for c in columns if not c["fixed"]) or 1.0
    rest = width - sum(fixed for c in columns if c["fixed"])
    widths = [fixed if c["fixed"] else round(rest * c["width"] / flexible) for c in columns]
    widths[-1] += width - sum(widths)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    head = "".join(_cell(c["label"], w, header, True) for c, w in zip(columns, widths, strict=True))
    rows = [f'<w:tr><w:trPr><w:tblHeader w:val="true"/><w:jc w:val="center"/></w:trPr>{head}</w:tr>']
    for cells in table["rows"]:
        tcs = "".join(_cell(text, w, style, c["center"]) for text, c, w in zip(cells, columns, widths, strict=True))
        rows.append(f"<w:tr>{tcs}</w:tr>")
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{border}'
        '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>'
        + "".join(f'<w:{side} w:w="{_CELL_MARGIN}" w:type="dxa"/>' for side in ("top", "left", "bottom", "right"))
        + '</w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
        f'w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        + "".join(rows)
        + "</w:tbl>"
        + _para("QdTable", "")  # Word wants a paragraph between two tables, and after the last
    )


def _cell(text: str, width: int, style: str, center: bool) -> str:
    jc = '<w:jc w:val="center"/>' if center else ""
    paragraphs = "".join(_para(style, line, jc) for line in (text.split("\n") if text else [""]))
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>{paragraphs}</w:tc>'


def cover_xml(doc: Mapping[str, Any]) -> str:
    """A compilation's cover and contents (``pdf.place_document``): the place, its chain, the counts, and the
    titles of its lists in their parts (本级清单, 上级清单)."""
    cover = doc["cover"]
    spacer = '<w:spacing w:before="2400"/>'
    parts = [
        _para("QdTitle", cover["title"], spacer),
        _para("QdFacts", cover["subtitle"], '<w:spacing w:before="600"/>'),
    ]
    parts.extend(_para("QdFacts", line) for line in cover["lines"])
    parts.append(_para("QdHeading", "目　录", '<w:pageBreakBefore/><w:jc w:val="center"/><w:ind w:firstLine="0"/>'))
    n = 0
    tab = f'<w:tabs><w:tab w:val="right" w:leader="middleDot" w:pos="{text_width(False) - 10}"/></w:tabs>'
    for indexes, heading in cover["parts"]:
        if heading:
            parts.append(_para("QdHeading", heading))
        for i in indexes:
            n += 1
            line = _para("QdBody", f"{n}．{doc['lists'][i]['title']}", tab + _CONTENTS_INDENT)
            parts.append(line.replace("</w:r></w:p>", f"<w:tab/></w:r>{_page_of(bookmark(i))}</w:p>"))
    return "".join(parts)


def bookmark(i: int) -> str:
    """The name of the bookmark on the first paragraph of a compilation's list ``i`` (hidden: a leading _)."""
    return f"_QdList{i}"


def _page_of(name: str) -> str:
    """A PAGEREF field: the page the bookmark is on, filled in by Word (asked to by w:updateFields) and by
    LibreOffice as they lay the document out. Until then it shows nothing: a number written here could only be a
    guess at another program's page breaks."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> PAGEREF {name} \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t></w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


# --- the document around it -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Base:
    """What every document with these fonts shares, made once with python-docx: the zip entries (styles, font
    table, settings, footers, theme …) and document.xml's text before and after its body."""

    entries: tuple[tuple[str, bytes], ...]
    head: str
    tail: str
    footers: str  # the first section's footer references
    settings: bytes  # word/settings.xml asking Word to update the fields on opening (a compilation's contents)


def document_bytes(
    properties: Mapping[str, Any], parts: Sequence[tuple[str, bool, str]], fonts: Fonts, cover: str = ""
) -> bytes:
    """A document of ``parts`` (body XML, landscape, the 上级清单 mark), each in a section of its own after the
    ``cover`` (a compilation's); as deterministic bytes."""
    base = _base(fonts)
    sections: list[tuple[str, bool, Mapping[str, float]]] = [(cover, False, MARGINS)] if cover else []
    for i, (xml, landscape, mark) in enumerate(parts):
        text = (_para("QdMark", mark) if mark else "") + xml
        if cover:  # the contents' PAGEREF fields point at a bookmark on the list's first paragraph
            at = text.index("</w:pPr>") + len("</w:pPr>")
            name = bookmark(i)
            text = f'{text[:at]}<w:bookmarkStart w:id="{i}" w:name="{name}"/><w:bookmarkEnd w:id="{i}"/>{text[at:]}'
        sections.append((text, landscape, MARGINS_MM[landscape]))
    body = []
    for n, (xml, landscape, margins) in enumerate(sections):
        body.append(xml)
        # later sections have no footers of their own: they take the first one's (linked to previous)
        section = _sect_pr(base.footers if n == 0 else "", landscape, margins)
        last = n == len(sections) - 1
        body.append(section if last else f"<w:p><w:pPr>{section}</w:pPr></w:p>")  # a break ends a section
    document = (base.head + "".join(body) + base.tail).encode("utf-8")
    replace = {"word/document.xml": document, "docProps/core.xml": _core(properties)}
    if cover:
        replace["word/settings.xml"] = base.settings
    return _zip(base.entries, replace)


def _sect_pr(footers: str, landscape: bool, margins: Mapping[str, float]) -> str:
    """A4 (turned for a wide table) with ``margins`` (mm), on a new page. The footer (page numbers) stands 15 mm
    from the page's foot: within the 20 mm margin of a list's pages."""
    w, h = (round(A4[1] * MM), round(A4[0] * MM)) if landscape else (round(A4[0] * MM), round(A4[1] * MM))
    orient = ' w:orient="landscape"' if landscape else ""
    m = {side: round(mm * MM) for side, mm in margins.items()}
    return (
        f'<w:sectPr>{footers}<w:type w:val="nextPage"/><w:pgSz w:w="{w}" w:h="{h}"{orient}/>'
        f'<w:pgMar w:top="{m["top"]}" w:right="{m["right"]}" w:bottom="{m["bottom"]}" w:left="{m["left"]}" '
        'w:header="851" w:footer="850" w:gutter="0"/><w:cols w:space="425"/></w:sectPr>'
    )


@lru_cache(maxsize=4)
def _base(fonts: Fonts) -> _Base:
    import docx

    document = docx.Document()
    _drop_parts(document)
    _styles(document, fonts)
    _font_table(document, fonts)
    body = document.element.body
    for child in list(body):
        if child is not body.sectPr:
            body.remove(child)
    _footers(document, fonts)
    references = body.sectPr.findall(f"{{{_W}}}footerReference")
    footers = "".join(
        f'<w:footerReference w:type="{ref.get(f"{{{_W}}}type")}" r:id="{ref.get(f"{{{_R}}}id")}"/>'
        for ref in references
    )
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        entries = tuple((entry.filename, package.read(entry)) for entry in package.infolist())
    xml = dict(entries)["word/document.xml"].decode("utf-8")
    start, end = xml.index("<w:body>") + len("<w:body>"), xml.rindex("</w:body>")
    settings = dict(entries)["word/settings.xml"].decode("utf-8")
    # w:updateFields stands just before w:compat in CT_Settings' order (ECMA-376 §17.15.1.91)
    at = settings.index("<w:compat>")
    fields = (settings[:at] + '<w:updateFields w:val="true"/>' + settings[at:]).encode("utf-8")
    return _Base(entries, xml[:start], xml[end:], footers, fields)


def _footers(document: Any, fonts: Fonts) -> None:
    """ "— N —" with a PAGE field: odd pages at the right, even pages at the left, a character in (GB/T 9704 §7.5)."""
    from docx.oxml import parse_xml

    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        element = footer._element
        for child in list(element):
            element.remove(child)
        field = (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText>'
            '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )
        indent = f'<w:ind w:{side}Chars="100" w:{side}="280"/>'
        element.append(
            parse_xml(
                f'<w:p xmlns:w="{_W}"><w:pPr><w:pStyle w:val="QdPage"/>{indent}<w:jc w:val="{side}"/></w:pPr>'
                f'<w:r><w:t xml:space="preserve">— </w:t></w:r>{field}'
                '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p>'
            )
        )


def _fonts_xml(fonts: Fonts, role: str) -> str:
    latin = fonts.latin if role == "body" else getattr(fonts, role)
    face = getattr(fonts, role)
    return (
        f'<w:rFonts w:ascii="{_text(latin)}" w:hAnsi="{_text(latin)}" w:eastAsia="{_text(face)}" w:cs="{_text(face)}"/>'
    )


def _styles(document: Any, fonts: Fonts) -> None:
    """The document defaults (body face, 三号, zh-CN, 29 pt lines) and the named styles the text uses."""
    from docx.oxml import parse_xml

    styles = document.styles.element
    defaults = styles.find(f"{{{_W}}}docDefaults")
    if defaults is not None:
        styles.remove(defaults)
    size = int(SIZES["三号"] * 2)
    styles.insert(
        0,
        parse_xml(
            f'<w:docDefaults xmlns:w="{_W}"><w:rPrDefault><w:rPr>{_fonts_xml(fonts, "body")}<w:kern w:val="2"/>'
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
            f'</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="{int(LINE * 20)}" '
            'w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>'
        ),
    )
    for style in styles.findall(f"{{{_W}}}style"):  # the template's 160 others: unused, and 300 KB a file
        if style.get(f"{{{_W}}}default") != "1":
            styles.remove(style)
    normal = styles.find(f"{{{_W}}}style[@{{{_W}}}styleId='Normal']")
    if normal is not None:  # the template's Normal names theme fonts, which would win over the defaults
        for rpr in normal.findall(f"{{{_W}}}rPr"):
            normal.remove(rpr)
    for style_id, (name, role, size_name, ppr) in _STYLES.items():
        pt = int(SIZES[size_name] * 2)
        styles.append(
            parse_xml(
                f'<w:style xmlns:w="{_W}" w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
                f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr>'
                f'<w:rPr>{_fonts_xml(fonts, role)}<w:sz w:val="{pt}"/><w:szCs w:val="{pt}"/></w:rPr></w:style>'
            )
        )


def _font_table(document: Any, fonts: Fonts) -> None:
    """The faces the document names, for GB2312 text (charset 86), each with the one Word takes in its place
    when the reader's PC lacks it."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    part = document.part.part_related_by(RT.FONT_TABLE)
    table = parse_xml(part.blob)
    alternatives = {fonts.title: fonts.title_fallback, **_ALTERNATIVES}
    names = dict.fromkeys((fonts.title, fonts.heading, fonts.body, fonts.page))
    for name in names:
        for old in table.findall(f"{{{_W}}}font[@{{{_W}}}name='{name}']"):
            table.remove(old)
        alt = alternatives.get(name, "")
        alt_xml = f'<w:altName w:val="{_text(alt)}"/>' if alt and alt != name else ""
        table.append(
            parse_xml(
                f'<w:font xmlns:w="{_W}" w:name="{_text(name)}">{alt_xml}<w:charset w:val="86"/>'
                f'<w:family w:val="{_FAMILY.get(name, "roman")}"/><w:pitch w:val="variable"/></w:font>'
            )
        )
    from lxml import etree

    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_parts(document: Any) -> None:
    """Parts of python-docx's template that are not ours: a picture of its own first page (Word and WPS would
    show it as ours) and Word 2010's second copy of the styles (stylesWithEffects, 430 KB)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[rid]


_CORE = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:keywords>{keywords}</cp:keywords>"
    "<cp:lastModifiedBy>qingdan</cp:lastModifiedBy><cp:revision>1</cp:revision>"
    '<cp:lastPrinted>{day}</cp:lastPrinted><dcterms:created xsi:type="dcterms:W3CDTF">{day}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{day}</dcterms:modified></cp:coreProperties>'
)


def _core(properties: Mapping[str, Any]) -> bytes:
    """docProps/core.xml: title, issuer, keywords (the commit, as in the PDFs) and the data date as created,
    modified and printed (2000-01-01 without git history), never the time of the build."""
    day = f"{properties['date'] or _NO_DATE}T00:00:00Z"
    return _CORE.format(
        title=_text(properties["title"]),
        author=_text(properties["author"]),
        keywords=_text(", ".join(properties["keywords"])),
        day=day,
    ).encode("utf-8")


def _zip(entries: Sequence[tuple[str, bytes]], replace: Mapping[str, bytes]) -> bytes:
    """The entries in their order, each dated 2000-01-01 (zip dates are the saving time otherwise)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, replace.get(name, content))
    return out.getvalue()
