"""The sentence and hint of a finding in one language: shared by every reporter."""

from __future__ import annotations

from typing import Any

from qingdan import i18n
from qingdan.model import Finding


def message(finding: Finding, lang: str) -> str:
    return i18n.message(finding.message_key, lang, **finding.args)


def hint(finding: Finding, lang: str) -> str:
    return i18n.hint(finding.message_key, lang, **finding.args) or i18n.hint(finding.rule, lang, **finding.args)


def as_dict(finding: Finding, lang: str) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "item": finding.item,
        "message": message(finding, lang),
        "hint": hint(finding, lang),
        "waived": finding.waived,
    }
