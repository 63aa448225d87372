"""duty-on-negative-list: a duty item is on a negative list of its jurisdiction or an ancestor.

The exact rule matches normalised names and aliases; duty-negative-fuzzy reports similar names and
names that contain a negative item's name (“协助开展招商引资” contains “招商引资”).
"""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.model import Entry, Finding
from qingdan.repository import Repository
from qingdan.rules.base import at
from qingdan.text import NameIndex, key

MIN_CONTAINED = 4  # a negative name shorter than this is too generic to match inside another name


def _negatives(repo: Repository, code: str) -> tuple[NameIndex, list[Entry]]:
    cache: dict[str, tuple[NameIndex, list[Entry]]] = repo.memo.setdefault("_negative_index", {})
    if code not in cache:
        entries = list(repo.by_place.get(("negative", code), ()))
        index = NameIndex()
        for e in entries:
            index.add(e, e.names)
        cache[code] = (index, entries)
    return cache[code]


def _duties(repo: Repository) -> Iterator[Entry]:
    return (e for e in repo.entries if e.kind == "duties")


def _exact(repo: Repository, entry: Entry) -> tuple[Entry, str] | None:
    for code in repo.chain(entry.jurisdiction):
        hits = _negatives(repo, code)[0].exact(entry.names)
        if hits:
            return hits[0][0], hits[0][1]
    return None


def on_negative_list(repo: Repository) -> Iterator[Finding]:
    for entry in _duties(repo):
        hit = _exact(repo, entry)
        if hit is not None:
            other, other_name = hit
            yield at(entry, "duty-on-negative-list", "name", other_name=other_name, other_file=other.file,
                     level_name=repo.name_of(other.jurisdiction), other_id=other.id)


def _contained(entry: Entry, negatives: list[Entry]) -> tuple[Entry, str] | None:
    mine = key(entry.name)
    for other in negatives:
        for name in other.names:
            k = key(name)
            if len(k) >= MIN_CONTAINED and k in mine:
                return other, name
    return None


def negative_fuzzy(repo: Repository) -> Iterator[Finding]:
    threshold = repo.config.fuzzy_threshold
    for entry in _duties(repo):
        if _exact(repo, entry) is not None:
            continue
        for code in repo.chain(entry.jurisdiction):
            index, entries = _negatives(repo, code)
            if not entries:
                continue
            contained = _contained(entry, entries)
            hit = (contained[0], contained[1], entry.name, 100.0) if contained else index.fuzzy(entry.names, threshold)
            if hit is not None:
                other, other_name, _, score = hit
                yield at(entry, "duty-negative-fuzzy", "name", other_name=other_name,
                         level_name=repo.name_of(other.jurisdiction), similarity=score, other_id=other.id)
                break
