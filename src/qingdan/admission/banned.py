"""Work that may not be put on a community (民发〔2015〕136号), found in what a request says.

Three families, read clause by clause (split at ，；。！？ and line ends) in the name, other names,
category, content and notes, after the usual normalisation (full/half width, traditional characters):

* **quota** — 招商引资、协税护税、经济创收. Named as the work itself (name, other names, category):
  fail. In the content a task, quota or assessment for it (任务、指标、考核 …) in the same clause:
  fail; a mere mention: warning.
* **lead** — 执法、拆迁拆违、城市管理、环境整治. A community may help, never be in charge. A lead word
  (牵头、负责、组织实施 …) whose subject is the community (or no one, as the request is about the
  community's work), or ``community_role: 牵头``: fail. An assist word (协助、配合、宣传、报告 …): allowed;
  for enforcement, demolition and urban management only when the request names the department in
  charge (in that clause or another), otherwise a warning. A department as the subject of the lead
  word: allowed. The term without either: a warning, unless another clause settles it.
* **assessment** — 考核、评比、排名 of the community. In the name, other names or category: fail.
  In the content: fail when the clause aims it at the community (社区, 纳入, 挂钩 …), else a warning.

A clause that negates (不得、不纳入、不承担 …) before the cue word is not counted. Each hit keeps the
field and the clause, so a report can say which words in which field decided.

Words that contain a term or cue but are not it (``NOT_BANNED``: 招商银行 is a bank, 公务员考核 assesses
civil servants, 排名不分先后 ranks nothing) are blanked out before matching. Enforcement staff named as
people (执法人员、执法队员) name who enforces, so a community that accompanies them only assists; and
负责 directly before an assist word (负责配合、负责协助) makes the community responsible for assisting,
not the lead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from qingdan.admission import FAIL, PASS, WARN
from qingdan.text import simplify

TITLE_FIELDS = ("name", "aliases", "category")
TEXT_FIELDS = ("content", "notes")

# term as written → the banned category it belongs to
QUOTA_TERMS = {
    "招商引资": "investment",
    "招商": "investment",
    "引资": "investment",
    "协税护税": "tax",
    "护税": "tax",
    "税源": "tax",
    "经济创收": "revenue",
    "创收": "revenue",
}
LEAD_TERMS = {
    "行政执法": "enforcement",
    "执法": "enforcement",
    "拆迁拆违": "demolition",
    "拆迁": "demolition",
    "拆违": "demolition",
    "违法建设": "demolition",
    "违建": "demolition",
    "城市管理": "urban",
    "环境整治": "environment",
}
# People who enforce: naming them names who is in charge (执法队员入户时社区陪同 is assisting).
ENFORCERS = ("执法人员", "执法队员", "执法队伍")
ALLOWED_ASSIST = frozenset({"environment"})  # assisting needs no named lead department
QUOTA_CUES = ("任务", "指标", "考核", "目标", "完成率", "额度", "排名")
LEAD_CUES = ("牵头", "负责", "组织实施", "组织开展", "主导", "主抓", "责任主体")
ASSIST_CUES = (
    "协助",
    "配合",
    "宣传",
    "报告",
    "上报",
    "报送",
    "劝导",
    "陪同",
    "参与",
    "发现",
    "提供",
    "摸排",
    "巡查",
    "告知",
    "收集",
    "移交",
)
ASSESS_CUES = ("考核", "评比", "排名", "打分")
AIMED = ("社区", "居委会", "居民委员会", "村委会", "纳入", "列入", "挂钩", "通报")
COMMUNITY = ("社区", "居委会", "居民委员会", "村委会", "村民委员会", "网格")
BODIES = (
    "部门",
    "局",
    "委员会",
    "政府",
    "办公室",
    "办事处",
    "街道",
    "执法队",
    "大队",
    "中队",
    "中心",
    "派出所",
    *ENFORCERS,
    "司法所",
    "公司",
    "物业",
)
NEGATIONS = (
    "不得",
    "不纳入",
    "不列入",
    "不作为",
    "不另行",
    "不再",
    "不设",
    "不下达",
    "不给",
    "不要求",
    "不承担",
    "不负责",
    "不牵头",
    "不参与",
    "不对",
    "不由",
    "不以",
    "无需",
    "禁止",
    "严禁",
)
QUOTE = 40  # longest clause quoted in full

# issue 19: words that contain a banned term or cue but are not the banned work → why (for the docs and tests).
NOT_BANNED = {
    "招商银行": "银行的名称（津贴由招商银行代发）",
    "招商证券": "证券公司的名称",
    "招商基金": "基金公司的名称",
    "招商信诺": "保险公司的名称",
    "招商仁和": "保险公司的名称",
    "招商局集团": "企业的名称（不是政府的招商局）",
    "招商蛇口": "企业的名称",
    "招商物业": "物业公司的名称",
    "资料": "援引资料、指引资料：“引资”只是字面相连",
    "资源": "吸引资源、引资源下沉：“引资”只是字面相连",
    "资格": "指引资格审核：“引资”只是字面相连",
    "执法为民": "口号，不是执法工作",
    "拆迁安置小区": "住宅小区的名称或类别（为居民服务，不是拆迁）",
    "拆迁安置房": "住房的类别",
    "拆迁安置社区": "社区的类别",
    "排名不分先后": "名单的惯用说明，不是排名",
    "家庭评比": "社区组织的居民家庭评选（五好家庭、最美家庭），不是对社区的评比",
    "文明户评比": "居民户的评选，不是对社区的评比",
    "公务员考核": "对公务员的考核，不是对社区",
    "党员积分考核": "党组织对党员的管理，不是对社区",
}


_CLAUSES = re.compile(r"[，,；;。！!？?\n]+")


def _pattern(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


_QUOTA, _LEAD = _pattern(QUOTA_TERMS), _pattern(LEAD_TERMS)
_NOT_BANNED = _pattern(NOT_BANNED)
_BLANK = "□"  # what a NOT_BANNED word becomes: no term or cue matches across it
_QUOTA_CUE, _LEAD_CUE, _ASSIST_CUE, _ASSESS = map(_pattern, (QUOTA_CUES, LEAD_CUES, ASSIST_CUES, ASSESS_CUES))


@dataclass(frozen=True)
class Hit:
    """One reason: ``how`` names the catalogue sentence (review-banned-{how})."""

    family: str  # quota / lead / assessment
    category: str  # investment, tax, … (quota and lead); the cue word for assessments
    status: str
    how: str
    field: str  # request key
    words: str  # the clause, as written
    cue: str = ""  # the word that decided (任务, 牵头, 协助 …)


@dataclass(frozen=True)
class Clause:
    field: str
    text: str  # as written, for quoting
    flat: str  # simplified, without spaces, for matching


def clauses(field: str, value: str) -> Iterator[Clause]:
    for part in _CLAUSES.split(value):
        flat = re.sub(r"\s+", "", simplify(part))
        if flat:
            yield Clause(field, _quote(part.strip()), _NOT_BANNED.sub(lambda m: _BLANK * len(m.group()), flat))


def _quote(text: str) -> str:
    return text if len(text) <= QUOTE else text[: QUOTE - 1] + "…"


def _cue(pattern: re.Pattern[str], flat: str, assisting: bool = False) -> re.Match[str] | None:
    """The first cue word that no negation before it in the clause cancels; with ``assisting``, a lead word
    directly followed by an assist word (负责配合) is not a lead."""
    for m in pattern.finditer(flat):
        if any(n in flat[: m.start()] for n in NEGATIONS):
            continue
        if assisting and _ASSIST_CUE.match(flat, m.end()):
            continue
        return m
    return None


def scan(fields: Iterable[tuple[str, str]], role: str = "") -> list[Hit]:
    """Every hit in ``fields`` ((request key, text) pairs), in field order; ``role`` is community_role."""
    hits: list[Hit] = []
    for field, value in fields:
        for c in clauses(field, value):
            hits.extend(_quota(c))
            hits.extend(_lead(c))
            hits.extend(_assessment(c))
    led = {
        h.category for h in hits if h.how in ("other-lead", "assist", "enforcers")
    }  # the department in charge, named anywhere
    hits = [
        replace(h, status=PASS, how="assist") if h.how == "assist-unnamed" and h.category in led else h for h in hits
    ]
    if led:  # a category (城市管理) names the department's field; the request already says the community assists
        hits = [h for h in hits if not (h.how == "unclear" and h.field == "category")]
    if role == "牵头":  # the request says the community leads: every lead category it touches fails
        first: dict[str, Hit] = {}
        for h in hits:
            if h.family == "lead":
                first.setdefault(h.category, h)
        hits.extend(Hit("lead", c, FAIL, "role", "community_role", role, role) for c in first)
    return hits


def _quota(c: Clause) -> Iterator[Hit]:
    found = {QUOTA_TERMS[m.group()]: m for m in _QUOTA.finditer(c.flat)}
    for category in found:
        if c.field in TITLE_FIELDS:
            yield Hit("quota", category, FAIL, "named", c.field, c.text)
            continue
        cue = _cue(_QUOTA_CUE, c.flat)
        if cue is not None:
            yield Hit("quota", category, FAIL, "quota", c.field, c.text, cue.group())
        else:
            yield Hit("quota", category, WARN, "mention", c.field, c.text)


def _lead(c: Clause) -> Iterator[Hit]:
    categories = dict.fromkeys(LEAD_TERMS[m.group()] for m in _LEAD.finditer(c.flat))
    if not categories:
        return
    lead, assist = _cue(_LEAD_CUE, c.flat, assisting=True), _cue(_ASSIST_CUE, c.flat)
    named = _names_body(c.flat)
    for category in categories:
        if lead is not None and (assist is None or assist.start() > lead.start()):
            subject = c.flat[: lead.start()]
            if _names_body(subject) and not any(w in subject for w in COMMUNITY):
                yield Hit("lead", category, PASS, "other-lead", c.field, c.text, lead.group())
            else:
                yield Hit("lead", category, FAIL, "lead", c.field, c.text, lead.group())
        elif assist is not None:
            ok = category in ALLOWED_ASSIST or named
            yield Hit(
                "lead",
                category,
                PASS if ok else WARN,
                "assist" if ok else "assist-unnamed",
                c.field,
                c.text,
                assist.group(),
            )
        elif category == "enforcement" and any(w in c.flat for w in ENFORCERS):
            who = next(w for w in ENFORCERS if w in c.flat)  # 执法队员入户检查时: the enforcers act, not the community
            yield Hit("lead", category, PASS, "enforcers", c.field, c.text, who)
        else:
            yield Hit("lead", category, WARN, "unclear", c.field, c.text)


def _names_body(flat: str) -> bool:
    """Whether the text names a government body (a community's own bodies do not count)."""
    rest = flat
    for w in COMMUNITY:
        rest = rest.replace(w, "")
    return any(b in rest for b in BODIES)


def _assessment(c: Clause) -> Iterator[Hit]:
    cue = _cue(_ASSESS, c.flat)
    if cue is None or (_QUOTA.search(c.flat) and c.field not in TITLE_FIELDS):
        return  # a quota clause is reported once, as a quota
    if c.field in TITLE_FIELDS or any(w in c.flat for w in AIMED):
        yield Hit("assessment", cue.group(), FAIL, "assessed", c.field, c.text, cue.group())
    else:
        yield Hit("assessment", cue.group(), WARN, "assessment-mention", c.field, c.text, cue.group())


_RANK = {"unclear": 0, PASS: 1, WARN: 2, FAIL: 3}


def decisive(hits: list[Hit]) -> list[Hit]:
    """One hit per family and category: the worst, where a clause that settles who leads outranks one
    that leaves it open (a category 城市管理 explained in the content as assisting is allowed)."""
    best: dict[tuple[str, str], Hit] = {}
    for h in hits:
        k = (h.family, h.category)
        if k not in best or _rank(h) > _rank(best[k]):
            best[k] = h
    return list(best.values())


def _rank(h: Hit) -> int:
    return _RANK["unclear"] if h.how == "unclear" else _RANK[h.status]


def evidence(hits: list[Hit], chosen: Hit) -> list[Hit]:
    """The hits behind ``chosen``: its family and category with the same status (each clause once); for
    ``community_role: 牵头`` the role and every clause that touches the category."""
    seen: dict[tuple[str, str], Hit] = {}
    for h in sorted(hits, key=lambda h: h.how != "role"):  # the role first (stable otherwise)
        same = (h.family, h.category) == (chosen.family, chosen.category)
        if same and (chosen.how == "role" or h.status == chosen.status):
            seen.setdefault((h.field, h.words), h)
    return list(seen.values())
