"""missing-legal-basis: items of kinds that need one cite a legal basis. catch-all-item: “其他…”."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.model import FILLED_BIT, Entry, Finding
from qingdan.repository import Repository
from qingdan.rules.base import at
from qingdan.text import is_catch_all


def _needs_basis(e: Entry) -> bool:
    if e.kind in ("duties", "seal"):
        return True
    if e.kind == "certificates":
        return e.stance == "allowed"
    if e.kind == "admissions":
        return e.status == "admitted"
    return False


def missing(repo: Repository) -> Iterator[Finding]:
    """An item without its own legal_basis is fine when its list cites one for the whole document (the
    notice that issues it, printed once in the annex's title rather than on every row)."""
    documented = {h.file for h in repo.headers if h.legal_basis}
    cited = FILLED_BIT["legal_basis"]
    for e in repo.subjects:
        if not e.filled & cited and e.file not in documented and _needs_basis(e):  # (most items cite one)
            yield at(e, "missing-legal-basis", "name")


def catch_all(repo: Repository) -> Iterator[Finding]:
    for e in repo.subjects:
        if e.kind != "admissions" and e.keys and is_catch_all(e.keys[0]):
            yield at(e, "catch-all-item", "name")
