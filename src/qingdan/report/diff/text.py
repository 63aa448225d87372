"""``qingdan diff --format text``: grouped by jurisdiction and list, changed words marked."""

from __future__ import annotations

from rich.text import Text

from qingdan import i18n
from qingdan.diff import Comparison, FieldChange
from qingdan.report.diff.common import (
    change_name,
    delta,
    groups,
    headline,
    hidden_note,
    kind_name,
    label,
    list_name,
    value,
)

_MARK = {
    "added": ("+", "green"),
    "removed": ("-", "red"),
    "modified": ("~", "yellow"),
    "renamed": ("✎", "yellow"),
    "moved": ("→", "cyan"),
    "id-changed": ("#", "cyan"),
    "formatting": ("·", "dim"),
}


def _field(out: Text, f: FieldChange) -> None:
    out.append(f"      {f.field}: ", style="bold")
    if f.segments:
        for op, part in f.segments:
            out.append(
                part if op == "=" else f"[-{part}-]" if op == "-" else f"{{+{part}+}}",
                style="" if op == "=" else "red" if op == "-" else "green",
            )
    else:
        out.append(value(f.old), style="red")
        out.append(" → ")
        out.append(value(f.new), style="green")
    out.append("\n")


def render(comparison: Comparison, lang: str, formatting: bool = False) -> Text:
    out = Text()
    title = i18n.message("diff-title", lang, old=label(comparison.old, lang), new=label(comparison.new, lang))
    out.append(title + "\n", style="bold")
    for (place, kind, path), changes in groups(comparison, formatting).items():
        out.append(f"\n{comparison.names.get(place, place)} · {kind_name(kind, lang)}  ", style="bold")
        out.append(f"{path}\n", style="dim")
        for c in changes:
            mark, style = _MARK[c.type]
            out.append(f"  {mark} {change_name(c.type, lang)} ", style=style)
            ident = f"{c.old_id} → {c.new_id}" if c.type == "id-changed" else c.id
            name = f"{c.old_name} → {c.name}" if c.old_name else c.name
            out.append(f"{ident}  {name}")
            if c.old_file:
                out.append(f"  ({c.old_file} → {c.file})", style="dim")
            out.append("\n")
            for f in c.fields:
                if f.field != "name" and (formatting or not f.formatting):
                    _field(out, f)
    if comparison.headers:
        out.append(f"\n{i18n.message('diff-headers', lang)}\n", style="bold")
        for h in comparison.headers:
            out.append(f"  {h.file}\n")
            for f in h.fields:
                _field(out, f)
    if comparison.summary:
        out.append(f"\n{i18n.message('diff-counts', lang)}\n", style="bold")
        for row in comparison.summary:
            out.append(f"  {row.name} {list_name(row, lang)} {row.before} → {row.after} ({delta(row)})\n")
    for path in comparison.unreadable:
        out.append("\n" + i18n.message("diff-unreadable", lang, path=path), style="bold red")
    out.append("\n" + headline(comparison, formatting, lang))
    note = hidden_note(comparison, formatting, lang)
    out.append(("\n" + note if note else "") + "\n", style="dim")
    return out
