from __future__ import annotations

from qingdan.jurisdiction import ancestors, depth, is_community, parent


def test_depth_and_parent_follow_the_code() -> None:
    assert depth("980000000000") == 1
    assert depth("980102001001") == 5
    assert parent("980102001001") == "980102001000"
    assert parent("980102001000") == "980102000000"
    assert parent("980000000000") is None
    assert ancestors("980102001001") == ("980102001000", "980102000000", "980100000000", "980000000000")
    assert is_community("980102001001") and not is_community("980102001000")


def test_malformed_codes() -> None:
    assert depth("980002000000") == 0  # a district under no city
    assert depth("98010200100") == 0  # 11 digits
