"""The C reader (qingdan._fastyaml, built at install where gcc and the Python headers are) must never change what
a file means: wherever it takes a file, its data is the builder's and the builder has nothing to report; it
refuses everything else, and then the other loaders read the file."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, REPO, yaml_documents
from qingdan.load import parse_text

try:
    from qingdan import _fastyaml as native
except ImportError:  # pragma: no cover - installed where no C compiler is
    native = None  # type: ignore[assignment]


if native is None:  # pragma: no cover
    pytest.skip("the C reader was not built (no C compiler at install)", allow_module_level=True)

FILES = sorted([*EXAMPLES.rglob("*.yaml"), *(REPO / "lists").rglob("*.yaml")])


def _agrees(text: str) -> bool:
    """True when the C reader took the text (and then read what the builder reads, with no finding, and keeps
    the positions it keeps)."""
    data = native.loads(text)
    placed = native.loads(text, True)
    assert (data is None) == (placed is None), text
    raw = text.encode("utf-8")
    assert native.loads(raw) == data == native.loads(codecs.BOM_UTF8 + raw), text  # a file's bytes, as read
    if data is None:
        return False
    built = parse_text(text, "f.yaml")
    assert not built.findings, text
    assert data == built.data == placed[0], text
    assert [type(v) for v in data.values()] == [type(v) for v in built.data.values()], text  # 1 is not True
    assert _places(*placed) == _places(built.data, built.marks, built.seq_marks), text
    return True


def _places(data: Any, marks: dict[int, Any], seqs: dict[int, Any]) -> list[tuple[tuple[Any, ...], Any]]:
    """Every mapping's and sequence's positions by path (the marks are keyed by id())."""
    out: list[tuple[tuple[Any, ...], Any]] = []
    todo: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while todo:
        path, node = todo.pop()
        if isinstance(node, dict):
            out.append((path, marks.get(id(node))))
            todo.extend((path + (k,), v) for k, v in node.items())
        elif isinstance(node, list):
            out.append((path, seqs.get(id(node))))
            todo.extend((path + (i,), v) for i, v in enumerate(node))
    assert len(marks) + len(seqs) == len(out)  # nothing kept for a container that is not in the data
    return out


def _text(path: Path) -> str | None:
    try:
        return path.read_bytes().removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError:
        return None


def test_it_reads_what_the_builder_reads_on_every_corpus_file() -> None:
    texts = [t for t in map(_text, FILES) if t is not None]
    taken = sum(_agrees(t) for t in texts)
    assert taken > len(texts) // 2  # it is really in use: most lists are plain block YAML


def test_it_takes_the_lists_a_province_writes(province: list[Path]) -> None:
    """The benchmark's province (the shape qingdan import and the house layout write): every file is taken."""
    assert province and all(_agrees(f.read_text(encoding="utf-8")) for f in province)


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("a: 2023-07-01\nb: 0755-12345678\n", {"a": "2023-07-01", "b": "0755-12345678"}),  # text, not dates
        ("a: ~\nb: null\nc: NULL\nd:\n", {"a": None, "b": None, "c": None, "d": None}),
        ("a: true\nb: False\nc: +5\nd: 0\ne: 17\n", {"a": True, "b": False, "c": 5, "d": 0, "e": 17}),
        ("a: 'it''s'\nb: \"q # r\"\nc: x #note\nd: x#y\n", {"a": "it's", "b": "q # r", "c": "x", "d": "x#y"}),
        ("a: [甲, 'b', \"c\", 1]\nb: {law: 《法》, doc_number: 民发〔2020〕20号}\nc: []\nd: {}\n",
         {"a": ["甲", "b", "c", 1], "b": {"law": "《法》", "doc_number": "民发〔2020〕20号"}, "c": [], "d": {}}),
        ("items:\n- id: A\n  tags:\n  - x\n  name: 甲\n- id: B\n",
         {"items": [{"id": "A", "tags": ["x"], "name": "甲"}, {"id": "B"}]}),
        ("items:\n  -\n    id: A\n  - - x\n", None),  # "- - x": left to libyaml
        ("a: 民政部 中央组织部\nb: http://x.cn/a:b\n", {"a": "民政部 中央组织部", "b": "http://x.cn/a:b"}),
        ("# 说明\n\na: 1   \n  # 缩进的注释\nb: 2\n", {"a": 1, "b": 2}),
    ],
)  # fmt: skip
def test_what_it_reads(text: str, data: dict | None) -> None:
    assert native.loads(text) == data
    if data is not None:
        assert parse_text(text, "f.yaml").data == data


