"""``qingdan log ITEM``: one item's life across the commits that touched the lists, following id changes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qingdan import git
from qingdan.config import LISTS_DIR
from qingdan.diff import Change, compare
from qingdan.errors import UsageError
from qingdan.paths import relative
from qingdan.snapshot import Snapshot, commit


@dataclass(frozen=True)
class Event:
    commit: str
    date: str
    subject: str
    change: Change


DEFAULT_MAX_COMMITS = 500  # a few years of a city's lists; each commit costs a tree and a comparison


@dataclass(frozen=True)
class History:
    events: list[Event]
    cut: bool  # there were more commits than ``max_commits``: only the newest were read


def item_history(root: Path, item_id: str, max_commits: int = DEFAULT_MAX_COMMITS) -> History:
    """Every change of the item (by id, then by its new ids) in the newest ``max_commits`` commits that
    touched the lists, oldest first."""
    if max_commits < 1:
        raise UsageError("log-max-commits", value=max_commits)
    top = git.toplevel(root)
    commits = git.history(top, relative(root / LISTS_DIR, top), max_commits + 1)
    cut = len(commits) > max_commits
    previous: Snapshot | None = None
    if cut:  # the commit before the window is its starting point: what it already had is not "added"
        previous = commit(root, commits[0][0])
        commits = commits[1:]
    tracked = {item_id}
    events: list[Event] = []
    for sha, day, subject in commits:
        current = commit(root, sha)
        empty = Snapshot("", {}, lambda names: {})
        for change in compare(previous or empty, current).changes:
            ids = {change.id, change.old_id or change.id}
            if ids & tracked:
                events.append(Event(sha[:10], day, subject, change))
                if change.new_id:
                    tracked.add(change.new_id)
        previous = current
    if not events:
        raise UsageError("log-none-cut" if cut else "log-none", id=item_id, count=max_commits)
    return History(events, cut)
