"""The 12-digit statistical division code (统计用区划代码): its segments, depth, parent and levels.

The nation (全国, ``000000000000``) is the root above every province. A 直辖市 (北京, 天津, 上海, 重庆) is
the province-level unit: its districts may sit right below it, the 市-level codes of its statistical table
(110100000000 市辖区, 500200000000 县 …) are optional. Both optional levels are in every code's
``ancestors``; ``present_ancestors`` leaves them out where a repository does not have them.
"""

from __future__ import annotations

import re
from collections.abc import Container
from functools import lru_cache
from typing import Any, NamedTuple

from qingdan import vocabulary

NATIONAL = "000000000000"
_CODE = re.compile(r"\d{12}\Z")
# (省 2)(市 2)(区县 2)(街道乡镇 3)(社区村 3)
_SEGMENTS = ((0, 2), (2, 4), (4, 6), (6, 9), (9, 12))
# segment → the ``word-segment-*`` catalogue key naming it
SEGMENT_WORDS = ("province", "city", "district", "street", "community")
LEVELS_BY_DEPTH = {depth: level.words for depth, level in vocabulary.LEVELS.items()}
COMMUNITY_LEVELS = vocabulary.COMMUNITY_LEVELS
# the province-level units whose ``level`` may say 直辖市 / 自治区 (first two digits of the code)
MUNICIPALITIES = {"11": "北京市", "12": "天津市", "31": "上海市", "50": "重庆市"}
AUTONOMOUS_REGIONS = {
    "15": "内蒙古自治区",
    "45": "广西壮族自治区",
    "54": "西藏自治区",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
}
PROVINCE_WORDS = {"直辖市": MUNICIPALITIES, "自治区": AUTONOMOUS_REGIONS}


def code(value: Any) -> str:
    """Jurisdiction codes may be written as numbers; they are compared as 12-character text."""
    return str(value).strip() if value is not None else ""


def is_code(code: str) -> bool:
    return bool(_CODE.match(code))


@lru_cache(maxsize=65536)
def depth(code: str) -> int | None:
    """How many leading segments are non-zero (0 = the nation … 5 = community); None when malformed."""
    if not is_code(code):
        return None
    parts = [int(code[a:b]) for a, b in _SEGMENTS]
    n = 0
    while n < len(parts) and parts[n]:
        n += 1
    return n if not any(parts[n:]) else None


def is_valid(code: str) -> bool:
    return depth(code) is not None


class Problem(NamedTuple):
    """What is wrong with a code, as a catalogue key (``code-problem-*``) and its arguments."""

    key: str
    args: dict[str, Any]


def problem(value: str) -> Problem | None:
    """Why ``value`` is not a jurisdiction code (length, characters other than digits, a non-zero segment
    after a zero one); None when it is one."""
    if len(value) != 12:
        return Problem("code-problem-length", {"length": len(value)})
    wrong = "".join(dict.fromkeys(c for c in value if not ("0" <= c <= "9")))
    if wrong:
        return Problem("code-problem-digits", {"chars": wrong})
    parts = [int(value[a:b]) for a, b in _SEGMENTS]
    for zero, part in enumerate(parts):
        if not part:
            later = next((i for i in range(zero + 1, len(parts)) if parts[i]), None)
            if later is not None:
                return Problem(
                    "code-problem-gap",
                    {
                        "zero": f"word-segment-{SEGMENT_WORDS[zero]}",
                        "zero_digits": _digits(zero),
                        "later": f"word-segment-{SEGMENT_WORDS[later]}",
                        "later_digits": _digits(later),
                    },
                )
            break
    return None


def _digits(segment: int) -> str:
    a, b = _SEGMENTS[segment]
    return f"{a + 1}–{b}"


def parent(code: str) -> str | None:
    """The code one level up: a province's parent is the nation; the nation and malformed codes have none."""
    d = depth(code)
    if not d:
        return None
    if d == 1:
        return NATIONAL
    a, b = _SEGMENTS[d - 1]
    return code[:a] + "0" * (b - a) + code[b:]


@lru_cache(maxsize=65536)
def ancestors(code: str) -> tuple[str, ...]:
    """The code's parent, grandparent … up to the nation (000000000000)."""
    out = []
    p = parent(code)
    while p is not None:
        out.append(p)
        p = parent(p)
    return tuple(out)


def is_municipality(code: str) -> bool:
    """A 直辖市 or a place in one."""
    return bool(depth(code)) and code[:2] in MUNICIPALITIES


def is_optional(code: str) -> bool:
    """A level a repository may leave out: the nation, and a 直辖市's 市-level code (110100000000)."""
    return code == NATIONAL or (depth(code) == 2 and code[:2] in MUNICIPALITIES)


def present_ancestors(code: str, present: Container[str]) -> tuple[str, ...]:
    """The code's ancestors without the optional levels that are not ``present`` (declared or holding a
    list): what a chain of lists, a place path or a breadcrumb goes through."""
    return tuple(a for a in ancestors(code) if a in present or not is_optional(a))


def required_parent(code: str, present: Container[str]) -> str | None:
    """The ancestor that must be declared for ``code`` to be placed: its parent, or, when the parent is an
    optional level that is not ``present``, the next one up (a 直辖市 district: the 直辖市). None for a
    province (the nation is optional) and for the nation."""
    for a in ancestors(code):
        if a in present or not is_optional(a):
            return a
    return None


def is_community(code: str) -> bool:
    return depth(code) == 5
