"""near-duplicate: two items of the same kind in the same jurisdiction with (nearly) the same name.

Names are compared by their normalised key (identical keys are similarity 100). Each item is reported
once, at most, with the most similar item before it (so a list of 10,000 nearly equal names gives 10,000
findings, not every pair). Inside one file this was found while the file was read (in parallel, and cached
with it); several files of one jurisdiction and kind are compared as one list. An allowed and a forbidden
certificate are not near-duplicates of each other: that is certificate-conflict-fuzzy's job.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from qingdan.model import Entry, FileResult, Finding
from qingdan.repository import Repository
from qingdan.rules.base import at
from qingdan.text import closest_earlier


def _pairs(repo: Repository) -> Iterator[tuple[Entry, Entry, float]]:
    """Each item with the most similar item before it of its place and kind (files in order), if similar enough."""
    groups: dict[tuple[str, str], list[FileResult]] = defaultdict(list)
    for f in repo.subject_files:
        if f.header is not None and f.kind != "admissions":
            groups[(f.kind or "", f.header.jurisdiction)].append(f)
    threshold = repo.config.fuzzy_threshold
    for files in groups.values():
        if len(files) == 1:  # the answers inside one file were found when it was read (and cached with it)
            for i, j, score in files[0].pairs:
                yield files[0].entries[i], files[0].entries[j], score
            continue
        entries = [e for f in files for e in f.entries]  # several lists of one place and kind: compared as one
        for i, j, score in closest_earlier([e.keys[0] for e in entries], threshold):
            yield entries[i], entries[j], score


def near_duplicate(repo: Repository) -> Iterator[Finding]:
    for item, other, score in _pairs(repo):
        if item.stance == other.stance:
            same = "near-duplicate-same" if score >= 100 else ""
            yield at(item, "near-duplicate", "name", same, other_name=other.name, other_id=other.id, similarity=score)
