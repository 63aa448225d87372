"""``--format rdjson``: reviewdog's diagnostic format, so GitLab, Gitea or Bitbucket get line comments
(``qingdan validate --format rdjson | reviewdog -f=rdjson -reporter=gitlab-mr-discussion``). ``code.url`` and
``source.url`` are written only when ``[report] docs_url`` says where the documentation is published."""

from __future__ import annotations

import json
from typing import Any

from qingdan.check import Report
from qingdan.report.common import docs_url, hint, message

_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _diagnostic(finding: Any, lang: str, base: str) -> dict[str, Any]:
    tip = hint(finding, lang)
    return {
        "message": message(finding, lang) + (f"\n{tip}" if tip else ""),
        "location": {
            "path": finding.file,
            "range": {"start": {"line": max(finding.line, 1), "column": max(finding.column, 1)}},
        },
        "severity": _SEVERITY.get(finding.severity, "WARNING"),
        "code": {"value": finding.rule, **({"url": f"{base}rules.md#{finding.rule}"} if base else {})},
    }


def render(report: Report, lang: str) -> str:
    base = docs_url(report.root)
    doc = {
        "source": {"name": "qingdan", **({"url": base} if base else {})},
        "diagnostics": [_diagnostic(f, lang, base) for f in report.findings if not f.waived and not f.baselined],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
