"""The optional fast loader (ryaml) must never change what a file means: wherever it accepts a file,
its data equals the builder's; everything it could read differently goes to the builder."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, REPO, yaml_documents
from qingdan.load import fast_load, parse_text
from qingdan.schema import LIST_KINDS, is_valid

ryaml = pytest.importorskip("ryaml", reason="the fast loader is optional: pip install 'qingdan[fast]'")

FILES = sorted([*EXAMPLES.rglob("*.yaml"), *(REPO / "lists").rglob("*.yaml")])


def _text(path: Path) -> str | None:
    raw = path.read_bytes().removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def test_fast_loader_agrees_with_builder_on_every_corpus_file() -> None:
    accepted = 0
    for path in FILES:
        text = _text(path)
        if text is None:
            continue
        fast = fast_load(text)
        if fast is not None:
            accepted += 1
            built = parse_text(text, path.name)
            if built.data is None:  # the builder refuses (nesting limit): the schema sends it back there
                assert not (fast.get("kind") in LIST_KINDS and is_valid(fast)), path
            else:
                assert fast == built.data, path
    assert accepted > len(FILES) // 2  # it is really in use


@pytest.mark.parametrize(
    "text",
    [
        "a: yes\n",
        "a: [on, off]\n",
        "a: 012\n",
        "a: 0x1F\n",
        "a: .inf\n",
        "a: 1:30\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: 1\na: 2\n",
        "a: 1\n---\nb: 2\n",
        "<<: {a: 1}\n",
        "a:\n\t- 1\n",
        "- 1\n",
        "",
    ],
)
def test_risky_text_goes_to_the_builder(text: str) -> None:
    assert fast_load(text) is None


@settings(max_examples=300, deadline=None)
@given(yaml_documents(), st.booleans())
@example({"0E0": []}, False)
@example({"a": 1.5}, True)
def test_both_loaders_agree_on_generated_documents(data: dict, flow: bool) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    fast = fast_load(text)
    if fast is not None:
        assert fast == parse_text(text, "f").data
