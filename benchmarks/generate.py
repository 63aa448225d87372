"""Write a synthetic, province-scale qingdan list repository for benchmarks.

    python benchmarks/generate.py OUT_DIR --items 100000 [--seed 1] [--check]

The repository uses the real file format (docs/format.md): one province, one city, 10 districts,
100 streets and 1,000 communities; one ``duties`` list per jurisdiction below the province
(1,111 files), one ``admissions`` list per district, and one city ``negative`` and ``certificates``
list. Duty items are split 5/20/30/45% over city/district/street/community with ±50% jitter per
file, and look like hand-written data (block YAML, unquoted CJK, quoted dates and codes), about
530 bytes per item. The data is clean: schema-valid, references resolve, ids are unique, and no
two names in one file are near-identical. The output is deterministic for a given seed and is
written file by file, so 1M items need little memory.
"""

# ruff: noqa: T201  (a command-line script: printing is its output)
from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

PROVINCE = "980000000000"
CITY = "980100000000"
CITY_NAME = "示例市"
DISTRICTS = 10
STREETS_PER_DISTRICT = 10
COMMUNITIES_PER_STREET = 10
LEVEL_SHARES = {"市": 0.05, "区": 0.20, "街道": 0.30, "社区": 0.45}
JITTER = 0.5
ADMISSIONS_PER_DEPARTMENT = 3
EFFECTIVE = "2023-07-01"
VALID_UNTIL = "2030-12-31"

# Department kinds: key -> (city name suffix, district name suffix or "" when the district has none).
DEPARTMENT_KINDS: dict[str, tuple[str, str]] = {
    "民政": ("民政局", "民政局"),
    "人社": ("人力资源和社会保障局", "人力资源和社会保障局"),
    "卫健": ("卫生健康委员会", "卫生健康局"),
    "应急": ("应急管理局", "应急管理局"),
    "医保": ("医疗保障局", ""),
    "退役": ("退役军人事务局", ""),
    "司法": ("司法局", ""),
    "住建": ("住房和城乡建设局", ""),
    "文旅": ("文化广电旅游局", ""),
}

# fmt: off
# Name parts. A name is VERB + SUBJECT + MATTER + ACTION; the action is derived from the other three
# (see ``NameSpace``) so that two names in one file always differ in at least two parts.
VERBS = (
    "协助开展", "组织", "做好", "配合做好", "落实", "负责", "协助做好", "参与", "统筹推进", "具体承办",
    "牵头组织", "动员居民参加",
)
SUBJECTS = (
    "高龄老人", "残疾人", "退役军人", "低保家庭", "流动人口", "留守儿童", "育龄妇女", "困境少年",
    "失业青年", "特困供养对象", "社区矫正对象", "优抚对象", "外来务工者", "空巢独居户", "新市民",
    "物业小区", "沿街商铺", "出租房屋", "老旧楼院", "辖区单位", "学龄前幼童", "孕产妇", "慢性病患者",
    "精神障碍患者",
)
# (matter, department kind, category)
MATTERS = (
    ("医疗保险", "医保", "社会保障"), ("养老服务", "民政", "民政服务"), ("健康管理", "卫健", "卫生健康"),
    ("就业援助", "人社", "就业创业"), ("燃气安全", "应急", "应急管理"), ("户籍信息", "民政", "社区自治"),
    ("法律援助", "司法", "平安建设"), ("心理疏导", "卫健", "卫生健康"), ("职业技能", "人社", "就业创业"),
    ("防灾减灾", "应急", "应急管理"), ("疫苗接种", "卫健", "卫生健康"), ("住房保障", "住建", "社会保障"),
    ("老年助餐", "民政", "民政服务"), ("文体活动", "文旅", "文化体育"), ("优待抚恤", "退役", "退役军人服务"),
    ("临时救助", "民政", "社会保障"), ("矛盾纠纷", "司法", "综合治理"), ("社保待遇", "人社", "社会保障"),
    ("志愿服务", "民政", "社区自治"), ("消防隐患", "应急", "应急管理"), ("全民阅读", "文旅", "文化体育"),
    ("家庭医生签约", "卫健", "卫生健康"), ("长期护理保险", "医保", "社会保障"),
    ("电动车充电", "应急", "平安建设"),
)
# Place qualifiers for names beyond the first 6,912 of one file (only the 1M city list needs 8).
PLACES = ("东关", "西郊", "南湖", "北岭", "中山", "新港", "老街", "河口", "桥头", "塘下")

