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


def item_history(root: Path, item_id: str) -> list[Event]:
    """Every change of the item (by id, then by its new ids), oldest first."""
    top = git.toplevel(root)
    commits = git.history(top, relative(root / LISTS_DIR, top))
    tracked = {item_id}
    events: list[Event] = []
    previous: Snapshot | None = None
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
        raise UsageError("log-none", id=item_id)
    return events
