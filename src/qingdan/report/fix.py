"""What ``qingdan fix`` changes (or would), for people: the unified diff of each file, then each repair in
words at its line and column, then what to do next; after ``--write``, the check of the repaired lists."""

from __future__ import annotations

import difflib

from qingdan import i18n
from qingdan.fix import FixResult
from qingdan.report.common import message


def _diff(before: str, after: str, file: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{file}", f"b/{file}"
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def render(result: FixResult, lang: str) -> str:
    m = i18n.message
    out: list[str] = []
    for f in result.changes:
        out.append(_diff(f.before, f.after, f.file))
        for r in f.repairs:
            out.append(f"{f.file}:{r.line}:{r.column} {m(r.key, lang, **r.args)}\n")
        out.append("\n")
    for f in result.files:
        if not f.parses:
            out.append(m("fix-still-unreadable", lang, file=f.file) + "\n")
    repairs = sum(len(f.repairs) for f in result.changes)
    if not result.changes:
        out.append(m("fix-nothing", lang, checked=result.checked) + "\n")
    elif not result.written:
        out.append(m("fix-would", lang, files=len(result.changes), repairs=repairs) + "\n")
    else:
        out.append(m("fix-written", lang, files=len(result.changes), repairs=repairs) + "\n")
    if result.report is not None:
        s = result.report.summary
        for finding in result.report.findings:
            if finding.severity == "error" and not finding.waived and not finding.baselined:
                out.append(
                    f"  {finding.file}:{finding.line}:{finding.column} {finding.rule} {message(finding, lang)}\n"
                )
        key = "fix-checked-clean" if not result.report.failed() else "fix-checked-errors"
        out.append(m(key, lang, errors=s.errors, warnings=s.warnings) + "\n")
    return "".join(out).rstrip("\n") + "\n"
