"""The example corpus: every case under examples/invalid must produce its expected findings, through
the real CLI, in JSON, SARIF and text; every case under examples/valid must pass clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, REPO, TODAY, build_case, run_qingdan

INVALID = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (EXAMPLES / "valid").iterdir() if p.is_dir())


def _spec(case: Path) -> dict:
    return yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))


def _matches(found: dict, expected: dict) -> bool:
    return all(found.get(k) == v for k, v in expected.items())


def _prepare(case: Path, tmp_path: Path) -> tuple[Path, dict]:
    spec = _spec(case)
    repo = build_case(case, tmp_path / "repo")
    for rel in spec.get("remove", []):
        (repo / rel).unlink()
    return repo, spec


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_case(case: Path, tmp_path: Path) -> None:
    repo, spec = _prepare(case, tmp_path)
    args = ["validate", "--no-cache", "--today", TODAY, *spec.get("args", [])]
    run = run_qingdan([*args, "--format", "json"], repo)
    assert run.returncode == spec["exit"], run
    findings = json.loads(run.stdout)["findings"]
    for expected in spec["findings"]:
        assert any(_matches(f, expected) for f in findings), f"expected {expected}\n{run}"
        assert all(f["message"] and f["message"] != f["rule"] for f in findings), run
    builder = run_qingdan([*args, "--format", "json"], repo, env={"QINGDAN_LOADER": "builder"})
    assert builder.stdout == run.stdout, f"the fast loader and the builder disagree\n{builder}"
    if spec.get("exclusive"):
        wanted = {e["rule"] for e in spec["findings"]}
        extra = [f for f in findings if f["rule"] not in wanted and f["severity"] == "error"]
        assert not extra, f"unexpected errors {extra}\n{run}"

    sarif = json.loads(run_qingdan([*args, "--format", "sarif"], repo).stdout)
    results = sarif["runs"][0]["results"]
    for expected in spec["findings"]:
        assert any(
            r["ruleId"] == expected["rule"]
            and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == expected["file"]
            and r["locations"][0]["physicalLocation"]["region"]["startLine"] == expected["line"]
            for r in results
        ), f"SARIF lacks {expected}"

    text = run_qingdan(args, repo)
    assert text.returncode == spec["exit"], text
    for expected in spec["findings"]:
        assert f"{expected['file']}:{expected['line']}:" in text.stdout and expected["rule"] in text.stdout, text


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_case(case: Path, tmp_path: Path) -> None:
    repo, spec = _prepare(case, tmp_path)
    run = run_qingdan(["validate", "--no-cache", "--today", TODAY, "--format", "json", *spec.get("args", [])], repo)
    assert run.returncode == 0, run
    report = json.loads(run.stdout)
    assert report["summary"]["errors"] == 0, run
    for key, value in spec.get("summary", {}).items():
        assert report["summary"][key] == value, f"summary.{key}\n{run}"


def test_bundled_lists_are_clean() -> None:
    run = run_qingdan(["validate", "--no-cache", "--strict", "--today", TODAY], REPO)
    assert run.returncode == 0, run
    assert "0 个错误，0 个警告" in run.stdout, run
