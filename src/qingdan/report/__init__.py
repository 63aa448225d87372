"""Reporters turn a validation report into text for people, JSON, SARIF or GitHub annotations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from qingdan.check import Report
from qingdan.report.validate import github, rdjson, sarif, text
from qingdan.report.validate import json as json_report

Reporter = Callable[[Report, str], Any]

FORMATS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": github.render,
    "rdjson": rdjson.render,
}
