"""``--format text``: for people — ``file:line:column``, severity, rule, message, hint, a summary."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from qingdan import i18n
from qingdan.check import Report
from qingdan.report.common import hint, message, summary_line

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_WORD = {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("提示", "note")}


def render(
    report: Report,
    lang: str,
    location: Callable[[int], str | None] | None = None,
    *,
    quiet: bool = False,
    files: bool = False,
) -> Text:
    """``location(n)`` may name where the n-th finding is instead of file:line:column (import names the
    spreadsheet's row and column). ``quiet``: the findings without hints, nothing at all when there are none
    (for hooks); ``files``: the files checked first."""
    out = Text()
    if files:
        for name in report.files:
            out.append(i18n.message("validate-file-checked", lang, file=name) + "\n", style="dim")
    en = lang == "en"
    for n, f in enumerate(report.findings):
        if f.baselined:  # counted in the summary; a legacy repository's hundreds would hide the new ones
            continue
        where = location(n) if location is not None else None
        out.append(where or f"{f.file}:{f.line}:{f.column}", style="bold")
        out.append(" ")
        word = _WORD.get(f.severity, (f.severity, f.severity))[1 if en else 0]
        out.append(
            word if not f.waived else f"{word}（{'waived' if en else '已豁免'}）",
            style="dim" if f.waived else _STYLE.get(f.severity, ""),
        )
        out.append(f" {f.rule}", style="magenta")
        if f.item:
            out.append(f" [{f.item}]", style="dim")
        out.append(f" {message(f, lang)}\n")
        tip = "" if quiet else hint(f, lang)
        if tip:
            out.append(f"    {'hint' if en else '提示'}: {tip}\n", style="dim")
    s = report.summary
    if quiet and not s.errors and not s.warnings and not s.infos:
        return out
    line = summary_line(s, lang)
    style = "bold red" if s.errors else ("yellow" if s.warnings else "bold green")
    out.append(line, style=style)
    if not s.errors and not s.warnings:
        out.append(" " + i18n.message("clean", lang), style="bold green")
    out.append("\n")
    return out
