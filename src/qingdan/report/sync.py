"""``qingdan sync`` and ``qingdan sync --update``: which upstreams are here; what a moved pin changed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.text import Text

from qingdan import i18n
from qingdan.check import Report, Summary
from qingdan.model import Finding
from qingdan.report.common import as_dict
from qingdan.upstream.store import short
from qingdan.upstream.sync import SyncResult, Update


def render_text(result: SyncResult | Update, lang: str) -> Text:
    return _update_text(result, lang) if isinstance(result, Update) else _sync_text(result, lang)


def render_json(result: SyncResult | Update, lang: str) -> str:
    doc = _update_json(result, lang) if isinstance(result, Update) else _sync_json(result, lang)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _sync_text(result: SyncResult, lang: str) -> Text:
    out = Text()
    for s in result.upstreams:
        state = i18n.message("sync-fetched" if s.fetched else "sync-present", lang)
        line = i18n.message(
            "sync-line", lang, name=s.name, rev=short(s.rev), state=state, files=s.files, items=s.items, source=s.source
        )
        out.append(line + "\n")
        if s.problem is not None:
            out.append(i18n.message("sync-invalid", lang, **s.problem.args) + "\n", style="bold red")
    out.append(i18n.message("sync-done", lang, count=len(result.upstreams)) + "\n", style="bold green")
    return out


def _findings_text(findings: tuple[Finding, ...], lang: str) -> Text:
    from qingdan.report.validate.text import render

    report = Report(findings, Summary(0, 0, 0, 0, 0, 0), Path("."))
    return render(report, lang, quiet=True)


def _update_text(u: Update, lang: str) -> Text:
    out = Text()
    if u.comparison is None:
        out.append(i18n.message("update-same", lang, name=u.name, rev=short(u.new)) + "\n")
        return out
    moved = i18n.message("update-moved", lang, name=u.name, old=short(u.old), new=short(u.new))
    out.append(moved + "\n\n", style="bold")
    if u.old_missing:
        out.append(i18n.message("update-old-missing", lang, old=short(u.old)) + "\n\n", style="yellow")
    from qingdan.report.diff.text import render as diff_text

    out.append(diff_text(u.comparison, lang))
    out.append("\n")
    if not u.created and not u.cleared:
        out.append(i18n.message("update-no-findings-change", lang) + "\n", style="bold green")
    if u.created:
        out.append(i18n.message("update-created", lang, count=len(u.created)) + "\n", style="bold red")
        out.append(_findings_text(u.created, lang))
    if u.cleared:
        out.append(i18n.message("update-cleared", lang, count=len(u.cleared)) + "\n", style="bold green")
        out.append(_findings_text(u.cleared, lang))
    return out


def _sync_json(result: SyncResult, lang: str) -> dict[str, Any]:
    return {
        "version": 1,
        "upstreams": [
            {
                "name": s.name,
                "source": s.source,
                "rev": s.rev,
                "lists": s.lists,
                "fetched": s.fetched,
                "files": s.files,
                "items": s.items,
                "problem": as_dict(s.problem, lang) if s.problem is not None else None,
            }
            for s in result.upstreams
        ],
    }


def _update_json(u: Update, lang: str) -> dict[str, Any]:
    from qingdan.report.diff.json import render as diff_json

    return {
        "version": 1,
        "name": u.name,
        "source": u.source,
        "old": u.old,
        "new": u.new,
        "moved": u.comparison is not None,
        "old_missing": u.old_missing,
        "diff": json.loads(diff_json(u.comparison, lang)) if u.comparison is not None else None,
        "created": [as_dict(f, lang) for f in u.created],
        "cleared": [as_dict(f, lang) for f in u.cleared],
        "summary": {"errors": u.errors, "warnings": u.warnings} if u.comparison is not None else None,
    }
