"""What the rules ask of one list's items, worked out where the list is read.

The rules about single items (a catch-all name, an item without a legal basis, a 协助 duty without funding and
powers, the communities' 协助 duties the admission rules look at) and the reference rules (departments, admission
records, the places ``targets`` names) each looked at every item of the repository, one pass after another in
the main process while the other core stood idle: at a million items 0.1–0.25 s a pass. The worker that reads a
list now notes once which of its items each such rule may report, and which names and ids its items refer to
(``facts_of``); the files cache keeps these facts with the list, and a rule looks at the few items concerned and
resolves each name once (``of``).

The item conditions of those rules are stated here, once; the rules (qingdan.rules.legal_basis, .resources,
.admission, .references) report what the facts point at, and judge there what depends on other lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from qingdan.jurisdiction import is_community
from qingdan.model import FILLED_BIT, Entry, FileResult, Header
from qingdan.text import is_catch_all
from qingdan.vocabulary import ASSIST

CITED = FILLED_BIT["legal_basis"]
RESOURCES = FILLED_BIT["funding"] | FILLED_BIT["powers"]  # 费随事转、权随责走


class Facts(NamedTuple):
    """Of one list: indexes into its entries (ascending) of the items a rule may report, and the names and ids its
    items refer to, each once, in the order they first appear."""

    catch_all: tuple[int, ...] = ()  # named “其他…” (catch-all-item)
    no_basis: tuple[int, ...] = ()  # need a legal basis and cite none, in a list that cites none (missing-legal-basis)
    unfunded: tuple[int, ...] = ()  # 协助政府工作 duties without both funding and powers (assist-without-resources)
    community_assist: tuple[int, ...] = ()  # a community's 协助政府工作 duties (the admission rules)
    departments: tuple[str, ...] = ()  # department and applicant names that are not blank (unknown-department)
    admissions: tuple[str, ...] = ()  # admission record ids (unknown-admission)
    targets: tuple[str, ...] = ()  # place codes of ``targets`` (unknown-jurisdiction)
    place: tuple[str, str] | None = None  # (kind, jurisdiction) every item has (Repository.by_place), None: not one
    waived: tuple[int, ...] = ()  # items with waivers (waiver-expired, and the waivers applied to findings)


NONE = Facts()


def needs_basis(e: Entry) -> bool:
    """Whether an item of its kind must cite a legal basis (its own, or its list's)."""
    if e.kind in ("duties", "seal"):
        return True
    if e.kind == "certificates":
        return e.stance == "allowed"
    if e.kind == "admissions":
        return e.status == "admitted"
    return False


def facts_of(entries: Sequence[Entry], header: Header | None) -> Facts:
    """The facts of one list's entries (``header``: its header, whose legal basis covers every item), in one
    pass that unpacks each entry once: 50–80 ms of the workers' time for the 100,000 benchmark items, against 90 ms
    of the main process for the passes it replaced (a pass per fact over the entries cost as much again: a
    province's lists are small, and each pass's fixed cost over each of them adds up)."""
    if not entries:
        return NONE
    documented = header is not None and bool(header.legal_basis)
    catch_all: list[int] = []
    no_basis: list[int] = []
    unfunded: list[int] = []
    community_assist: list[int] = []
    names: dict[str | None, None] = {}
    admissions: dict[str | None, None] = {}
    targets: dict[str, None] = {}
    waived: list[int] = []
    communal: dict[str, bool] = {}  # (a list's items share its place)
    first_kind, first_place = entries[0].kind, entries[0].jurisdiction
    shared = True
    for i, e in enumerate(entries):
        # the fields of Entry in order, unpacked at once (reading them as attributes cost a third more)
        (_, _, kind, where, _, _, _, _, keys, _, role, _, department, admission, _, applicant,
         _, _, _, codes, filled, _, waivers) = e  # fmt: skip
        if keys and kind != "admissions" and is_catch_all(keys[0]):
            catch_all.append(i)
        if not filled & CITED and not documented and needs_basis(e):
            no_basis.append(i)
        if shared and (kind != first_kind or where != first_place):
            shared = False
        if role == ASSIST and kind == "duties":
            if filled & RESOURCES != RESOURCES:
                unfunded.append(i)
            if where not in communal:
                communal[where] = is_community(where)
            if communal[where]:
                community_assist.append(i)
        names[department] = names[applicant] = admissions[admission] = None
        if codes:
            targets.update(dict.fromkeys(codes))
        if waivers:
            waived.append(i)
    return Facts(
        tuple(catch_all),
        tuple(no_basis),
        tuple(unfunded),
        tuple(community_assist),
        tuple(n for n in names if n and n.strip()),
        tuple(a for a in admissions if a is not None),
        tuple(targets),
        (first_kind, first_place) if shared else None,
        tuple(waived),
    )


def of(result: FileResult) -> Facts:
    """A list's facts: those its reader noted, or worked out now (a result made some other way)."""
    return result.facts if result.facts is not None else facts_of(result.entries, result.header)
