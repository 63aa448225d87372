"""What every diff reporter shares: labels in the user's language, counts, value rendering."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from qingdan import i18n
from qingdan.diff import Change, Comparison, CountRow

ORDER = ("added", "removed", "modified", "renamed", "moved", "id-changed", "formatting")


def label(version: str, lang: str) -> str:
    return i18n.message(f"label-{version}", lang) if version.startswith("@") else version


def kind_name(kind: str, lang: str) -> str:
    return i18n.message(f"kind-{kind}", lang) if f"kind-{kind}" in i18n.MESSAGES else kind


def list_name(row: CountRow, lang: str) -> str:
    """职责清单·协助政府工作 — the kind, and for duties the role counted."""
    return kind_name(row.kind, lang) + (f"·{row.role}" if row.role else "")


def change_name(kind: str, lang: str) -> str:
    return i18n.message(f"change-{kind}", lang)


def value(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False)


def delta(row: CountRow) -> str:
    """+3, −2 or ±0, as a 减负 report writes it."""
    d = row.after - row.before
    return f"{d:+d}".replace("-", "−") if d else "±0"


def headline(comparison: Comparison, formatting: bool, lang: str) -> str:
    """The one-line summary: counts by type, or that only list headers changed, or no change."""
    visible = comparison.visible(formatting)
    if visible:
        return tally(visible, lang)
    if comparison.headers:
        return i18n.message("diff-headers-only", lang, count=len(comparison.headers))
    return i18n.message("diff-none", lang)


def tally(changes: tuple[Change, ...], lang: str) -> str:
    counts = Counter(c.type for c in changes)
    parts = "，" if lang != "en" else ", "
    return i18n.message(
        "diff-summary",
        lang,
        total=len(changes),
        parts=parts.join(f"{change_name(t, lang)} {counts[t]}" for t in ORDER if counts[t]),
    )


def groups(comparison: Comparison, formatting: bool) -> dict[tuple[str, str, str], list[Change]]:
    """(jurisdiction, kind, file) → its changes, in report order."""
    out: dict[tuple[str, str, str], list[Change]] = {}
    for c in comparison.visible(formatting):
        out.setdefault((c.jurisdiction, c.kind, c.file), []).append(c)
    return out


def hidden_note(comparison: Comparison, formatting: bool, lang: str) -> str:
    count = len(comparison.changes) - len(comparison.visible(formatting))
    return i18n.message("diff-formatting-hidden", lang, count=count) if count else ""
