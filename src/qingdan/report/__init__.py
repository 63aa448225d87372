"""Reporters turn a command's result into output: ``REPORTERS[command][format]`` is the one registry.

Each entry names ``module:function``; the module is imported only when that format is asked for, so a
command pays for no reporter it does not use. A reporter is called as ``function(result, lang, **options)``
and returns text, a rich ``Text``, or a list of those to print in order.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from qingdan.errors import UsageError

Reporter = Callable[..., Any]

REPORTERS: dict[str, dict[str, str]] = {
    "validate": {
        "text": "qingdan.report.validate.text:render",
        "json": "qingdan.report.validate.json:render",
        "sarif": "qingdan.report.validate.sarif:render",
        "github": "qingdan.report.validate.github:render",
        "rdjson": "qingdan.report.validate.rdjson:render",
        "markdown": "qingdan.report.validate.markdown:render",
        "codequality": "qingdan.report.validate.codequality:render",
        "junit": "qingdan.report.validate.junit:render",
    },
    "diff": {
        "text": "qingdan.report.diff.text:render",
        "markdown": "qingdan.report.diff.markdown:render",
        "json": "qingdan.report.diff.json:render",
        "html": "qingdan.report.diff.html:render",
    },
    "review": {
        "text": "qingdan.report.review:render_all_text",
        "markdown": "qingdan.report.review:render_all_markdown",
        "json": "qingdan.report.review:render_json",
    },
    "find": {"text": "qingdan.report.find:render_text", "json": "qingdan.report.find:render_json"},
    "log": {"text": "qingdan.report.log_report:render_text", "json": "qingdan.report.log_report:render_json"},
    "import": {"text": "qingdan.report.tables:import_text", "json": "qingdan.report.tables:import_json"},
    "export": {"text": "qingdan.report.tables:export_text", "json": "qingdan.report.tables:export_json"},
    "export-parquet": {"text": "qingdan.report.analysis:export_text", "json": "qingdan.report.analysis:export_json"},
    "query": {
        "table": "qingdan.report.analysis:answer_table",
        "csv": "qingdan.report.analysis:answer_csv",
        "json": "qingdan.report.analysis:answer_json",
    },
    "fix": {"text": "qingdan.report.fix:render"},
    "holidays": {"text": "qingdan.report.holidays:render_text", "json": "qingdan.report.holidays:render_json"},
    "sync": {"text": "qingdan.report.sync:render_text", "json": "qingdan.report.sync:render_json"},
}


def formats(command: str) -> tuple[str, ...]:
    return tuple(REPORTERS[command])


def reporter(command: str, fmt: str) -> Reporter:
    """The reporter of ``command`` for ``fmt``; an unknown format is a usage error naming the known ones."""
    known = REPORTERS[command]
    if fmt not in known:
        raise UsageError("unknown-format", value=fmt, allowed=", ".join(known))
    module, function = known[fmt].split(":")
    found: Reporter = getattr(import_module(module), function)
    return found
