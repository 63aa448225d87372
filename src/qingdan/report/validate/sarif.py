"""``--format sarif``: SARIF 2.1.0, one run, rules from the rule table with their explanation from
docs/rules.md (``fullDescription``, ``help.text``, ``help.markdown``), regions with line and column.

Links (``helpUri``, the driver's ``informationUri``) are written only when ``[report] docs_url`` names where
the documentation is published: a relative ``docs/rules.md#…`` is no URI a code-scanning tool can open
(the SARIF multitool reports it as SARIF1002)."""

from __future__ import annotations

import json
from typing import Any

from qingdan import __version__, i18n
from qingdan.check import Report
from qingdan.report.common import docs_url, fingerprints, message
from qingdan.report.rule_docs import rule_docs
from qingdan.rules import RULES, Rule

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _result(finding: Any, lang: str, index: dict[str, int], fingerprint: str, baseline: bool) -> dict[str, Any]:
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
        "partialFingerprints": {"qingdanFinding/v1": fingerprint},
    }
    if finding.item:
        result["properties"] = {"item": finding.item}
    if finding.waived:
        result["suppressions"] = [{"kind": "inSource", "justification": "waiver"}]
    if baseline:  # validate --baseline: "unchanged" findings are the baseline's, "new" ones are not
        result["baselineState"] = "unchanged" if finding.baselined else "new"
        if finding.baselined:
            result["suppressions"] = [{"kind": "external", "justification": "baseline"}]
    return result


def _friendly(rule: str) -> str:
    """SARIF's "friendly name" (DuplicateId), which must differ from the id in more than letter case."""
    name = "".join(word.capitalize() for word in rule.split("-"))
    return name if "-" in rule else {"encoding": "FileEncoding", "schema": "SchemaConformance"}.get(rule, name + "Rule")


def _rule(rule: Rule, lang: str, base: str) -> dict[str, Any]:
    doc = rule_docs(base).get(rule.id)
    tip = i18n.hint(rule.id, lang)
    tip = "" if "{" in tip else tip  # a hint that names the finding's own values says nothing without them
    description = doc.description if doc and doc.description else rule.title
    fix = doc.fix if doc and doc.fix else tip
    label = "How to fix" if lang == "en" else "怎么改"
    text = f"{description}\n\n{label}: {fix}" if fix else description
    markdown = doc.markdown if doc and doc.markdown else text
    entry: dict[str, Any] = {
        "id": rule.id,
        "name": _friendly(rule.id),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": description},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
    }
    if base:
        entry["helpUri"] = f"{base}rules.md#{rule.id}"
    return entry


def render(report: Report, lang: str) -> str:
    index = {rule.id: i for i, rule in enumerate(RULES)}
    base = docs_url(report.root)
    baseline = report.summary.baselined > 0
    driver: dict[str, Any] = {"name": "qingdan", "version": __version__}
    if base:
        driver["informationUri"] = base
    driver["rules"] = [_rule(rule, lang, base) for rule in RULES]
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {"%SRCROOT%": {"uri": report.root.as_uri() + "/"}},
                "results": [
                    _result(f, lang, index, fp, baseline)
                    for f, fp in zip(report.findings, fingerprints(report.findings), strict=True)
                ],
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
