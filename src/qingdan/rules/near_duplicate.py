"""near-duplicate: two items of the same kind in the same jurisdiction with (nearly) the same name.

Names are compared by their normalised key (identical keys are similarity 100). The pairs inside one
file were found while the file was read (in parallel, and cached with it); here the files of one
jurisdiction and kind are compared with each other. An allowed and a forbidden certificate are not
near-duplicates of each other: that is certificate-conflict-fuzzy's job.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rapidfuzz import fuzz, process

from qingdan.model import Entry, FileResult, Finding
from qingdan.repository import Repository
from qingdan.rules.base import at


def _pairs(repo: Repository) -> Iterator[tuple[Entry, Entry, float]]:
    groups: dict[tuple[str, str], list[FileResult]] = defaultdict(list)
    for f in repo.files:
        if f.header is not None and f.kind != "admissions":
            groups[(f.kind or "", f.header.jurisdiction)].append(f)
    threshold = repo.config.fuzzy_threshold
    for files in groups.values():
        earlier: list[Entry] = []
        for f in files:
            for i, j, score in f.pairs:
                yield f.entries[i], f.entries[j], score
            keys = [e.keys[0] for e in earlier]
            for entry in f.entries if earlier else ():
                for _, score, j in process.extract(
                    entry.keys[0], keys, scorer=fuzz.ratio, score_cutoff=threshold, limit=None
                ):
                    yield entry, earlier[j], round(float(score), 1)
            earlier.extend(f.entries)


def near_duplicate(repo: Repository) -> Iterator[Finding]:
    for item, other, score in _pairs(repo):
        if item.stance == other.stance:
            same = "near-duplicate-same" if score >= 100 else ""
            yield at(item, "near-duplicate", "name", same, other_name=other.name, other_id=other.id, similarity=score)
