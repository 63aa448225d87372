"""What every rule module needs: a finding placed at an item (or one of its fields), and dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from qingdan.model import Entry, Finding


def at(entry: Entry, rule: str, field: str | None = None, key: str = "", **args: Any) -> Finding:
    line, column = entry.position(field) if field else (entry.line, entry.column)
    return Finding(rule, entry.file, line, column, item=entry.id, key=key, args={"name": entry.name, **args})


def parse_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None
