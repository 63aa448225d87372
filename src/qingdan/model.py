"""Frozen records the core hands around: findings, list headers, compact items, file results."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from qingdan.facts import Facts

Position = tuple[int, int]  # 1-based line, 1-based column

SEVERITIES = ("error", "warning", "info")

# The records below are named tuples, not dataclasses: a warm ``qingdan validate`` (nothing changed) is over in
# 0.1 s, and importing ``dataclasses`` (it imports ``inspect``, ``ast``, ``dis``) and generating a frozen class's
# methods took 10–14 ms of that. A changed copy is ``record._replace(field=…)``, a dict ``record._asdict()``.

# The arguments of a message that has none: one dict shared by every such finding, typed read-only (Mapping), so
# that mypy refuses a write to it; a mappingproxy would be safer still but cannot be pickled to and from workers.
NO_ARGS: Mapping[str, Any] = {}


class Finding(NamedTuple):
    """One problem at one place. ``key`` names the catalogue message; ``args`` fill it in."""

    rule: str
    file: str
    line: int = 0
    column: int = 0
    item: str | None = None
    key: str = ""
    args: Mapping[str, Any] = NO_ARGS
    severity: str = ""  # filled in from the rule table and configuration
    waived: bool = False
    baselined: bool = False  # present in the baseline given to validate --baseline: counted, does not fail

    @property
    def message_key(self) -> str:
        return self.key or self.rule


class Waiver(NamedTuple):
    rule: str
    reason: str
    expires: str | None
    line: int
    column: int


# Fields whose content checks only need to know is there (费随事转、权随责走, legal basis …): one bit each.
FILLED = ("legal_basis", "funding", "powers", "staffing", "alternative", "verification", "purpose")
FILLED_BIT = {f: 1 << i for i, f in enumerate(FILLED)}  # Entry.filled & FILLED_BIT[field]: the field has content


class Entry(NamedTuple):
    """The part of one list item that checks need, with positions. A plain tuple: it is created for
    every item of a province (100,000s), crosses process boundaries and sits in the cache."""

    id: str
    name: str
    kind: str
    jurisdiction: str
    file: str
    line: int
    column: int
    aliases: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()  # comparison keys (text.key) of name and aliases, in that order
    cores: tuple[str, ...] = ()  # derived keys (text.derived_name_keys): core names, bracketed variants, clause forms
    # keys and cores are a function of name and aliases alone: the name stands for them when there are no aliases,
    # else (name, aliases) does (the memo of document._name_keys, negative._judged, cache's shared names)
    role: str | None = None
    owner: str | None = None
    department: str | None = None
    admission: str | None = None
    stance: str | None = None
    applicant: str | None = None
    status: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    targets: tuple[str, ...] = ()
    filled: int = 0  # bit i set: FILLED[i] has content
    positions: tuple[tuple[str, int, int], ...] = ()  # (key, line, column) of the item's keys
    waivers: tuple[Waiver, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def match_keys(self) -> tuple[str, ...]:
        """Every key this item answers to: its name and aliases, then their core names and variants."""
        return self.keys + self.cores if self.cores else self.keys

    def has(self, field: str) -> bool:
        return bool(self.filled & FILLED_BIT[field])

    def position(self, field: str) -> Position:
        for name, line, column in self.positions:
            if name == field:
                return (line, column)
        return (self.line, self.column)


class Header(NamedTuple):
    """The header of a list file (everything but ``items``)."""

    file: str
    kind: str
    jurisdiction: str
    title: str = ""
    issuer: str = ""
    doc_number: str = ""
    effective: str = ""
    expires: str = ""
    version: str = ""
    owner: str = ""
    position: Position = (1, 1)  # of the ``jurisdiction`` key
    expires_position: Position = (1, 1)
    items_position: Position = (1, 1)  # of the ``items`` key
    legal_basis: tuple[str, ...] = ()  # the document's own basis (citation texts): it applies to every item


class Jurisdiction(NamedTuple):
    code: str
    name: str
    level: str
    file: str
    line: int
    column: int
    aliases: tuple[str, ...] = ()


class Department(NamedTuple):
    name: str
    jurisdiction: str
    file: str
    line: int
    column: int
    aliases: tuple[str, ...] = ()


class FileResult(NamedTuple):
    """Everything one file contributes: load and schema findings, its header and compact items."""

    file: str
    kind: str | None
    findings: tuple[Finding, ...] = ()
    header: Header | None = None
    entries: tuple[Entry, ...] = ()
    jurisdictions: tuple[Jurisdiction, ...] = ()
    departments: tuple[Department, ...] = ()
    # (i, j, similarity): entry i and the most similar entry j before it, at most one per i (text.closest_earlier)
    pairs: tuple[tuple[int, int, float], ...] = ()
    unread: bool = False  # could not be read (syntax, encoding, limits); ``kind`` is then what its text declares
    origin: str = ""  # the upstream (qingdan.toml [[upstream]] name) it comes from: read-only; "" for own files
    facts: Facts | None = None  # what the rules ask of its items, noted where it was read (qingdan.facts)
