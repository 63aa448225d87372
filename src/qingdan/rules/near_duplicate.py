"""near-duplicate: two items of the same kind in the same jurisdiction with (nearly) the same name.

Names are compared by their normalised key (identical keys are similarity 100). An allowed and a
forbidden certificate are not near-duplicates of each other: that is certificate-conflict-fuzzy's job.
The pairs of each group are remembered across runs (keyed by the group's names), so an unchanged
jurisdiction costs nothing the next time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from qingdan.model import Finding
from qingdan.repository import Repository
from qingdan.rules.base import at
from qingdan.text import similar_pairs


def _pairs(repo: Repository, keys: list[str]) -> list[tuple[int, int, float]]:
    threshold = repo.config.fuzzy_threshold
    digest = hashlib.blake2b(f"{threshold}\n{chr(30).join(keys)}".encode(), digest_size=16).hexdigest()
    memo: dict[str, list[tuple[int, int, float]]] = repo.store.setdefault("near-duplicate", {})
    if digest not in memo:
        memo[digest] = similar_pairs(keys, threshold)
    repo.used.setdefault("near-duplicate", set()).add(digest)
    return memo[digest]


def near_duplicate(repo: Repository) -> Iterator[Finding]:
    for (kind, _), entries in repo.by_place.items():
        if kind == "admissions" or len(entries) < 2:
            continue
        for i, j, score in _pairs(repo, [e.keys[0] if e.keys else "" for e in entries]):
            item, other = entries[i], entries[j]
            if item.stance != other.stance:
                continue
            yield at(item, "near-duplicate", "name", other_name=other.name, other_id=other.id, similarity=score)


