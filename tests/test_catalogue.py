"""Catalogue discipline: every key the code names exists, every entry is used, no sentence is hidden in an
f-string of the core (issue 11). The suite also runs with QINGDAN_STRICT_I18N=1 (conftest), so a key that
is looked up at run time without an entry fails the test that reaches it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from qingdan import i18n
from qingdan.rules import RULES

SRC = Path(__file__).parent.parent / "src" / "qingdan"
KEY = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9@]+)*$")
CALLS = {"message", "hint", "UsageError", "InputError", "QingdanError", "PdfError", "Phrase", "ConfigError"}
HAN = re.compile(r"[\u3400-\u9fff]")
# Modules whose Chinese f-strings are published document text (site, PDF), not messages: the site is Chinese only.
# The notice parser's patterns and the comments it writes into holidays.yaml are the notice's own Chinese.
DOCUMENT_TEXT = {
    "publish/pdf.py",
    "publish/word.py",  # the Word documents' own text (适用范围：…, the contents' numbers), as in the PDFs
    "publish/view.py",
    "text.py",
    "admission/notice.py",
    "admission/holidays.py",
    "report/holidays.py",
    "tables/columns.py",  # patterns of the annex text it reads (附件N, 文号, （N项）, ……起施行)
}


def _modules() -> list[tuple[str, ast.Module]]:
    return [
        (p.relative_to(SRC).as_posix(), ast.parse(p.read_text(encoding="utf-8")))
        for p in sorted(SRC.rglob("*.py"))
        if p.name != "i18n.py"
    ]


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _named_keys() -> set[str]:
    keys = set()
    for _, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in CALLS and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str) and KEY.match(first.value):
                    keys.add(first.value)
    return keys


def _referenced() -> tuple[set[str], set[str]]:
    """Every key-shaped string constant of the code and the templates, and the prefixes of f-string keys."""
    literals, prefixes = set(), set()
    for _, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.match(node.value):
                literals.add(node.value)
            if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                head = str(node.values[0].value)
                if re.match(r"^[a-z][a-z0-9-]*-$", head):
                    prefixes.add(head)
    for template in (SRC / "templates").rglob("*"):
        if template.is_file():
            literals |= set(re.findall(r"[a-z][a-z0-9]*(?:-[a-z0-9@]+)+", template.read_text(encoding="utf-8")))
    return literals, prefixes


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    missing = sorted(k for k in _named_keys() if k not in i18n.MESSAGES and k not in i18n.HINTS)
    assert not missing, missing


def test_every_catalogue_entry_is_used() -> None:
    literals, prefixes = _referenced()
    rules = {r.id for r in RULES}
    dead = [
        k
        for k in i18n.MESSAGES
        if k not in literals
        and k not in rules
        and not any(k.startswith(p) for p in prefixes)
        and not any(k.startswith(f"{word}-") for word in (*rules, *literals))  # f"{prefix}-exact"
    ]
    assert not dead, dead


def test_no_sentence_hides_in_an_f_string_of_the_core() -> None:
    found = []
    for name, tree in _modules():
        if name in DOCUMENT_TEXT:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
                if HAN.search(text):
                    found.append(f"{name}:{node.lineno}")
    assert not found, found


def test_english_counts_agree_with_their_number() -> None:
    one = i18n.message("summary", "en", files=1, items=1, errors=1, warnings=1, infos=1, waived=0)
    assert one == "1 file, 1 item: 1 error, 1 warning, 1 note, 0 waived", one
    many = i18n.message("summary", "en", files=2, items=5, errors=0, warnings=3, infos=2, waived=1)
    assert many == "2 files, 5 items: 0 errors, 3 warnings, 2 notes, 1 waived", many