@pytest.mark.parametrize(
    "text",
    [
        "a: yes\n", "a: No\n", "a: on\n", "a: [off]\n", "a: 012\n", "a: -1\n", "a: 1.5\n", "a: .5\n", "a: 1e3\n",
        "a: 0x1F\n", "a: 0o17\n", "a: 0b1\n", "a: 1_000\n", "a: 1:30\n", "a: 1234567890123456789\n",
        "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\na: 2\n", "a: {b: 1, b: 2}\n", "a: 1\n---\nb: 2\n", "---\na: 1\n",
        "%YAML 1.2\n---\na: 1\n", "a: 1\n...\n", "<<: {a: 1}\n", "a:\n\t- 1\n", "a: 1\r\nb: 2\r\n", "a: x\x85y\n",
        "a: x\u2028y\n", "a: \ufeffx\n", "a: \x07\n", "- 1\n", "", "# only\n", "a: |\n  x\n", "a: >-\n  x\n  y\n",
        "a: 协助\n  开展\n", "a:\n  协助\n", "a: \"q\n  r\"\n", "a: 'q\n  r'\n", "a: \"x\\ty\"\n", "a: b: c\n", "a: b:\n",
        "a: [1, [2]]\n", "a: [1, ]\n", "a: {b: {c: 1}}\n", "a: [b: 1]\n", "a: [1,\n  2]\n", "a: \"x\" y\n",
        "a: 'x'#y\n", "a: - x\n", "a: ? x\n", "a: @x\n", "a: `x`\n", "a: %x\n", "a: |x\n", "a:b\n", "a : 1\n",
        "\"a\": 1\n", "1: a\n", "名称: 甲\n", "a：1\n", "a:\u3000甲\n", "\u3000a: 1\n", "a:\n  \uff0d 甲\n  \uff0d 乙\n",
        "a: 1\n b: 2\n", "a:\n    b: 1\n  c: 2\n", "a:\n  - x\n  b: 1\n", "items:\n  - id: A\n   name: 甲\n",
        "a: *x\n", "a: !x\n",
    ],
)  # fmt: skip
def test_it_refuses_what_it_does_not_know(text: str) -> None:
    assert native.loads(text) is None


def test_positions_count_characters_and_put_an_item_at_its_first_key() -> None:
    text = "format: 1\nitems:\n  - id: 甲\n    legal_basis: [《法》, 乙]\n  -\n    id: B\n"
    data, marks, seqs = native.loads(text, True)
    items = data["items"]
    assert seqs[id(items)] == [(3, 5), (6, 5)]
    assert marks[id(items[0])] == ((3, 5), {"id": (3, 5), "legal_basis": (4, 5)})
    assert seqs[id(items[0]["legal_basis"])] == [(4, 19), (4, 24)]  # columns in characters, as libyaml counts
    # an empty element (libyaml puts it after the dash): refused with and without positions, the builder reads it
    assert native.loads("a:\n  -\n  - x\n", True) is None and native.loads("a:\n  -\n  - x\n") is None
    assert parse_text("a:\n  -\n  - x\n", "f").data == {"a": [None, "x"]}


@pytest.mark.parametrize(
    "raw",
    [
        "a: 证明\n".encode("gb18030"),  # GBK: the decoder names the encoding
        codecs.BOM_UTF16_LE + "a: 1\n".encode("utf-16-le"),
        b"a: \xc0\xaf\n",  # an overlong "/"
        b"a: \xed\xa0\x80\n",  # a surrogate
        b"a: \xf4\x90\x80\x80\n",  # beyond U+10FFFF
        b"a: \xe8\xaf\n",  # cut short
        b"a: 1\n# \xff\n",  # in a comment too
        b"a: \xef\xbb\xbfx\n",  # a BOM inside
    ],
)
def test_bytes_that_are_not_clean_utf8_are_refused(raw: bytes) -> None:
    assert native.loads(raw) is None and native.loads(raw, True) is None


