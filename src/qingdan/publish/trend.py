"""The statistics page's trend over git history: list items per kind, per duty role and per level at each of
the last commits that touched the lists, oldest first.

Fast on a province's repository: one ``git log`` names every commit with the blobs it replaced, one ``git
ls-tree`` gives the newest commit's files, and the counts of each older commit follow from the newer one by
taking out what it added and putting back what it replaced. Each distinct blob is parsed once (a memo keyed by
blob id), with the fast loader and without validation, and the blobs are read through ``git cat-file --batch``
in chunks. The files of the working tree are already read by the build: their counts come in keyed by the blob
id git gives them, so the newest commits need almost nothing read.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qingdan import git, parallel, vocabulary
from qingdan.errors import QingdanError
from qingdan.jurisdiction import code, depth
from qingdan.load import no_gc, parse_bytes
from qingdan.paths import SUFFIXES, relative

# One file's contribution: (kind, level, ((role, items), …)); None for a file that is not a list.
Tally = tuple[str, str, tuple[tuple[str, int], ...]] | None
ROLES = vocabulary.ROLES  # the schema's order; other values follow by name
CHUNK = 256  # blobs read from git at a time: bounds the memory a history with many large changes needs
Counts = Counter[tuple[str, str, str]]  # (kind, level, role) → items


@dataclass(frozen=True)
class TrendPoint:
    """The list items at one commit that touched the lists (the statistics page's trend over git history)."""

    commit: str  # short commit id
    date: str  # committer date, YYYY-MM-DD
    kinds: dict[str, int]  # kind → items; the same kinds (those with items at some point) at every point
    roles: dict[str, int]  # duty items per role ("" for a duty without one); the same roles at every point
    levels: dict[str, int]  # level (city, district, street, community; "" when unknown) → items, likewise

    @property
    def total(self) -> int:
        return sum(self.kinds.values())


def blob_id(raw: bytes) -> str:
    """The id git gives these bytes as a blob (SHA-1 object format)."""
    digest = hashlib.sha1(b"blob %d\0" % len(raw), usedforsecurity=False)
    digest.update(raw)
    return digest.hexdigest()


def tally(data: Any) -> Tally:
    """Items of one parsed list file, per role for duties (counted as the site's tables count them: every
    mapping under ``items``)."""
    if not isinstance(data, dict) or data.get("kind") not in vocabulary.LIST_KINDS:
        return None
    kind = str(data["kind"])
    items = data.get("items")
    roles: Counter[str] = Counter()
    for item in items if isinstance(items, list) else ():
        if isinstance(item, dict):
            role = item.get("role") if kind == "duties" else ""
            roles[role if isinstance(role, str) else ""] += 1
    return kind, vocabulary.level_key(depth(code(data.get("jurisdiction")))), tuple(sorted(roles.items()))


def history(root: Path, lists: Path, limit: int, known: dict[str, Tally]) -> tuple[TrendPoint, ...]:
    """The counts at the last ``limit`` first-parent commits that touched ``lists``, oldest first; () when
    ``root`` is not in a git repository (or git is missing, or nothing was committed). ``known``: blob id →
    tally of the files already read."""
    memo = dict(known)
    try:
        top = git.toplevel(root)
        prefix = relative(lists, top)
        commits = git.first_parent_changes(top, prefix, limit)
        if not commits:
            return ()
        tree = {path: blob for path, blob in git.tree(top, commits[0][0], prefix).items() if path.endswith(SUFFIXES)}
        # the files of the newest commit, and what each commit but the oldest replaced
        wanted = set(tree.values()) | {
            old for _, _, changes in commits[:-1] for path, old in changes.items() if old and path.endswith(SUFFIXES)
        }
        _read(top, sorted(wanted - memo.keys()), memo)
    except QingdanError:  # not a git repository, git missing, nothing committed: no trend
        return ()
    counts: Counts = Counter()
    for blob in tree.values():
        _add(counts, memo[blob], 1)
    rows = []
    for n, (sha, day, changes) in enumerate(commits):
        rows.append((sha, day, counts.copy()))
        if n == len(commits) - 1:
            break
        for path, old in changes.items():  # back to the state before this commit: the next older point
            if not path.endswith(SUFFIXES):
                continue
            if path in tree:
                _add(counts, memo[tree.pop(path)], -1)
            if old:
                tree[path] = old
                _add(counts, memo[old], 1)
    return _points(rows[::-1])


def _read(top: Path, blobs: list[str], memo: dict[str, Tally]) -> None:
    for at in range(0, len(blobs), CHUNK):
        contents = git.read_blobs(top, blobs[at : at + CHUNK])
        jobs = list(contents.items())
        for (blob, _), counted in parallel.run(_tally_blob, jobs, [len(raw) for _, raw in jobs]):
            memo[blob] = counted


def _tally_blob(job: tuple[str, bytes]) -> Tally:
    """One blob's counts (runs in a worker process when many large blobs are new)."""
    blob, raw = job
    with no_gc():
        return tally(parse_bytes(raw, blob, positions=False).data)


def _add(counts: Counts, entry: Tally, sign: int) -> None:
    if entry is not None:
        kind, level, by_role = entry
        for role, n in by_role:
            counts[(kind, level, role)] += sign * n


def _points(rows: list[tuple[str, str, Counts]]) -> tuple[TrendPoint, ...]:
    """Per point: items per kind, per duty role and per level, with the same keys (those with items at some
    point, in a fixed order) at every point."""
    kinds, roles, levels = ([Counter[str]() for _ in rows] for _ in range(3))
    for i, (_, _, counts) in enumerate(rows):
        for (kind, level, role), n in counts.items():
            kinds[i][kind] += n
            levels[i][level] += n
            if kind == "duties":
                roles[i][role] += n
    kind_keys = [k for k in vocabulary.LIST_KINDS if any(c[k] for c in kinds)]
    seen = {r for c in roles for r, n in c.items() if n}
    role_keys = [r for r in ROLES if r in seen] + sorted(seen - set(ROLES) - {""}) + ([""] if "" in seen else [])
    level_keys = [lv for lv in (*vocabulary.LEVEL_BY_KEY, "") if any(c[lv] for c in levels)]
    return tuple(
        TrendPoint(
            sha[:10],
            day,
            {k: kinds[i][k] for k in kind_keys},
            {r: roles[i][r] for r in role_keys},
            {lv: levels[i][lv] for lv in level_keys},
        )
        for i, (sha, day, _) in enumerate(rows)
    )
