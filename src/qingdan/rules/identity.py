"""duplicate-id: every item id is unique in the whole repository."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.model import Finding
from qingdan.repository import Repository
from qingdan.rules.base import at


def duplicate_id(repo: Repository) -> Iterator[Finding]:
    if repo.unique_ids:
        return
    first = repo.by_id
    for entry in repo.subjects:
        original = first[entry.id]
        if original is not entry:
            yield at(
                entry,
                "duplicate-id",
                "id",
                id=entry.id,
                other=f"{original.file}:{original.line}",
                other_file=original.file,
            )
