"""Normalisation: formatting-only differences never count as different names."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
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
    with _without_c_search():
        assert closest_earlier(keys_, threshold) == expected
        saved, text._np = text._np, False
        try:
            assert closest_earlier(keys_, threshold) == expected
        finally:
            text._np = saved


@st.composite
def _filter_cases(draw: st.DrawFn) -> list[str]:
    """Keys as the signature filter sees them: a small alphabet (so that many keys share most characters),
    lengths 0–40 with short keys of 1–4 common, repeated and empty keys, and clusters of copies with one to
    three characters changed, dropped or added; up to 1,000 keys, in the order made or shuffled."""
    import random

    alphabet = draw(st.sampled_from(["ab", "abc", "abcde", "abcdefghij", "证明居民家庭经济状况核实出具管理服务"]))
    size = draw(st.sampled_from([2, 10, 50, 200, 500, 1000]))
    rng = random.Random(draw(st.integers(0, 2**32)))
    short = draw(st.floats(0, 1))
    out: list[str] = []
    while len(out) < size:
        if out and rng.random() < 0.3:  # a copy of an earlier key, a few characters changed
            name = rng.choice(out)
            for _ in range(rng.randrange(4)):
                at = rng.randrange(len(name) + 1)
                edit = rng.choice(["change", "drop", "add"])
                new = "" if edit == "drop" else rng.choice(alphabet)
                name = name[:at] + new + name[at + (edit != "add") :]
        else:
            name = "".join(rng.choices(alphabet, k=rng.randint(0, 4) if rng.random() < short else rng.randint(5, 40)))
        out.append(name)
    if draw(st.booleans()):
        rng.shuffle(out)
    return out


@settings(max_examples=80, deadline=None)
@given(_filter_cases(), st.floats(50, 100), st.integers(1, 3), st.sampled_from([0, 2, 64]))
def test_the_signature_filter_finds_what_comparing_every_pair_finds(
    keys_: list[str], threshold: float, levels: int, few: int
) -> None:
    """Up to 1,000 keys through the signature filter (used from FILTER_FROM names on, and not when it would not
    be cheaper: here always): the same answers and scores as rapidfuzz's full matrix, thresholds 50–100."""
    from qingdan import text

    names = ("FILTER_FROM", "MATRIX_FROM", "SIGNATURE_COST", "CANDIDATE_COST", "LEVELS", "FEW", "NATIVE_UP_TO")
    saved = [getattr(text, n) for n in names]
    for n, value in zip(names, (0, 1, 0, 0, levels, few, 0), strict=True):
        setattr(text, n, value)  # fewer partitions: more keys compared with each other in full, so checked too
    try:
        assert closest_earlier(keys_, threshold) == _all_pairs(keys_, threshold)
    finally:
        for n, value in zip(names, saved, strict=True):
            setattr(text, n, value)


def test_the_filter_is_used_and_exact_on_a_large_list() -> None:
    """A list the filter handles by itself (not falling back to every pair): each copy finds its original."""
    from qingdan import text

    words = [w for w in _WORDS if len(w) > 1]  # the Chinese words of real lists' names
    rng = __import__("random").Random(15)
    names = list(dict.fromkeys("".join(rng.sample(words, 6)) for _ in range(4000)))
    copies = [n[:3] + "某" + n[4:] for n in names[:200]]
    keys_ = names + copies
    assert text._candidates(text._numpy(), text._compact(keys_), 85) is not None
    with _without_c_search():
        found = closest_earlier(keys_, 85)
    assert found == _all_pairs(keys_, 85) == closest_earlier(keys_, 85)
    assert {(i, j) for i, j, _ in found} >= {(len(names) + n, n) for n in range(200)}


def test_the_filter_is_exact_without_numpy_2s_bit_counts() -> None:
    """numpy before 2.0 has no bitwise_count: the character-set bound is left out, the answers stay the same."""
    import types

    import numpy

    from qingdan import text

    class Older(types.ModuleType):
        def __getattr__(self, name: str) -> object:
            if name == "bitwise_count":
                raise AttributeError(name)
            return getattr(numpy, name)

    words = ["协助", "开展", "居民", "证明", "家庭", "经济状况", "核实", "出具", "登记", "人口", "普查", "低保"]
    rng = __import__("random").Random(16)
    names = list(dict.fromkeys("".join(rng.sample(words, 5)) for _ in range(3000)))
    keys_ = text._compact(names + [n[:2] + "某" + n[3:] for n in names[:300]])
    older = text._closest_filtered(Older("numpy"), keys_, 85)
    assert older is not None and older == text._closest_blocks(numpy, keys_, 85)


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
    with _without_c_search():
        with_matrix = closest_earlier(keys_, 80)
        saved, text._np = text._np, False
        try:
            assert closest_earlier(keys_, 80) == with_matrix
        finally:
            text._np = saved
    assert closest_earlier(keys_, 80) == with_matrix


@contextmanager
def _without_c_search() -> Iterator[None]:
    """closest_earlier as an installation without qingdan._fastnames runs it: rapidfuzz (and numpy) alone."""
    from qingdan import native

    saved = native.module("_fastnames")
    native._modules["_fastnames"] = None
    try:
        yield
    finally:
        native._modules["_fastnames"] = saved


def _c_search() -> Any:
    from qingdan.native import module

    native = module("_fastnames")
    if native is None:
        pytest.skip("qingdan._fastnames was not built here (tests/test_native_built.py says whether it should be)")
    return native


