"""near-duplicate: two items of the same kind in the same jurisdiction with (nearly) the same name.

Names are compared by their normalised key (identical keys are similarity 100). The pairs inside one
file were found while the file was read (in parallel, and cached with it); here the files of one
jurisdiction and kind are compared with each other. An allowed and a forbidden certificate are not
near-duplicates of each other: that is certificate-conflict-fuzzy's job.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from qingdan.model import Entry, FileResult, Finding
from qingdan.repository import Repository
from qingdan.rules.base import at
from qingdan.text import similar_pairs


def _pairs(repo: Repository) -> Iterator[tuple[Entry, Entry, float]]:
    groups: dict[tuple[str, str], list[FileResult]] = defaultdict(list)
    for f in repo.files:
        if f.header is not None and f.kind != "admissions":
            groups[(f.kind or "", f.header.jurisdiction)].append(f)
    threshold = repo.config.fuzzy_threshold
    for files in groups.values():
        for f in files:  # pairs inside one file: found when it was read (and cached with it)
            for i, j, score in f.pairs:
                yield f.entries[i], f.entries[j], score
        if len(files) > 1:  # pairs across the files of one place and kind
            entries = [e for f in files for e in f.entries]
            owner = [n for n, f in enumerate(files) for _ in f.entries]
            for i, j, score in similar_pairs([e.keys[0] for e in entries], threshold):
                if owner[i] != owner[j]:
                    yield entries[i], entries[j], score


def near_duplicate(repo: Repository) -> Iterator[Finding]:
    for item, other, score in _pairs(repo):
        if item.stance == other.stance:
            same = "near-duplicate-same" if score >= 100 else ""
            yield at(item, "near-duplicate", "name", same, other_name=other.name, other_id=other.id, similarity=score)
