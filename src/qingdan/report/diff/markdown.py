"""``qingdan diff --format markdown``: a pull-request comment — the counts, then a 新旧对照表 per list."""

from __future__ import annotations

from qingdan import i18n
from qingdan.diff import Change, Comparison, FieldChange
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
from qingdan.report.markdown import cell, escape

COLLAPSE_AFTER = 10  # rows; longer tables fold into <details>


def _fields(fields: tuple[FieldChange, ...], side: str, formatting: bool) -> str:
    parts = []
    for f in fields:
        if f.field == "name" or (f.formatting and not formatting):
            continue
        if f.segments:
            text = (
                "".join(escape(p) if op == "=" else (f"~~{escape(p)}~~" if op == "-" else "") for op, p in f.segments)
                if side == "old"
                else "".join(
                    escape(p) if op == "=" else (f"**{escape(p)}**" if op == "+" else "") for op, p in f.segments
                )
            )
        else:
            text = escape(value(f.old if side == "old" else f.new))
        parts.append(f"{f.field}: {text}")
    return "\n".join(parts)


def _row(c: Change, lang: str, formatting: bool) -> str:
    ident = f"{c.old_id} → {c.new_id}" if c.type == "id-changed" else c.id
    if c.type == "added":
        old, new = "", escape(c.name)
    elif c.type == "removed":
        old, new = escape(c.name), ""
    else:
        old_fields, new_fields = _fields(c.fields, "old", formatting), _fields(c.fields, "new", formatting)
        old = escape(c.old_name or c.name) + ("\n" + old_fields if old_fields else "")
        new = escape(c.name) + ("\n" + new_fields if new_fields else "")
    return f"| {cell(escape(ident))} | {change_name(c.type, lang)} | {cell(old)} | {cell(new)} |"


def render(comparison: Comparison, lang: str, formatting: bool = False) -> str:
    m = i18n.message
    lines = [f"### {m('diff-title', lang, old=label(comparison.old, lang), new=label(comparison.new, lang))}", ""]
    lines.append(headline(comparison, formatting, lang))
    if comparison.summary:
        lines += [
            "",
            f"| {m('col-jurisdiction', lang)} | {m('col-kind', lang)} | {m('col-before', lang)} | "
            f"{m('col-after', lang)} | {m('col-delta', lang)} |",
            "|---|---|--:|--:|--:|",
        ]
        lines += [
            f"| {cell(escape(r.name))} | {list_name(r, lang)} | {r.before} | {r.after} | {delta(r)} |"
            for r in comparison.summary
        ]
    for (place, kind, path), changes in groups(comparison, formatting).items():
        table = [
            f"| {m('col-id', lang)} | {m('col-change', lang)} | {m('col-old', lang)} | {m('col-new', lang)} |",
            "|---|---|---|---|",
            *(_row(c, lang, formatting) for c in changes),
        ]
        where = path.replace("`", "")
        title = f"{escape(comparison.names.get(place, place))} · {kind_name(kind, lang)} — `{where}` ({len(changes)})"
        if len(changes) > COLLAPSE_AFTER:
            lines += ["", f"<details><summary>{title}</summary>", "", *table, "", "</details>"]
        else:
            lines += ["", f"#### {title}", "", *table]
    if comparison.headers:
        lines += [
            "",
            f"#### {m('diff-headers', lang)}",
            "",
            f"| {m('col-field', lang)} | {m('col-old', lang)} | {m('col-new', lang)} |",
            "|---|---|---|",
        ]
        lines += [
            f"| `{h.file.replace('`', '')}` {f.field} | {cell(escape(value(f.old)))} | {cell(escape(value(f.new)))} |"
            for h in comparison.headers
            for f in h.fields
        ]
    note = hidden_note(comparison, formatting, lang)
    if note:
        lines += ["", f"_{note}_"]
    lines += (
        ["", *(f"> ⚠️ {m('diff-unreadable', lang, path=p)}" for p in comparison.unreadable)]
        if comparison.unreadable
        else []
    )
    return "\n".join(lines) + "\n"
