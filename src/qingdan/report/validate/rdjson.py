"""``--format rdjson``: reviewdog's diagnostic format, so GitLab, Gitea or Bitbucket get line comments
(``qingdan validate --format rdjson | reviewdog -f=rdjson -reporter=gitlab-mr-discussion``)."""

from __future__ import annotations

import json
from typing import Any

from qingdan.check import Report
from qingdan.report.common import hint, message

_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _diagnostic(finding: Any, lang: str) -> dict[str, Any]:
    tip = hint(finding, lang)
    return {
        "message": message(finding, lang) + (f"\n{tip}" if tip else ""),
        "location": {
            "path": finding.file,
            "range": {"start": {"line": max(finding.line, 1), "column": max(finding.column, 1)}},
        },
        "severity": _SEVERITY.get(finding.severity, "WARNING"),
        "code": {"value": finding.rule, "url": f"docs/rules.md#{finding.rule}"},
    }


def render(report: Report, lang: str) -> str:
    doc = {
        "source": {"name": "qingdan", "url": "https://pypi.org/project/qingdan/"},
        "diagnostics": [_diagnostic(f, lang) for f in report.findings if not f.waived],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