ACTIONS = (
    "登记造册", "宣传动员", "隐患排查", "入户走访", "数据统计", "信息核实", "业务培训", "结对帮扶",
    "节日慰问", "定期随访", "底数摸排", "建档立卡", "材料申报", "抽样调查", "日常巡查", "应急演练",
    "知识普及", "政策咨询", "关爱服务", "需求评估", "结果公示", "满意度回访", "供需对接", "个案转介",
)
ROLES = (("依法履职", 45), ("协助政府工作", 25), ("主体责任", 15), ("配合", 15))
OWNERS_COMMUNITY = ("居委会", "社区服务站", "社区党组织")
OWNERS_STREET = ("街道办事处", "居委会", "社区服务站")
LAWS = (
    ("《中华人民共和国城市居民委员会组织法》", 23),
    ("《中华人民共和国老年人权益保障法》", 85),
    ("《中华人民共和国社会保险法》", 98),
    ("《中华人民共和国基本医疗卫生与健康促进法》", 107),
    ("《中华人民共和国残疾人保障法》", 68),
    ("《中华人民共和国突发事件应对法》", 70),
    ("《中华人民共和国退役军人保障法》", 85),
    ("《中华人民共和国就业促进法》", 69),
    ("《中华人民共和国人民调解法》", 35),
    ("《中华人民共和国法律援助法》", 71),
    ("《中华人民共和国未成年人保护法》", 130),
    ("《中华人民共和国消防法》", 74),
    ("《中华人民共和国社会救助暂行办法》", 70),
    ("《中华人民共和国城市居民最低生活保障条例》", 17),
    ("《中华人民共和国精神卫生法》", 85),
    ("《关于加强基层治理体系和治理能力现代化建设的意见》", 30),
)
OPENINGS = (
    "按照上级部门工作部署，", "根据区级职能部门要求，", "在街道办事处指导下，", "依照有关政策规定，",
    "结合社区实际情况，", "按照属地管理原则，",
)
CLOSINGS = (
    "及时汇总上报有关情况和数据。", "建立工作台账并定期更新维护。", "发现问题及时向主管部门报告。",
    "做好政策解释和群众沟通工作。", "按季度报送工作进展和成效。", "配合主管部门做好检查验收。",
)
NOTES = (
    "本事项由社区服务站具体承办，需要时由街道统筹协调相关部门力量予以支持和保障。",
    "涉及居民个人信息的，应当严格遵守信息保护规定，不得超范围采集、留存和对外提供。",
    "工作中发现的困难群众线索，及时转交民政部门核实处理，并做好跟踪回访记录工作。",
)
FUNDING_SOURCES = ("区财政专项", "市级转移支付", "街道工作经费", "部门业务经费")
POWERS = (
    "可调阅相关业务系统中本辖区居民的基础数据",
    "可使用部门配发的移动终端开展入户信息核实",
    "可提请主管部门对拒不配合的单位依法处理",
)
STAFFING = (
    "街道配备专职工作人员一名，部门提供业务培训",
    "由社区网格员兼任，部门按月核拨人员补贴",
    "部门派驻业务指导员每周到社区工作一天",
)
NEGATIVE_ITEMS = (
    ("招商引资任务指标分解", "招商引资"), ("引进企业落户数量考核", "招商引资"),
    ("协助税务部门催缴税款", "协税护税"), ("代征代缴各类税费", "协税护税"),
    ("城市管理行政执法", "执法"), ("市场监管行政处罚", "执法"), ("环境保护督查执法", "执法"),
    ("征地拆迁补偿协调", "拆迁拆违"), ("违法建设强制拆除", "拆迁拆违"),
    ("各类创建达标评比", "考核评比"), ("部门工作挂牌考核", "考核评比"), ("经济创收指标考核", "考核评比"),
)
# (name, stance, aliases)
CERTIFICATES = (
    ("居住情况证明", "allowed", ("居（租）住证明",)),
    ("生活困难情况说明", "allowed", ()),
    ("参加社区活动证明", "allowed", ("社会实践证明",)),
    ("在职党员到居住地报到情况反馈", "allowed", ()),
    ("收养人婚姻状况和抚养教育能力证明", "allowed", ()),
    ("住宅专项维修资金使用证明", "allowed", ()),
    ("亲属关系证明", "forbidden", ("直系血亲关系证明",)),
    ("户籍登记信息证明", "forbidden", ()),
    ("婚姻状况证明", "forbidden", ()),
    ("出生证明", "forbidden", ()),
    ("健在证明", "forbidden", ("生存证明",)),
    ("疾病证明", "forbidden", ()),
    ("居民财产证明", "forbidden", ("经济状况证明", "收入证明")),
    ("无犯罪记录证明", "forbidden", ()),
    ("市场主体住所证明", "forbidden", ()),
    ("缴费票据遗失证明", "forbidden", ()),
)
# fmt: on
ALTERNATIVES = ("数据共享核验", "告知承诺", "个人书面承诺", "部门自行调查核实")
DISTRICT_SEED_NAMES = "东湖 西山 南河 北桥 中园 新林 长港 青苑 金城 银门".split()
STREET_SEED_NAMES = "向阳 和平 新华 朝晖 建设 人民 解放 光明 幸福 团结".split()
COMMUNITY_SUFFIXES = "花园 新村 家园 里 嘉苑 南里 北里 东苑 西苑 景园".split()
CN_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    level: str
    district: int  # 0 for the province and the city
    street: int = 0
    community: int = 0


