"""Text normalisation and similarity: the one place every comparison goes through.

``key(s)`` folds everything that is formatting only — Unicode compatibility forms (NFKC: full-width
letters, digits and punctuation), traditional characters (OpenCC t2s), whitespace and punctuation —
so that two names with the same key are the same name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_converter: Any = None
_DROP = re.compile(r"[\s\u3000\W_]+", re.UNICODE)


def _t2s(text: str) -> str:
    global _converter
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC("t2s")
    return str(_converter.convert(text))


@lru_cache(maxsize=65536)
def simplify(text: str) -> str:
    """NFKC and traditional → simplified, keeping spacing and punctuation."""
    folded = unicodedata.normalize("NFKC", text)
    if folded.isascii():
        return folded
    return _t2s(folded)


@lru_cache(maxsize=262144)
def key(text: str) -> str:
    """The comparison key: simplified, lower-case, without whitespace or punctuation."""
    return _DROP.sub("", simplify(text)).casefold()


def similarity(a: str, b: str) -> float:
    """0–100 similarity of two comparison keys (normalised Indel ratio)."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a, b))


def is_catch_all(name: str) -> bool:
    """“其他…” / “其它…” items say nothing specific."""
    return key(name).startswith(("其他", "其它"))


class NameIndex:
    """Names (and aliases) of things, looked up by comparison key, exactly or fuzzily."""

    def __init__(self) -> None:
        self._exact: dict[str, list[tuple[Any, str]]] = {}

    def add(self, value: Any, names: tuple[str, ...]) -> None:
        for name in names:
            k = key(name)
            if k:
                self._exact.setdefault(k, []).append((value, name))

    def __bool__(self) -> bool:
        return bool(self._exact)

    def exact(self, names: tuple[str, ...]) -> list[tuple[Any, str, str]]:
        """(value, its matching name, our matching name) for every exact match, in insertion order."""
        out = []
        for name in names:
            for value, other in self._exact.get(key(name), ()):
                out.append((value, other, name))
        return out

    def fuzzy(self, names: tuple[str, ...], threshold: float) -> tuple[Any, str, str, float] | None:
        """The best (value, its name, our name, similarity) at or above ``threshold``, if any."""
        from rapidfuzz import fuzz, process

        best: tuple[Any, str, str, float] | None = None
        choices = list(self._exact)
        for name in names:
            hit = process.extractOne(key(name), choices, scorer=fuzz.ratio, score_cutoff=threshold)
            if hit is not None and (best is None or hit[1] > best[3]):
                value, other = self._exact[hit[0]][0]
                best = (value, other, name, round(float(hit[1]), 1))
        return best
