"""``--format codequality``: GitLab's Code Quality report (a JSON array, one issue per finding), so a merge
request's widget and changes tab show the findings by line. Each issue has ``description``, ``check_name``
(the rule id), ``fingerprint``, ``severity`` and ``location.path`` / ``location.lines.begin``.

The fingerprint identifies a finding the way a baseline does (rule, file, item, message key, occurrence),
not by line: GitLab compares fingerprints of the source and target branches, so a finding moved down by an
edit above it is neither "new" nor "fixed". Severities follow the convention of GitLab's own linters'
reports: error → major, warning → minor, info → info."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from qingdan.check import Report
from qingdan.model import Finding
from qingdan.report.common import hint, message

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def fingerprint(finding: Finding, occurrence: int) -> str:
    key = "\0".join((finding.rule, finding.file, finding.item or "", finding.message_key, str(occurrence)))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _issue(finding: Finding, lang: str, occurrence: int) -> dict[str, Any]:
    tip = hint(finding, lang)
    return {
        "type": "issue",
        "description": message(finding, lang) + (f" — {tip}" if tip else ""),
        "check_name": finding.rule,
        "categories": ["Style" if finding.severity == "info" else "Bug Risk"],
        "fingerprint": fingerprint(finding, occurrence),
        "severity": _SEVERITY.get(finding.severity, "minor"),
        "location": {"path": finding.file, "lines": {"begin": max(finding.line, 1)}},
    }


def render(report: Report, lang: str) -> str:
    seen: Counter[tuple[str, str, str, str]] = Counter()
    issues = []
    for f in report.findings:
        if f.waived:
            continue
        key = (f.rule, f.file, f.item or "", f.message_key)
        issues.append(_issue(f, lang, seen[key]))
        seen[key] += 1
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
