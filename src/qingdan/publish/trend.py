"""The statistics page's trend over git history: list items per kind, per duty role and per level at each of
the last commits that touched the lists, oldest first.

Fast on a province's repository: one ``git ls-tree`` and at most one ``git cat-file --batch`` per commit, and
each distinct blob is parsed once (memo keyed by blob id; most commits change few files), with the fast loader
and without validation. The files of the working tree are already read by the build: their counts come in
keyed by the blob id git would give them, so the commits near HEAD read almost nothing.
"""

from __future__ import annotations

import hashlib
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

from qingdan import git, parallel
from qingdan.document import code
from qingdan.errors import QingdanError
from qingdan.jurisdiction import depth
from qingdan.load import no_gc, parse_bytes
from qingdan.paths import SUFFIXES, relative
from qingdan.publish.view import KIND_LABELS, LEVELS, TrendPoint

# One file's contribution: (kind, level, ((role, items), …)); None for a file that is not a list.
Tally = tuple[str, str, tuple[tuple[str, int], ...]] | None
ROLES = ("依法履职", "协助政府工作", "主体责任", "配合")  # the schema's order; other values follow by name


def blob_id(raw: bytes) -> str:
    """The id git gives these bytes as a blob (SHA-1 object format)."""
    digest = hashlib.sha1(b"blob %d\0" % len(raw), usedforsecurity=False)
    digest.update(raw)
    return digest.hexdigest()


def tally(data: Any) -> Tally:
    """Items of one parsed list file, per role for duties (as the site's tables count them: every mapping
    under ``items``)."""
    if not isinstance(data, dict) or data.get("kind") not in KIND_LABELS:
        return None
    kind = str(data["kind"])
    items = data.get("items")
    roles: Counter[str] = Counter()
    for item in items if isinstance(items, list) else ():
        if isinstance(item, dict):
            role = item.get("role") if kind == "duties" else ""
            roles[role if isinstance(role, str) else ""] += 1
    return kind, LEVELS.get(depth(code(data.get("jurisdiction"))), ""), tuple(sorted(roles.items()))


def history(root: Path, lists: Path, limit: int, known: dict[str, Tally]) -> tuple[TrendPoint, ...]:
    """The counts at the last ``limit`` first-parent commits that touched ``lists``, oldest first; () when
    ``root`` is not in a git repository (or git is missing, or there is no commit). ``known``: blob id →
    tally of files already read."""
    memo = dict(known)
    try:
        top = git.toplevel(root)
        prefix = relative(lists, top)
        commits = git.first_parent_log(top, prefix, limit)
        # newest first: the newest commits share the most blobs with the working tree
        rows = [(sha, day, _tallies(top, sha, prefix, memo)) for sha, day in commits]
    except (QingdanError, subprocess.CalledProcessError):
        return ()
    return _points(list(reversed(rows)))


def _tallies(top: Path, sha: str, prefix: str, memo: dict[str, Tally]) -> list[Tally]:
    blobs = [blob for path, blob in git.tree(top, sha, prefix).items() if path.endswith(SUFFIXES)]
    missing = sorted({b for b in blobs if b not in memo})
    if missing:
        contents = git.read_blobs(top, missing)
        jobs = [(b, contents[b]) for b in missing]
        for (blob, _), counted in parallel.run(_tally_blob, jobs, [len(raw) for _, raw in jobs]):
            memo[blob] = counted
    return [memo[b] for b in blobs]


def _tally_blob(job: tuple[str, bytes]) -> Tally:
    """One blob's counts (runs in a worker process when many large blobs are new)."""
    blob, raw = job
    with no_gc():
        return tally(parse_bytes(raw, blob, positions=False).data)


def _points(rows: list[tuple[str, str, list[Tally]]]) -> tuple[TrendPoint, ...]:
    counted = []
    for sha, day, tallies in rows:
        kinds: Counter[str] = Counter()
        roles: Counter[str] = Counter()
        levels: Counter[str] = Counter()
        for entry in tallies:
            if entry is None:
                continue
            kind, level, by_role = entry
            n = sum(count for _, count in by_role)
            kinds[kind] += n
            levels[level] += n
            if kind == "duties":
                roles.update(dict(by_role))
        counted.append((sha, day, kinds, roles, levels))
    kind_keys = [k for k in KIND_LABELS if any(c[2][k] for c in counted)]
    seen_roles = {r for c in counted for r, n in c[3].items() if n}
    role_keys = [r for r in ROLES if r in seen_roles] + sorted(seen_roles - set(ROLES) - {""}) + (
        [""] if "" in seen_roles else [])
    level_keys = [lv for lv in (*LEVELS.values(), "") if any(c[4][lv] for c in counted)]
    return tuple(TrendPoint(sha[:10], day, {k: kinds[k] for k in kind_keys}, {r: roles[r] for r in role_keys},
                            {lv: levels[lv] for lv in level_keys})
                 for sha, day, kinds, roles, levels in counted)
