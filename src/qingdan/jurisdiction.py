"""The 12-digit statistical division code (统计用区划代码): its segments, depth, parent and levels."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from qingdan import vocabulary

_CODE = re.compile(r"\d{12}\Z")
# (省 2)(市 2)(区县 2)(街道乡镇 3)(社区村 3)
_SEGMENTS = ((0, 2), (2, 4), (4, 6), (6, 9), (9, 12))
LEVELS_BY_DEPTH = {depth: level.words for depth, level in vocabulary.LEVELS.items() if depth}
COMMUNITY_LEVELS = vocabulary.COMMUNITY_LEVELS


def code(value: Any) -> str:
    """Jurisdiction codes may be written as numbers; they are compared as 12-character text."""
    return str(value).strip() if value is not None else ""


def is_code(code: str) -> bool:
    return bool(_CODE.match(code))


@lru_cache(maxsize=65536)
def depth(code: str) -> int:
    """How many leading segments are non-zero (1 = province … 5 = community); 0 when malformed."""
    if not is_code(code):
        return 0
    parts = [int(code[a:b]) for a, b in _SEGMENTS]
    n = 0
    while n < len(parts) and parts[n]:
        n += 1
    return n if not any(parts[n:]) else 0


def parent(code: str) -> str | None:
    d = depth(code)
    if d <= 1:
        return None
    a, b = _SEGMENTS[d - 1]
    return code[:a] + "0" * (b - a) + code[b:]


@lru_cache(maxsize=65536)
def ancestors(code: str) -> tuple[str, ...]:
    """The code's parent, grandparent … up to the province."""
    out = []
    p = parent(code)
    while p is not None:
        out.append(p)
        p = parent(p)
    return tuple(out)


def is_community(code: str) -> bool:
    return depth(code) == 5
