"""Item ids: the next free ``PREFIX-NNN`` for new items, following the scheme a place already uses.

Used by ``qingdan import`` (new rows) and ``qingdan admit`` (the community items and records it writes).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from qingdan.errors import UsageError

KIND_CODES = {"duties": "ZZ", "negative": "FM", "certificates": "ZM", "seal": "YZ"}
_NUMBERED = re.compile(r"^(.*?)(\d+)$")
_PREFIX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,50}$")


def assign_ids(
    items: list[dict[str, Any]],
    existing: list[tuple[str, str, str, str]],
    kind: str,
    jurisdiction: str,
    prefix: str | None,
) -> list[str]:
    """Give every item without an id the next free ``PREFIX-NNN``; returns the ids it made.

    ``existing`` is (kind, jurisdiction, flavour, id) of every item in the repository; the prefix follows
    the ids of the same kind, jurisdiction and flavour (stance or role) there, unless one is given."""
    taken = {e[3] for e in existing} | {str(i["id"]) for i in items if i.get("id")}
    made = []
    plans: dict[str, tuple[str, int, int]] = {}
    for item in items:
        if item.get("id"):
            continue
        flavour = str(item.get("stance") or item.get("role") or "")
        if flavour not in plans:
            plans[flavour] = _plan(existing, kind, jurisdiction, flavour, prefix)
        head, width, number = plans[flavour]
        while f"{head}{number:0{width}d}" in taken:
            number += 1
        new = f"{head}{number:0{width}d}"
        taken.add(new)
        made.append(new)
        plans[flavour] = (head, width, number + 1)
        item["id"] = new
        item.update({k: item.pop(k) for k in [k for k in item if k != "id"]})  # id first
    return made


def _plan(
    existing: list[tuple[str, str, str, str]], kind: str, jurisdiction: str, flavour: str, prefix: str | None
) -> tuple[str, int, int]:
    if prefix is not None:
        if not _PREFIX.match(prefix):
            raise UsageError("import-id-prefix", value=prefix)
        numbers = [m.group(2) for e in existing if (m := _NUMBERED.match(e[3])) and m.group(1) == prefix]
        return prefix, max([3, *map(len, numbers)]), max([0, *map(int, numbers)]) + 1
    same = [e for e in existing if e[0] == kind and e[1] == jurisdiction]
    pool = [e for e in same if e[2] == flavour] or same
    numbered = [m.groups() for e in pool if (m := _NUMBERED.match(e[3]))]
    if numbered:
        head = Counter(h for h, _ in numbered).most_common(1)[0][0]
        numbers = [n for h, n in numbered if h == head]
        return head, max(map(len, numbers)), max(map(int, numbers)) + 1
    # the jurisdiction's own segment, from ids shaped JURIS-KIND-NNN (XY-XZ-001, DC-ZR-2023-01)
    shaped = [e[3].split("-") for e in existing if e[1] == jurisdiction]
    here = [parts[0] for parts in shaped if len(parts) >= 3 and parts[1].isalpha()]
    segment = Counter(here).most_common(1)[0][0] if here else "IMP"
    return f"{segment}-{KIND_CODES[kind]}-", 3, 1
