"""Frozen records the core hands around: findings, list headers, compact items, file results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Position = tuple[int, int]  # 1-based line, 1-based column

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One problem at one place. ``key`` names the catalogue message; ``args`` fill it in."""

    rule: str
    file: str
    line: int = 0
    column: int = 0
    item: str | None = None
    key: str = ""
    args: Mapping[str, Any] = field(default_factory=dict)
    severity: str = ""  # filled in from the rule table and configuration
    waived: bool = False

    @property
    def message_key(self) -> str:
        return self.key or self.rule


@dataclass(frozen=True)
class Waiver:
    rule: str
    reason: str
    expires: str | None = None


@dataclass(frozen=True)
class Entry:
    """The part of one list item that checks need, with positions, small enough to cache."""

    id: str
    name: str
    kind: str
    jurisdiction: str
    file: str
    line: int
    column: int
    aliases: tuple[str, ...] = ()
    fields: Mapping[str, Any] = field(default_factory=dict)
    positions: Mapping[str, Position] = field(default_factory=dict)
    waivers: tuple[Waiver, ...] = ()

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    def position(self, name: str) -> Position:
        return self.positions.get(name, (self.line, self.column))

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Header:
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
    position: Position = (1, 1)


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    level: str
    file: str
    line: int
    column: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Department:
    name: str
    jurisdiction: str
    file: str
    line: int
    column: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileResult:
    """Everything one file contributes: load and schema findings, its header and compact items."""

    file: str
    kind: str | None
    findings: tuple[Finding, ...] = ()
    header: Header | None = None
    entries: tuple[Entry, ...] = ()
    jurisdictions: tuple[Jurisdiction, ...] = ()
    departments: tuple[Department, ...] = ()
