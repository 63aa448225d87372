"""near-duplicate: two items of the same kind in the same jurisdiction with (nearly) the same name.

Names are compared by their normalised key; identical keys are similarity 100.
"""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.model import Entry, Finding
from qingdan.repository import Repository
from qingdan.rules.base import at
from qingdan.text import key


def near_duplicate(repo: Repository) -> Iterator[Finding]:
    from rapidfuzz import fuzz, process

    threshold = repo.config.fuzzy_threshold
    for (kind, _), entries in repo.by_place.items():
        if kind == "admissions" or len(entries) < 2:
            continue
        keys = [key(e.name) for e in entries]
        for i in range(1, len(entries)):
            hit = process.extractOne(keys[i], keys[:i], scorer=fuzz.ratio, score_cutoff=threshold)
            if hit is not None:
                other: Entry = entries[hit[2]]
                yield at(entries[i], "near-duplicate", "name", other_name=other.name, other_id=other.id,
                         similarity=round(float(hit[1]), 1))