@dataclass(frozen=True)
class Department:
    name: str
    alias: str
    jurisdiction: str
    kind: str


@dataclass(frozen=True)
class Admission:
    id: str
    department: str


@dataclass
class Stats:
    files: int = 0
    items: int = 0
    bytes: int = 0


def cn_number(n: int) -> str:
    """Chinese numeral for 1..199, as used in article numbers (第二十三条)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        return CN_DIGITS[hundreds] + "百"
    tail = ("零" + CN_DIGITS[rest]) if rest < 10 else ("一" + cn_number(rest) if rest < 20 else cn_number(rest))
    return CN_DIGITS[hundreds] + "百" + tail


# --- jurisdictions and departments -------------------------------------------------------------


def build_jurisdictions() -> list[Jurisdiction]:
    """Province, city, then each district followed by its streets and their communities."""
    result = [Jurisdiction(PROVINCE, "示例省", "省", 0), Jurisdiction(CITY, CITY_NAME, "市", 0)]
    for d in range(1, DISTRICTS + 1):
        result.append(Jurisdiction(f"9801{d:02d}000000", f"第{d}区", "区", d))
        for s in range(1, STREETS_PER_DISTRICT + 1):
            street = STREET_SEED_NAMES[s - 1] + DISTRICT_SEED_NAMES[d - 1]
            result.append(Jurisdiction(f"9801{d:02d}{s:03d}000", f"{street}街道", "街道", d, s))
            for c in range(1, COMMUNITIES_PER_STREET + 1):
                name = f"{street}{COMMUNITY_SUFFIXES[c - 1]}社区"
                result.append(Jurisdiction(f"9801{d:02d}{s:03d}{c:03d}", name, "社区", d, s, c))
    return result


def district_code(district: int) -> str:
    return f"9801{district:02d}000000"


def build_departments() -> list[Department]:
    """City departments of every kind, and four kinds in each district."""
    result = [
        Department(f"{CITY_NAME}{city}", f"市{city}", CITY, kind)
        for kind, (city, _district) in DEPARTMENT_KINDS.items()
    ]
    for d in range(1, DISTRICTS + 1):
        for kind, (_city, suffix) in DEPARTMENT_KINDS.items():
            if suffix:
                result.append(Department(f"{CITY_NAME}第{d}区{suffix}", f"第{d}区{suffix}", district_code(d), kind))
    return result


def department_index(departments: Sequence[Department]) -> dict[tuple[int, str], Department]:
    """(district, kind) -> the department that guides that kind of work there (district first, else city)."""
    index: dict[tuple[int, str], Department] = {}
    city = {dep.kind: dep for dep in departments if dep.jurisdiction == CITY}
    for d in range(0, DISTRICTS + 1):
        for kind in DEPARTMENT_KINDS:
            index[(d, kind)] = city[kind]
    for dep in departments:
        if dep.jurisdiction != CITY:
            index[(int(dep.jurisdiction[4:6]), dep.kind)] = dep
    return index


# --- item counts and names ---------------------------------------------------------------------


def split_evenly(total: int, weights: Sequence[float]) -> list[int]:
    """Integer shares of ``total`` proportional to ``weights`` (largest remainder), each at least 1."""
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    counts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return [max(1, c) for c in counts]


def items_per_file(rng: random.Random, total: int, lists: Sequence[Jurisdiction]) -> dict[str, int]:
    """Spread ``total`` duty items over the duty lists by level share with ±50% jitter per file."""
    counts: dict[str, int] = {}
    for level, share in LEVEL_SHARES.items():
        members = [j for j in lists if j.level == level]
        weights = [rng.uniform(1 - JITTER, 1 + JITTER) for _ in members]
        for j, n in zip(members, split_evenly(round(total * share), weights), strict=True):
            counts[j.code] = n
    return counts


class NameSpace:
    """Distinct item names for one file.

    Names are VERB + SUBJECT + MATTER + ACTION with the action index fixed by the other three
    (their sum modulo the number of actions). Two different names then differ in at least two
    parts, which keeps them well below the near-duplicate threshold. Past the size of the space
    (only the biggest files at 1M items) each further batch appends its own place qualifier and shifts
    the action, so names of different batches also differ in two parts.
    """

    size = len(VERBS) * len(SUBJECTS) * len(MATTERS)

    def __init__(self, rng: random.Random, count: int) -> None:
        self.codes: list[int] = []
        while len(self.codes) < count:
            self.codes.extend(rng.sample(range(self.size), min(self.size, count - len(self.codes))))

    @staticmethod
    def compose(v: int, s: int, m: int, batch: int = 0) -> str:
        place = f"（{PLACES[batch - 1]}）" if batch else ""
        return VERBS[v] + SUBJECTS[s] + MATTERS[m][0] + ACTIONS[(v + s + m + batch) % len(ACTIONS)] + place

    def __iter__(self) -> Iterator[tuple[str, int, int]]:
        """Yield (name, subject index, matter index)."""
        for n, code in enumerate(self.codes):
            code, v = divmod(code, len(VERBS))
            m, s = divmod(code, len(SUBJECTS))
            yield self.compose(v, s, m, n // self.size), s, m


# --- YAML writing ------------------------------------------------------------------------------


def header(kind: str, j: Jurisdiction, title: str, issuer: str, doc_number: str, owner: str = "") -> str:
    lines = [
        "format: 1",
        f"kind: {kind}",
        f'jurisdiction: "{j.code}"',
        f"title: {title}",
        f"issuer: {issuer}",
        f"doc_number: {doc_number}",
        f'effective: "{EFFECTIVE}"',
        "version: 2023版",
    ]
    if owner:
        lines.append(f"owner: {owner}")
    lines.append("items:")
    return "\n".join(lines) + "\n"


def issuer_of(j: Jurisdiction) -> tuple[str, str]:
    """Issuing government and its document-number prefix for a list of jurisdiction ``j``."""
    if j.district == 0:
        return f"{CITY_NAME}人民政府", "示政发"
    return f"{CITY_NAME}第{j.district}区人民政府", f"示{cn_number(j.district)}政发"


def citation(rng: random.Random) -> str:
    law, articles = rng.choice(LAWS)
    article = f"第{cn_number(rng.randint(1, articles))}条"
    if rng.random() < 0.4:
        article += f"第{cn_number(rng.randint(1, 4))}款"
    return law + article


def legal_basis_lines(rng: random.Random) -> list[str]:
    cites = {citation(rng) for _ in range(rng.choices((1, 2, 3), weights=(7, 2, 1))[0])}
    return ["    legal_basis:"] + [f"      - {c}" for c in sorted(cites)]


def resource_lines(rng: random.Random) -> list[str]:
    """funding, powers and staffing (费随事转、权随责走、人随事转)."""
    if rng.random() < 0.5:
        funding = [
            "    funding:",
            f"      amount: {rng.randrange(2000, 60000, 500)}",
            f"      source: {rng.choice(FUNDING_SOURCES)}",
        ]
    else:
        funding = [f"    funding: {rng.choice(FUNDING_SOURCES)}按每个社区每年{rng.randrange(2, 30)}千元标准拨付"]
    return funding + [f"    powers: {rng.choice(POWERS)}", f"    staffing: {rng.choice(STAFFING)}"]


def text_line(rng: random.Random, subject: str, matter: str) -> str:
    if rng.random() < 0.25:
        return f"    notes: {rng.choice(NOTES)}"
    return f"    content: {rng.choice(OPENINGS)}协助做好辖区{subject}{matter}相关工作，{rng.choice(CLOSINGS)}"


def owner_for(rng: random.Random, j: Jurisdiction) -> str:
    return rng.choice(OWNERS_STREET if j.level == "街道" else OWNERS_COMMUNITY)


def pick_role(rng: random.Random) -> str:
    return rng.choices([r for r, _ in ROLES], weights=[w for _, w in ROLES])[0]


@dataclass(frozen=True)
class DutyContext:
    departments: dict[tuple[int, str], Department]
    admissions: dict[tuple[int, str], list[Admission]]


def duty_item(rng: random.Random, ctx: DutyContext, j: Jurisdiction, item_id: str, name: str, s: int, m: int) -> str:
    matter, kind, category = MATTERS[m]
    role = pick_role(rng)
    department = ctx.departments[(j.district, kind)].name
    lines = [
        f"  - id: {item_id}",
        f"    name: {name}",
        f"    role: {role}",
        f"    owner: {owner_for(rng, j)}",
    ]
    admission = ""
    if role == "协助政府工作" and j.level == "社区":
        record = rng.choice(ctx.admissions[(j.district, kind)])
        admission, department = record.id, record.department
    lines += [f"    department: {department}", f"    category: {category}"]
    if admission:
        lines.append(f"    admission: {admission}")
    lines += legal_basis_lines(rng)
    lines.append(text_line(rng, SUBJECTS[s], matter))
    if role == "协助政府工作":
        lines += resource_lines(rng)
    return "\n".join(lines) + "\n"


def duty_id(j: Jurisdiction, n: int) -> str:
    return f"D01{j.district:02d}-{j.street:03d}-{j.community:03d}-{n:05d}"


def duties_title(j: Jurisdiction) -> str:
    if j.level == "社区":
        return f"{j.name}居民委员会依法履职和协助政府工作事项清单"
    if j.level == "街道":
        return f"{j.name}办事处社区工作事项清单"
    return f"{CITY_NAME}{j.name if j.level == '区' else ''}社区工作事项清单"


def duties_file(rng: random.Random, ctx: DutyContext, j: Jurisdiction, count: int) -> Iterator[str]:
    issuer, prefix = issuer_of(j)
    owner = "居委会" if j.level == "社区" else ""
    yield header("duties", j, duties_title(j), issuer, f"{prefix}〔2023〕{rng.randint(1, 60)}号", owner)
    for n, (name, s, m) in enumerate(NameSpace(rng, count), start=1):
        yield duty_item(rng, ctx, j, duty_id(j, n), name, s, m)


def admission_records(departments: Sequence[Department]) -> dict[tuple[int, str], list[Admission]]:
    """(district, department kind) -> admitted records in that district's admissions list."""
    index = department_index(departments)
    records: dict[tuple[int, str], list[Admission]] = {}
    for d in range(1, DISTRICTS + 1):
        serial = 0
        for kind in DEPARTMENT_KINDS:
            for _ in range(ADMISSIONS_PER_DEPARTMENT):
                serial += 1
                records.setdefault((d, kind), []).append(Admission(f"A01{d:02d}-{serial:04d}", index[(d, kind)].name))
    return records


