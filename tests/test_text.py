"""Normalisation: formatting-only differences never count as different names."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qingdan.text import NameIndex, closest_earlier, is_catch_all, key, keys, similarity


def test_width_spacing_punctuation_and_traditional_fold_together() -> None:
    assert (
        key("居民財產證明（經濟狀況證明）") == key("居民财产证明(经济状况证明)") == key(" 居民财产证明 经济状况证明。")
    )


def test_distinct_names_stay_distinct() -> None:
    assert key("婚姻状况证明") != key("婚育状况证明")


def test_similarity_scale() -> None:
    assert similarity(key("婚育状况证明"), key("生育状况证明")) > 80
    assert similarity(key("死亡证明"), key("出生证明")) < 60


def test_catch_all() -> None:
    assert is_catch_all(key("其他依法依规需要出具的证明事项"))
    assert is_catch_all(key("其它工作"))
    assert is_catch_all(key("其他工作（繁體：其他）"))
    assert not is_catch_all(key("召集居民会议"))


def test_index_matches_aliases_exactly_and_fuzzily() -> None:
    names = ("居民财产证明", "收入证明", "经济状况证明")
    index = NameIndex()
    index.add("F01", names, tuple(key(n) for n in names))
    assert index.exact((key("收入證明"),)) == ("F01", "收入证明")
    fuzzy = index.fuzzy((key("居民财产状况证明"),), 80)
    assert fuzzy is not None and fuzzy[0] == "F01"
    assert index.fuzzy((key("召集居民会议"),), 80) is None
    assert index.contained_in(key("协助开具收入证明材料"), 4) == ("F01", "收入证明")


def test_each_name_gets_its_closest_earlier_namesake_among_many() -> None:
    keys = [key(n) for n in ("婚育状况证明", "召集居民会议", "生育状况证明", "调解民间纠纷")]
    assert [(i, j) for i, j, _ in closest_earlier(keys, 80)] == [(2, 0)]
    many = [f"事项{n:04d}号工作安排" for n in range(3000)] + ["婚育状况证明", "生育状况证明"]
    assert (3001, 3000) in [(i, j) for i, j, _ in closest_earlier([key(k) for k in many], 80)]


def test_thousands_of_nearly_equal_names_give_one_answer_each() -> None:
    found = closest_earlier([key(f"第{n}号社区工作事项登记") for n in range(5000)], 85)
    assert len(found) < 5000 and len({i for i, _, _ in found}) == len(found)


def _all_pairs(keys: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """The reference: every pair compared (rapidfuzz's full matrix over the original characters), and for
    each name the most similar earlier one, the first of equals."""
    import numpy as np
    from rapidfuzz import fuzz, process

    if len(keys) < 2:
        return []
    matrix = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.float32)
    out = []
    for i in range(1, len(keys)):
        j = int(np.argmax(matrix[i, :i]))
        if matrix[i, j] > 0:
            out.append((i, j, round(float(matrix[i, j]), 1)))
    return out


# Names of real lists' shape: common words (协助, 证明, 居民 …) combined, so most pairs share many characters,
# and copies with one character changed, dropped or added (the near-duplicates a clerk makes).
_WORDS = [
    "协助",
    "开展",
    "居民",
    "证明",
    "家庭",
    "经济状况",
    "核实",
    "出具",
    "登记",
    "人口",
    "普查",
    "低保",
    "老年",
    "服务",
    "A",
    "1",
]


@st.composite
def _names(draw: st.DrawFn) -> list[str]:
    base = draw(st.lists(st.lists(st.sampled_from(_WORDS), min_size=0, max_size=7).map("".join), max_size=1000))
    copies = []
    for name in draw(st.lists(st.sampled_from(base), max_size=60)) if base else []:
        at = draw(st.integers(0, len(name)))
        edit = draw(st.sampled_from(["change", "drop", "add"]))
        copies.append(name[:at] + ("" if edit == "drop" else "某") + name[at + (edit != "add") :])
    return base + copies


@settings(max_examples=40, deadline=None)
@given(_names(), st.sampled_from([50, 80, 85, 90, 100]))
def test_closest_earlier_is_what_comparing_every_pair_gives(names: list[str], threshold: float) -> None:
    """Up to 1,060 names: the same answers and scores as comparing every pair, with and without numpy."""
    from qingdan import text

    keys_ = [key(n) for n in names]
    expected = _all_pairs(keys_, threshold)
    assert closest_earlier(keys_, threshold) == expected
    saved, text._np = text._np, False
    try:
        assert closest_earlier(keys_, threshold) == expected
    finally:
        text._np = saved


@given(st.text(max_size=30))
def test_key_is_idempotent(text: str) -> None:
    assert key(key(text)) == key(text)


@given(st.text(max_size=30))
def test_spacing_never_matters(text: str) -> None:
    assert key(" ".join(text)) == key(text)


@given(st.lists(st.text(max_size=20), max_size=8))
def test_batch_keys_equal_single_keys(texts: list[str]) -> None:
    assert keys(texts) == [key(t) for t in texts]


@given(
    st.lists(
        st.sampled_from(
            [
                "婚育状况证明",
                "生育状况证明",
                "召集居民会议",
                "调解民间纠纷",
                "协助开展人口普查",
                "协助做好人口普查",
                "居民财产证明",
                "居民财产状况证明",
            ]
        ),
        max_size=30,
    )
)
def test_pairs_are_the_same_with_and_without_numpy(names: list[str]) -> None:
    from qingdan import text

    keys_ = [key(n) for n in names]
    with_matrix = closest_earlier(keys_, 80)
    saved, text._np = text._np, False
    try:
        assert closest_earlier(keys_, 80) == with_matrix
    finally:
        text._np = saved


@given(st.text(alphabet=st.characters(max_codepoint=0x2500)))
def test_visible_shows_every_control_character_as_its_picture(text: str) -> None:
    from qingdan.text import _PICTURES, visible

    shown = visible(text + "协助\x1b[31m\x85")
    assert shown == (text + "协助\x1b[31m\x85").translate(_PICTURES)
    assert shown.endswith("协助␛[31m\ufffd")
    assert visible(text.replace("\x1b", "")) == text.replace("\x1b", "").translate(_PICTURES)
