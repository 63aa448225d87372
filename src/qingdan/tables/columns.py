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
from qingdan.text import GENERIC, citation_text, key, parse_name

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


def recognise(header: str, extra: dict[str, str]) -> str | None:
    """The field a column header names (``ignore`` for 序号), or None; ``extra`` comes from ``--map``."""
    k = key(header)
    if not k:
        return None
    if k in extra:
        return extra[k]
    for field, names in FIELDS.items():
        if k in (key(n) for n in names):
            return field
    if k in (key(n) for n in IGNORED_COLUMNS):
        return IGNORE
    bare = re.sub(r"[（(].*?[）)]|[*＊]", "", header)  # 法律依据（文件名称及文号）, *事项名称
    return recognise(bare, extra) if bare != header else None


@dataclass(frozen=True)
class Header:
    row: int  # 1-based
    fields: dict[int, str]  # 0-based column → field (including ignore)
    unknown: dict[int, str]  # 0-based column → header text that names no field


def find_header(rows: tuple[tuple[str, ...], ...], extra: dict[str, str]) -> Header | None:
    """The row among the first few that names most fields (and the name column)."""
    best: Header | None = None
    for r, row in enumerate(rows[:HEADER_ROWS], start=1):
        fields: dict[int, str] = {}
        unknown: dict[int, str] = {}
        for c, cell in enumerate(row):
            field = recognise(cell, extra)
            if field is not None and field not in fields.values():
                fields[c] = field
            elif cell.strip():
                unknown[c] = clean(cell)
        if "name" in fields.values() and (best is None or len(fields) > len(best.fields)):
            best = Header(r, fields, unknown)
    return best


# Spacing only: every kind of space becomes one ASCII space; spaces next to Chinese punctuation go.
_SPACES = re.compile(r"[ \t]+")
_CJK_PUNCT = "，。、；：？！（）《》〈〉【】〔〕“”‘’…—·"
_AROUND_PUNCT = re.compile(rf" ?([{_CJK_PUNCT}]) ?")
# In names only: "无犯罪记录 证明", "居 委 会". (Citations keep theirs: 《民政部 中央组织部关于…》 is a joint issue.)
_BETWEEN_HAN = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")


def clean(text: str) -> str:
    """Strip and collapse whitespace; join wrapped lines (no space between Chinese characters)."""
    out = ""
    for line in text.splitlines():
        line = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in line)
        line = _AROUND_PUNCT.sub(r"\1", _SPACES.sub(" ", line)).strip()
        if not line:
            continue
        ascii_join = out[-1:].isascii() and out[-1:].isalnum() and line[0].isascii() and line[0].isalnum()
        out += (" " if ascii_join else "") + line
    return out


def clean_name(text: str) -> str:
    """An item name or alias: ``clean`` and no spaces between Chinese characters."""
    return _BETWEEN_HAN.sub("", clean(text))


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
