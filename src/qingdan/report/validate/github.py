"""``--format github``: workflow commands that GitHub Actions shows as annotations on the diff."""

from __future__ import annotations

from qingdan.check import Report
from qingdan.report.common import hint, message, summary_line

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, lang: str) -> str:
    lines = []
    for f in report.findings:
        if f.waived or f.baselined:
            continue
        text = message(f, lang)
        tip = hint(f, lang)
        body = f"{text}\n{tip}" if tip else text
        lines.append(
            f"::{_COMMAND.get(f.severity, 'warning')} file={_prop(f.file)},line={f.line},col={f.column},"
            f"title={_prop('qingdan ' + f.rule)}::{_data(body)}"
        )
    s = report.summary
    lines.append(summary_line(s, lang))
    return "\n".join(lines) + "\n"
