"""``--format markdown``: the summary and a table of every finding, for a job summary or a merge-request note.
``--format github`` appends it to ``$GITHUB_STEP_SUMMARY`` (annotations are capped per step; this is not)."""

from __future__ import annotations

from qingdan import i18n
from qingdan.check import Report
from qingdan.report.common import hint, message, summary_line
from qingdan.report.markdown import cell, escape

MAX_ROWS = 1000  # a GitHub job summary holds 1 MiB; the rest is counted, never silently dropped
_WORD = {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("提示", "note")}


def render(report: Report, lang: str) -> str:
    en = lang == "en"
    s = report.summary
    out = ["### qingdan validate", "", escape(summary_line(s, lang))]
    shown = [f for f in report.findings if not f.waived and not f.baselined]
    if not shown:
        out += ["", i18n.message("clean", lang) if not s.errors and not s.warnings else ""]
        return "\n".join(out).rstrip() + "\n"
    out += ["", i18n.message("md-findings-header", lang), "|---|---|---|---|---|"]
    for f in shown[:MAX_ROWS]:
        word = _WORD.get(f.severity, (f.severity, f.severity))[1 if en else 0]
        tip = hint(f, lang)
        text = escape(message(f, lang)) + (f"\n{escape(tip)}" if tip else "")
        place = escape(f"{f.file}:{f.line}:{f.column}")
        out.append(f"| {word} | `{f.rule}` | {place} | {escape(f.item or '')} | {cell(text)} |")
    if len(shown) > MAX_ROWS:
        out += ["", i18n.message("md-findings-more", lang, count=len(shown) - MAX_ROWS)]
    return "\n".join(out) + "\n"
