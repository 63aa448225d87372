"""Lists as tables: which column is which field, how a cell becomes a value and a value a cell.

The importer and the exporter share this one table of column names, so that what export writes is
what import recognises first, and ``import(export(list))`` gives the same items back.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from qingdan import vocabulary
from qingdan.errors import UsageError
from qingdan.text import GENERIC, citation_text, clean, clean_name, key, parse_name

# field → column names used in published lists; the first one is the header export writes.
FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("编号", "事项编码", "事项编号"),
    "name": ("事项名称", "名称", "证明名称", "证明事项名称", "事项"),
    "aliases": ("别名", "包含事项", "涵盖事项"),
    "stance": ("出具意见", "是否可以出具", "是否出具"),
    "role": ("承担方式", "履职方式"),
    "category": ("类别", "事项类别", "分类"),
    "owner": ("承担主体", "承接主体"),
    "department": ("主管部门", "责任主体", "责任单位", "实施主体", "索要部门"),
    "admission": ("准入编号", "准入记录"),
    "content": ("事项内容", "工作内容", "具体内容", "内容"),
    "purpose": ("办理用途", "用途"),
    "verification": ("核实方式",),
    "alternative": ("替代方式", "办理途径", "替代途径"),
    "conditions": ("使用条件", "条件"),
    "approval": ("审批程序", "审批"),
    "legal_basis": ("法律依据", "设定依据", "政策依据", "依据"),
    "funding": ("经费保障",),
    "powers": ("权限保障",),
    "staffing": ("人员保障",),
    "notes": ("备注", "说明"),
}
# Column names one kind of list uses: seal scopes (用章范围) and duty guides (职责指引) as published.
KIND_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "seal": {
        "name": (
            "用章事项",
            "用章范围",
            "使用范围",
            "用印事项",
            "用印范围",
            "盖章事项",
            "印章使用范围",
            "印章使用事项",
            "用章事项名称",
        ),
        "conditions": ("用章条件", "用印条件", "盖章条件", "适用情形", "使用情形"),
        "approval": ("审批流程", "用章程序", "用印程序", "用章流程", "办理程序", "审核程序"),
        "content": ("用章内容", "用印内容"),
    },
    "duties": {
        "content": ("职责内容", "工作职责", "主要职责", "职责事项内容"),
        "role": ("履职类型", "职责类型", "职责类别"),
        "department": ("指导部门", "业务指导部门", "业务主管部门", "牵头部门"),
        "owner": ("承担单位",),
    },
}
IGNORE = "ignore"
IGNORED_COLUMNS = ("序号",)
TABLE_KINDS = vocabulary.TABLE_KINDS
LIST_FIELDS = ("aliases", "legal_basis")
HEADER_ROWS = 15  # the header is searched for in this many rows from the top

STANCE_WORDS = vocabulary.STANCE_WORDS
STANCE_TEXT = {stance: label.zh for stance, label in vocabulary.STANCES.items()}


def kind_fields(kind: str) -> tuple[str, ...]:
    """The fields an item of ``kind`` may have that a table column can hold, in the stable order."""
    from qingdan.schema import root_schema

    allowed = root_schema()["$defs"][f"item_{kind}"]["properties"]
    return tuple(f for f in FIELDS if f in allowed)


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """``--map 列名=field`` options → {column key: field}; ``field`` may be ``ignore``."""
    out = {}
    for pair in pairs:
        column, sep, field = pair.partition("=")
        if not sep or not column.strip() or not field.strip():
            raise UsageError("import-map-syntax", value=pair)
        if field.strip() not in FIELDS and field.strip() != IGNORE:
            raise UsageError("import-map-field", value=field.strip(), allowed=", ".join([*FIELDS, IGNORE]))
        out[key(column)] = field.strip()
    return out


def recognise(header: str, extra: dict[str, str], kind: str | None = None) -> str | None:
    """The field a column header names (``ignore`` for 序号), or None; ``extra`` comes from ``--map``,
    ``kind`` adds the column names that kind of list uses (用章范围 for seal scopes)."""
    k = key(header)
    if not k:
        return None
    if k in extra:
        return extra[k]
    for field, names in KIND_FIELDS.get(kind or "", {}).items():
        if k in (key(n) for n in names):
            return field
    for field, names in FIELDS.items():
        if k in (key(n) for n in names):
            return field
    if k in (key(n) for n in IGNORED_COLUMNS):
        return IGNORE
    bare = re.sub(r"[（(].*?[）)]|[*＊]", "", header)  # 法律依据（文件名称及文号）, *事项名称
    return recognise(bare, extra, kind) if bare != header else None


@dataclass(frozen=True)
class Header:
    row: int  # 1-based
    fields: dict[int, str]  # 0-based column → field (including ignore)
    unknown: dict[int, str]  # 0-based column → header text that names no field


def find_header(rows: tuple[tuple[str, ...], ...], extra: dict[str, str], kind: str | None = None) -> Header | None:
    """The row among the first few that names most fields (and the name column)."""
    best: Header | None = None
    for r, row in enumerate(rows[:HEADER_ROWS], start=1):
        fields: dict[int, str] = {}
        unknown: dict[int, str] = {}
        for c, cell in enumerate(row):
            field = recognise(cell, extra, kind)
            if field is not None and field not in fields.values():
                fields[c] = field
            elif cell.strip():
                unknown[c] = clean(cell)
        if "name" in fields.values() and (best is None or len(fields) > len(best.fields)):
            best = Header(r, fields, unknown)
    return best


_ALIAS_SEP = re.compile(r"[、，,；;\n]")
_TRAILING_ETC = re.compile(r"(等等|等|……|…|\.\.\.)$")
_HAN = re.compile(r"[\u3400-\u9fff]")
_BRACKETED = re.compile(r"^(.+?)[（(]([^（）()]+)[）)]$")


def split_aliases(text: str) -> list[str]:
    """``经济状况证明、收入证明等`` → [经济状况证明, 收入证明]."""
    out: list[str] = []
    for part in _ALIAS_SEP.split(text):
        part = _TRAILING_ETC.sub("", clean_name(part)).strip()
        if part and part not in out:
            out.append(part)
    return out


def split_name(name: str) -> tuple[str, list[str], list[str]]:
    """``居民财产证明（经济状况证明、收入证明…）`` → (居民财产证明, [经济状况证明, 收入证明], []);
    ``住房证明（无房、租房）`` → (住房证明, [], [无房, 租房]): a trailing bracket holds covered variants
    (names of the same sort) or qualifiers (purpose, scope, conditions), as ``text.parse_name`` decides;
    a bracket inside the name (住所（经营场所）证明) or a name that is only a generic word with a
    bracket (证明（一级）) stays as written."""
    name = clean_name(name)
    match = _BRACKETED.match(name)
    if match is None:
        return name, [], []
    parsed = parse_name(name)
    base = match.group(1).strip()
    if parsed.core != base or len(base) < 3 or base in GENERIC or not _HAN.search(base):
        return name, [], []
    variants = [v for v in (_TRAILING_ETC.sub("", clean_name(v)).strip() for v in parsed.variants) if v and v != base]
    return base, variants, list(parsed.qualifiers)


_CITATION = re.compile(r"^(《[^《》]+》)([^（）()《》]*)[（(]([^（）()]+号)[）)]$")
_HARD_SEP = re.compile(r"[；;\n]")


def split_citations(text: str) -> list[Any]:
    """A 法律依据 cell → citations. Splits on ；; and new lines, and on 、 between titles — never inside
    《…》 or brackets (``《民政部、中央组织部关于…》`` stays whole; ``《A》第三条、第四条`` too)."""
    out: list[Any] = []
    for chunk in _HARD_SEP.split(text):
        pieces: list[str] = []
        for piece in _split_outside(chunk, "、"):
            piece = clean(piece)
            if not piece:
                continue
            if pieces and "《" not in piece:
                pieces[-1] += "、" + piece
            else:
                pieces.append(piece)
        out.extend(parse_citation(p) for p in pieces)
    return out


def _split_outside(text: str, sep: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "《（(〔【":
            depth += 1
        elif ch in "》）)〕】":
            depth = max(0, depth - 1)
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def parse_citation(text: str) -> Any:
    """``《X》第三条（民发〔2021〕57号）`` → {law, article, doc_number}; any other text stays text."""
    match = _CITATION.match(text)
    if match is None:
        return text
    law, article, number = match.groups()
    doc: dict[str, str] = {"law": law}
    if article.strip():
        doc["article"] = article.strip()
    doc["doc_number"] = number
    return doc


def stance(text: str) -> str:
    """可以出具 / 不得出具 (or allowed / forbidden) → allowed / forbidden; anything else is kept."""
    k = key(text)
    for value, words in STANCE_WORDS.items():
        if k in (key(w) for w in words):
            return value
    return text


def cell_value(field: str, value: Any) -> str:
    """An item's field as one cell's text (export)."""
    if value is None:
        return ""
    if field == "aliases":
        return "、".join(str(v) for v in value)
    if field == "legal_basis":
        return "\n".join(citation_text(c) for c in value)
    if field == "stance":
        return STANCE_TEXT.get(str(value), str(value))
    if isinstance(value, dict):  # funding as {amount, source, note}: the parts in order
        return "；".join(str(v) for v in value.values() if v not in (None, ""))
    return str(value)


# --- annexes: the rows a published annex prints above and inside its table ---------------------------------------
_NUMERALS = "0-9０-９一二三四五六七八九十"
_ANNEX_LABEL = re.compile(rf"^附\s*件(?:\s*[{_NUMERALS}]+\s*(?:[:：]\s*)?|\s*[:：]\s*|\s+|$)")
_DOC_NUMBER = re.compile(r"[\u3400-\u9fffA-Za-z]{1,20}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号")
_BRACKETED_NUMBER = re.compile(rf"\s*[（(]\s*({_DOC_NUMBER.pattern})\s*[）)]")
_COUNT = re.compile(rf"\s*(?:[（(]\s*(?:共|计)?\s*([{_NUMERALS}]+)\s*项\s*[）)]|(?:共|计)\s*([{_NUMERALS}]+)\s*项)")
_EFFECTIVE = re.compile(r"(?:自|从)?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起?\s*(?:施行|实施|执行|生效)")
_CN_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九")}


def is_annex_label(text: str) -> bool:
    """``附件`` / ``附件1`` / ``附件 2：`` alone: the label of an annex, never its title."""
    cleaned = clean(text)
    return bool(cleaned) and _ANNEX_LABEL.sub("", cleaned) == "" and cleaned.startswith("附")


def number(text: str) -> int | None:
    """12, １２, 十二, 二十三 → the number; None when it is none."""
    text = unicodedata.normalize("NFKC", text)
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN_DIGITS and c != "十" for c in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in text))


@dataclass(frozen=True)
class TitleFacts:
    title: str  # without the annex label, the 文号 and the count
    doc_number: str = ""
    count: int | None = None  # （12项）, 共12项
    label: str = ""  # 附件1


def title_facts(text: str) -> TitleFacts:
    """``附件1 东城区社区工作事项清单（12项）（东办发〔2023〕9号）`` → the title, the 文号, the count."""
    title = clean(text)
    label_match = _ANNEX_LABEL.match(title)
    label = ""
    if label_match and title.startswith("附"):
        label, title = label_match.group().strip(" ：:"), title[label_match.end() :]
    doc_number = ""
    found = _BRACKETED_NUMBER.search(title)
    if found:
        doc_number = re.sub(r"\s+", "", found.group(1))
        title = (title[: found.start()] + title[found.end() :]).strip()
    count = None
    counted = _COUNT.search(title)
    if counted:
        count = number(counted.group(1) or counted.group(2))
        title = (title[: counted.start()] + title[counted.end() :]).strip()
    return TitleFacts(title.strip(), doc_number, count, label)


def effective_date(text: str) -> str:
    """``（2023年7月1日起施行）`` → 2023-07-01; "" when the text names no such date."""
    found = _EFFECTIVE.search(clean(text))
    if not found:
        return ""
    year, month, day = (int(g) for g in found.groups())
    try:
        from datetime import date

        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def doc_number_in(text: str) -> str:
    """The first 文号 written in a text (东办发〔2023〕9号), spaces removed; "" when there is none."""
    found = _DOC_NUMBER.search(clean(text))
    return re.sub(r"\s+", "", found.group()) if found else ""


# Chinese numerals only: 1、 or 1. in one cell is as often an item numbered in its name cell
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[）)]|第[一二三四五六七八九十]+[部分类章节])"
)
# what a section heading inside a table says about the rows below it
HEADING_STANCES = (
    ("forbidden", ("不得出具", "不应出具", "不予出具", "不再出具", "取消", "禁止")),
    ("allowed", ("可以出具", "可出具", "保留", "允许出具", "应当出具")),
)
HEADING_ROLES = (
    (vocabulary.ASSIST, ("协助政府", "协助")),
    ("依法履职", ("依法履职", "依法自治", "自治事项")),
    ("主体责任", ("主体责任",)),
    ("配合", ("配合",)),
)


def is_heading(text: str) -> bool:
    """``一、不得出具的证明事项`` / ``（二）协助政府工作事项`` / ``第一部分``: a numbered section heading."""
    return bool(_HEADING.match(clean(text)))


def heading_sets(text: str, kind: str) -> tuple[str, str] | None:
    """(field, value) a section heading sets for the rows below it: stance for certificates, role for duties."""
    said = simplify_text(text)
    table = HEADING_STANCES if kind == "certificates" else HEADING_ROLES if kind == "duties" else ()
    for value, words in table:
        if any(w in said for w in words):
            return ("stance" if kind == "certificates" else "role"), value
    return None


def simplify_text(text: str) -> str:
    from qingdan.text import simplify

    return simplify(clean(text))


_NOTICE = re.compile(r"^关于.{2,100}的(?:通知|意见|决定|批复|函|实施方案)$")


def is_notice_title(text: str) -> bool:
    """关于印发《向阳社区证明事项清单》的通知: the title of the notice an annex belongs to."""
    return bool(_NOTICE.match(clean(text)))


def is_doc_number(text: str) -> bool:
    """A line that is only a 文号 (under a 红头 masthead)."""
    cleaned = re.sub(r"\s+", "", clean(text))
    return bool(cleaned) and doc_number_in(cleaned) == cleaned


def book_title(text: str) -> str:
    """A document title in 《》, the 《》 inside it turned to 〈〉 as titles within titles are written."""
    inner = clean(text).strip("《》").replace("《", "〈").replace("》", "〉")
    return f"《{inner}》"
