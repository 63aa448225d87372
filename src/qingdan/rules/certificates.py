"""Certificate rules along the jurisdiction chain (a jurisdiction and all its ancestors).

certificate-conflict: an allowed certificate matches (name or alias, normalised) a forbidden one of the
same jurisdiction or an ancestor. certificate-conflict-fuzzy: the same with similar names.
forbidden-not-restated: a certificate list does not restate an ancestor's forbidden certificate.
"""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.model import Entry, Finding
from qingdan.repository import Repository
from qingdan.rules.base import at
from qingdan.text import NameIndex

KIND = "certificates"


def _forbidden(repo: Repository, code: str) -> NameIndex:
    """Forbidden certificates of the code's own lists only."""
    memo: dict[str, NameIndex] = repo.memo.setdefault("forbidden", {})
    if code not in memo:
        index = NameIndex()
        for e in repo.by_place.get((KIND, code), ()):
            if e.stance == "forbidden":
                index.add(e, e.names, e.keys)
        memo[code] = index
    return memo[code]


def _allowed(repo: Repository) -> Iterator[Entry]:
    return (e for e in repo.entries if e.kind == KIND and e.stance == "allowed")


def _exact(repo: Repository, entry: Entry) -> tuple[Entry, str] | None:
    for code in repo.chain(entry.jurisdiction):
        hit = _forbidden(repo, code).exact(entry.keys)
        if hit is not None:
            return hit
    return None


def conflict(repo: Repository) -> Iterator[Finding]:
    for entry in _allowed(repo):
        hit = _exact(repo, entry)
        if hit is not None:
            other, other_name = hit
            yield at(
                entry,
                "certificate-conflict",
                "name",
                other_name=other_name,
                other_file=other.file,
                level_name=repo.name_of(other.jurisdiction),
                other_id=other.id,
            )


def conflict_fuzzy(repo: Repository) -> Iterator[Finding]:
    threshold = repo.config.fuzzy_threshold
    for entry in _allowed(repo):
        if _exact(repo, entry) is not None:
            continue
        for code in repo.chain(entry.jurisdiction):
            hit = _forbidden(repo, code).fuzzy(entry.keys, threshold)
            if hit is not None:
                other, other_name, score = hit
                yield at(
                    entry,
                    "certificate-conflict-fuzzy",
                    "name",
                    other_name=other_name,
                    level_name=repo.name_of(other.jurisdiction),
                    similarity=score,
                    other_id=other.id,
                )
                break


def not_restated(repo: Repository) -> Iterator[Finding]:
    seen: set[str] = set()
    for header in repo.headers:
        if header.kind != KIND or header.jurisdiction in seen:
            continue
        seen.add(header.jurisdiction)
        own = _forbidden(repo, header.jurisdiction)
        for ancestor in repo.chain(header.jurisdiction)[1:]:
            for entry in repo.by_place.get((KIND, ancestor), ()):
                if entry.stance == "forbidden" and own.exact(entry.keys) is None:
                    yield Finding(
                        "forbidden-not-restated",
                        header.file,
                        *header.position,
                        item=entry.id,
                        args={"name": entry.name, "level_name": repo.name_of(ancestor)},
                    )