def test_a_long_line_is_counted_once() -> None:
    """Hostile input: one flow line of 300,000 values. Each value's column is counted on from the last one, not
    from the line's start (which would take hours): the child process has half a minute."""
    code = (
        "from qingdan import _fastyaml\n"
        "data, marks, seqs = _fastyaml.loads('a: [' + ', '.join(['证明'] * 300_000) + ']\\n', True)\n"
        "assert seqs[id(data['a'])][-1] == (1, 5 + 4 * 299_999)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)


def test_nesting_stays_below_the_builders_limit() -> None:
    deep = "".join(f"{' ' * (2 * i)}k{i}:\n" for i in range(70)) + " " * 140 + "x: 1\n"
    assert native.loads(deep) is None
    shallow = "".join(f"{' ' * (2 * i)}k{i}:\n" for i in range(20)) + " " * 40 + "x: 1\n"
    assert _agrees(shallow)


@settings(max_examples=300, deadline=None)
@given(yaml_documents(), st.booleans())
def test_it_agrees_on_documents_pyyaml_writes(data: dict, flow: bool) -> None:
    for width in (80, 1 << 30):  # lines folded at 80 columns, as PyYAML does by default, and never
        _agrees(yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, width=width))


# Lines glued from keys, indicators, look-alikes and indentations, valid or not: wherever the C reader takes the
# text it reads what the builder reads.
_KEYS = st.sampled_from(["a", "id", "name", "legal_basis", "_x", "A1", "on", "null", "名称", "a b", '"q"', "-", "1"])
_VALUES = st.sampled_from(
    ["", "x", "甲 乙", "证明（用于入学）", "yes", "012", "17", "-3", "+4", "0", "1.5", "2023-07-01", "~", "null", "True",
     "'a''b'", '"c"', '"d\\"e"', "'f", '"g', "[a, 'b']", "[]", "{}", "{law: 《法》, n: 1}", "[a, [b]]", "{a: {b: 1}}",
     "x # c", "x#c", "a: b", "a:", "# c", "&a x", "*a", "!!str x", "|", ">-", "- x", "? x", "x\t", "0x1", "1:2",
     "http://a", "'x' y", "《法》第三条", "\u3000甲", "甲：乙"]
)  # fmt: skip
_INDENTS = st.sampled_from([0, 0, 2, 2, 4, 1, 3, 6])


@st.composite
def _lines(draw: st.DrawFn) -> str:
    out = []
    for _ in range(draw(st.integers(1, 8))):
        indent = " " * draw(_INDENTS)
        kind = draw(st.sampled_from(["key", "key", "dash", "dash-key", "comment", "blank", "bare"]))
        key, value = draw(_KEYS), draw(_VALUES)
        if kind == "key":
            out.append(f"{indent}{key}: {value}".rstrip() if value else f"{indent}{key}:")
        elif kind == "dash":
            out.append(f"{indent}- {value}".rstrip())
        elif kind == "dash-key":
            out.append(f"{indent}- {key}: {value}".rstrip())
        elif kind == "comment":
            out.append(f"{indent}# {value}")
        elif kind == "blank":
            out.append(indent)
        else:
            out.append(f"{indent}{value}")
    return "\n".join(out) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=1500, deadline=None)
@given(_lines())
@example("a:\n- x\nb: 1\n")
@example("a:\n  - id: 1\n    b:\n    - x\n  - id: 2\n")
@example("a: [a, 'b']\nb: {law: 《法》, n: 1}\n")
@example("a:\n-\n")  # an empty entry: was taken without positions only (found by this fuzz, 2026-12-04)
def test_it_agrees_on_glued_lines(text: str) -> None:
    _agrees("format: 1\n" + text)
