"""The YAML dialect: positions, duplicate keys, YAML 1.1 values, encodings and limits."""

from __future__ import annotations

import codecs

import yaml
from hypothesis import example, given, settings

from conftest import yaml_documents
from qingdan.load import MAX_DEPTH, parse_bytes, parse_text


def rules(parsed) -> list[str]:
    return [f.rule for f in parsed.findings]


def test_positions_of_keys_and_elements() -> None:
    parsed = parse_text("a: 1\nitems:\n  - id: X-1\n    name: 甲\n  - id: X-2\n", "f.yaml")
    assert parsed.locate(("items", 1)) == (5, 5)
    assert parsed.locate(("items", 0, "name")) == (4, 5)
    assert parsed.locate(("a",)) == (1, 1)


def test_duplicate_key_keeps_last_value_and_reports_its_line() -> None:
    parsed = parse_text("items:\n  - id: A\n    id: B\n", "f.yaml")
    assert parsed.data["items"][0]["id"] == "B"
    [finding] = parsed.findings
    assert (finding.rule, finding.line, finding.column, finding.args["key"]) == ("duplicate-key", 3, 5, "id")


def test_dates_and_yaml11_booleans_stay_text() -> None:
    parsed = parse_text("d: 2023-07-01\nb: no\nc: on\nt: true\nn: ~\ni: 12\nz: 012\n", "f.yaml")
    assert parsed.data == {"d": "2023-07-01", "b": "no", "c": "on", "t": True, "n": None, "i": 12, "z": "012"}
    assert rules(parsed) == ["yaml11-ambiguous"] * 3
    odd = parse_text("a: 1e3\nb: 1.5e3\nc: 1.5e+3\nd: 0o17\ne: 0x1F\nf: 1_000\ng: 1:30\n", "f")
    assert odd.data == {"a": "1e3", "b": "1.5e3", "c": 1500.0, "d": "0o17", "e": "0x1F", "f": "1_000", "g": "1:30"}
    assert rules(odd) == ["yaml11-ambiguous"] * 6


def test_quoted_values_are_never_converted() -> None:
    assert parse_text("a: '12'\nb: \"true\"\n", "f").data == {"a": "12", "b": "true"}


def test_bom_is_accepted() -> None:
    assert parse_bytes(codecs.BOM_UTF8 + "名称: 甲\n".encode(), "f").data == {"名称": "甲"}


def test_gbk_is_named_with_position_of_first_bad_byte() -> None:
    parsed = parse_bytes("a: 1\nname: 居民财产证明\n".encode("gbk"), "f")
    [finding] = parsed.findings
    assert (finding.rule, finding.key, finding.line, finding.column) == ("encoding", "encoding-gbk", 2, 7)
    assert parsed.data is None


def test_alias_bomb_is_bounded() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    parsed = parse_text("\n".join(lines) + "\n", "bomb.yaml")
    assert rules(parsed) == ["resource-limit"] and parsed.data is None


def test_plain_aliases_still_work() -> None:
    parsed = parse_text("base: &b {k: v}\nother: *b\n", "f")
    assert parsed.data == {"base": {"k": "v"}, "other": {"k": "v"}}


def test_depth_is_bounded() -> None:
    parsed = parse_text("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n", "deep.yaml")
    assert [f.key for f in parsed.findings] == ["resource-depth"]


def test_syntax_error_has_position() -> None:
    [finding] = parse_text("a: [1, 2\nb: 3\n", "f").findings
    assert finding.rule == "yaml-syntax" and finding.line >= 2


def test_document_shapes() -> None:
    assert [f.key for f in parse_text("", "f").findings] == ["document-empty"]
    assert [f.key for f in parse_text("- a\n", "f").findings] == ["document-not-mapping"]
    assert [f.key for f in parse_text("a: 1\n---\nb: 2\n", "f").findings] == ["document-multiple"]


@settings(max_examples=300, deadline=None)
@given(yaml_documents())
@example({"": "0E0"})
@example({"a": "1.5e3"})
@example({"a": "0o17"})
@example({"a": "1_000"})
def test_builder_reads_back_what_pyyaml_writes(data: dict) -> None:
    """Law: for any data PyYAML dumps, our builder reads the same data back (no silent changes)."""
    text = yaml.safe_dump(data, allow_unicode=True)
    parsed = parse_text(text, "f")
    assert [f for f in parsed.findings if f.rule != "yaml11-ambiguous"] == []
    assert parsed.data == data