def admission_item(rng: random.Random, record: Admission, d: int, name: str) -> str:
    month = rng.randint(1, 6)
    lines = [
        f"  - id: {record.id}",
        f"    name: {name}",
        f"    applicant: {record.department}",
        "    status: admitted",
        f"    decided_by: 第{d}区社区减负工作组",
        f'    applied: "2023-{month:02d}-{rng.randint(1, 28):02d}"',
        f'    decided: "2023-{month + 1:02d}-{rng.randint(1, 28):02d}"',
        f'    valid_from: "2023-{month + 2:02d}-01"',
        f'    valid_until: "{VALID_UNTIL}"',
        "    targets:",
        f'      - "{district_code(d)}"',
    ]
    lines += legal_basis_lines(rng)
    lines += resource_lines(rng)
    return "\n".join(lines) + "\n"


def admission_name(rng: random.Random, kind: str, used: set[str]) -> str:
    """A distinct name for work of department ``kind`` (its matter belongs to that department)."""
    matters = [m for m, (_matter, k, _category) in enumerate(MATTERS) if k == kind]
    while True:
        name = NameSpace.compose(rng.randrange(len(VERBS)), rng.randrange(len(SUBJECTS)), rng.choice(matters))
        if name not in used:
            used.add(name)
            return name


def admissions_file(rng: random.Random, j: Jurisdiction, records: dict[str, list[Admission]]) -> Iterator[str]:
    issuer, prefix = issuer_of(j)
    title = f"{CITY_NAME}{j.name}社区工作事项准入记录"
    yield header("admissions", j, title, issuer, f"{prefix}〔2023〕{rng.randint(61, 99)}号")
    used: set[str] = set()
    for kind, kind_records in records.items():
        for record in kind_records:
            yield admission_item(rng, record, j.district, admission_name(rng, kind, used))


