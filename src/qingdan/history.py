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
    """Every change of every item that has had the id ``item_id`` at some time, in the newest ``max_commits``
    commits that touched the lists, oldest first: the id changes are followed both ways, so ``log NEW`` shows
    the item's life under its old id too (and ``log OLD`` its life after). An id that a later, different item
    takes again is that item's history as well."""
    if max_commits < 1:
        raise UsageError("log-max-commits", value=max_commits)
    top = git.toplevel(root)
    commits = git.history(top, relative(root / LISTS_DIR, top), max_commits + 1)
    cut = len(commits) > max_commits
    previous: Snapshot | None = None
    if cut:  # the commit before the window is its starting point: what it already had is not "added"
        previous = commit(root, commits[0][0])
        commits = commits[1:]
    current: dict[str, int] = {}  # id now → the item (a number) that has it
    next_item = 0
    seen: list[tuple[Event, int]] = []
    for sha, day, subject in commits:
        snapshot = commit(root, sha)
        empty = Snapshot("", {}, lambda names: {})
        changes = compare(previous or empty, snapshot).changes
        for change in sorted(changes, key=lambda c: c.type == "added"):  # an id given up before one taken
            old_id = change.old_id or change.id
            if change.type == "added" or old_id not in current:
                current[old_id] = next_item
                next_item += 1
            item = current[old_id]
            if change.type == "removed":
                del current[old_id]
            elif change.new_id and change.new_id != old_id:
                del current[old_id]
                current[change.new_id] = item
            seen.append((Event(sha[:10], day, subject, change), item))
        previous = snapshot
    wanted = {item for event, item in seen if item_id in (event.change.id, event.change.old_id, event.change.new_id)}
    events = [event for event, item in seen if item in wanted]
    if not events:
        raise UsageError("log-none-cut" if cut else "log-none", id=item_id, count=max_commits)
    return History(events, cut)
