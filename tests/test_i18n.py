"""Every sentence exists in both languages with the same placeholders."""

from __future__ import annotations

import re

import pytest

from qingdan.i18n import HINTS, MESSAGES, message
from qingdan.rules import RULES

_FIELD = re.compile(r"\{(\w+)\}")


@pytest.mark.parametrize("catalogue", [MESSAGES, HINTS], ids=["messages", "hints"])
def test_both_languages_with_the_same_placeholders(catalogue: dict[str, tuple[str, str]]) -> None:
    for key, (zh, en) in catalogue.items():
        assert zh and en, key
        assert set(_FIELD.findall(zh)) == set(_FIELD.findall(en)), key


def test_every_rule_can_be_explained() -> None:
    for rule in RULES:
        own = {k for k in MESSAGES if k == rule.id or k.startswith(rule.id + "-")} or {
            k for k in MESSAGES if k.startswith(rule.id.split("-")[0] + "-")
        }
        assert own, rule.id
        assert own & set(HINTS) or rule.id in ("schema", "resource-limit", "document-shape", "encoding"), rule.id


def test_words_are_translated_inside_messages() -> None:
    text = message("assist-without-resources", "en", name="X", missing=("word-funding", "word-powers"))
    assert text == "assist item 'X' lacks funding and powers"
    assert "经费保障（funding）和权限保障（powers）" in message(
        "assist-without-resources", "zh", name="X", missing=("word-funding", "word-powers")
    )


def test_every_rule_function_in_the_table_exists() -> None:
    from importlib import import_module

    for rule in RULES:
        if rule.check is not None:
            module, function = rule.check.rsplit(".", 1)
            assert callable(getattr(import_module(f"qingdan.rules.{module}"), function)), rule.id
