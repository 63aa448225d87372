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
# Invisible or format characters, the one definition: soft hyphen, zero-width and bidi controls (Unicode
# category Cf), Hangul fillers (U+3164, U+115F, U+1160, U+FFA0: letters to the regex, blank on screen),
# variation selectors and tags. key() drops them with whitespace (U+3000 included) and punctuation.
INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e0fff"
)
_DROP = re.compile(rf"[\s\u3000\W_{INVISIBLE}]+", re.UNICODE)


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


def keys(texts: list[str]) -> list[str]:
    """key() of many texts at once: one conversion call for all of them (a file's names)."""
    if not texts:
        return []
    joined = "\n".join(t.replace("\n", " ") for t in texts)
    folded = unicodedata.normalize("NFKC", joined)
    if not folded.isascii():
        folded = _t2s(folded)
    return [_DROP.sub("", part).casefold() for part in folded.split("\n")]


@lru_cache(maxsize=262144)
def key(text: str) -> str:
    """The comparison key: simplified, lower-case, without whitespace or punctuation."""
    return _DROP.sub("", simplify(text)).casefold()


def similarity(a: str, b: str) -> float:
    """0–100 similarity of two comparison keys (normalised Indel ratio)."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a, b))


def is_catch_all(name_key: str) -> bool:
    """Whether a name (given by its key) is a catch-all: “其他…” / “其它…” say nothing specific."""
    return name_key.startswith(("其他", "其它"))


def could_reach(a: int, b: int, threshold: float) -> bool:
    """Whether strings of lengths a and b can have similarity ≥ threshold (the Indel distance is at
    least their length difference), so most pairs are skipped without comparing them."""
    return a + b > 0 and 100.0 * 2 * min(a, b) / (a + b) >= threshold


class NameIndex:
    """Names (and aliases) of things, looked up by comparison key, exactly or fuzzily."""

    def __init__(self) -> None:
        self._exact: dict[str, tuple[Any, str]] = {}
        self._by_length: dict[int, list[str]] = {}
        self._choices: dict[tuple[int, float], list[str]] = {}
        self._pattern: dict[int, re.Pattern[str] | None] = {}
        self._answers: dict[tuple[Any, ...], Any] = {}  # the same names recur in every community's lists

    def add(self, value: Any, names: tuple[str, ...], keys: tuple[str, ...]) -> None:
        """Add ``value`` under its names; ``keys`` are their comparison keys. The first value wins."""
        for name, k in zip(names, keys, strict=True):
            if k and k not in self._exact:
                self._exact[k] = (value, name)
                self._by_length.setdefault(len(k), []).append(k)
        self._choices.clear()
        self._pattern.clear()
        self._answers.clear()

    def __bool__(self) -> bool:
        return bool(self._exact)

    def exact(self, keys: tuple[str, ...]) -> tuple[Any, str] | None:
        """(value, its name) for the first of ``keys`` that is in the index."""
        for k in keys:
            hit = self._exact.get(k)
            if hit is not None:
                return hit
        return None

    def fuzzy(self, keys: tuple[str, ...], threshold: float) -> tuple[Any, str, float] | None:
        """The best (value, its name, similarity) at or above ``threshold`` for any of ``keys``."""
        question = ("fuzzy", keys, threshold)
        if question not in self._answers:
            self._answers[question] = self._fuzzy(keys, threshold)
        answer: tuple[Any, str, float] | None = self._answers[question]
        return answer

    def _fuzzy(self, keys: tuple[str, ...], threshold: float) -> tuple[Any, str, float] | None:
        from rapidfuzz import fuzz, process

        best: tuple[Any, str, float] | None = None
        for k in keys:
            choices = self._choices.get((len(k), threshold))
            if choices is None:
                choices = [c for n, cs in self._by_length.items() if could_reach(len(k), n, threshold) for c in cs]
                self._choices[(len(k), threshold)] = choices
            if not choices:
                continue
            hit = process.extractOne(k, choices, scorer=fuzz.ratio, score_cutoff=threshold)
            if hit is not None and (best is None or hit[1] > best[2]):
                value, name = self._exact[hit[0]]
                best = (value, name, round(float(hit[1]), 1))
        return best

    def contained_in(self, text_key: str, min_length: int) -> tuple[Any, str] | None:
        """The first indexed name (of at least ``min_length``) that occurs inside ``text_key``."""
        question = ("contained", text_key, min_length)
        if question not in self._answers:
            self._answers[question] = self._contained_in(text_key, min_length)
        answer: tuple[Any, str] | None = self._answers[question]
        return answer

    def _contained_in(self, text_key: str, min_length: int) -> tuple[Any, str] | None:
        if min_length not in self._pattern:
            names = sorted((k for k in self._exact if len(k) >= min_length), key=len, reverse=True)
            self._pattern[min_length] = re.compile("|".join(map(re.escape, names))) if names else None
        pattern = self._pattern[min_length]
        found = pattern.search(text_key) if pattern is not None else None
        return self._exact[found.group()] if found else None


FULL_COMPARISON_LIMIT = 60  # larger groups compare each name with its neighbours in sorted order
MATRIX_LIMIT = 1000  # with numpy, rapidfuzz compares all pairs of up to this many names in one call
NEIGHBOURS = 12


def similar_pairs(keys: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """Pairs (i, j, similarity) with i > j whose keys are at least ``threshold`` similar.

    Every pair is compared up to FULL_COMPARISON_LIMIT keys (MATRIX_LIMIT when numpy is installed, as
    with ``qingdan[fast]``). Above it, each key is compared with its NEIGHBOURS nearest keys in sorted
    order and in sorted order of the reversed keys: names that share a beginning or an ending
    (婚育状况证明 / 生育状况证明) are still found, at a cost linear in the count.
    """
    from rapidfuzz import fuzz, process

    found: dict[tuple[int, int], float] = {}
    if len(keys) < 2:
        return []
    if len(keys) <= MATRIX_LIMIT and _numpy() is not None:
        np = _numpy()
        matrix = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.float32)
        for i, j in np.argwhere(np.tril(matrix, -1) > 0).tolist():
            found[(i, j)] = float(matrix[i, j])
    elif len(keys) <= FULL_COMPARISON_LIMIT:
        for i in range(1, len(keys)):
            for _, score, j in process.extract(
                keys[i], keys[:i], scorer=fuzz.ratio, score_cutoff=threshold, limit=None
            ):
                found[(i, j)] = score
    else:
        for order in (
            sorted(range(len(keys)), key=keys.__getitem__),
            sorted(range(len(keys)), key=lambda n: keys[n][::-1]),
        ):
            for pos, i in enumerate(order):
                for j in order[pos + 1 : pos + 1 + NEIGHBOURS]:
                    score = fuzz.ratio(keys[i], keys[j], score_cutoff=threshold)
                    if score:
                        found[(max(i, j), min(i, j))] = score
    return sorted((i, j, round(score, 1)) for (i, j), score in found.items())


_np: Any = None


def _numpy() -> Any:
    global _np
    if _np is None:
        try:
            import numpy

            _np = numpy
        except ImportError:
            _np = False
    return _np or None


# Control characters from a list file (a double-quoted "\x1b[2J" in YAML is an escape sequence) must not reach a
# reviewer's terminal or a CI log as commands: each becomes its visible Unicode picture, one character for one, so
# styled spans over the text stay aligned.
_PICTURES = (
    {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)}
    | {0x7F: 0x2421}
    | {c: 0xFFFD for c in range(0x80, 0xA0)}
)


def visible(text: str) -> str:
    """``text`` with control characters (but tab and new line) shown as ␛, ␇ … instead of acting."""
    return text.translate(_PICTURES)


def as_text(value: Any) -> str:
    """A YAML scalar as text: None is empty, numbers and dates as written."""
    return value if isinstance(value, str) else ("" if value is None else str(value))


def citation_text(citation: Any) -> str:
    """One legal-basis citation as a line of text, 《…》第…条（文号）: what the site, export and find show
    and what import reads back."""
    if isinstance(citation, dict):
        text = str(citation.get("law", "") or "") + str(citation.get("article", "") or "")
        number = citation.get("doc_number")
        return f"{text}（{number}）" if number else text
    return str(citation)
