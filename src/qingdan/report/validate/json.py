"""``--format json``: the report shape of DESIGN §4, deterministic (sorted findings, stable keys)."""

from __future__ import annotations

import json

from qingdan.check import Report
from qingdan.report.common import as_dict


def render(report: Report, lang: str) -> str:
    doc = {
        "version": 1,
        "summary": report.summary._asdict(),
        "findings": [as_dict(f, lang) for f in report.findings],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
