"""Baselines: adopting qingdan on old lists without fixing every old finding first.

``qingdan validate --update-baseline`` records the findings a repository has now in a JSON file (by default
``.qingdan-baseline.json``); ``qingdan validate --baseline FILE`` then counts those findings as *baselined*:
they are reported as such, never as errors or warnings, and do not fail the run. A finding the baseline does
not hold fails as usual.

A finding is matched by its rule, file, item id and message key — never by its line, so an edit above it
does not turn it into a new one. Each entry holds a ``count``: when a file has more findings of one kind
than the baseline recorded, the extra ones (the last in the file) are new. Waived findings are not recorded
(their waiver already speaks for them). The file::

    {
      "version": 1,
      "comment": "…",
      "findings": [
        {"rule": "missing-legal-basis", "file": "lists/x.yaml", "item": "X-001", "key": "missing-legal-basis",
         "count": 1, "message": "事项“…”没有法律依据（legal_basis）"}
      ]
    }

``message`` is the Chinese sentence of the first such finding, for the people reviewing the file; it is not
matched. Entries are sorted, so the same findings give the same bytes.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qingdan import i18n
from qingdan.check import Report
from qingdan.errors import InputError
from qingdan.files import write_atomic
from qingdan.model import Finding

DEFAULT = ".qingdan-baseline.json"
VERSION = 1
COMMENT = (
    "qingdan validate --baseline：这里的问题在建立基线时已经存在，检查时计为“已列入基线”，不算错误或警告；"
    "新出现的问题照常报告。按规则、文件、事项编号和消息类别匹配，不看行号。"
    "改正后运行 qingdan validate --update-baseline 更新本文件。"
)

Key = tuple[str, str, str, str]  # rule, file, item id ("" for none), message key


def identity(finding: Finding) -> Key:
    return (finding.rule, finding.file, finding.item or "", finding.message_key)


@dataclass(frozen=True)
class Applied:
    report: Report
    stale: int  # baseline entries (counted per occurrence) that no finding matched any more: fixed


def read(path: Path) -> Counter[Key]:
    """The baseline at ``path``: how many findings of each identity it holds."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError("baseline-missing", path=str(path)) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError("baseline-invalid", path=str(path), detail=str(exc)) from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise InputError("baseline-invalid", path=str(path), detail=f'"version": {VERSION}, "findings": [...]')
    counts: Counter[Key] = Counter()
    for n, entry in enumerate(data["findings"]):
        if not _well_formed(entry):
            raise InputError("baseline-invalid", path=str(path), detail=f"findings[{n}]")
        counts[(entry["rule"], entry["file"], entry.get("item") or "", entry["key"])] += entry.get("count", 1)
    return counts


def _well_formed(entry: Any) -> bool:
    if not isinstance(entry, dict):
        return False
    texts = all(isinstance(entry.get(k), str) and entry[k] for k in ("rule", "file", "key"))
    item = entry.get("item") is None or isinstance(entry.get("item"), str)
    count = entry.get("count", 1)
    return texts and item and isinstance(count, int) and not isinstance(count, bool) and count >= 1


def apply(report: Report, baseline: Counter[Key]) -> Applied:
    """``report`` with the findings the baseline holds marked baselined, and the summary counted again."""
    left = Counter(baseline)
    findings = []
    for f in report.findings:
        key = identity(f)
        if not f.waived and left[key] > 0:
            left[key] -= 1
            f = f._replace(baselined=True)
        findings.append(f)
    counted = [f for f in findings if not f.waived and not f.baselined]
    summary = report.summary._replace(
        errors=sum(f.severity == "error" for f in counted),
        warnings=sum(f.severity == "warning" for f in counted),
        infos=sum(f.severity == "info" for f in counted),
        baselined=sum(f.baselined for f in findings),
    )
    return Applied(report._replace(findings=tuple(findings), summary=summary), sum(left.values()))


def write(path: Path, report: Report) -> int:
    """Record every finding of ``report`` that is not waived; returns how many were recorded."""
    counts: Counter[Key] = Counter()
    first: dict[Key, Finding] = {}
    for f in report.findings:
        if not f.waived:
            counts[identity(f)] += 1
            first.setdefault(identity(f), f)
    entries = [
        {
            "rule": rule,
            "file": file,
            "item": item or None,
            "key": key,
            "count": counts[(rule, file, item, key)],
            "message": i18n.message(key, "zh", **first[(rule, file, item, key)].args),
        }
        for rule, file, item, key in sorted(counts, key=lambda k: (k[1], k[0], k[2], k[3]))
    ]
    doc = {"version": VERSION, "comment": COMMENT, "findings": entries}
    write_atomic(path, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return sum(counts.values())