def negative_file(rng: random.Random, j: Jurisdiction) -> Iterator[str]:
    yield header("negative", j, f"{CITY_NAME}社区工作负面事项清单", f"{CITY_NAME}人民政府", "示政发〔2023〕7号")
    for n, (name, category) in enumerate(NEGATIVE_ITEMS, start=1):
        lines = [f"  - id: N0100-{n:04d}", f"    name: {name}", f"    category: {category}"]
        lines += legal_basis_lines(rng)
        lines.append("    notes: 不得以任何形式交由社区居民委员会承担，确需社区协助的须按程序申请准入。")
        yield "\n".join(lines) + "\n"


def certificate_item(rng: random.Random, n: int, name: str, stance: str, aliases: Sequence[str]) -> str:
    lines = [f"  - id: C0100-{n:04d}", f"    name: {name}", f"    stance: {stance}"]
    if aliases:
        lines += ["    aliases:"] + [f"      - {a}" for a in aliases]
    if stance == "allowed":
        lines += legal_basis_lines(rng)
        lines.append("    verification: 社区工作人员入户或通过邻里走访核实，并留存核实记录备查")
    else:
        lines.append(f"    alternative: {rng.choice(ALTERNATIVES)}")
    return "\n".join(lines) + "\n"


def certificates_file(rng: random.Random, j: Jurisdiction) -> Iterator[str]:
    title = f"{CITY_NAME}社区居民委员会出具证明事项清单"
    yield header("certificates", j, title, f"{CITY_NAME}民政局", "示民发〔2023〕3号")
    for n, (name, stance, aliases) in enumerate(CERTIFICATES, start=1):
        yield certificate_item(rng, n, name, stance, aliases)


