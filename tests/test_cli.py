"""The command line as a user meets it: exit codes, languages, formats, paths, configuration."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import BASE, REPO, build_case, invoke

EXAMPLE_CASE = Path(__file__).parent / "examples" / "invalid" / "duplicate-key"


def test_clean_repository_exits_0(tmp_path: Path) -> None:
    run = invoke(["validate", "--no-cache", str(BASE)], tmp_path)
    assert run.returncode == 0, run
    assert "检查通过" in run.stdout, run


def test_findings_exit_1_in_english(tmp_path: Path) -> None:
    repo = build_case(EXAMPLE_CASE, tmp_path / "repo")
    run = invoke(["validate", "--no-cache", "--lang", "en"], repo)
    assert run.returncode == 1, run
    assert "lists/community.yaml:15:5 error duplicate-key" in run.stdout, run
    assert "appears twice" in run.stdout and "1 error," in run.stdout, run


def test_language_from_environment(tmp_path: Path) -> None:
    repo = build_case(EXAMPLE_CASE, tmp_path / "repo")
    run = invoke(["validate", "--no-cache"], repo, env={"QINGDAN_LANG": "en"})
    assert "appears twice" in run.stdout, run


def test_no_color_means_no_escape_codes(tmp_path: Path) -> None:
    repo = build_case(EXAMPLE_CASE, tmp_path / "repo")
    run = invoke(["validate", "--no-cache"], repo, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in run.stdout, run


def test_missing_path_is_exit_2_with_chinese_message(tmp_path: Path) -> None:
    run = invoke(["validate", "nowhere"], tmp_path)
    assert run.returncode == 2, run
    assert "路径不存在" in run.stderr and "Traceback" not in run.stderr, run


def test_unknown_format_and_bad_date_are_usage_errors(tmp_path: Path) -> None:
    for args, words in ((["--format", "xml"], "未知的输出格式"), (["--today", "2023-13-01"], "日期")):
        run = invoke(["validate", str(BASE), *args], tmp_path)
        assert run.returncode == 2 and words in run.stderr, run


def test_unknown_flag_is_exit_2(tmp_path: Path) -> None:
    run = invoke(["validate", "--frobnicate"], tmp_path)
    assert run.returncode == 2, run


def test_directory_without_lists_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    run = invoke(["validate", "--no-cache", "empty"], tmp_path)
    assert run.returncode == 2 and "没有找到清单文件" in run.stderr, run


def test_bad_configuration_is_exit_2(tmp_path: Path) -> None:
    repo = build_case(EXAMPLE_CASE, tmp_path / "repo")
    (repo / "qingdan.toml").write_text('[rules]\nno-such-rule = "off"\n', encoding="utf-8")
    run = invoke(["validate", "--no-cache"], repo)
    assert run.returncode == 2 and "未知规则 no-such-rule" in run.stderr, run
    (repo / "qingdan.toml").write_text('[rules]\nduplicate-key = "loud"\n', encoding="utf-8")
    run = invoke(["validate", "--no-cache"], repo)
    assert run.returncode == 2 and "loud" in run.stderr, run
    (repo / "qingdan.toml").write_text("[rules\n", encoding="utf-8")
    run = invoke(["validate", "--no-cache"], repo)
    assert run.returncode == 2 and "qingdan.toml" in run.stderr, run


def test_configuration_can_turn_a_rule_off(tmp_path: Path) -> None:
    repo = build_case(EXAMPLE_CASE, tmp_path / "repo")
    (repo / "qingdan.toml").write_text('[rules]\nduplicate-key = "off"\n', encoding="utf-8")
    run = invoke(["validate", "--no-cache"], repo)
    assert run.returncode == 0, run


def test_file_argument_reports_only_that_file_but_resolves_references(tmp_path: Path) -> None:
    repo = build_case(EXAMPLE_CASE, tmp_path / "repo")
    clean = invoke(["validate", "--no-cache", "lists/certificates.yaml"], repo)
    assert clean.returncode == 0, clean
    dirty = invoke(["validate", "--no-cache", "--format", "json", "lists/community.yaml"], repo)
    report = json.loads(dirty.stdout)
    assert dirty.returncode == 1 and report["summary"]["files"] == 1, dirty
    assert {f["rule"] for f in report["findings"]} == {"duplicate-key"}, dirty


def test_validate_from_inside_a_subdirectory(tmp_path: Path) -> None:
    repo = build_case(EXAMPLE_CASE, tmp_path / "repo")
    run = invoke(["validate", "--no-cache"], repo / "lists")
    assert run.returncode == 1 and "lists/community.yaml:15:5" in run.stdout, run


def test_cache_gives_the_same_report_and_notices_edits(tmp_path: Path) -> None:
    repo = build_case(EXAMPLE_CASE, tmp_path / "repo")
    first = invoke(["validate", "--format", "json"], repo)
    second = invoke(["validate", "--format", "json"], repo)
    assert first.stdout == second.stdout and (repo / ".qingdan-cache").is_dir(), second
    path = repo / "lists" / "community.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("    role: 依法履职\n  - id: XY-LZ", "  - id: XY-LZ"), encoding="utf-8"
    )
    third = invoke(["validate", "--format", "json"], repo)
    assert third.returncode == 0, third


def test_github_annotations(tmp_path: Path) -> None:
    repo = build_case(EXAMPLE_CASE, tmp_path / "repo")
    run = invoke(["validate", "--no-cache", "--format", "github"], repo)
    assert run.stdout.startswith("::error file=lists/community.yaml,line=15,col=5,title=qingdan duplicate-key::"), run


def test_sarif_is_2_1_0_with_rules_and_regions(tmp_path: Path) -> None:
    repo = build_case(EXAMPLE_CASE, tmp_path / "repo")
    doc = json.loads(invoke(["validate", "--no-cache", "--format", "sarif"], repo).stdout)
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    [result] = run["results"]
    assert rule_ids[result["ruleIndex"]] == "duplicate-key"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 15, "startColumn": 5}


def test_schema_command_prints_each_kind(tmp_path: Path) -> None:
    run = invoke(["schema", "certificates"], tmp_path)
    doc = json.loads(run.stdout)
    assert run.returncode == 0 and doc["$ref"] == "#/$defs/doc_certificates"
    assert doc["$defs"]["item_certificates"]["properties"]["stance"]["title"] == "性质"
    bad = invoke(["schema", "nonsense"], tmp_path)
    assert bad.returncode == 2 and "未知的类型" in bad.stderr, bad


def test_every_schema_property_has_a_chinese_title() -> None:
    doc = json.loads(invoke(["schema"], REPO).stdout)
    missing = []

    def walk(node: object, path: str) -> None:
        if isinstance(node, dict):
            for name, sub in (node.get("properties") or {}).items():
                if isinstance(sub, dict) and "$ref" not in sub and not ("title" in sub and "description" in sub):
                    missing.append(f"{path}.{name}")
            for k, v in node.items():
                walk(v, f"{path}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}[{i}]")

    walk(doc["$defs"], "$defs")
    assert not missing, missing


def test_version() -> None:
    run = invoke(["--version"], REPO)
    assert run.returncode == 0 and run.stdout.startswith("qingdan ")


def test_waiver_rule_ids_in_the_schema_are_the_rule_table() -> None:
    from qingdan.rules import RULES
    from qingdan.schema import root_schema

    assert root_schema()["$defs"]["waiver"]["properties"]["rule"]["enum"] == [r.id for r in RULES]


def test_control_characters_from_a_list_never_reach_the_terminal(tmp_path: Path) -> None:
    """A double-quoted YAML escape can put ESC into a name; printed raw it would drive the reviewer's terminal."""
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "lists", repo / "lists")
    shutil.copyfile(REPO / "qingdan.toml", repo / "qingdan.toml")
    path = repo / "lists" / "city" / "negative.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: 招商引资任务", 'name: "招商引资任务\\e[2J\\a"', 1), encoding="utf-8")
    for args in (["find", "招商引资任务"], ["find", "招商引资任务", "--format", "json"], ["export", "--format", "csv"]):
        run = invoke(args, repo)
        assert "\x1b" not in run.stdout + run.stderr and "\x07" not in run.stdout, run
    run = invoke(["find", "招商引资任务"], repo)
    assert "招商引资任务␛[2J" in run.stdout, run  # shown as a picture (rich drops the bell itself)
