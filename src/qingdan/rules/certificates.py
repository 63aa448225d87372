"""Certificate rules along the jurisdiction chain (a jurisdiction and all its ancestors).

certificate-conflict: an allowed certificate matches (name or alias, normalised) a forbidden one of the
same jurisdiction or an ancestor. certificate-conflict-fuzzy: the same with similar names, or an allowed name
that holds a forbidden one (个人收入证明 holds 收入证明; the other way round, 死亡证明 beside a forbidden
非正常死亡证明, is a narrower certificate forbidden, not a conflict).
forbidden-not-restated: a certificate list does not restate an ancestor's forbidden certificate.
"""

from __future__ import annotations

from collections.abc import Iterator

from qingdan import vocabulary
from qingdan.jurisdiction import depth
from qingdan.model import Entry, Finding, Header
from qingdan.repository import Repository
from qingdan.rules.base import against
from qingdan.text import NameIndex

KIND = "certificates"


def _forbidden(repo: Repository, code: str) -> NameIndex:
    """Forbidden certificates of the code's own lists only."""
    memo: dict[str, NameIndex] = repo.memo.setdefault("forbidden", {})
    if code not in memo:
        index = NameIndex()
        for e in repo.by_place.get((KIND, code), ()):
            if e.stance == "forbidden":
                index.add_entry(e)
        memo[code] = index
    return memo[code]


def _allowed(repo: Repository) -> Iterator[Entry]:
    return (e for e in repo.subjects if e.kind == KIND and e.stance == "allowed")


def _exact(repo: Repository, entry: Entry) -> tuple[Entry, str] | None:
    for code in repo.chain(entry.jurisdiction):
        hit = _forbidden(repo, code).exact(entry.match_keys)
        if hit is not None:
            return hit
    return None


def conflict(repo: Repository) -> Iterator[Finding]:
    for entry in _allowed(repo):
        hit = _exact(repo, entry)
        if hit is not None:
            yield against(repo, entry, "certificate-conflict", *hit)


def conflict_fuzzy(repo: Repository) -> Iterator[Finding]:
    threshold = repo.config.fuzzy_threshold
    for entry in _allowed(repo):
        if _exact(repo, entry) is not None:
            continue
        for code in repo.chain(entry.jurisdiction):
            index = _forbidden(repo, code)
            hit = index.fuzzy(entry.match_keys, threshold) or index.typo(entry.match_keys)
            if hit is not None:
                yield against(repo, entry, "certificate-conflict-fuzzy", hit[0], hit[1], similarity=hit[2])
                break
            inside = next(filter(None, map(index.contained_in, entry.match_keys)), None)
            if inside is not None:
                yield against(repo, entry, "certificate-conflict-fuzzy", *inside, key="certificate-conflict-contains")
                break


def not_restated(repo: Repository) -> Iterator[Finding]:
    """Each certificate an ancestor forbids and a place's list does not forbid, once per name, at the
    place's list, naming the ancestor's document, item and line; a near match in the place's own list
    ("可能已以……列入") is reported at that item."""
    seen: set[str] = set()
    threshold = repo.config.fuzzy_threshold
    for header in repo.subject_headers:
        if header.kind != KIND or header.jurisdiction in seen:
            continue
        seen.add(header.jurisdiction)
        own = _forbidden(repo, header.jurisdiction)
        reported: set[str] = set()
        for ancestor in repo.chain(header.jurisdiction)[1:]:
            for entry in repo.by_place.get((KIND, ancestor), ()):
                if entry.stance != "forbidden" or reported.intersection(entry.match_keys):
                    continue
                if own.exact(entry.match_keys) is not None:
                    continue
                reported.update(entry.match_keys)
                yield _not_restated(repo, header, entry, _near(own, entry, threshold))


def _near(own: NameIndex, entry: Entry, threshold: float) -> tuple[Entry, str] | None:
    keys = entry.match_keys
    hit = own.fuzzy(keys, threshold) or own.typo(keys) or own.abbreviation(keys)
    if hit is not None:
        return hit[0], hit[1]
    return next((c for k in entry.match_keys if (c := own.contained_in(k))), None)


def _not_restated(repo: Repository, header: Header, entry: Entry, near: tuple[Entry, str] | None) -> Finding:
    at = depth(entry.jurisdiction)
    level = vocabulary.LEVELS.get(at) if at is not None else None
    args = {
        "name": entry.name,
        "level_name": repo.name_of(entry.jurisdiction),
        "level": f"level-{level.key}" if level else "",
        "document": repo.document(entry.file),
        "other_file": entry.file,
        "other_line": entry.line,
        "other_id": entry.id,
    }
    if near is None:
        return Finding("forbidden-not-restated", header.file, *header.items_position, item=entry.id, args=args)
    item, name = near
    line, column = item.position("name")
    args.update(near_name=name, near_id=item.id)
    return Finding(
        "forbidden-not-restated", item.file, line, column, item=item.id, key="forbidden-not-restated-near", args=args
    )
