"""Normalisation: formatting-only differences never count as different names."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qingdan.text import NameIndex, is_catch_all, key, keys, similar_pairs, similarity


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


def test_similar_pairs_full_and_windowed_agree_on_neighbours() -> None:
    keys = [key(n) for n in ("婚育状况证明", "召集居民会议", "生育状况证明", "调解民间纠纷")]
    assert [(i, j) for i, j, _ in similar_pairs(keys, 80)] == [(2, 0)]
    many = [f"事项{n:04d}号工作安排" for n in range(1000)] + ["婚育状况证明", "生育状况证明"]
    pairs = similar_pairs([key(k) for k in many], 80)
    assert (1001, 1000) in [(i, j) for i, j, _ in pairs]


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
    with_matrix = similar_pairs(keys_, 80)
    saved, text._np = text._np, False
    try:
        assert similar_pairs(keys_, 80) == with_matrix
    finally:
        text._np = saved
