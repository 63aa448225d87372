"""``--format junit``: JUnit XML for CI systems that show test reports (GitLab's ``artifacts:reports:junit``,
Jenkins, Azure Pipelines): one ``testcase`` per list file, one ``failure`` per error in it; ``failures``
counts the files that failed, so ``tests - failures`` passed. Warnings and notes do not fail a test case:
they are listed in its ``system-out``. Waived findings are left out."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from qingdan.check import Report
from qingdan.model import Finding
from qingdan.report.common import hint, message

_WORD = {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("提示", "note")}


def _line(f: Finding, lang: str) -> str:
    word = _WORD.get(f.severity, (f.severity, f.severity))[1 if lang == "en" else 0]
    item = f" [{f.item}]" if f.item else ""
    return f"{f.file}:{f.line}:{f.column} {word} {f.rule}{item} {message(f, lang)}"


def render(report: Report, lang: str) -> str:
    shown = [f for f in report.findings if not f.waived and not f.baselined]
    files = sorted({*report.files, *(f.file for f in shown)})
    failures = len({f.file for f in shown if f.severity == "error"})  # failed test cases: passed = tests - failures
    counts = {"tests": str(len(files)), "failures": str(failures), "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", {"name": "qingdan validate", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "qingdan validate", **counts})
    for file in files:
        case = ET.SubElement(suite, "testcase", {"classname": "qingdan.validate", "name": file, "file": file})
        mine = [f for f in shown if f.file == file]
        for f in mine:
            if f.severity == "error":
                tip = hint(f, lang)
                failure = ET.SubElement(case, "failure", {"type": f.rule, "message": message(f, lang)})
                failure.text = _line(f, lang) + (f"\n{tip}" if tip else "")
        others = [_line(f, lang) for f in mine if f.severity != "error"]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(others)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
