"""``qingdan sync``: fetch every pinned upstream into the cache; ``qingdan sync --update NAME``: move one pin,
and say what the upstream changed (the diff engine) and which of this repository's findings that creates or
clears."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from qingdan.check import Report, Scope, report_of, resolve_scope
from qingdan.config import CONFIG_FILE, Config, Upstream, current_day, repinned
from qingdan.diff import Comparison, compare
from qingdan.errors import GitError, InputError, UsageError
from qingdan.files import repository_lock, write_atomic
from qingdan.model import Finding
from qingdan.paths import read_inside
from qingdan.snapshot import Snapshot
from qingdan.upstream import store

_FULL = re.compile(r"[0-9a-fA-F]{40}")


@dataclass(frozen=True)
class Synced:
    """One upstream after ``qingdan sync``."""

    name: str
    source: str
    rev: str
    lists: str
    fetched: bool  # False: the commit was here already
    files: int
    items: int
    problem: Finding | None  # its lists do not read or do not match the format (``store.problem``)


@dataclass(frozen=True)
class SyncResult:
    upstreams: tuple[Synced, ...]


@dataclass(frozen=True)
class Update:
    """One pin moved (or not): what the upstream changed and what that does to this repository's findings."""

    name: str
    source: str
    old: str
    new: str
    comparison: Comparison | None  # None: the pin did not move
    created: tuple[Finding, ...] = ()
    cleared: tuple[Finding, ...] = ()
    errors: int = 0  # errors of this repository with the new pin (exit 1 when any)
    warnings: int = 0
    old_missing: bool = False  # the old pin is no longer in the upstream: its lists read as all added


def _config(cwd: Path) -> Scope:
    scope = resolve_scope([], cwd)
    if not scope.config.upstreams:
        raise UsageError("upstream-none")
    return scope


def sync(*, cwd: Path) -> SyncResult:
    """Fetch each upstream's pinned commit (those already here are checked, not fetched) and read its lists."""
    scope = _config(cwd)
    config = scope.config
    out = []
    for up in config.upstreams:
        fetched = store.fetch(config.root, up)
        files = store.results(config._replace(upstreams=(up,)))
        items = sum(len(r.entries) for r in files)
        problem = store.problem(config, up, files)
        out.append(Synced(up.name, up.written or up.source, up.rev, up.lists, fetched, len(files), items, problem))
    return SyncResult(tuple(out))


def update(*, cwd: Path, name: str, rev: str | None = None, today: date | None = None) -> Update:
    """Pin upstream ``name`` at ``rev`` (a full commit id, a branch or a tag there; default its HEAD), writing
    qingdan.toml atomically with its comments kept, and compare before and after."""
    scope = _config(cwd)
    config = scope.config
    up = next((u for u in config.upstreams if u.name == name), None)
    if up is None:
        raise UsageError("upstream-unknown", name=name, known=tuple(u.name for u in config.upstreams))
    root = config.root
    with repository_lock(root):
        for other in config.upstreams:  # the findings before and after need every other upstream too
            if other.name != name:
                store.fetch(root, other)
        new = _target(root, up, rev)
        store.fetch(root, up, new)
        if new == up.rev:
            return Update(up.name, up.written or up.source, up.rev, new, None)
        try:
            store.fetch(root, up, up.rev)
            old_side: Snapshot = store.snapshot(root, up, up.rev)
            had_old = True
        except InputError:  # the old pin is gone upstream (rewritten history): everything reads as added
            old_side, had_old = Snapshot(store.short(up.rev), {}, lambda names: {}), False
        comparison = compare(old_side, store.snapshot(root, up, new))
        moved = config._replace(upstreams=tuple(u._replace(rev=new) if u.name == name else u for u in config.upstreams))
        day = today or current_day()
        after = report_of(scope._replace(config=moved), day)
        before = report_of(scope, day) if had_old else None
        created, cleared = _delta(before, after, (store.short(up.rev), store.short(new)))
        _write_pin(config, name, new)
    errors, warnings = after.summary.errors, after.summary.warnings
    return Update(
        up.name, up.written or up.source, up.rev, new, comparison, created, cleared, errors, warnings, not had_old
    )


def _target(root: Path, up: Upstream, rev: str | None) -> str:
    if rev is not None and _FULL.fullmatch(rev):
        return rev.lower()
    if rev is not None and (not rev or rev.startswith("-")):
        raise UsageError("git-bad-revision", rev=rev)
    from qingdan import git

    try:
        found = git.remote_commit(up.source, rev or "HEAD", root)
    except GitError as exc:
        raise store.unreachable(up, exc) from None
    if found is None:
        raise InputError("upstream-ref-unknown", name=up.name, source=up.source, rev=rev or "HEAD")
    return found


def _write_pin(config: Config, name: str, rev: str) -> None:
    path = config.root / CONFIG_FILE
    text = read_inside(path, config.root, shown=CONFIG_FILE).decode("utf-8-sig")
    edited = repinned(text, config.root, name, rev)
    if edited is None:
        raise InputError("upstream-config-pin-missing", name=name, rev=rev)
    write_atomic(path, edited)


def _identity(f: Finding, revs: tuple[str, ...]) -> tuple[Any, ...]:
    """A finding as the same finding under either pin: its place in this repository and its words, without
    line numbers and with the upstream's commit taken out of the file names it cites."""

    def plain(value: Any) -> Any:
        if isinstance(value, str):
            for r in revs:
                value = value.replace(r, "")
            return value
        return value if isinstance(value, (int, float, bool, type(None))) else repr(value)

    args = tuple(sorted((k, plain(v)) for k, v in f.args.items() if k not in ("other_line", "first_line")))
    return (f.rule, f.file, f.item, f.message_key, f.severity, args)


Findings = tuple[Finding, ...]


def _delta(before: Report | None, after: Report, revs: tuple[str, ...]) -> tuple[Findings, Findings]:
    old = {_identity(f, revs): f for f in (before.findings if before else ())}
    new = {_identity(f, revs): f for f in after.findings}
    return tuple(f for k, f in new.items() if k not in old), tuple(f for k, f in old.items() if k not in new)
