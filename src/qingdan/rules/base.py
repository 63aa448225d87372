"""What every rule module needs: a finding placed at an item (or one of its fields), and dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from qingdan.model import Entry, Finding

if TYPE_CHECKING:
    from qingdan.repository import Repository


def at(entry: Entry, rule: str, field: str | None = None, key: str = "", **args: Any) -> Finding:
    line, column = entry.position(field) if field else (entry.line, entry.column)
    return Finding(rule, entry.file, line, column, item=entry.id, key=key, args={"name": entry.name, **args})


def against(
    repo: Repository, entry: Entry, rule: str, other: Entry, other_name: str, key: str = "", **args: Any
) -> Finding:
    """A finding at an item's name about another list's item it matches (as ``other_name``): where that item is,
    in which document of which place."""
    return at(
        entry,
        rule,
        "name",
        key,
        other_name=other_name,
        other_file=other.file,
        other_line=other.line,
        document=repo.document(other.file),
        level_name=repo.name_of(other.jurisdiction),
        other_id=other.id,
        **args,
    )


def parse_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


_FILE_WORDS = {"jurisdictions": "word-file-jurisdictions", "departments": "word-file-departments"}


class Unchecked:
    """References into lists of one kind, for a rule that resolves them: when such a list could not be read
    (a syntax error, say), a reference that does not resolve may well be to it, so the rule does not report
    each one; ``summary`` gives one finding, at the unread file, that says how many could not be checked."""

    def __init__(self, repo: Repository, kind: str) -> None:
        self.unread = [f for f in repo.files if f.unread and f.kind == kind]
        self.count = 0

    def skip(self) -> bool:
        """Whether to pass over an unresolved reference (counting it)."""
        if self.unread:
            self.count += 1
        return bool(self.unread)

    def summary(self, rule: str) -> Iterator[Finding]:
        if self.count:
            first = self.unread[0]
            line, column = (first.findings[0].line, first.findings[0].column) if first.findings else (1, 1)
            kind = f"kind-{first.kind}" if first.kind not in _FILE_WORDS else _FILE_WORDS[first.kind]
            yield Finding(
                rule, first.file, line, column, key="references-unchecked", args={"count": self.count, "kind": kind}
            )
