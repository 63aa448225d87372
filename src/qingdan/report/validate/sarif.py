"""``--format sarif``: SARIF 2.1.0, one run, rules from the rule table, regions with line and column."""

from __future__ import annotations

import json
from typing import Any

from qingdan import __version__
from qingdan.check import Report
from qingdan.report.common import message
from qingdan.rules import RULES

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _result(finding: Any, lang: str, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": _LEVEL.get(finding.severity, "warning"),
        "message": {"text": message(finding, lang)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": finding.file, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)},
                }
            }
        ],
    }
    if finding.item:
        result["properties"] = {"item": finding.item}
    if finding.waived:
        result["suppressions"] = [{"kind": "inSource", "justification": "waiver"}]
    return result


def render(report: Report, lang: str) -> str:
    index = {rule.id: i for i, rule in enumerate(RULES)}
    driver = {
        "name": "qingdan",
        "version": __version__,
        "informationUri": "https://pypi.org/project/qingdan/",
        "rules": [
            {
                "id": rule.id,
                "shortDescription": {"text": rule.title},
                "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                "helpUri": f"docs/rules.md#{rule.id}",
            }
            for rule in RULES
        ],
    }
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {"%SRCROOT%": {"uri": report.root.as_uri() + "/"}},
                "results": [_result(f, lang, index) for f in report.findings],
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