def jurisdictions_file(jurisdictions: Iterable[Jurisdiction]) -> Iterator[str]:
    yield "format: 1\nkind: jurisdictions\njurisdictions:\n"
    for j in jurisdictions:
        yield f'  - {{code: "{j.code}", name: {j.name}, level: {j.level}}}\n'


def departments_file(departments: Iterable[Department]) -> Iterator[str]:
    yield "format: 1\nkind: departments\ndepartments:\n"
    for dep in departments:
        yield f'  - name: {dep.name}\n    aliases: [{dep.alias}]\n    jurisdiction: "{dep.jurisdiction}"\n'


# --- driver ------------------------------------------------------------------------------------

QINGDAN_TOML = """\
# Synthetic benchmark repository written by benchmarks/generate.py.
[rules]
# Only the city has a certificates list; lower levels do not restate it on purpose.
forbidden-not-restated = "off"
"""


def write(path: Path, chunks: Iterable[str], stats: Stats, items: int) -> None:
    data = "".join(chunks).encode("utf-8")
    path.write_bytes(data)
    stats.files += 1
    stats.items += items
    stats.bytes += len(data)


def generate(out: Path, total_items: int, seed: int) -> Stats:
    rng = random.Random(seed)
    lists_dir = out / "lists"
    lists_dir.mkdir(parents=True, exist_ok=True)
    jurisdictions = build_jurisdictions()
    departments = build_departments()
    admissions = admission_records(departments)
    ctx = DutyContext(department_index(departments), admissions)
    extra = len(NEGATIVE_ITEMS) + len(CERTIFICATES) + sum(len(v) for v in admissions.values())
    duty_lists = [j for j in jurisdictions if j.level != "省"]
    counts = items_per_file(rng, max(total_items - extra, len(duty_lists)), duty_lists)

    meta = Stats()  # jurisdictions.yaml and departments.yaml hold no items
    write(lists_dir / "jurisdictions.yaml", jurisdictions_file(jurisdictions), meta, 0)
    write(lists_dir / "departments.yaml", departments_file(departments), meta, 0)
    stats = Stats()
    city = jurisdictions[1]
    write(lists_dir / f"negative-{CITY}.yaml", negative_file(rng, city), stats, len(NEGATIVE_ITEMS))
    write(lists_dir / f"certificates-{CITY}.yaml", certificates_file(rng, city), stats, len(CERTIFICATES))
    for j in duty_lists:
        if j.level == "区":
            records = {kind: admissions[(j.district, kind)] for kind in DEPARTMENT_KINDS}
            count = sum(len(v) for v in records.values())
            write(lists_dir / f"admissions-{j.code}.yaml", admissions_file(rng, j, records), stats, count)
        write(
            lists_dir / f"duties-{j.code}.yaml",
            duties_file(rng, ctx, j, counts[j.code]),
            stats,
            counts[j.code],
        )
    (out / "qingdan.toml").write_text(QINGDAN_TOML, encoding="utf-8")
    return Stats(stats.files + meta.files, stats.items, stats.bytes + meta.bytes)