def _extract_one(keys_: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """The reference without numpy or float32: rapidfuzz's extractOne over each key's earlier keys."""
    from rapidfuzz import fuzz, process

    out = []
    for i in range(1, len(keys_)):
        hit = process.extractOne(keys_[i], keys_[:i], scorer=fuzz.ratio, score_cutoff=threshold)
        if hit is not None:
            out.append((i, hit[2], round(float(hit[1]), 1)))
    return out


@st.composite
def _c_cases(draw: st.DrawFn) -> list[str]:
    """Keys the C search must handle as rapidfuzz does: tiny and CJK alphabets, empty keys, keys longer than one
    64-bit word (up to 200 characters), repeats and copies with a few characters changed."""
    import random

    alphabet = draw(
        st.sampled_from(["a", "ab", "abc", "证明居民家庭经济状况", "".join(map(chr, range(0x4E00, 0x4F00)))])
    )
    rng = random.Random(draw(st.integers(0, 2**32)))
    longest = draw(st.sampled_from([3, 20, 64, 65, 130, 200]))
    base = ["".join(rng.choices(alphabet, k=rng.randint(0, longest))) for _ in range(draw(st.integers(1, 20)))]
    out = []
    for _ in range(draw(st.integers(0, 80))):
        name = rng.choice(base + out) if out else rng.choice(base)
        for _ in range(rng.randrange(4)):
            at = rng.randrange(len(name) + 1)
            edit = rng.choice(["change", "drop", "add"])
            name = name[:at] + ("" if edit == "drop" else rng.choice(alphabet)) + name[at + (edit != "add") :]
        out.append(name)
    return out


@settings(max_examples=300, deadline=None)
@given(_c_cases(), st.sampled_from([1, 33.3, 50, 66.7, 80, 85, 85.7, 90, 95, 100]))
def test_the_c_search_finds_what_rapidfuzz_finds(keys_: list[str], threshold: float) -> None:
    """The same pair for every key, the first of equally similar ones, and rapidfuzz's score, including scores
    that fall exactly on the threshold (85 is 34 of 40 characters kept) and keys over 64 characters."""
    _c_search()
    assert closest_earlier(keys_, threshold) == _extract_one(keys_, threshold)


@st.composite
def _indexed_cases(draw: st.DrawFn) -> list[str]:
    """Lists long enough for the C search's index (100 to 500 names): _c_cases' kinds of keys, so that most keys
    repeat characters of others (a tiny alphabet: every key shares every character)."""
    import random

    alphabet = draw(
        st.sampled_from(["a", "ab", "abc", "证明居民家庭经济状况", "".join(map(chr, range(0x4E00, 0x4F00)))])
    )
    rng = random.Random(draw(st.integers(0, 2**32)))
    longest = draw(st.sampled_from([3, 20, 64, 65, 130]))
    size = draw(st.integers(100, 500))
    base = ["".join(rng.choices(alphabet, k=rng.randint(0, longest))) for _ in range(rng.randint(1, size))]
    out = list(base)
    while len(out) < size:
        name = rng.choice(out)
        for _ in range(rng.randrange(4)):
            at = rng.randrange(len(name) + 1)
            edit = rng.choice(["change", "drop", "add"])
            name = name[:at] + ("" if edit == "drop" else rng.choice(alphabet)) + name[at + (edit != "add") :]
        out.append(name)
    rng.shuffle(out)
    return out


@settings(max_examples=60, deadline=None)
@given(_indexed_cases(), st.sampled_from([1, 33.3, 50, 80, 85, 85.7, 90, 100]))
def test_the_c_search_with_its_index_finds_what_rapidfuzz_finds(keys_: list[str], threshold: float) -> None:
    """From 100 names on only pairs that share one of their rarest characters are compared: still the same pair
    for every key as comparing every pair (empty keys, repeated characters, keys over 64 characters)."""
    _c_search()
    assert closest_earlier(keys_, threshold) == _extract_one(keys_, threshold)


def test_the_c_search_on_keys_that_sit_on_the_threshold() -> None:
    """2 · 17 / 40 = 85 % exactly, 2 · 6 / 14 = 85.71 %: kept at those thresholds, not a hair above."""
    _c_search()
    a, b = "a" * 17 + "b" * 3, "a" * 17 + "c" * 3  # 17 common of 20 + 20
    assert closest_earlier([a, b], 85) == [(1, 0, 85.0)] == _extract_one([a, b], 85)
    assert closest_earlier([a, b], 85.01) == [] == _extract_one([a, b], 85.01)
    c, d = "xxxxxxy", "xxxxxxz"
    assert closest_earlier([c, d], 85.7) == _extract_one([c, d], 85.7) == [(1, 0, 85.7)]
    assert closest_earlier(["", "", "a"], 50) == [(1, 0, 100.0)] == _extract_one(["", "", "a"], 50)


def test_the_c_search_refuses_what_is_not_a_list_of_texts() -> None:
    native = _c_search()
    with pytest.raises(TypeError):
        native.closest(["a", 1], 85.0)
    with pytest.raises(TypeError):
        native.closest(("a", "b"), 85.0)
    assert native.closest([], 85.0) == [] and native.closest(["a"], 85.0) == []


@given(st.text(alphabet=st.characters(max_codepoint=0x2500)))
def test_visible_shows_every_control_character_as_its_picture(text: str) -> None:
    from qingdan.text import _PICTURES, visible

    shown = visible(text + "协助\x1b[31m\x85")
    assert shown == (text + "协助\x1b[31m\x85").translate(_PICTURES)
    assert shown.endswith("协助␛[31m\ufffd")
    assert visible(text.replace("\x1b", "")) == text.replace("\x1b", "").translate(_PICTURES)
