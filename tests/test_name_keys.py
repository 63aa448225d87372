"""Name keys of bracketed names: pinned to their values, and the fast path against the plain one it replaced."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qingdan import text
from qingdan.text import (
    CERTIFICATE_ENDINGS,
    COVER_CUES,
    GENERIC,
    LEADING_VERBS,
    MIN_DERIVED,
    QUALIFIER_CUES,
    TRAILING_WORDS,
    Name,
    derivable,
    derived_keys,
    derived_name_keys,
    key,
    keys,
    parse_name,
    simplify,
)

# (name, derived_keys(name), parse_name(name) without the text): as the plain implementation gave them.
PINNED = [
    ("开具居住证明（用于子女入学）", ("开具居住证明", "居住证明"), ("开具居住证明", (), ("用于子女入学",))),
    (
        "协助开展高龄老人医疗保险登记造册（东关）",
        ("协助开展高龄老人医疗保险登记造册",),
        ("协助开展高龄老人医疗保险登记造册", (), ("东关",)),
    ),
    (
        "组织残疾人养老服务宣传动员（西郊）",
        ("组织残疾人养老服务宣传动员",),
        ("组织残疾人养老服务宣传动员", (), ("西郊",)),
    ),
    (
        "居民财产证明（经济状况证明、收入证明）",
        ("居民财产证明", "经济状况证明", "收入证明"),
        ("居民财产证明", ("经济状况证明", "收入证明"), ()),
    ),
    ("收入證明（用于助学金申请）", ("收入证明",), ("收入證明", (), ("用于助学金申请",))),
    ("住房证明（无房、租房）", ("住房证明",), ("住房证明", (), ("无房", "租房"))),
    ("招商引资（任务指标）", ("招商引资",), ("招商引资", (), ("任务指标",))),
    (
        "亲属关系证明（含父母子女关系证明）",
        ("亲属关系证明", "父母子女关系证明"),
        ("亲属关系证明", ("父母子女关系证明",), ()),
    ),
    (
        "亲属关系证明（包括夫妻关系证明、父母子女关系证明等）",
        ("亲属关系证明", "夫妻关系证明", "父母子女关系证明"),
        ("亲属关系证明", ("夫妻关系证明", "父母子女关系证明"), ()),
    ),
    ("居住证明(用于办理居住证)", ("居住证明",), ("居住证明", (), ("用于办理居住证",))),
    ("居住证明 ( 限本社区居民 )", ("居住证明",), ("居住证明", (), ("限本社区居民",))),
    ("【便民】开具居住证明", ("开具居住证明", "居住证明"), ("开具居住证明", (), ("便民",))),
    ("〔2023〕出具无犯罪记录证明", ("出具无犯罪记录证明", "无犯罪记录证明"), ("出具无犯罪记录证明", (), ("2023",))),
    ("健康证明[仅限食品从业人员]", ("健康证明",), ("健康证明", (), ("仅限食品从业人员",))),
    (
        "开具死亡证明（非正常死亡除外）（限辖区）",
        ("开具死亡证明", "死亡证明"),
        ("开具死亡证明", (), ("非正常死亡除外", "限辖区")),
    ),
    ("婚姻状况证明（未婚、离婚、丧偶）", ("婚姻状况证明",), ("婚姻状况证明", (), ("未婚", "离婚", "丧偶"))),
    ("开收入证明吗", ("收入证明",), ("开收入证明吗", (), ())),
    ("能不能开具居住证明", ("居住证明",), ("能不能开具居住证明", (), ())),
    ("证明居民婚姻状况情况", ("婚姻状况证明", "婚姻状况情况证明"), ("证明居民婚姻状况情况", (), ())),
    ("证明本人无房的情况", ("无房证明", "无房情况证明"), ("证明本人无房的情况", (), ())),
    ("（居住证明）", (), ("（居住证明）", (), ())),
    ("（）", (), ("（）", (), ())),
    ("收入证明（）", (), ("收入证明", (), ())),
    (
        "低保证明（低保户证明／特困证明）",
        ("低保证明", "低保户证明", "特困证明"),
        ("低保证明", ("低保户证明", "特困证明"), ()),
    ),
    ("养老服务（养老服务；居家养老服务）", ("养老服务", "居家养老服务"), ("养老服务", ("居家养老服务",), ())),
    ("经营场所证明（租赁经营场所）", ("经营场所证明",), ("经营场所证明", (), ("租赁经营场所",))),
    ("出具证明（居住证明）", ("出具证明", "居住证明"), ("出具证明", ("居住证明",), ())),
    ("开具证明（用途：出国）", ("开具证明",), ("开具证明", (), ("用途：出国",))),
    ("ＡＢＣ证明（ａｂｃ）", ("abc证明",), ("ＡＢＣ证明", (), ("ａｂｃ",))),
    ("Residence certificate (for school)", ("residencecertificate",), ("Residence certificate", (), ("for school",))),
    ("居住證明（用於子女入學）", ("居住证明",), ("居住證明", (), ("用於子女入學",))),
    ("开具居住证明（用于子女入学）\n", ("开具居住证明", "居住证明"), ("开具居住证明", (), ("用于子女入学",))),
    ("开收入证明吗\n", ("收入证明",), ("开收入证明吗", (), ())),
    ("办理居住证明（办理居住证）", ("办理居住证明", "居住证明"), ("办理居住证明", (), ("办理居住证",))),
    ("社区矫正对象日常巡查（老街）", ("社区矫正对象日常巡查",), ("社区矫正对象日常巡查", (), ("老街",))),
    ("出租房屋消防隐患隐患排查（新港）", ("出租房屋消防隐患隐患排查",), ("出租房屋消防隐患隐患排查", (), ("新港",))),
    ("收入证明（经济状况证明，收入证明）", ("收入证明", "经济状况证明"), ("收入证明", ("经济状况证明",), ())),
    ("居住证明（居住证明）", ("居住证明",), ("居住证明", (), ())),
    (
        "协助做好辖区单位燃气安全应急演练（限文明城市、卫生城市以外）",
        ("协助做好辖区单位燃气安全应急演练",),
        ("协助做好辖区单位燃气安全应急演练", (), ("限文明城市、卫生城市以外",)),
    ),
    (
        "开具亲属关系证明（即直系亲属关系证明）",
        ("开具亲属关系证明", "亲属关系证明", "直系亲属关系证明"),
        ("开具亲属关系证明", ("直系亲属关系证明",), ()),
    ),
    ("开具证明（又称居住证明）", ("开具证明", "居住证明"), ("开具证明", ("居住证明",), ())),
    ("出生证明（因出生证明遗失补办）", ("出生证明",), ("出生证明", (), ("因出生证明遗失补办",))),
    ("收入证明吗\n", ("收入证明",), ("收入证明吗", (), ())),
    ("養老服務（居家养老服务）", ("养老服务", "居家养老服务"), ("養老服務", ("居家养老服务",), ())),
    (
        "居家養老服務（社区养老服务、日间照料服务）",
        ("居家养老服务", "社区养老服务", "日间照料服务"),
        ("居家養老服務", ("社区养老服务", "日间照料服务"), ()),
    ),
    ("健康證明（從業人員健康证明）", ("健康证明", "从业人员健康证明"), ("健康證明", ("從業人員健康证明",), ())),
]


@pytest.mark.parametrize(("name", "derived", "parsed"), PINNED, ids=[p[0] for p in PINNED])
def test_bracketed_names_keep_their_keys(name: str, derived: tuple[str, ...], parsed: tuple[object, ...]) -> None:
    assert derived_keys(name) == derived
    assert parse_name(name) == Name(name, *parsed)
    assert derivable((name,)) == bool(reference_derivable((name,)))
    assert derived_name_keys((name,)) == reference_derived_name_keys((name,))


# --- the plain implementation (before the fast path), kept as the reference ----------------------------------

_BRACKET = re.compile(r"[（(【〔\[]([^（()）【】〔〕\[\]]*)[）)】〕\]]")
_SEP = re.compile(r"[、，,；;／/]")
_ETC = re.compile(r"(等等|等|……|…|\.\.\.)$")
_CLAUSE = re.compile(r"^证明(?:居民|本人|申请人|当事人|其)?(.{2,}?)(?:的)?(情况)?$")
_DERIVABLE = re.compile("^(?:" + "|".join(LEADING_VERBS) + "|证明)|(?:" + "|".join(TRAILING_WORDS) + ")$")


def _is_certificate(name: str) -> bool:
    return simplify(name).endswith(CERTIFICATE_ENDINGS)


def _name_like(piece: str, core: str) -> bool:
    if len(piece) < 2:
        return False
    if _is_certificate(core) or _is_certificate(piece):
        return _is_certificate(piece)
    return len(core) >= 2 and simplify(piece).endswith(simplify(core)[-2:])


def reference_parse_name(text: str) -> Name:
    variants: list[str] = []
    qualifiers: list[str] = []
    core = _BRACKET.sub(" ", text).strip()
    core = re.sub(r"\s+", "", core) if re.search(r"[\u3400-\u9fff]", core) else re.sub(r"\s+", " ", core)
    if not core:
        return Name(text, text.strip(), (), ())
    for inner in _BRACKET.findall(text):
        inner = inner.strip()
        if not inner:
            continue
        if simplify(inner).startswith(QUALIFIER_CUES):
            qualifiers.append(inner)
            continue
        cover = next((c for c in COVER_CUES if inner.startswith(c)), "")
        pieces = [_ETC.sub("", p.strip()).strip() for p in _SEP.split(inner[len(cover) :])]
        pieces = [p for p in pieces if p]
        named = [p for p in pieces if _name_like(p, core)]
        if cover and named == pieces:
            variants.extend(p for p in pieces if p not in variants and p != core)
        elif named and len(named) == len(pieces):
            variants.extend(p for p in pieces if p not in variants and p != core)
        else:
            qualifiers.extend(p for p in (pieces if not named and not cover else [inner]) if p not in qualifiers)
    return Name(text, core, tuple(variants), tuple(qualifiers))


def _strip_words(text: str) -> str:
    original = text
    changed = True
    while changed and len(text) > 2:
        changed = False
        for verb in LEADING_VERBS:
            if text.startswith(verb) and len(text) - len(verb) >= 2:
                text, changed = text[len(verb) :], True
                break
        for word in TRAILING_WORDS:
            if text.endswith(word) and len(text) - len(word) >= 2:
                text, changed = text[: -len(word)], True
                break
    return text if _is_certificate(text) else original


def reference_derived_keys(text: str) -> tuple[str, ...]:
    name = reference_parse_name(text)
    out: list[str] = []
    own = key(text)
    for candidate in (name.core, *name.variants):
        k = key(candidate)
        for form in (k, _strip_words(k)):
            clause = _CLAUSE.match(form)
            named = (f"{clause.group(1)}证明", f"{clause.group(1)}{clause.group(2)}证明") if clause else ()
            for found in (form, *named):
                if found and found != own and found not in out and len(found) >= MIN_DERIVED and found not in GENERIC:
                    out.append(found)
    return tuple(out)


def reference_derivable(names: tuple[str, ...]) -> bool:
    return any(_DERIVABLE.search(n) or not frozenset("（(【〔[").isdisjoint(n) for n in names)


def reference_derived_name_keys(names: tuple[str, ...]) -> tuple[str, ...]:
    own = {key(n) for n in names}
    out: list[str] = []
    for n in names:
        out.extend(k for k in reference_derived_keys(n) if k not in own and k not in out)
    return tuple(out)


# --- the fast path gives what the reference gives ---------------------------------------------------------------

# Names made of the pieces the parser looks at: brackets of every sort (full- and half-width, unbalanced,
# nested), separators, cues, verbs, endings, particles, traditional and full-width characters, spaces.
_PARTS = [
    *"（）()【】〔〕[]、，,；;／/ \u3000\n\t.…",
    *QUALIFIER_CUES, *COVER_CUES, *CERTIFICATE_ENDINGS, *LEADING_VERBS, *TRAILING_WORDS, *GENERIC,
    "等", "等等", "……", "...", "证明", "居民", "本人", "情况", "的", "收入", "居住", "住房", "无房", "东关",
    "養老", "證明", "用於", "服務", "養老服務", "從業人員", "ＡＢ", "ｃ", "Ab", "x", "1", "高龄老人医疗保险登记造册", "乾燥", "头发",
]  # fmt: skip
_words = st.lists(st.sampled_from(_PARTS), max_size=6).map("".join)
_bracket = st.tuples(
    st.sampled_from("（(【〔["),
    st.lists(_words, max_size=4),
    st.sampled_from("、，,；;／/"),
    st.sampled_from("）)】〕]"),
).map(lambda b: b[0] + b[2].join(b[1]) + b[3])
# Free sequences of the parts, names shaped core + brackets of pieces, and any text at all.
names = (
    st.lists(st.sampled_from(_PARTS), max_size=12).map("".join)
    | st.tuples(_words, st.lists(_bracket, max_size=3), _words).map(lambda n: n[0] + "".join(n[1]) + n[2])
    | st.text(max_size=24)
)


@pytest.mark.parametrize(
    "name", ["收入证明吗\n", "收入证明的\n", "收入证明吗\n\n", "证明\n", "居住证明（", "收入证明吗 "]
)
def test_derivable_is_the_regex_it_replaced(name: str) -> None:
    assert derivable((name,)) == reference_derivable((name,))
    assert derivable(("居住证明", name)) == reference_derivable(("居住证明", name))


@settings(max_examples=1500, deadline=None)
@given(names)
def test_parse_name_and_derived_keys_are_the_reference(name: str) -> None:
    assert parse_name(name) == reference_parse_name(name)
    assert derived_keys(name) == reference_derived_keys(name)
    assert derived_keys(name) == reference_derived_keys(name)  # again: from the memo


@settings(max_examples=800, deadline=None)
@given(st.lists(names, min_size=1, max_size=4).map(tuple))
def test_name_keys_of_an_item_are_the_reference(item: tuple[str, ...]) -> None:
    assert derivable(item) == reference_derivable(item)
    want = reference_derived_name_keys(item)
    assert derived_name_keys(item) == want
    assert derived_name_keys(item, tuple(keys(list(item)))) == want  # with the keys a document has


def test_long_names_are_derived_without_the_memo() -> None:
    name = "开具" + "居住" * text.MEMO_LONGEST + "证明（用于子女入学）"
    assert derived_keys(name) == reference_derived_keys(name)
    assert derived_name_keys((name, "居住证明")) == reference_derived_name_keys((name, "居住证明"))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([p[0] for p in PINNED] + ["婚育状况证明", "居民財產證明", "x" * 250, ""]),
            st.lists(st.sampled_from(["人口普查", "居住證明", "y" * 300]), max_size=2).map(tuple),
        ),
        max_size=12,
    ),
    st.integers(1, 20),
)
def test_the_name_memo_gives_what_working_the_keys_out_gives(
    named: list[tuple[str, tuple[str, ...]]], size: int
) -> None:
    """document._name_keys remembers names across files: with a memo that fills and empties (``size``), every
    answer is the keys and derived keys of the name and aliases themselves, and long names are never kept."""
    from qingdan import document

    saved = document.NAME_MEMO
    document.NAME_MEMO = size
    document._NAMES.clear()  # other tests in this process may have filled it
    try:
        for _ in range(2):  # the second time from the memo
            got = document._name_keys([n for n, _ in named], [a for _, a in named])
            for (name, aliases), (own, cores) in zip(named, got, strict=True):
                assert own == tuple(k[: document.MAX_NAME] for k in keys([name, *aliases]))
                assert cores == document._cores(name, aliases, own)
            assert len(document._NAMES) <= max(size, len(set(named)))
            kept = [(k, ()) if isinstance(k, str) else k for k in document._NAMES]  # a name without aliases: itself
            assert all(len(n) + sum(map(len, a)) <= document.MEMO_LONGEST for n, a in kept)
    finally:
        document.NAME_MEMO = saved
        document._NAMES.clear()
