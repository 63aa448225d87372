"""duty-on-negative-list: a duty item is on a negative list of its jurisdiction or an ancestor.

The exact rule matches normalised names and aliases; duty-negative-fuzzy reports similar names and
names that contain a negative item's name (“协助开展招商引资” contains “招商引资”).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from qingdan.model import Entry, Finding
from qingdan.repository import Repository
from qingdan.rules.base import against
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


def on_negative_list(repo: Repository) -> Iterator[Finding]:
    for entry, exact, _ in _judged(repo):
        if exact is not None:
            yield against(repo, entry, "duty-on-negative-list", *exact)


def negative_fuzzy(repo: Repository) -> Iterator[Finding]:
    for entry, _, verdict in _judged(repo):
        if verdict is None:
            continue
        if len(verdict) == 2:
            yield against(repo, entry, "duty-negative-fuzzy", *verdict, key="duty-negative-contains")
        else:
            yield against(repo, entry, "duty-negative-fuzzy", verdict[0], verdict[1], similarity=verdict[2])


# (the negative item, its name) when a key contains it; (item, name, similarity) when one is similar or a typo
Verdict = tuple[Entry, str] | tuple[Entry, str, float] | None
# what the index says of one item: its exact match (duty-on-negative-list), else its verdict (duty-negative-fuzzy);
# None: nothing
Judgement = tuple[tuple[Entry, str] | None, Verdict] | None
_UNSEEN = cast("Judgement", object())  # not a judgement: "not judged yet"


def _judged(repo: Repository) -> list[tuple[Entry, tuple[Entry, str] | None, Verdict]]:
    """The duty items an index of their chain's negative lists says something of, with what it says: one pass
    over the items for both rules. The same names recur in every community's list: the names of an item are
    judged once per index (its keys are a function of its name and aliases, so the name stands for them)."""
    memo = repo.memo
    if "negative-judged" in memo:
        found: list[tuple[Entry, tuple[Entry, str] | None, Verdict]] = memo["negative-judged"]
        return found
    threshold = repo.config.fuzzy_threshold
    found = []
    judged: dict[int, dict[object, Judgement]] = {}
    for index, entries in _duties(repo):
        known = judged.setdefault(id(index), {})  # the index lives in repo.memo for as long as this runs
        seen = known.get
        for entry in entries:
            names = (entry.name, entry.aliases) if entry.aliases else entry.name  # as Entry says (a str keeps its hash)
            judgement = seen(names, _UNSEEN)
            if judgement is _UNSEEN:
                judgement = known[names] = _judge(index, entry.match_keys, threshold)
            if judgement is not None:
                found.append((entry, *judgement))
    memo["negative-judged"] = found
    return found


def _judge(index: NameIndex, keys: tuple[str, ...], threshold: float) -> Judgement:
    exact = index.exact(keys)
    if exact is not None:
        return exact, None
    contained = next((c for k in keys if (c := index.contained_in(k, MIN_CONTAINED))), None)
    verdict = contained if contained is not None else index.fuzzy(keys, threshold) or index.typo(keys)
    return None if verdict is None else (None, verdict)
