"""IME slips: found where YAML's structure is (indentation, list markers, the colon after a key), never in
values; repaired in the text, lined up with the lines around them."""

from __future__ import annotations

import json

from conftest import invoke
from qingdan import ime
from qingdan.load import parse_text

SP = "\u3000"


def _where(text: str) -> list[tuple[int, int, str]]:
    return [(s.line, s.column, s.kind) for s in ime.slips(text)]


def test_each_slip_at_its_own_line_and_column() -> None:
    text = f"items:\n  - id: A\n{SP}{SP}name：甲\n  — id: B\n\trole: 依法履职\n  -{SP}id: C\n"
    assert _where(text) == [
        (3, 1, ime.SPACE),
        (3, 7, ime.COLON),
        (4, 3, ime.DASH),
        (5, 1, ime.TAB),
        (6, 4, ime.SPACE),
    ]


def test_colons_and_dashes_inside_values_are_text() -> None:
    text = (
        "name: 证明：收入\n"
        'title: "通知：关于……"\n'
        "aliases: [收入证明：低保]\n"
        "notes: |\n  name：这是说明\n  — 不是列表\n"
        "items:\n  - 一些事项：说明\n"
    )
    assert ime.slips(text) == []


def test_a_comment_indented_with_full_width_spaces() -> None:
    assert _where(f"a: 1\n{SP}# 说明\n\t# 说明\n") == [(2, 1, ime.SPACE)]


def test_yi_is_a_dash_only_before_a_key() -> None:
    assert _where("items:\n  一 id: A\n") == [(2, 3, ime.DASH)]
    assert ime.slips("items:\n  一 些\n") == []


def test_repair_lines_up_with_the_lines_around() -> None:
    text = f"items:\n  - id: A\n{SP}{SP}name：甲\n\trole: 依法履职\n  — id: B\n    name ：乙\n"
    repaired, found = ime.repair(text)
    assert repaired == "items:\n  - id: A\n    name: 甲\n    role: 依法履职\n  - id: B\n    name: 乙\n"
    assert len(found) == 5
    assert ime.repair(repaired) == (repaired, [])


def test_lines_without_slips_keep_their_bytes() -> None:
    text = "a: 1\r\nb：2\r\nc:   3  # note\r\n"
    assert ime.repair(text)[0] == "a: 1\r\nb: 2\r\nc:   3  # note\r\n"


def test_a_key_that_parsed_only_because_of_a_slip_is_reported() -> None:
    """Full-width spaces at the top level parse as a key "　　name": the slip is said, not an unknown field."""
    parsed = parse_text(f"a: 1\n{SP}{SP}name: y\n", "f.yaml")
    assert parsed.data is None
    assert [(f.line, f.column, f.key) for f in parsed.findings] == [(2, 1, "yaml-fullwidth-space")]


def test_an_earlier_error_with_another_cause_is_kept() -> None:
    parsed = parse_text(f'a: "x" y\nb:\n  c: 1\n{SP}{SP}d: 2\n', "f.yaml")
    assert [f.key for f in parsed.findings][-1] == "yaml-fullwidth-space"
    assert parsed.findings[0].line == 1


def test_no_english_left_in_chinese_syntax_messages(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "lists").mkdir()
    bad = {"a.yaml": "a: [1, 2\nb: 1\n", "b.yaml": 'a: "\\q"\n', "c.yaml": "a: b\n- c\n", "d.yaml": "a: @x\n"}
    for name, text in bad.items():
        (tmp_path / "lists" / name).write_text(text, encoding="utf-8")
    run = invoke(["validate", "--no-cache", "--format", "json"], tmp_path)
    messages = [f["message"] for f in json.loads(run.stdout)["findings"] if f["rule"] == "yaml-syntax"]
    assert len(messages) == 4, run
    assert not [m for m in messages if any("a" <= c.lower() <= "z" for c in m.replace("YAML", ""))], messages
    english = invoke(["validate", "--no-cache", "--format", "json", "--lang", "en"], tmp_path)
    assert "did not find the expected ',' or ']'" in english.stdout, english


def test_dashes_that_parsed_into_one_text_are_reported() -> None:
    """Under ``aliases:`` the lines "— 收入证明", "— 经济状况证明" parse as one text; a list was meant."""
    text = "a: 1\naliases:\n  — 收入证明\n  — 经济状况证明\nnotes: 第一\n  — 第二\n"
    parsed = parse_text(text, "f.yaml")
    assert [(f.line, f.column, f.key) for f in parsed.findings] == [
        (3, 3, "yaml-fullwidth-dash"),
        (4, 3, "yaml-fullwidth-dash"),
    ]
    assert ime.repair(text)[0] == "a: 1\naliases:\n  - 收入证明\n  - 经济状况证明\nnotes: 第一\n  — 第二\n"


def test_a_full_width_colon_in_a_flow_mapping() -> None:
    parsed = parse_text("funding: {amount： 20000, source: 区财政专项}\n", "f.yaml")
    assert [(f.line, f.column, f.key, f.args["key"]) for f in parsed.findings] == [
        (1, 17, "yaml-fullwidth-colon", "amount")
    ]
