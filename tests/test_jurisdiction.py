from __future__ import annotations

from qingdan import i18n
from qingdan.jurisdiction import (
    NATIONAL,
    ancestors,
    depth,
    is_community,
    parent,
    present_ancestors,
    problem,
    required_parent,
)


def test_depth_and_parent_follow_the_code() -> None:
    assert depth(NATIONAL) == 0
    assert depth("980000000000") == 1
    assert depth("980102001001") == 5
    assert parent("980102001001") == "980102001000"
    assert parent("980102001000") == "980102000000"
    assert parent("980000000000") == NATIONAL  # every province's chain ends at the nation
    assert parent(NATIONAL) is None
    assert ancestors("980102001001") == ("980102001000", "980102000000", "980100000000", "980000000000", NATIONAL)
    assert is_community("980102001001") and not is_community("980102001000")


def test_malformed_codes() -> None:
    assert depth("980002000000") is None  # a district under no city
    assert depth("98010200100") is None  # 11 digits
    assert parent("980002000000") is None and ancestors("980002000000") == ()


def test_what_is_wrong_with_a_code() -> None:
    assert problem("980102001001") is None and problem(NATIONAL) is None
    assert problem("98010200101") == ("code-problem-length", {"length": 11})
    assert problem("98010200100Ａ") == ("code-problem-digits", {"chars": "Ａ"})
    gap = problem("980100001000")
    assert gap is not None and gap.key == "code-problem-gap"
    text = i18n.message("jurisdiction-code-malformed", "zh", code="980100001000", **gap.args)
    assert "区县段（第 5–6 位）为零" in text and "街道乡镇段（第 7–9 位）却不为零" in text, text
    english = i18n.message("jurisdiction-code-malformed", "en", code="980100001000", **gap.args)
    assert "district segment (digits 5–6) is zero" in english, english
    national_gap = problem("000100000000")
    assert national_gap is not None and national_gap.args["zero"] == "word-segment-province"


def test_optional_levels_are_left_out_where_the_repository_has_none() -> None:
    district = "110101000000"  # 北京市东城区
    assert ancestors(district) == ("110100000000", "110000000000", NATIONAL)
    assert present_ancestors(district, {"110000000000", district}) == ("110000000000",)
    assert present_ancestors(district, {NATIONAL, "110000000000", "110100000000"}) == (
        "110100000000",
        "110000000000",
        NATIONAL,
    )
    assert required_parent(district, {"110000000000"}) == "110000000000"
    assert required_parent(district, {"110100000000"}) == "110100000000"
    assert required_parent("980000000000", set()) is None  # the nation is optional
    assert required_parent("980102000000", set()) == "980100000000"  # a city never is
    # an ordinary province's 市 level is not optional
    assert present_ancestors("980102000000", {"980102000000"}) == ("980100000000", "980000000000")
