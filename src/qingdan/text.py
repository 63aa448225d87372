"""Text normalisation and similarity: the one place every comparison goes through.

``key(s)`` folds everything that is formatting only — Unicode compatibility forms (NFKC: full-width
letters, digits and punctuation), traditional characters (OpenCC t2s), whitespace and punctuation —
so that two names with the same key are the same name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any, NamedTuple

from qingdan.native import module

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


@cache
def _rapidfuzz() -> tuple[Any, Any]:
    """rapidfuzz's ``fuzz`` and ``process``, imported at the first comparison: an import statement in a function
    called for each of a province's 50,000 names cost 2–4 µs a call (0.1 s at a million items)."""
    from rapidfuzz import fuzz, process

    return fuzz, process


def similarity(a: str, b: str) -> float:
    """0–100 similarity of two comparison keys (normalised Indel ratio)."""
    fuzz, _ = _rapidfuzz()

    return float(fuzz.ratio(a, b))


CATCH_ALL = ("其他", "其它")  # a name whose key starts so is a catch-all: “其他…” says nothing specific


def is_catch_all(name_key: str) -> bool:
    """Whether a name (given by its key) is a catch-all (starts with one of CATCH_ALL)."""
    return name_key.startswith(CATCH_ALL)


def could_reach(a: int, b: int, threshold: float) -> bool:
    """Whether strings of lengths a and b can have similarity ≥ threshold (the Indel distance is at
    least their length difference), so most pairs are skipped without comparing them."""
    return a + b > 0 and 100.0 * 2 * min(a, b) / (a + b) >= threshold


# ---------------------------------------------------------------------------------------------------------------
# The matching engine: one set of grades and thresholds for validate, review, find and the site's search (whose
# script, assets/search.js, implements grade() and typo() the same way; tests check that both agree).
#   name, alias, core  the normalised text equals the item's name, an alias, or a core name / covered variant:
#                      a verdict
#   synonym            a common name (俗称) of qingdan's vocabulary or the repository's maps to it: a verdict
#                      that says which synonym was used
#   contains, typo,    the text is inside the name (or the name inside the text), one character is wrong, or
#   similar            the names are similar: "相关事项，请核对" — never a verdict
VERDICT_GRADES = ("name", "alias", "core", "synonym")
HINT_GRADES = ("contains", "typo", "similar")
GRADES = (*VERDICT_GRADES, *HINT_GRADES)  # best first
MIN_CONTAINED = 2  # a text this long may be looked for inside names
MIN_CONTAINING = 4  # a listed name this long may be looked for inside a text
TYPO_MIN = 4  # names shorter than this have no typos worth guessing


def typo_limit(length: int) -> int:
    """Wrong characters a name of this length may have and still be a typo: one up to 8, two above."""
    return 0 if length < TYPO_MIN else 1 if length <= 8 else 2


