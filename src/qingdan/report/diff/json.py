"""``qingdan diff --format json``: the shape of issue 4, deterministic."""

from __future__ import annotations

import json
from typing import Any

from qingdan.diff import Change, Comparison, FieldChange
from qingdan.report.diff.common import label


def _field(f: FieldChange) -> dict[str, Any]:
    out: dict[str, Any] = {"field": f.field, "old": f.old, "new": f.new}
    if f.formatting:
        out["formatting"] = True
    if f.segments:
        out["segments"] = [list(s) for s in f.segments]
    return out


def _change(c: Change, formatting: bool) -> dict[str, Any]:
    return {
        "type": c.type,
        "id": c.id,
        "old_id": c.old_id,
        "new_id": c.new_id,
        "kind": c.kind,
        "jurisdiction": c.jurisdiction,
        "file": c.file,
        "old_file": c.old_file,
        "name": c.name,
        "old_name": c.old_name,
        "fields": [_field(f) for f in c.fields if formatting or not f.formatting],
    }


def render(comparison: Comparison, lang: str, formatting: bool = False) -> str:
    doc = {
        "version": 1,
        "old": label(comparison.old, lang),
        "new": label(comparison.new, lang),
        "summary": [
            {
                "jurisdiction": r.jurisdiction,
                "name": r.name,
                "kind": r.kind,
                "role": r.role,
                "before": r.before,
                "after": r.after,
                "delta": r.after - r.before,
            }
            for r in comparison.summary
        ],
        "changes": [_change(c, formatting) for c in comparison.visible(formatting)],
        "headers": [
            {"file": h.file, "kind": h.kind, "jurisdiction": h.jurisdiction, "fields": [_field(f) for f in h.fields]}
            for h in comparison.headers
        ],
        "unreadable": list(comparison.unreadable),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
