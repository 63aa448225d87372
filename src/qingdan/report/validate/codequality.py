"""``--format codequality``: GitLab's Code Quality report (a JSON array, one issue per finding), so a merge
request's widget and changes tab show the findings by line. Each issue has ``description``, ``check_name``
(the rule id), ``fingerprint``, ``severity`` and ``location.path`` / ``location.lines.begin``.

The fingerprint identifies a finding the way a baseline does (rule, file, item, message key, occurrence),
not by line: GitLab compares fingerprints of the source and target branches, so a finding moved down by an
edit above it is neither "new" nor "fixed". Severities follow the convention of GitLab's own linters'
reports: error → major, warning → minor, info → info."""

from __future__ import annotations

import json
from typing import Any

from qingdan.check import Report
from qingdan.model import Finding
from qingdan.report.common import fingerprints, hint, message

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def _issue(finding: Finding, lang: str, fingerprint: str) -> dict[str, Any]:
    tip = hint(finding, lang)
    return {
        "type": "issue",
        "description": message(finding, lang) + (f" — {tip}" if tip else ""),
        "check_name": finding.rule,
        "categories": ["Style" if finding.severity == "info" else "Bug Risk"],
        "fingerprint": fingerprint,
        "severity": _SEVERITY.get(finding.severity, "minor"),
        "location": {"path": finding.file, "lines": {"begin": max(finding.line, 1)}},
    }


def render(report: Report, lang: str) -> str:
    shown = [f for f in report.findings if not f.waived and not f.baselined]
    issues = [_issue(f, lang, fp) for f, fp in zip(shown, fingerprints(shown), strict=True)]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