def is_typo(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with at most typo_limit wrong, missing or extra characters (Levenshtein)."""
    from rapidfuzz.distance import Levenshtein

    limit = typo_limit(min(len(a), len(b)))
    return limit > 0 and a != b and Levenshtein.distance(a, b, score_cutoff=limit) <= limit


def is_abbreviation(a: str, b: str) -> bool:
    """Whether the shorter key is the longer one with some characters left out, both naming the same sort
    of thing (the same last two characters): 婚姻证明 for 婚姻状况证明."""
    short, long = sorted((a, b), key=len)
    if len(short) < TYPO_MIN or len(short) == len(long) or short[-2:] != long[-2:]:
        return False
    rest = iter(long)
    return all(c in rest for c in short)


def query_keys(text: str) -> tuple[str, ...]:
    """What a typed text is looked up by: its key, then its derived keys (core name, without 开/出具…)."""
    own = key(text)
    return (own, *derived_keys(text)) if own else ()


def grade(
    query: tuple[str, ...], keys: tuple[str, ...], cores: tuple[str, ...], threshold: float
) -> tuple[int, float, int] | None:
    """How well an item answers to ``query`` (query_keys): (grade index in GRADES, similarity, which key
    matched: an index into keys + cores), best grade first; None when it does not at all. ``keys`` are
    the item's name and alias keys, ``cores`` its derived keys. Synonyms are the caller's: it grades
    the synonym's target and reports the grade as synonym."""
    every = keys + cores
    for n, k in enumerate(every):
        if k and k in query:
            return (0 if n == 0 else 1 if n < len(keys) else 2), 100.0, n
    best: tuple[int, float, int] | None = None
    for q in query:
        for n, k in enumerate(every):
            if not k:
                continue
            score = round(similarity(q, k), 1)
            if (len(q) >= MIN_CONTAINED and q in k) or (len(k) >= MIN_CONTAINING and k in q):
                found = (GRADES.index("contains"), score, n)
            elif is_typo(q, k):
                found = (GRADES.index("typo"), score, n)
            elif score >= threshold or is_abbreviation(q, k):
                found = (GRADES.index("similar"), score, n)
            else:
                continue
            if best is None or (found[0], -found[1]) < (best[0], -best[1]):
                best = found
    return best


class Synonyms:
    """Common names (俗称) → the names lists use: qingdan's vocabulary plus a repository's own."""

    def __init__(self, pairs: list[tuple[str, str]] | tuple[tuple[str, str], ...] = ()) -> None:
        self.by_key: dict[str, list[tuple[str, str]]] = {}  # key of what is said → [(said, list name)]
        for said, means in pairs:
            k = key(said)
            if k and key(means) != k and (said, means) not in self.by_key.get(k, []):
                self.by_key.setdefault(k, []).append((said, means))

    def targets(self, query: tuple[str, ...]) -> list[tuple[str, str]]:
        """(what was said, the list name it means) for each of the query keys that is a common name."""
        return [pair for q in query for pair in self.by_key.get(q, ())]


class NameIndex:
    """Names (and aliases, core names, covered variants) of things, looked up by comparison key: exactly,
    inside a longer text, with a typo, or fuzzily — the grades of ``grade`` for many names at once."""

    def __init__(self) -> None:
        self._exact: dict[str, tuple[Any, str]] = {}
        self._by_length: dict[int, list[str]] = {}
        self._choices: dict[tuple[int, float], list[str]] = {}
        self._pattern: dict[int, re.Pattern[str] | None] = {}
        self._answers: dict[tuple[Any, ...], Any] = {}  # the same names recur in every community's lists

    def add(self, value: Any, names: tuple[str, ...], keys: tuple[str, ...], cores: tuple[str, ...] = ()) -> None:
        """Add ``value`` under its names; ``keys`` are their comparison keys, ``cores`` the derived keys
        (they stand for the first name). The first value wins."""
        for name, k in (*zip(names, keys, strict=True), *((names[0], c) for c in cores)):
            if k and k not in self._exact:
                self._exact[k] = (value, name)
                self._by_length.setdefault(len(k), []).append(k)
        self._choices.clear()
        self._pattern.clear()
        self._answers.clear()

    def add_entry(self, entry: Any) -> None:
        """An item (model.Entry) under its names, aliases and derived keys."""
        self.add(entry, entry.names, entry.keys, entry.cores)

    def __bool__(self) -> bool:
        return bool(self._exact)

    def exact(self, keys: tuple[str, ...]) -> tuple[Any, str] | None:
        """(value, its name) for the first of ``keys`` that is in the index."""
        for k in keys:
            hit = self._exact.get(k)
            if hit is not None:
                return hit
        return None

    def typo(self, keys: tuple[str, ...]) -> tuple[Any, str, float] | None:
        """(value, its name, similarity) of an indexed name that one of ``keys`` is a typo of."""
        question = ("typo", keys)
        if question not in self._answers:
            self._answers[question] = self._typo(keys)
        answer: tuple[Any, str, float] | None = self._answers[question]
        return answer

    def _typo(self, keys: tuple[str, ...]) -> tuple[Any, str, float] | None:
        for k in keys:
            limit = typo_limit(len(k))
            for n in range(len(k) - limit, len(k) + limit + 1) if limit else ():
                for other in self._by_length.get(n, ()):
                    if is_typo(k, other):
                        value, name = self._exact[other]
                        return value, name, round(similarity(k, other), 1)
        return None

    def abbreviation(self, keys: tuple[str, ...]) -> tuple[Any, str, float] | None:
        """(value, its name, similarity) of an indexed name that one of ``keys`` shortens or lengthens."""
        for k in keys:
            for other in self._exact:
                if is_abbreviation(k, other):
                    value, name = self._exact[other]
                    return value, name, round(similarity(k, other), 1)
        return None

    def fuzzy(self, keys: tuple[str, ...], threshold: float) -> tuple[Any, str, float] | None:
        """The best (value, its name, similarity) at or above ``threshold`` for any of ``keys``."""
        question = ("fuzzy", keys, threshold)
        if question not in self._answers:
            self._answers[question] = self._fuzzy(keys, threshold)
        answer: tuple[Any, str, float] | None = self._answers[question]
        return answer

    def _fuzzy(self, keys: tuple[str, ...], threshold: float) -> tuple[Any, str, float] | None:
        fuzz, process = _rapidfuzz()

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

    def contained_in(self, text_key: str, min_length: int = MIN_CONTAINING) -> tuple[Any, str] | None:
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


BLOCK = 512  # rows of one vectorised comparison: 512 × n similarities of float32 at most in memory at once
MATRIX_FROM = 100  # fewer names are compared one call per name: as fast, and numpy (0.1 s to import) is not needed
FILTER_FROM = 2000  # from this many names on, candidates are found by signatures instead of comparing every pair
LEVELS = 8  # partitions a name may try before it is compared with the others it cannot be told apart from
FEW = 64  # names that are fewer are compared with each other in full rather than by another partition
# What the filter costs, in the time rapidfuzz takes for one pair of about 16 characters (measured on the benchmark
# names): a signature, and a candidate pair before the bounds. Where its estimate exceeds what comparing every pair
# costs, every pair is compared.
SIGNATURE_COST = 5.0
CANDIDATE_COST = 3.0
MAX_LENGTH = 2000  # longer keys are compared pair by pair (a table of lengths this long at most)
# Up to this many names, the C search (qingdan._fastnames, where it was built) takes the list: from 100 names on it
# compares only the pairs that share one of their rarest characters (18 ms for 6,300 of the benchmark's names of
# 16 characters, 0.29 s for 21,000, where the signature filter takes 0.36 s); beyond, the filter grows more slowly
# on names made of a few hundred characters (31,500: 0.44 s against 0.53).
NATIVE_UP_TO = 25_000


def closest_earlier(keys: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """For each key i, the earlier key j < i most similar to it if at least ``threshold`` similar (the first of
    equally similar ones): (i, j, similarity), by i. At most one per key, so 10,000 nearly equal names give
    10,000 answers, not fifty million pairs.

    Exact at every size: the answers are those of comparing each key with every earlier one. The comparison
    is made cheap without changing any score: the characters are renamed to small code points, most frequent
    first (a bijection keeps every longest common subsequence, and rapidfuzz compares one-byte alphabets with a
    lookup table where CJK needs a hash map: 3–11× faster). Up to MATRIX_FROM keys, one rapidfuzz call per key;
    up to FILTER_FROM, the lower triangle in blocks of BLOCK rows (numpy); from FILTER_FROM on only the pairs
    that ``_candidates`` cannot rule out are compared, unless that would not be cheaper (a low threshold,
    thousands of nearly equal names): then every pair again. Where the C search was built, it takes lists of up to
    NATIVE_UP_TO names instead (every pair up to 100 names, beyond only pairs sharing one of their rarest
    characters: 4–40× faster than rapidfuzz's all pairs from 1,000 names), and rapidfuzz scores the pairs it finds.
    """
    fuzz, process = _rapidfuzz()

    if len(keys) < 2:
        return []
    native = module("_fastnames") if len(keys) <= NATIVE_UP_TO else None
    if native is not None:
        return [
            (i, j, round(score, 1))
            for i, j in native.closest(keys, threshold)
            if (score := fuzz.ratio(keys[i], keys[j], score_cutoff=threshold))
        ]
    small = _compact(keys)
    np = _numpy() if len(small) > MATRIX_FROM else None
    if np is None:
        found: list[tuple[int, int, float]] = []
        for i in range(1, len(small)):
            hit = process.extractOne(small[i], small[:i], scorer=fuzz.ratio, score_cutoff=threshold)
            if hit is not None:
                found.append((i, hit[2], round(float(hit[1]), 1)))
        return found
    filtered = _closest_filtered(np, small, threshold) if len(small) >= FILTER_FROM else None
    return filtered if filtered is not None else _closest_blocks(np, small, threshold)


def _closest_blocks(np: Any, small: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """closest_earlier by comparing every pair: the lower triangle, BLOCK rows at a time."""
    fuzz, process = _rapidfuzz()

    found: list[tuple[int, int, float]] = []
    for start in range(1, len(small), BLOCK):
        stop = min(len(small), start + BLOCK)
        matrix = process.cdist(
            small[start:stop], small[: stop - 1], scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.float32
        )
        matrix[np.arange(stop - 1)[None, :] >= np.arange(start, stop)[:, None]] = 0  # only earlier keys
        best = matrix.argmax(axis=1)  # the first of the most similar
        scores = matrix[np.arange(len(best)), best]
        for row in np.flatnonzero(scores > 0).tolist():
            found.append((start + row, int(best[row]), round(float(scores[row]), 1)))
    return found


def _reach(lengths: int, threshold: float) -> int:
    """The most Indel edits (insertions and deletions) two keys of ``lengths`` characters together can differ
    by and still be ``threshold`` similar: similarity = 100 · (1 − edits / lengths). Rounded up past float error,
    so never too few."""
    return int((100.0 - threshold) * lengths / 100.0 + 1e-6)


def _closest_filtered(np: Any, small: list[str], threshold: float) -> list[tuple[int, int, float]] | None:
    """closest_earlier comparing only candidate pairs; None when comparing every pair is cheaper.

    A repeated key's answer is its first occurrence, similarity 100 (nothing is more similar, and a different
    key is less similar). Distinct keys are compared only with earlier distinct keys, the first of each, and
    only those pairs ``_candidates`` gives, which include every pair that is ``threshold`` similar."""
    fuzz, process = _rapidfuzz()

    if max(map(len, small)) > MAX_LENGTH:
        return None
    first: dict[str, int] = {}
    repeats: list[tuple[int, int, float]] = []
    for i, k in enumerate(small):
        j = first.setdefault(k, i)
        if j != i:
            repeats.append((i, j, 100.0))
    distinct = list(first)  # in the order of their first occurrence
    where = list(first.values())
    pairs = _candidates(np, distinct, threshold)
    if pairs is None:
        return None
    later, earlier, brute = pairs
    scores = process.cpdist(
        [distinct[a] for a in later.tolist()],
        [distinct[b] for b in earlier.tolist()],
        scorer=fuzz.ratio,
        score_cutoff=threshold,
        dtype=np.float32,
    )
    later, earlier, scores = (np.concatenate(x) for x in zip((later, earlier, scores), *brute, strict=True))
    keep = scores > 0
    later, earlier, scores = later[keep], earlier[keep], scores[keep]
    order = np.lexsort((earlier, -scores, later))  # by key, the most similar first, then the first of equals
    later, earlier, scores = later[order], earlier[order], scores[order]
    best = np.flatnonzero(np.r_[True, later[1:] != later[:-1]]) if len(later) else later
    found = [
        (where[a], where[b], round(float(s), 1))
        for a, b, s in zip(later[best].tolist(), earlier[best].tolist(), scores[best].tolist(), strict=True)
    ]
    return sorted(found + repeats) if repeats else found


def _candidates(np: Any, keys: list[str], threshold: float) -> tuple[Any, Any, list[tuple[Any, Any, Any]]] | None:
    """Pairs of distinct keys (later, earlier: indexes into ``keys``) that may be ``threshold`` similar, and the
    answers (later, earlier, similarity arrays) for the few keys that had to be compared with each other in full.
    None when there would be so many signatures or candidates that comparing every pair is cheaper.

    Why no similar pair is missed: two keys whose Indel distance is at most d have character counts that differ
    by at most d in all (a common subsequence uses each character at most as often as the rarer of the two has
    it). Spread the alphabet over d + 2 groups: at most d groups hold a difference, so in at least two groups
    the keys have exactly the same characters. A signature is a hash of the characters two groups hold, one for
    each pair of groups, and keys that share a signature are candidates. d is the most the pair's lengths allow
    (_reach), so every key gets signatures for each d its length needs. Empty groups would make everything a
    candidate, so signatures are made of non-empty groups only; that still finds a pair when one of the two keys
    has no empty group. A key with an empty group tries another partition (up to LEVELS), and keys that have
    one in every partition are compared with each other in full. Candidates are then kept only if their lengths
    and a bound on their common characters (``_char_masks``) allow ``threshold``."""
    n = len(keys)
    lengths = np.fromiter(map(len, keys), np.int64, n)
    present = np.unique(lengths).tolist()
    reach = np.zeros((present[-1] + 1,) * 2, dtype=np.int64)
    needs: dict[int, set[int]] = {}  # groups (reach + 2) → the lengths that need them
    for a in present:
        for b in present:
            d = reach[a, b] = _reach(a + b, threshold)
            if d >= 1 and abs(a - b) <= d:  # distinct keys of these lengths may be similar enough
                needs.setdefault(d + 2, set()).add(a)
    count = np.bincount(lengths)
    signatures = sum(groups * (groups - 1) // 2 * int(count[sorted(ls)].sum()) for groups, ls in needs.items())
    every_pair = n * (n - 1) / 2 * (0.5 + float(lengths.mean()) / 32)  # rapidfuzz's time grows with the lengths
    if signatures * SIGNATURE_COST > every_pair:
        return None
    rng = np.random.default_rng(15)  # any partition is exact; a fixed one keeps the run repeatable
    codes = np.frombuffer("".join(keys).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    alphabet = int(codes.max()) + 1 if len(codes) else 1
    weight = rng.integers(1, 1 << 32, alphabet).astype(np.float64)  # sums of MAX_LENGTH of them stay exact
    begins = np.cumsum(lengths) - lengths
    bits = (n - 1).bit_length()
    kinds = (len(needs) * LEVELS - 1).bit_length()  # a signature's partition: number of groups and level
    if 64 - kinds - bits < 24:
        return None
    found: list[Any] = []  # partition << 64 - kinds | signature << bits | key
    left: set[int] = set()  # keys with an empty group in every partition
    # the level at which a key had no empty group, for each number of groups (LEVELS: none)
    served = np.full((len(needs), n), LEVELS, dtype=np.int64)
    for partition, (groups, ls) in enumerate(sorted(needs.items())):
        wanted = np.zeros(len(count), dtype=bool)
        wanted[sorted(ls)] = True
        members = np.flatnonzero(wanted[lengths])
        first, second = np.triu_indices(groups, 1)
        for level in range(LEVELS):
            if len(members) < FEW:  # all the keys of these lengths that a partition did not serve
                break
            size = lengths[members]
            row = np.repeat(np.arange(len(members)), size)  # the members' characters: row, and where in codes
            mine = codes[np.repeat(begins[members] - np.cumsum(size) + size, size) + np.arange(len(row))]
            cell = row * groups + rng.integers(0, groups, alphabet)[mine]
            held = np.bincount(cell, minlength=len(members) * groups).reshape(len(members), groups) > 0
            sums = np.bincount(cell, weights=weight[mine], minlength=len(members) * groups)
            sums = sums.reshape(len(members), groups).astype(np.uint64)
            tags = rng.integers(0, 1 << 62, len(first), dtype=np.uint64)
            mixed = (sums[:, first] * np.uint64(0x9E3779B97F4A7C15) + sums[:, second]) * np.uint64(0xC2B2AE3D27D4EB4F)
            usable = held[:, first] & held[:, second]
            kind = np.uint64((partition * LEVELS + level) << (64 - kinds))
            hashed = (mixed ^ tags) >> np.uint64(kinds + bits) << np.uint64(bits)
            found.append((kind | hashed | members[:, None].astype(np.uint64))[usable])
            full = held.all(axis=1)
            served[partition, members[full]] = level
            members = members[~full]
        left.update(members.tolist())
    brute = [_all_earlier(np, keys, sorted(left), threshold)] if len(left) > 1 else []
    packed = np.concatenate(found) if found else np.zeros(0, np.uint64)
    del found
    packed.sort()
    signature = packed >> np.uint64(bits)
    shared = signature[1:] == signature[:-1]  # the same signature as the one before
    keep = np.zeros(len(packed), dtype=bool)
    keep[1:] |= shared
    keep[:-1] |= shared
    packed = packed[keep]  # keys that share a signature with another
    signature, who = packed >> np.uint64(bits), (packed & np.uint64((1 << bits) - 1)).astype(np.int32)
    kind = (packed >> np.uint64(64 - kinds)).astype(np.int32)
    del packed
    starts = np.flatnonzero(np.r_[True, signature[1:] != signature[:-1]])
    ends = np.r_[starts[1:], len(signature)]
    after = np.repeat(ends, ends - starts) - np.arange(len(signature)) - 1  # later members of one's group
    if int(after.sum()) * CANDIDATE_COST > every_pair:
        return None
    width = len(count)
    span = np.arange(width)
    sums = np.add.outer(span, span)
    # the characters a pair of these lengths must have in common (a common subsequence is at least this long)
    need = np.where(reach >= np.maximum(1, np.abs(np.subtract.outer(span, span))), (sums - reach + 1) // 2, 1 << 20)
    need = need.ravel().astype(np.int32)
    # a pair is looked at only under the partition that is sure to find it: as many groups as its lengths need
    # (reach + 2), and the first level at which one of the two had no empty group
    index = {groups: p for p, groups in enumerate(sorted(needs))}
    partition_of = np.array([[index.get(int(d) + 2, -1) for d in line] for line in reach], dtype=np.int32).ravel()
    served = served.ravel()
    low, high, spare = _char_masks(np, codes, lengths)
    short, spare = lengths.astype(np.int32), spare.astype(np.int32)
    later, earlier = [np.zeros(0, np.int32)], [np.zeros(0, np.int32)]
    # about a million pairs at a time (and a key's pairs under one signature at once): little memory at any time
    cuts = np.searchsorted(np.cumsum(after), np.arange(1 << 20, int(after.sum()), 1 << 20), side="right")
    for at, stop in zip(np.r_[0, cuts].tolist(), np.r_[cuts, len(after)].tolist(), strict=True):
        step = after[at:stop]
        one = np.repeat(np.arange(at, stop), step)
        other = one + 1 + np.arange(len(one)) - np.repeat(np.cumsum(step) - step, step)
        a, b = who[one], who[other]  # a ≤ b: the keys of one signature are sorted
        partition, level = np.divmod(kind[one], LEVELS)
        keep = partition == partition_of[short[a] * width + short[b]]
        a, b, partition, level = a[keep], b[keep], partition[keep], level[keep]
        keep = level == np.minimum(served[partition * n + a], served[partition * n + b])
        a, b = a[keep], b[keep]
        common = np.minimum(spare[a], spare[b]) + _popcount(np, low[a] & low[b]) + _popcount(np, high[a] & high[b])
        keep = (common >= need[short[a] * width + short[b]]) & (a != b)
        later.append(b[keep])
        earlier.append(a[keep])
    pair = np.sort(np.concatenate(later).astype(np.int64) * n + np.concatenate(earlier))
    pair = pair[np.r_[True, pair[1:] != pair[:-1]]] if len(pair) else pair
    return pair // n, pair % n, brute


def _char_masks(np: Any, codes: Any, lengths: Any) -> tuple[Any, Any, Any]:
    """Each key's characters as a set of 128 bits (two words: the character code modulo 128), and how many of
    its characters are beyond those bits (repeated, or sharing a bit): a bound on the characters two keys
    have in common is the bits both hold and the fewer of the two keys' beyond. With numpy < 2 (no
    bitwise_count) the sets are empty and every character beyond, which bounds nothing."""
    masks = np.zeros((2, len(lengths)), dtype=np.uint64)
    if not len(codes) or not hasattr(np, "bitwise_count"):
        return masks[0], masks[1], lengths
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    bit = np.left_shift(np.uint64(1), (codes & 63).astype(np.uint64))
    for word in (0, 1):
        held = np.r_[np.where((codes >> 6) & 1 == word, bit, np.uint64(0)), np.uint64(0)]  # 0: for a last empty key
        masks[word] = np.bitwise_or.reduceat(held, starts)
    masks[:, lengths == 0] = 0  # reduceat gives an empty key its successor's first value
    return masks[0], masks[1], lengths - _popcount(np, masks[0]) - _popcount(np, masks[1])


def _popcount(np: Any, words: Any) -> Any:
    """Bits set in each of ``words`` (uint64), as int32; zeros with numpy < 2 (whose masks are empty)."""
    if not hasattr(np, "bitwise_count"):
        return np.zeros(len(words), dtype=np.int32)
    return np.bitwise_count(words).astype(np.int32)


def _all_earlier(np: Any, keys: list[str], chosen: list[int], threshold: float) -> tuple[Any, Any, Any]:
    """(later, earlier, similarity) arrays: for each of the ``chosen`` keys (ascending indexes into ``keys``),
    the most similar earlier one of them if at least ``threshold`` similar, the first of equals."""
    small = [keys[c] for c in chosen]
    pick = np.array(chosen, dtype=np.int64)
    later, earlier, scores = [], [], []
    for start in range(1, len(small), BLOCK):
        stop = min(len(small), start + BLOCK)
        fuzz, process = _rapidfuzz()

        matrix = process.cdist(
            small[start:stop], small[: stop - 1], scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.float32
        )
        matrix[np.arange(stop - 1)[None, :] >= np.arange(start, stop)[:, None]] = 0
        best = matrix.argmax(axis=1)
        score = matrix[np.arange(len(best)), best]
        rows = np.flatnonzero(score > 0)
        later.append(pick[start + rows])
        earlier.append(pick[best[rows]])
        scores.append(score[rows])
    return np.concatenate(later), np.concatenate(earlier), np.concatenate(scores)


def _compact(keys: list[str]) -> list[str]:
    """The same strings over the smallest code points (1, 2, …): in the order the characters first appear when
    there are at most 255 of them (every string is then one byte a character), else the most frequent first (so
    that as many strings as can be are). Counting costs more than the comparisons of a community's list."""
    joined = "".join(keys)
    order: Any = dict.fromkeys(joined)
    if len(order) > 255:
        from collections import Counter

        order = dict(Counter(joined).most_common())
    table = {ord(c): n for n, c in enumerate(order, 1)}
    return [k.translate(table) for k in keys]


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


# Line breaks inside a YAML text (a plain or quoted value over several lines, or a folded ``>`` block) become one
# space when the file is read: right for English, wrong for Chinese ("协助开展\n  人口普查" is 协助开展人口普查). As
# CSS Text 3 transforms segment breaks, a break between two wide characters (East Asian Width F, W or H; not
# Hangul) is removed instead. A space typed inside a line stays: 《民政部 中央组织部关于…》 is a joint issue.
_WIDE = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003fffd"
)
# Text that may hold such a space, so that the fast loader (which does not say where lines were) leaves the file to
# the builder: a space between two characters of the ranges above (wide, or near enough for that decision).
_FOLD_SUSPECT = f"[{_WIDE}] [{_WIDE}]"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A pattern over wide ranges of Chinese characters, compiled when first used: compiling the few of this
    module took 12 ms of every start (re builds their character maps), and a warm validate needs none of them."""
    return re.compile(pattern)


def fold_suspect(value: str) -> bool:
    """Whether ``value`` has a space between two wide characters (see above)."""
    return _compiled(_FOLD_SUSPECT).search(value) is not None


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "FWH" and not (
        "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f" or "\uac00" <= ch <= "\ud7a3"
    )


def unfold(value: str, source: str, style: str | None) -> str:
    """``value`` as YAML folded it from ``source`` (the scalar as written, ``>`` header and quotes included),
    without the spaces that line breaks between two wide characters became. Where the source does not fold
    line by line into the value (escapes, more-indented lines, tabs), the value is returned as it is."""
    if style == ">":
        source = source.partition("\n")[2]
    elif style in ('"', "'"):
        source = source[1:-1]
    elif style:
        return value
    lines = [line.strip(" ") for line in source.split("\n")]
    cut: list[int] = []  # positions in value of spaces that were line breaks between wide characters
    pos, empties, previous = 0, 0, ""
    for line in lines:
        if not line:
            empties += 1
            continue
        if previous:
            if empties == 0:
                if value[pos : pos + 1] != " ":
                    return value
                if _wide(previous[-1]) and _wide(line[0]):
                    cut.append(pos)
                pos += 1
            elif value[pos : pos + empties] == "\n" * empties:
                pos += empties
            else:
                return value
        if not value.startswith(line, pos):
            return value
        pos += len(line)
        previous, empties = line, 0
    for at in reversed(cut):
        value = value[:at] + value[at + 1 :]
    return value


# Spacing only: every kind of space becomes one ASCII space; spaces next to Chinese punctuation go.
_SPACES = re.compile(r"[ \t]+")
_CJK_PUNCT = "，。、；：？！（）《》〈〉【】〔〕“”‘’…—·"
_AROUND_PUNCT = re.compile(rf" ?([{_CJK_PUNCT}]) ?")
# In names only: "无犯罪记录 证明", "居 委 会". (Citations keep theirs: 《民政部 中央组织部关于…》 is a joint issue.)
_BETWEEN_HAN = r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])"


def clean(text: str) -> str:
    """Strip and collapse whitespace; join wrapped lines (no space between Chinese characters)."""
    out = ""
    for line in text.splitlines():
        line = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in line)
        line = _AROUND_PUNCT.sub(r"\1", _SPACES.sub(" ", line)).strip()
        if not line:
            continue
        ascii_join = out[-1:].isascii() and out[-1:].isalnum() and line[0].isascii() and line[0].isalnum()
        out += (" " if ascii_join else "") + line
    return out


def clean_name(text: str) -> str:
    """An item name or alias: ``clean`` and no spaces between Chinese characters."""
    return _compiled(_BETWEEN_HAN).sub("", clean(text))


# Half-width punctuation that an English input state gives inside a Chinese name: 证明(收入) → 证明（收入）.
_HALF_PUNCT = str.maketrans({"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "?": "？", "!": "！"})
_HAN_CHAR = r"[\u3400-\u9fff]"


def tidy_name(text: str) -> str:
    """A name as ``qingdan fix`` writes it: ``clean_name``, and in a Chinese name the half-width brackets and
    punctuation full-width (ASCII words and numbers inside it keep theirs: 3.5 stays)."""
    name = clean_name(text)
    if not _compiled(_HAN_CHAR).search(name):
        return name
    out = re.sub(
        r"(?<![0-9A-Za-z])[(),;:?!]|[(),;:?!](?![0-9A-Za-z])", lambda m: m.group(0).translate(_HALF_PUNCT), name
    )
    return _AROUND_PUNCT.sub(r"\1", out)


def name_phrases(text: str, names: re.Pattern[str] | None) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_name) around the names ``names`` matches (longest first), so that a
    title can break between 东城区 and 向阳社区 but never inside one: 东城区向阳社区依法协助… →
    [("东城区", True), ("向阳社区", True), ("依法协助…", False)]."""
    if names is None:
        return [(text, False)] if text else []
    out: list[tuple[str, bool]] = []
    at = 0
    for m in names.finditer(text):
        if m.start() > at:
            out.append((text[at : m.start()], False))
        out.append((m.group(0), True))
        at = m.end()
    if at < len(text):
        out.append((text[at:], False))
    return out


def names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for ``name_phrases``: the names of two characters or more, the longest tried first."""
    unique = sorted({n for n in names if len(n) > 1}, key=lambda n: (-len(n), n))
    return re.compile("|".join(re.escape(n) for n in unique)) if unique else None


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without control characters (tab and new line kept): what a printed page shows of them. A tagged
    PDF must map every character to a glyph, and typst refuses ``\\x01`` under PDF/UA."""
    return _CONTROL.sub("", text)


def visible(text: str) -> str:
    """``text`` with control characters (but tab and new line) shown as ␛, ␇ … instead of acting."""
    # _CONTROL matches exactly the characters _PICTURES maps; looking is much faster than translating a megabyte
    return text.translate(_PICTURES) if _CONTROL.search(text) else text


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


# ---------------------------------------------------------------------------------------------------------------
# The name model. Every certificate or work-item name has a core name, covered variants and qualifiers:
#   居民财产证明（经济状况证明、收入证明）  core 居民财产证明, variants 经济状况证明 and 收入证明
#   收入證明（用于助学金申请）              core 收入證明, qualifier 用于助学金申请
#   住房证明（无房、租房）                  core 住房证明, qualifiers 无房 and 租房 (conditions, not names)
#   招商引资（任务指标）                    core 招商引资, qualifier 任务指标
# A bracket part is a variant when it is itself a name of the same sort (a certificate name ending like one,
# or a name ending like the core); everything else is a qualifier: purpose (用于…), scope (限…, 仅…),
# conditions, counts, 任务指标. Matching uses core names and variants; qualifiers never match anything.

_BRACKET_CHARS = frozenset("（(【〔[")  # what opens a bracket in _NAME_BRACKET
_NAME_BRACKET = re.compile(r"[（(【〔\[]([^（()）【】〔〕\[\]]*)[）)】〕\]]")
_PIECE_SEP = re.compile(r"[、，,；;／/]")
_ETC = re.compile(r"(等等|等|……|…|\.\.\.)$")
# A bracket part that starts so is a qualifier whatever it ends with.
QUALIFIER_CUES = ("用于", "用作", "用途", "限", "仅", "只限", "适用", "不含", "除", "指", "针对", "供", "因", "办理")
# ... and one that starts so lists covered variants (含 父母子女关系证明).
COVER_CUES = ("含", "包括", "包含", "即", "又称", "俗称")
# What a certificate's name ends with: such a bracket part is a certificate of its own.
CERTIFICATE_ENDINGS = ("证明", "证明书", "证明材料", "证明信", "证书", "证", "鉴定", "意见书", "情况说明", "说明")
# Leading words a list or a resident puts before the name of the thing (开收入证明, 出具居住证明, 请问能给我开个…),
# taken off one after another, the longest first; the rest must still name a certificate (``_strip_words``). Who
# asks, then the verb with or without a measure word (开个, 要一份: a measure word only after a verb). No word of one
# character but the verbs: 个人…, 请假…, 能力…, 社区… begin real names.
_ASKING = ("我想要", "我要", "我想", "想要", "请问", "请帮我", "帮我", "麻烦")
_VERBS = (
    "能不能开具",
    "能不能开",
    "能否出具",
    "能否开具",
    "可不可以开",
    "可以开",
    "能开",
    "帮忙开",
    "能帮忙开",
    "给开",
    "给我开",
    "能给我开",
    "为居民出具",
    "为群众出具",
    "为居民开具",
    "为群众开具",
    "向居民出具",
    "给居民开具",
    "给居民开",
    "帮居民开",
    "出具",
    "开具",
    "开",
    "办理",
    "办",
    "提供",
    "申请",
    "打印",
    "要",
)
_MEASURES = ("一个", "一份", "一张", "个", "份", "张")


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


LEADING_VERBS = _longest_first((*_ASKING, *_VERBS, *(verb + measure for verb in _VERBS for measure in _MEASURES)))
# ... and what follows it (收入证明一份, 能开健在证明吗, 开收入证明可以吗, 无犯罪记录证明怎么开), the longest first
TRAILING_WORDS = _longest_first(
    (
        "吗",
        "么",
        "呢",
        "一份",
        "一张",
        "的",
        "可以吗",
        "可以不",
        "行不行",
        "行吗",
        "怎么开",
        "怎么办理",
        "在哪开",
        "去哪开",
        "哪里开",
    )
)
# Clause-phrased lists (证明居民婚姻状况情况): the thing certified, then 证明.
_CLAUSE = re.compile(r"^证明(?:居民|本人|申请人|当事人|其)?(.{2,}?)(?:的)?(情况)?$")


class Name(NamedTuple):
    text: str  # as written
    core: str  # without its brackets
    variants: tuple[str, ...]  # covered names written in its brackets
    qualifiers: tuple[str, ...]  # purpose, scope, conditions … written in its brackets


def _is_certificate(name: str) -> bool:
    return simplify(name).endswith(CERTIFICATE_ENDINGS)


_SPACE_RUN = re.compile(r"\s+")


def parse_name(text: str) -> Name:
    """Split a name into its core, the covered variants and the qualifiers written in its brackets."""
    if _BRACKET_CHARS.isdisjoint(text):  # no bracket opens: nothing to split (most names)
        core = text.strip()
        core = _SPACE_RUN.sub("", core) if _compiled(_HAN_CHAR).search(core) else _SPACE_RUN.sub(" ", core)
        return Name(text, core, (), ())
    core = _NAME_BRACKET.sub(" ", text).strip()
    core = _SPACE_RUN.sub("", core) if _compiled(_HAN_CHAR).search(core) else _SPACE_RUN.sub(" ", core)
    if not core:  # a name that is all bracket: keep it whole
        return Name(text, text.strip(), (), ())
    variants: list[str] = []
    qualifiers: list[str] = []
    # What decides whether a bracket piece is a name like the core, worked out once per name.
    core_certificate = _is_certificate(core)
    core_tail = simplify(core)[-2:] if len(core) >= 2 else None
    for inner in _NAME_BRACKET.findall(text):
        inner = inner.strip()
        if not inner:
            continue
        if simplify(inner).startswith(QUALIFIER_CUES):
            qualifiers.append(inner)
            continue
        cover = next((c for c in COVER_CUES if inner.startswith(c)), "")
        pieces = [_ETC.sub("", p.strip()).strip() for p in _PIECE_SEP.split(inner[len(cover) :])]
        pieces = [p for p in pieces if p]
        named = [p for p in pieces if _like(p, core_certificate, core_tail)]
        if cover and named == pieces:
            variants.extend(p for p in pieces if p not in variants and p != core)
        elif named and len(named) == len(pieces):
            variants.extend(p for p in pieces if p not in variants and p != core)
        else:
            qualifiers.extend(p for p in (pieces if not named and not cover else [inner]) if p not in qualifiers)
    return Name(text, core, tuple(variants), tuple(qualifiers))


def _like(piece: str, core_certificate: bool, core_tail: str | None) -> bool:
    """Whether a bracket piece is a name of the core's sort: a certificate beside a certificate, else a
    name ending like the core (``core_tail``: the core's last two characters simplified, None if shorter)."""
    if len(piece) < 2:
        return False
    if core_certificate or _is_certificate(piece):
        return _is_certificate(piece)
    return core_tail is not None and simplify(piece).endswith(core_tail)


# Names worth deriving keys from without brackets: leading verbs, trailing particles, clause form.
_DERIVABLE_START = (*LEADING_VERBS, "证明")
# first and last characters of those words: most names are told apart by one set lookup (startswith over 200
# words costs 0.7 µs a name, called for each of a province's 100,000 names)
_START_FIRST = frozenset(w[0] for w in _DERIVABLE_START)
_TRAILING_LAST = frozenset(w[-1] for w in TRAILING_WORDS)
GENERIC = frozenset({"证明", "证书", "材料", "工作", "事项", "服务"})  # too general to stand for a name
MIN_DERIVED = 3


def _strip_words(text: str) -> str:
    """The certificate named, without the verbs and particles around it (开收入证明吗 → 收入证明);
    work items keep their verbs (开展… is not 展…)."""
    if len(text) <= 2 or not (
        (text[0] in _START_FIRST and text.startswith(LEADING_VERBS))
        or (text[-1] in _TRAILING_LAST and text.endswith(TRAILING_WORDS))
    ):
        return text  # nothing to strip (most names)
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


MEMO_LONGEST = 200  # longer names are not remembered (a hostile megabyte name stays out of the memo)


def derived_keys(text: str) -> tuple[str, ...]:
    """The comparison keys a name stands for besides its own: its core name and covered variants, the
    thing named without surrounding verbs, and a clause-phrased item's certificate name (证明居民婚姻状况
    → 婚姻状况证明). The same function serves list names and what a resident types."""
    own = key(text)
    return tuple(k for k in _derived(text) if k != own)


def _derived(text: str) -> tuple[str, ...]:
    # Names repeat across a repository's lists (the same duty in every district): remembered per name.
    return _derived_memo(text) if len(text) <= MEMO_LONGEST else _derive(text)


def _derive(text: str) -> tuple[str, ...]:
    """derived_keys() before the name's own key is taken out (which callers that know it do cheaply)."""
    name = parse_name(text)
    out: list[str] = []
    for candidate in (name.core, *name.variants):
        k = key(candidate)
        stripped = _strip_words(k)
        for form in (k,) if stripped == k else (k, stripped):
            clause = _CLAUSE.match(form) if form.startswith("证明") else None
            named = (f"{clause.group(1)}证明", f"{clause.group(1)}{clause.group(2)}证明") if clause else ()
            for found in (form, *named):
                if found and found not in out and len(found) >= MIN_DERIVED and found not in GENERIC:
                    out.append(found)
    return tuple(out)


_derived_memo = lru_cache(maxsize=65536)(_derive)


def display_name(name: str, qualifiers: Any = None) -> str:
    """A name as published: the name, then its qualifiers in one bracket (住房证明（无房、租房）)."""
    parts = [str(q) for q in qualifiers or () if q]
    return f"{name}（{'、'.join(parts)}）" if parts else name


def derivable(names: tuple[str, ...]) -> bool:
    """Whether any of the names can stand for another key (a quick test before ``name_keys``)."""
    # Plain string tests, not a regex searched at every position: a bracket, a leading verb or 证明, a
    # trailing word (also before one final newline, where ``$`` would match it).
    for n in names:
        if not _BRACKET_CHARS.isdisjoint(n):
            return True
        if (n[:1] in _START_FIRST and n.startswith(_DERIVABLE_START)) or (
            n[-1:] in _TRAILING_LAST and n.endswith(TRAILING_WORDS)
        ):
            return True
        if n[-1:] == "\n" and n[:-1].endswith(TRAILING_WORDS):
            return True
    return False


def derived_name_keys(names: tuple[str, ...], own_keys: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """Derived keys of several names (an item's name and aliases), without repeats and without the
    names' own keys; ``own_keys`` are those keys (``key()`` of each name) when the caller has them."""
    if len(names) == 1:  # most items: a name without aliases
        own_key = own_keys[0] if own_keys is not None else key(names[0])
        return tuple(k for k in _derived(names[0]) if k != own_key)
    own = set(own_keys) if own_keys is not None else {key(n) for n in names}
    out: list[str] = []
    for n in names:
        out.extend(k for k in _derived(n) if k not in own and k not in out)
    return tuple(out)
