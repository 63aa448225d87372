"""Reports that CI tools accept: SARIF valid against the 2.1.0 schema (and, where it is installed, the SARIF
multitool's own validation), rule help from docs/rules.md, links only to a configured docs URL; rdjson
likewise; JUnit XML with one test case per file."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest

from conftest import EXAMPLES, REPO, TESTS, build_case, run_qingdan
from qingdan.rules import RULES

DOCS = "https://git.example.org/mca/qingdan/src/tag/v0.1.0/docs"  # an example of where docs/ is published
MULTITOOL = REPO / ".ci" / "tools" / "node_modules" / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"

_formats = jsonschema.FormatChecker()


@_formats.checks("uri")
def _uri(value: object) -> bool:  # RFC 3986 "URI": a scheme, then no white space
    return not isinstance(value, str) or (bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value)) and " " not in value)


@_formats.checks("uri-reference")
def _uri_reference(value: object) -> bool:
    return not isinstance(value, str) or not re.search(r"[\s<>\"{}|\\^`]", value)


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((TESTS / "sarif" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=_formats)


def _repo(tmp_path: Path, case: str = "waiver-expired", docs_url: str | None = None) -> Path:
    repo = build_case(EXAMPLES / "invalid" / case, tmp_path / "repo")
    if docs_url is not None:
        config = repo / "qingdan.toml"
        before = config.read_text(encoding="utf-8") if config.is_file() else ""
        config.write_text(before + f'\n[report]\ndocs_url = "{docs_url}"\n', encoding="utf-8")
    return repo


def _sarif(repo: Path, *extra: str) -> dict:
    run = run_qingdan(["validate", "--no-cache", "--format", "sarif", *extra], repo)
    assert run.returncode in (0, 1), run
    return json.loads(run.stdout)


@pytest.mark.parametrize("docs_url", [None, DOCS])
def test_sarif_is_valid_against_the_2_1_0_schema(tmp_path: Path, docs_url: str | None) -> None:
    doc = _sarif(_repo(tmp_path, docs_url=docs_url))
    errors = sorted(_validator().iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def test_a_relative_help_uri_would_fail_the_schema(tmp_path: Path) -> None:
    doc = _sarif(_repo(tmp_path))
    doc["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = "docs/rules.md#yaml-syntax"  # what qingdan once wrote
    assert any("helpUri" in list(e.absolute_path) for e in _validator().iter_errors(doc))


def test_rules_carry_their_explanation_and_links_only_with_a_docs_url(tmp_path: Path) -> None:
    plain = _sarif(_repo(tmp_path))["runs"][0]["tool"]["driver"]
    assert "informationUri" not in plain
    rules = {r["id"]: r for r in plain["rules"]}
    assert set(rules) == {rule.id for rule in RULES}
    for rule in rules.values():
        assert "helpUri" not in rule
        assert rule["fullDescription"]["text"] and rule["help"]["text"] and rule["help"]["markdown"], rule["id"]
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", rule["name"]), rule["name"]
    # the explanation is docs/rules.md's, reflowed: the section's first sentence, its fix, its example
    key = rules["duplicate-key"]
    assert key["fullDescription"]["text"].startswith("同一层里同一个键写了两次，例如一个事项里写了两个 role:。")
    assert "怎么改: 删掉多余的那个键" in key["help"]["text"]
    assert "```yaml" in key["help"]["markdown"] and "`role:`" in key["help"]["markdown"]
    docs = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "YAML 只保留后一个值，前一个就悄悄丢了，\n审核的人看到的和工具读到的就不一样" in docs  # the wrapped source
    assert "前一个就悄悄丢了，审核的人" in key["fullDescription"]["text"]

    linked = _sarif(_repo(tmp_path / "b", docs_url=DOCS))["runs"][0]["tool"]["driver"]
    assert linked["informationUri"] == DOCS + "/"
    for rule in linked["rules"]:
        assert rule["helpUri"] == f"{DOCS}/rules.md#{rule['id']}"
        assert urlsplit(rule["helpUri"]).scheme == "https"
    waiver = {r["id"]: r for r in linked["rules"]}["waiver-expired"]
    assert "](#" not in waiver["help"]["markdown"]


def test_results_have_stable_fingerprints_and_waivers_are_suppressions(tmp_path: Path) -> None:
    doc = _sarif(_repo(tmp_path))
    results = doc["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["assist-without-resources", "waiver-expired"]
    assert all(len(r["partialFingerprints"]["qingdanFinding/v1"]) == 32 for r in results)
    waived = build_case(EXAMPLES / "valid" / "waiver-silences", tmp_path / "w")
    suppressed = [r for r in _sarif(waived)["runs"][0]["results"] if r.get("suppressions")]
    assert suppressed and all(
        r["suppressions"] == [{"kind": "inSource", "justification": "waiver"}] for r in suppressed
    )


def test_rdjson_links_only_to_a_configured_docs_url(tmp_path: Path) -> None:
    plain = json.loads(run_qingdan(["validate", "--no-cache", "--format", "rdjson"], _repo(tmp_path)).stdout)
    assert plain["source"] == {"name": "qingdan"}
    assert all("url" not in d["code"] for d in plain["diagnostics"])
    linked_repo = _repo(tmp_path / "b", docs_url=DOCS)
    linked = json.loads(run_qingdan(["validate", "--no-cache", "--format", "rdjson"], linked_repo).stdout)
    assert linked["source"]["url"] == DOCS + "/"
    assert [d["code"]["url"] for d in linked["diagnostics"]] == [
        f"{DOCS}/rules.md#assist-without-resources",
        f"{DOCS}/rules.md#waiver-expired",
    ]


@pytest.mark.parametrize("value", ["docs/", "ftp://example.org/docs/", "https://example.org/docs/?x=1", "42"])
def test_a_bad_docs_url_is_a_configuration_error(tmp_path: Path, value: str) -> None:
    repo = build_case(EXAMPLES / "invalid" / "waiver-expired", tmp_path / "repo")
    literal = value if value == "42" else f'"{value}"'
    (repo / "qingdan.toml").write_text(f"[report]\ndocs_url = {literal}\n", encoding="utf-8")
    run = run_qingdan(["validate", "--no-cache", "--format", "sarif"], repo)
    assert run.returncode == 2 and "report.docs_url" in run.stderr and not run.stdout, run


@pytest.mark.skipif(not MULTITOOL.is_file(), reason="the SARIF multitool is not installed (npm ci --prefix .ci/tools)")
@pytest.mark.parametrize("docs_url", [None, DOCS])
def test_the_sarif_multitool_finds_no_errors(tmp_path: Path, docs_url: str | None) -> None:
    repo = _repo(tmp_path, docs_url=docs_url)
    log = tmp_path / "qingdan.sarif"
    log.write_text(json.dumps(_sarif(repo), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "validation.sarif"
    run = subprocess.run(
        [str(MULTITOOL), "validate", str(log), "-o", str(out), "--log", "ForceOverwrite", "--level", "Error;Warning"],
        capture_output=True,
        text=True,
        timeout=300,
        env={"DOTNET_CLI_TELEMETRY_OPTOUT": "1", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    found = [
        (r["ruleId"], r.get("level", "warning"))
        for r in json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
    ]
    assert not [f for f in found if f[1] == "error"], found
    if docs_url:  # with a docs URL not even a warning (no SARIF2005 "provide the tool's informationUri")
        assert not found, found
    else:
        assert found == [("SARIF2005", "warning")], found


def test_junit_has_a_test_case_per_file_and_a_failure_per_error(tmp_path: Path) -> None:
    repo = build_case(EXAMPLES / "invalid" / "duplicate-id-across-files", tmp_path / "repo")
    run = run_qingdan(["validate", "--no-cache", "--format", "junit"], repo)
    assert run.returncode == 1, run
    suites = ET.fromstring(run.stdout)
    [suite] = suites.findall("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    listed = sorted(p.relative_to(repo).as_posix() for p in (repo / "lists").rglob("*.yaml"))
    assert sorted(cases) == listed
    failing = {name: c.findall("failure") for name, c in cases.items() if c.findall("failure")}
    assert list(failing) == ["lists/heping.yaml"], failing
    [failure] = failing["lists/heping.yaml"]
    assert failure.get("type") == "duplicate-id" and "XY-LZ-001" in (failure.get("message") or "")
    assert (failure.text or "").startswith("lists/heping.yaml:8:5 错误 duplicate-id [XY-LZ-001]")
    assert suite.get("tests") == str(len(listed)) and suite.get("failures") == "1"


def test_junit_lists_warnings_without_failing(tmp_path: Path) -> None:
    repo = build_case(EXAMPLES / "invalid" / "catch-all-item", tmp_path / "repo")
    run = run_qingdan(["validate", "--no-cache", "--format", "junit", "--lang", "en"], repo)
    suite = ET.fromstring(run.stdout).find("testsuite")
    assert suite is not None and suite.get("failures") == "0"
    outs = [c.findtext("system-out") for c in suite.findall("testcase") if c.find("system-out") is not None]
    assert outs and "warning catch-all-item" in outs[0], outs
