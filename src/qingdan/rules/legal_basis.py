"""missing-legal-basis: items of kinds that need one cite a legal basis. catch-all-item: “其他…”."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan import facts
from qingdan.model import Finding
from qingdan.repository import Repository
from qingdan.rules.base import at


def missing(repo: Repository) -> Iterator[Finding]:
    """An item without its own legal_basis is fine when its list cites one for the whole document (the
    notice that issues it, printed once in the annex's title rather than on every row): ``facts.no_basis``."""
    for f in repo.subject_files:
        for i in facts.of(f).no_basis:
            yield at(f.entries[i], "missing-legal-basis", "name")


def catch_all(repo: Repository) -> Iterator[Finding]:
    for f in repo.subject_files:
        for i in facts.of(f).catch_all:
            yield at(f.entries[i], "catch-all-item", "name")
