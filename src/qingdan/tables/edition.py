"""A new edition of a list imported over the old one: which new row is which old item.

Rows are matched to the existing items by the matching engine (``text.grade``), never by position:

* the same name (up to width, spacing, punctuation, traditional characters) keeps the id — kept;
* a name that is the old item's alias, core name or covered variant, or the other way round — renamed;
* a typo, a shortened or lengthened name, a containing name, or a similar name (the threshold of
  ``[match] fuzzy_threshold``) keeps the id too, but is reported as a likely rename for the clerk to confirm
  (``--as-new NAME`` says that row is a new item instead);
* every other row is added (new ids in the list's scheme), every other old item removed (reported; kept in
  the file with ``--keep-removed``).

Pairs are chosen best first over the whole table (grade, then same qualifiers, then similarity), so the
order of the rows never decides which item a row is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qingdan.text import GRADES, derived_name_keys, grade, is_abbreviation, key, keys, similarity

KEPT, RENAMED, LIKELY = "kept", "renamed", "likely"
# Fields a table never holds: an old item keeps them whatever the new edition's columns are.
NOT_IN_TABLES = ("waivers",)
NAME_FIELDS = ("name", "aliases", "qualifiers")  # the name column speaks for these
MIN_CONTAINS = 4  # a name contained in another counts as a likely rename only if it is this long


@dataclass(frozen=True)
class Match:
    id: str
    row: int  # the table row of the new item
    old_name: str
    new_name: str
    how: str  # kept, renamed, likely
    grade: str  # one of text.GRADES
    similarity: float
    formatting: bool = False  # kept, but the name is written differently (width, spacing, punctuation)
    carried: tuple[str, ...] = ()  # fields taken over from the old item (the table has no column for them)


@dataclass(frozen=True)
class Added:
    row: int
    name: str
    id: str = ""


@dataclass(frozen=True)
class Removed:
    id: str
    name: str
    kept: bool = False  # kept in the file (--keep-removed)


@dataclass(frozen=True)
class Edition:
    """How a new edition's rows relate to the list it replaces."""

    previous: str  # the file as reports name it
    matches: tuple[Match, ...]
    added: tuple[Added, ...]
    removed: tuple[Removed, ...]
    header_carried: tuple[str, ...] = ()  # header fields taken over from the old file

    def of(self, how: str) -> tuple[Match, ...]:
        return tuple(m for m in self.matches if m.how == how)


@dataclass(frozen=True)
class _Names:
    name: str
    keys: tuple[str, ...]  # name, then aliases
    cores: tuple[str, ...]  # derived keys
    qualifiers: str
    flavour: str


def _names(item: dict[str, Any]) -> _Names:
    name = str(item.get("name") or "")
    aliases = [str(a) for a in item.get("aliases") or () if a]
    own = tuple(keys([name, *aliases]))
    qualifiers = "|".join(key(str(q)) for q in item.get("qualifiers") or ())
    flavour = str(item.get("stance") or item.get("role") or "")
    return _Names(name, own, derived_name_keys((name, *aliases)), qualifiers, flavour)


def _rank(old: _Names, new: _Names, threshold: float) -> tuple[int, float, str] | None:
    """(0 kept / 1 renamed / 2 likely, similarity, grade) of the new row as the old item, or None."""
    if not old.keys[0] or not new.keys[0]:
        return None
    if old.keys[0] == new.keys[0]:
        return 0, 100.0, "name"
    found = grade((*new.keys, *new.cores), old.keys, old.cores, threshold)
    if found is None:
        return None
    index, score, _ = found
    named = GRADES[index]
    if index < GRADES.index("contains"):
        return 1, score, named
    if named == "contains" and min(len(old.keys[0]), len(new.keys[0])) < MIN_CONTAINS:
        return None
    # a hint grade must hold between the two names themselves, not a core of one and an alias of the other
    a, b = old.keys[0], new.keys[0]
    if named == "similar" and similarity(a, b) < threshold and not is_abbreviation(a, b):
        return None
    return 2, score, named


