"""``qingdan log ITEM``: one line per commit that changed the item, with what changed."""

from __future__ import annotations

import json

from qingdan.history import Event
from qingdan.report.diff.common import change_name, value


def render_json(events: list[Event], lang: str) -> str:
    return (
        json.dumps(
            {
                "version": 1,
                "events": [
                    {
                        "commit": e.commit,
                        "date": e.date,
                        "subject": e.subject,
                        "type": e.change.type,
                        "id": e.change.id,
                        "old_id": e.change.old_id,
                        "new_id": e.change.new_id,
                        "name": e.change.name,
                        "file": e.change.file,
                        "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in e.change.fields],
                    }
                    for e in events
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def render_text(events: list[Event], lang: str) -> str:
    lines = []
    for e in events:
        c = e.change
        ident = f"{c.old_id} → {c.new_id}" if c.type == "id-changed" else c.id
        lines.append(f"{e.commit} {e.date} {change_name(c.type, lang)} {ident} {c.name}  ({c.file})  {e.subject}")
        lines += [f"    {f.field}: {value(f.old)} → {value(f.new)}" for f in c.fields if not f.formatting]
    return "\n".join(lines) + "\n"
