"""Incremental validate: when only item lists changed, check those again and take the rest from the last run.

A province's repository is a thousand 职责清单 (duties and seal lists, the *leaf* lists here) and a few lists
everything else is checked against: jurisdictions, departments, negative and certificate lists, admissions,
the holiday calendar. A leaf list's findings depend on its own items, on those reference lists, on the other
leaf lists of the same place and kind (near-duplicate) and, through item ids, on any list that holds one of its
ids or the admission records it names (duplicate-id, admission rules). So when only leaf lists changed, a run
loads the reference lists, the changed lists and the leaf lists of their places and kinds, runs every rule on
them, and takes every other list's findings from the last run, as long as

* nothing else changed: the reference lists, the files present, qingdan.toml, the day, the calendar library,
  the upstream pins, the package (the cache's stamp);
* each changed list still reads, is still a leaf list of the same kind and place;
* no id of a changed list (old or new version) is an id of, or named by, a list not loaded; and no id that a
  loaded list holds or names is held by a list not loaded (then every id's first holder, which duplicate-id
  and the admission rules look up, is among the loaded lists, and no unloaded list's answer can move).

Otherwise the run checks everything, as a cold one does. ``tests/test_incremental.py`` checks on random edits
that the two give the same report.

The state kept in the files cache (``state``): ``context`` (a digest of the run's other inputs), ``others``
(name → stat key of every own list that is not a leaf) and ``leaf`` (name → (stat key, kind, jurisdiction,
item count, ids, admission ids named, findings as plain tuples)).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from qingdan import cache
from qingdan.model import FileResult, Finding
from qingdan.paths import StatKey

LEAF_KINDS = frozenset({"duties", "seal"})


@dataclass(frozen=True)
class Plan:
    """Which lists an incremental run loads and which it answers from the state."""

    changed: tuple[str, ...]  # leaf lists whose stat key differs from the state's
    state: dict[str, Any]

    @property
    def leaf(self) -> dict[str, tuple[Any, ...]]:
        leaf: dict[str, tuple[Any, ...]] = self.state["leaf"]
        return leaf

    def loaded(self) -> frozenset[str]:
        """The reference lists, the changed lists and every leaf list of a changed list's kind and place."""
        groups = {(self.leaf[n][1], self.leaf[n][2]) for n in self.changed}
        same = {n for n, v in self.leaf.items() if (v[1], v[2]) in groups}
        return frozenset(self.state["others"]) | set(self.changed) | same

    def places(self) -> frozenset[str]:
        """Jurisdictions that hold a leaf list (a place the chains of places below may pass through)."""
        return frozenset(v[2] for v in self.leaf.values())


def plan(old: dict[str, Any], context: str, stats: dict[str, StatKey]) -> Plan | None:
    """The plan for a run over files with ``stats``, or None when it must check everything."""
    state = old.get("state")
    if not isinstance(state, dict) or state.get("context") != context:
        return None
    others: dict[str, Any] = state["others"]
    leaf: dict[str, tuple[Any, ...]] = state["leaf"]
    if len(others) + len(leaf) != len(stats) or any(n not in others and n not in leaf for n in stats):
        return None  # a list was added or removed
    if any(tuple(stat) != stats[n] for n, stat in others.items()):
        return None
    return Plan(tuple(n for n, v in leaf.items() if tuple(v[0]) != stats[n]), state)


def usable(p: Plan, results: Sequence[FileResult], order: Iterable[str]) -> bool:
    """Whether the loaded ``results`` (own lists only) let the plan answer exactly (see the module text)."""
    by_name = {r.file: r for r in results}
    for name in p.changed:
        r, was = by_name.get(name), p.leaf[name]
        if r is None or r.unread or r.header is None or r.kind not in LEAF_KINDS:
            return False
        if (r.kind, r.header.jurisdiction) != (was[1], was[2]):
            return False
    if any(r.unread for r in results):
        return False
    moved: set[str] = set()  # ids of the changed lists, old and new: no list not loaded may hold or name one
    for name in p.changed:
        moved.update(p.leaf[name][4])
        moved.update(e.id for e in by_name[name].entries)
    looked_up = set(moved)  # ids the loaded lists hold or name: no list not loaded may hold one
    for r in results:
        for e in r.entries:
            looked_up.add(e.id)
            if e.admission:
                looked_up.add(e.admission)
    for name in order:  # one pass over the other lists' ids, each looked up in the (small) sets above
        if name not in by_name:
            _, _, _, _, ids, refs, _ = p.leaf[name]
            if not looked_up.isdisjoint(ids) or not moved.isdisjoint(refs):
                return False
    return True


def cached_findings(p: Plan, loaded: frozenset[str]) -> list[Finding]:
    """The last run's findings on the leaf lists not loaded this time."""
    out: list[Finding] = []
    for name, v in p.leaf.items():
        if name not in loaded:
            out.extend(map(cache.finding_from_plain, v[6]))
    return out


def counts(p: Plan, results: Sequence[FileResult]) -> dict[str, int]:
    """Items per own list: counted where loaded, from the state where not."""
    out = {name: v[3] for name, v in p.leaf.items()}
    out.update((r.file, len(r.entries)) for r in results)
    return out


def make_state(
    context: str,
    results: Sequence[FileResult],
    stats: dict[str, StatKey],
    findings: Sequence[Finding],
    previous: Plan | None = None,
) -> dict[str, Any] | None:
    """The state after a run that loaded ``results`` (own lists) and found ``findings`` (configured, on every
    list, before any cap); a run that loaded only some lists keeps ``previous``'s entries for the rest.
    None when a list does not read (the next run then checks everything)."""
    if any(r.unread for r in results):
        return None
    by_file: dict[str, list[Any]] = {}
    for f in findings:
        by_file.setdefault(f.file, []).append(cache.finding_to_plain(f))
    leaf: dict[str, tuple[Any, ...]] = dict(previous.leaf) if previous is not None else {}
    others: dict[str, StatKey] = dict(previous.state["others"]) if previous is not None else {}
    for r in results:
        if r.kind in LEAF_KINDS and r.header is not None:
            ids = tuple(e.id for e in r.entries)
            refs = tuple(sorted({e.admission for e in r.entries if e.admission}))
            leaf[r.file] = (
                stats[r.file],
                r.kind,
                r.header.jurisdiction,
                len(r.entries),
                ids,
                refs,
                by_file.get(r.file, []),
            )
        else:
            others[r.file] = stats[r.file]
    return {"context": context, "others": others, "leaf": leaf}
