"""The domain's words, defined once: list kinds, levels, duty roles, certificate stances, admission statuses.

Every label a user can see (CLI, site, PDF, workbooks) comes from here, in Chinese and English, so the diff,
the site and the PDF never name the same thing two ways. The message catalogue (``i18n``) takes its
``kind-*``, ``status-*``, ``stance-*`` and ``level-*`` entries from these tables.
"""

from __future__ import annotations

from typing import NamedTuple


class Label(NamedTuple):
    zh: str
    en: str

    def __call__(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


# kind → label; the order is the print order (site, statistics, diff counts).
LIST_KINDS: dict[str, Label] = {
    "duties": Label("职责清单", "duties"),
    "negative": Label("负面清单", "negative list"),
    "certificates": Label("证明事项清单", "certificates"),
    "seal": Label("用章范围", "seal use"),
    "admissions": Label("准入记录", "admissions"),
}
# Kinds a spreadsheet can hold (admission records are written by ``qingdan admit``, not imported).
TABLE_KINDS = ("duties", "negative", "certificates", "seal")
# Kinds whose items apply below their own jurisdiction (a street's duties are the street's own work).
INHERITED_KINDS = ("negative", "certificates", "admissions")
# Kinds a counter question (``qingdan find``) searches, in the order of its answers.
FIND_KINDS = ("certificates", "negative", "duties", "seal")
# Every document kind, in schema order.
KINDS = ("jurisdictions", "departments", *LIST_KINDS, "request", "synonyms")


class Level(NamedTuple):
    key: str  # English key used in the site's data and CSS
    words: tuple[str, ...]  # what the ``level`` field of a jurisdiction may say at this depth
    label: Label  # 省级 … as a column or chart label
    short: str  # 省 … as a PDF masthead says it


# depth of the 12-digit code (0 = the nation, 000000000000) → level
LEVELS: dict[int, Level] = {
    0: Level("national", ("国家",), Label("国家级", "national"), "国家"),
    1: Level("province", ("省", "直辖市", "自治区"), Label("省级", "province"), "省"),
    2: Level("city", ("市",), Label("市级", "city"), "市"),
    3: Level("district", ("区", "县"), Label("区县级", "district"), "区"),
    4: Level("street", ("街道", "乡镇"), Label("街道乡镇级", "street"), "街道"),
    5: Level("community", ("社区", "村"), Label("社区村级", "community"), "社区"),
}
NATION = Label("全国", "the whole country")  # how the nation (000000000000) is named where no file names it
LEVEL_BY_KEY = {level.key: level for level in LEVELS.values()}
COMMUNITY_LEVELS = LEVELS[5].words

# duty roles (承担方式), in the schema's order
ASSIST = "协助政府工作"
ROLES = ("依法履职", ASSIST, "主体责任", "配合")
NO_ROLE = Label("未注明角色", "no role given")

# certificate stances
STANCES: dict[str, Label] = {
    "allowed": Label("可以出具", "may issue"),
    "forbidden": Label("不得出具", "must not issue"),
}
# the words a published table uses in its 出具意见 column
STANCE_WORDS = {
    "allowed": ("allowed", "可以出具", "可出具", "允许出具", "允许", "可以"),
    "forbidden": ("forbidden", "不得出具", "不予出具", "不应出具", "不出具", "禁止", "不得"),
}
STANCE_SECTIONS = {
    "forbidden": Label("不得出具的证明事项", "certificates that must not be issued"),
    "allowed": Label("可以出具的证明事项", "certificates that may be issued"),
}

# admission record statuses
STATUSES: dict[str, Label] = {
    "admitted": Label("已准入", "admitted"),
    "rejected": Label("不予准入", "rejected"),
    "revoked": Label("已撤销", "revoked"),
    "pending": Label("待决定", "pending"),
}


def verdict_of(kind: str, stance: str | None) -> str:
    """What an item of a list says about the community doing or stamping it: forbidden (a negative list,
    a certificate that must not be issued) or allowed (every other list item)."""
    return "forbidden" if kind == "negative" or (kind == "certificates" and stance == "forbidden") else "allowed"


# who issued a list and where it applies (site, PDF, workbooks, find)
ISSUED_BY = Label("{issuer}发布", "issued by {issuer}")
NATIONWIDE = Label("全国适用", "applies nationwide")
_COMMA = Label("，", ", ")


def issuer_line(issuer: str, place: str, nationwide: bool, lang: str = "zh") -> str:
    """民政部等六部门发布，全国适用 / 示例市民政局发布: the list's issuer (else its place, never the nation as
    an issuer) and, for a national list, that it applies nationwide."""
    who = issuer or ("" if nationwide else place)
    parts = [ISSUED_BY(lang).format(issuer=who)] if who else []
    if nationwide:
        parts.append(NATIONWIDE(lang))
    return _COMMA(lang).join(parts)


def kind_label(kind: str, lang: str = "zh") -> str:
    label = LIST_KINDS.get(kind)
    return label(lang) if label else kind


def status_label(status: str, lang: str = "zh") -> str:
    label = STATUSES.get(status) or STANCES.get(status)
    return label(lang) if label else status


def level_key(depth: int | None) -> str:
    level = LEVELS.get(depth) if depth is not None else None
    return level.key if level else ""


def catalogue() -> dict[str, tuple[str, str]]:
    """The message catalogue's entries for these words (``kind-duties``, ``status-admitted`` …)."""
    out: dict[str, tuple[str, str]] = {}
    out.update({f"kind-{k}": tuple(v) for k, v in LIST_KINDS.items()})  # type: ignore[misc]
    out.update({f"status-{k}": tuple(v) for k, v in STATUSES.items()})  # type: ignore[misc]
    out.update({f"stance-{k}": tuple(v) for k, v in STANCES.items()})  # type: ignore[misc]
    out.update({f"level-{v.key}": tuple(v.label) for v in LEVELS.values()})  # type: ignore[misc]
    return out