def match_edition(
    old_items: list[dict[str, Any]],
    new_items: list[dict[str, Any]],
    rows: tuple[int, ...],
    *,
    threshold: float,
    table_fields: frozenset[str],
    as_new: frozenset[str] = frozenset(),
    previous: str = "",
) -> Edition:
    """Give every new item that is an old one the old id (in place) and carry over the old item's fields
    that the table has no column for; returns the matches, the added rows and the removed items. Ids
    already in the new rows (an 编号 column) are kept as given and match the old item of that id."""
    old = {i: _names(item) for i, item in enumerate(old_items) if isinstance(item, dict) and item.get("id")}
    new = [(j, _names(item)) for j, item in enumerate(new_items)]
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[int, int, int, float, str]] = []  # (old index, new index, rank, similarity, grade)
    by_id = {str(old_items[i]["id"]): i for i in old}
    for j, _ in new:
        given = new_items[j].get("id")
        if given and str(given) in by_id and by_id[str(given)] not in used_old:
            i = by_id[str(given)]
            same = _rank(old[i], new[j][1], threshold)
            pairs.append((i, j, 0 if same and same[0] == 0 else 1, same[1] if same else 0.0, "id"))
            used_old.add(i)
            used_new.add(j)
    candidates: list[tuple[tuple[int, int, float, int, int, int], int, int, int, float, str]] = []
    exact: dict[str, list[int]] = {}
    for i, names in old.items():
        if i not in used_old:
            for k in (*names.keys, *names.cores):
                exact.setdefault(k, []).append(i)
    # kept and renamed first, through the keys (fast for any size); the hint grades only for what is left
    for j, names in new:
        if j in used_new:
            continue
        for i in dict.fromkeys(i for k in (*names.keys, *names.cores) for i in exact.get(k, ())):
            found = _rank(old[i], names, threshold)
            if found is not None and found[0] < 2:
                candidates.append((_order(found, old[i], names, i, j), i, j, *found))
    taken = _choose(candidates, used_old, used_new, pairs)
    rest_old = [(i, n) for i, n in old.items() if i not in taken[0]]
    for j, names in new:
        if j in taken[1] or key(names.name) in as_new:
            continue
        for i, old_names in rest_old:
            found = _rank(old_names, names, threshold)
            if found is not None:
                candidates.append((_order(found, old_names, names, i, j), i, j, *found))
    _choose(candidates, *taken, pairs)
    matches = []
    for i, j, rank, score, graded in sorted(pairs, key=lambda p: p[1]):
        before, after = old_items[i], new_items[j]
        carried = _carry(before, after, table_fields)
        after["id"] = before["id"]
        after.update({k: after.pop(k) for k in [k for k in after if k != "id"]})  # id first
        how = (KEPT, RENAMED, LIKELY)[rank]
        matches.append(
            Match(
                str(before["id"]),
                rows[j],
                str(before.get("name") or ""),
                str(after.get("name") or ""),
                how,
                graded if graded != "id" else ("name" if rank == 0 else "id"),
                score,
                formatting=how == KEPT and before.get("name") != after.get("name"),
                carried=carried,
            )
        )
    matched_new = {p[1] for p in pairs}
    matched_old = {p[0] for p in pairs}
    added = tuple(Added(rows[j], names.name) for j, names in new if j not in matched_new)
    removed = tuple(Removed(str(old_items[i]["id"]), names.name) for i, names in old.items() if i not in matched_old)
    return Edition(previous, tuple(matches), added, removed)


def _order(
    found: tuple[int, float, str], old: _Names, new: _Names, i: int, j: int
) -> tuple[int, int, float, int, int, int]:
    """Best first: the rank, the same qualifiers, the similarity, the same stance or role; then the
    table's order only between candidates that are otherwise equal (two items of one name)."""
    return (
        found[0],
        0 if old.qualifiers == new.qualifiers else 1,
        -found[1],
        0 if old.flavour == new.flavour else 1,
        i,
        j,
    )


def _choose(
    candidates: list[tuple[tuple[int, int, float, int, int, int], int, int, int, float, str]],
    used_old: set[int],
    used_new: set[int],
    pairs: list[tuple[int, int, int, float, str]],
) -> tuple[set[int], set[int]]:
    for _, i, j, rank, score, graded in sorted(candidates, key=lambda c: c[0]):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j, rank, score, graded))
    candidates.clear()
    return used_old, used_new


def _carry(before: dict[str, Any], after: dict[str, Any], table_fields: frozenset[str]) -> tuple[str, ...]:
    """The old item's fields the new table cannot say anything about: waivers, and fields without a column
    (a department or an admission link added by hand after the last import)."""
    carried = []
    for f, value in before.items():
        if f in ("id", *NAME_FIELDS) or f in after or value in (None, "", [], {}):
            continue
        if f in NOT_IN_TABLES or f not in table_fields:
            after[f] = value
            carried.append(f)
    return tuple(carried)
