"""duty-on-negative-list: a duty item is on a negative list of its jurisdiction or an ancestor.

The exact rule matches normalised names and aliases; duty-negative-fuzzy reports similar names and
names that contain a negative item's name (“协助开展招商引资” contains “招商引资”).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from qingdan.model import Entry, Finding
from qingdan.repository import Repository
from qingdan.rules.base import at
from qingdan.text import NameIndex

MIN_CONTAINED = 4  # a negative name shorter than this is too generic to look for inside other names


def _chain_index(repo: Repository, code: str) -> NameIndex:
    """Every negative item of the code's chain, nearest level first. Places whose chains hold the same
    negative lists share one index (and its memo of answers)."""
    memo: dict[tuple[str, ...], NameIndex] = repo.memo.setdefault("negative", {})
    levels = tuple(level for level in repo.chain(code) if ("negative", level) in repo.by_place)
    if levels not in memo:
        index = NameIndex()
        for level in levels:
            for e in repo.by_place[("negative", level)]:
                index.add_entry(e)
        memo[levels] = index
    return memo[levels]


def _duties(repo: Repository) -> Iterator[tuple[NameIndex, list[Entry]]]:
    for (kind, code), entries in repo.subject_by_place.items():
        if kind == "duties":
            index = _chain_index(repo, code)
            if index:
                yield index, entries


def _at(
    repo: Repository, entry: Entry, rule: str, other: Entry, other_name: str, key: str = "", **args: object
) -> Finding:
    return at(
        entry,
        rule,
        "name",
        key,
        other_name=other_name,
        other_file=other.file,
        other_line=other.line,
        document=repo.document(other.file),
        level_name=repo.name_of(other.jurisdiction),
        other_id=other.id,
        **args,
    )


def on_negative_list(repo: Repository) -> Iterator[Finding]:
    for index, entries in _duties(repo):
        exact = index.exact
        for entry in entries:
            hit = exact(entry.keys + entry.cores if entry.cores else entry.keys)  # (match_keys, inline: 1M items)
            if hit is not None:
                yield _at(repo, entry, "duty-on-negative-list", *hit)


_UNSEEN = cast("Verdict", object())  # not a verdict: "not judged yet"


def negative_fuzzy(repo: Repository) -> Iterator[Finding]:
    threshold = repo.config.fuzzy_threshold
    verdicts: dict[int, dict[tuple[str, ...], Verdict]] = repo.memo.setdefault("negative-fuzzy", {})
    for index, entries in _duties(repo):
        # The same names recur in every community's list: each set of keys is judged once per index.
        known = verdicts.setdefault(id(index), {})  # the index lives in repo.memo as long as its verdicts
        seen = known.get
        for entry in entries:
            keys = entry.keys + entry.cores if entry.cores else entry.keys  # (match_keys, inline)
            verdict = seen(keys, _UNSEEN)
            if verdict is _UNSEEN:
                verdict = known[keys] = _verdict(index, keys, threshold)
            if verdict is None:
                continue
            if len(verdict) == 2:
                yield _at(repo, entry, "duty-negative-fuzzy", *verdict, key="duty-negative-contains")
            else:
                yield _at(repo, entry, "duty-negative-fuzzy", verdict[0], verdict[1], similarity=verdict[2])


# (the negative item, its name) when a key contains it; (item, name, similarity) when one is similar or a typo
Verdict = tuple[Entry, str] | tuple[Entry, str, float] | None


def _verdict(index: NameIndex, keys: tuple[str, ...], threshold: float) -> Verdict:
    if index.exact(keys) is not None:  # duty-on-negative-list says it
        return None
    contained = next((c for k in keys if (c := index.contained_in(k, MIN_CONTAINED))), None)
    if contained is not None:
        return contained
    return index.fuzzy(keys, threshold) or index.typo(keys)