def check_schema(out: Path, schema_path: Path) -> int:
    """Validate every file under lists/ with python-jsonschema; return the number of invalid files."""
    import json

    import jsonschema
    import yaml

    class Loader(yaml.CSafeLoader):  # type: ignore[misc]  # dates stay strings, as in qingdan's YAML dialect
        yaml_implicit_resolvers = {
            k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
            for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }

    validator = jsonschema.Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))
    bad = 0
    for path in sorted((out / "lists").glob("*.yaml")):
        errors = list(validator.iter_errors(yaml.load(path.read_bytes(), Loader=Loader)))
        for error in errors[:3]:
            print(f"{path}: {error.json_path}: {error.message}", file=sys.stderr)
        bad += bool(errors)
    return bad


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="repository directory to write (created if missing)")
    parser.add_argument("--items", type=int, default=100_000, help="total number of items (default 100000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--check", action="store_true", help="validate the output with python-jsonschema (slow)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    stats = generate(args.out_dir, args.items, args.seed)
    elapsed = time.perf_counter() - start
    print(
        f"wrote {stats.files} files, {stats.items} items, {stats.bytes / 1e6:.1f} MB "
        f"({stats.bytes / max(stats.items, 1):.0f} bytes/item) to {args.out_dir} in {elapsed:.1f} s"
    )
    if args.check:
        schema = Path(__file__).resolve().parent.parent / "src" / "qingdan" / "schemas" / "qingdan.schema.json"
        bad = check_schema(args.out_dir, schema)
        print(f"schema check: {bad} invalid file(s)")
        return 1 if bad else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
