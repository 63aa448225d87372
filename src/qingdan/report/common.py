"""The sentence and hint of a finding in one language: shared by every reporter."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from qingdan import i18n
from qingdan.model import Finding


def summary_line(summary: Any, lang: str) -> str:
    """The report's last line; with a baseline, how many findings it held."""
    line = i18n.message("summary", lang, **summary._asdict())
    if getattr(summary, "baselined", 0):
        line += i18n.message("summary-baselined", lang, count=summary.baselined)
    return line


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
        "baselined": finding.baselined,
    }


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """A finding's identity the way a baseline matches it — rule, file, item id, message key and which of
    the equal ones it is — never its line, so an edit above a finding leaves its fingerprint alone."""
    import hashlib  # here, not above: hashlib loads OpenSSL (3 ms), and a warm validate prints no fingerprints

    seen: Counter[tuple[str, str, str, str]] = Counter()
    out = []
    for f in findings:
        key = (f.rule, f.file, f.item or "", f.message_key)
        out.append(hashlib.sha256("\0".join((*key, str(seen[key]))).encode()).hexdigest()[:32])
        seen[key] += 1
    return out


def docs_url(root: Path) -> str:
    """``[report] docs_url`` of the repository at ``root`` ("" when none is configured)."""
    from qingdan.config import load_config
    from qingdan.rules import BY_ID

    return load_config(root, set(BY_ID)).docs_url
