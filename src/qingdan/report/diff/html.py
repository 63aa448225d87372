"""``qingdan diff --format html``: one self-contained page (no scripts, no network), printable."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

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

_KEYS = ("jurisdiction", "kind", "before", "after", "delta", "id", "change", "old", "new", "field")


def _sides(f: FieldChange) -> dict[str, Any]:
    if f.segments:
        return {
            "field": f.field,
            "old": [s for s in f.segments if s[0] != "+"],
            "new": [s for s in f.segments if s[0] != "-"],
        }
    return {"field": f.field, "old": [("-", value(f.old))], "new": [("+", value(f.new))]}


def _change(c: Change, lang: str, formatting: bool) -> dict[str, Any]:
    return {
        "ident": f"{c.old_id} → {c.new_id}" if c.type == "id-changed" else c.id,
        "type": c.type,
        "label": change_name(c.type, lang),
        "old_name": "" if c.type == "added" else (c.old_name or c.name),
        "new_name": "" if c.type == "removed" else c.name,
        "fields": [_sides(f) for f in c.fields if f.field != "name" and (formatting or not f.formatting)],
    }


def render(comparison: Comparison, lang: str, formatting: bool = False) -> str:
    env = Environment(
        loader=PackageLoader("qingdan", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        keep_trailing_newline=True,
    )
    t = {k: i18n.message(f"col-{k}", lang) for k in _KEYS}
    t.update(counts=i18n.message("diff-counts", lang), headers=i18n.message("diff-headers", lang))
    return env.get_template("diff.html.j2").render(
        lang=lang,
        t=t,
        title=i18n.message("diff-title", lang, old=label(comparison.old, lang), new=label(comparison.new, lang)),
        tally=headline(comparison, formatting, lang),
        summary=[
            {"name": r.name, "kind": list_name(r, lang), "before": r.before, "after": r.after, "delta": delta(r)}
            for r in comparison.summary
        ],
        groups=[
            {
                "place": comparison.names.get(p, p),
                "kind": kind_name(k, lang),
                "path": path,
                "changes": [_change(c, lang, formatting) for c in changes],
            }
            for (p, k, path), changes in groups(comparison, formatting).items()
        ],
        headers=[
            {"file": h.file, "field": f.field, "old": value(f.old), "new": value(f.new)}
            for h in comparison.headers
            for f in h.fields
        ],
        note=hidden_note(comparison, formatting, lang),
    )
