"""The example corpus: every case under examples/invalid must produce its expected findings, through
the CLI, in JSON, SARIF and text; every case under examples/valid must pass clean. The CLI is called in this
process (a new one per call made this file a third of the suite); the last two tests run the real
``python -m qingdan`` and check that it prints and exits as the in-process calls do."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, REPO, TODAY, build_case, invoke, run_qingdan

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
    run = invoke([*args, "--format", "json"], repo)
    assert run.returncode == spec["exit"], run
    findings = json.loads(run.stdout)["findings"]
    for expected in spec["findings"]:
        assert any(_matches(f, expected) for f in findings), f"expected {expected}\n{run}"
        assert all(f["message"] and f["message"] != f["rule"] for f in findings), run
    for loader in ("builder", "ryaml"):  # the builder alone; ryaml without the C reader
        other = invoke([*args, "--format", "json"], repo, env={"QINGDAN_LOADER": loader})
        assert other.stdout == run.stdout, f"the fast loaders and {loader} disagree\n{other}"
    if spec.get("exclusive"):
        wanted = {e["rule"] for e in spec["findings"]}
        extra = [f for f in findings if f["rule"] not in wanted and f["severity"] == "error"]
        assert not extra, f"unexpected errors {extra}\n{run}"

    sarif = json.loads(invoke([*args, "--format", "sarif"], repo).stdout)
    results = sarif["runs"][0]["results"]
    for expected in spec["findings"]:
        assert any(
            r["ruleId"] == expected["rule"]
            and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == expected["file"]
            and r["locations"][0]["physicalLocation"]["region"]["startLine"] == expected["line"]
            for r in results
        ), f"SARIF lacks {expected}"

    text = invoke(args, repo)
    assert text.returncode == spec["exit"], text
    for expected in spec["findings"]:
        assert f"{expected['file']}:{expected['line']}:" in text.stdout and expected["rule"] in text.stdout, text


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_case(case: Path, tmp_path: Path) -> None:
    repo, spec = _prepare(case, tmp_path)
    run = invoke(["validate", "--no-cache", "--today", TODAY, "--format", "json", *spec.get("args", [])], repo)
    assert run.returncode == 0, run
    report = json.loads(run.stdout)
    assert report["summary"]["errors"] == 0, run
    for key, value in spec.get("summary", {}).items():
        assert report["summary"][key] == value, f"summary.{key}\n{run}"


def test_bundled_lists_are_clean() -> None:
    run = invoke(["validate", "--no-cache", "--strict", "--today", TODAY], REPO)
    assert run.returncode == 0, run
    assert "0 个错误，0 个警告" in run.stdout, run


def test_the_in_process_runner_honours_qingdan_loader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast loaders are chosen once per process; without a fresh choice per call the comparison of the
    loaders above would compare a fast loader with itself."""
    fast = [m for m in (_optional("qingdan._fastyaml"), _optional("ryaml")) if m is not None]
    if not fast:
        pytest.skip("no fast loader installed")
    calls: list[str] = []
    for module in fast:
        loads = module.loads
        monkeypatch.setattr(module, "loads", lambda text, m=module.__name__, f=loads: calls.append(m) or f(text))
    repo, _ = _prepare(VALID[0], tmp_path)
    invoke(["validate", "--no-cache"], repo, env={"QINGDAN_LOADER": "builder"})
    assert not calls, "QINGDAN_LOADER=builder still read files with a fast loader"
    invoke(["validate", "--no-cache"], repo)
    assert calls, "the fast loader was never used"
    if len(fast) == 2:
        calls.clear()
        invoke(["validate", "--no-cache"], repo, env={"QINGDAN_LOADER": "ryaml"})
        assert calls and set(calls) == {"ryaml"}, "QINGDAN_LOADER=ryaml still read files with the C reader"


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _readme_install_output() -> str:
    """What README.md shows ``qingdan validate`` printing under "Install and check the bundled lists"."""
    section = (REPO / "README.md").read_text(encoding="utf-8").split("## Install and check the bundled lists")[1]
    command, *output = section.split("```console\n")[1].split("```")[0].splitlines(keepends=True)
    assert command.rstrip().endswith("&& qingdan validate"), command
    return "".join(output)


def test_readme_example_is_what_the_real_process_prints() -> None:
    run = run_qingdan(["validate", "--no-cache"], REPO)
    assert run.returncode == 0, run
    assert run.stdout == _readme_install_output(), run


def test_a_real_process_exits_and_prints_as_the_in_process_call(tmp_path: Path) -> None:
    repo, spec = _prepare(EXAMPLES / "invalid" / "duplicate-key", tmp_path)
    for fmt in ("text", "json"):
        args = ["validate", "--no-cache", "--format", fmt, *spec.get("args", [])]
        real, here = run_qingdan(args, repo), invoke(args, repo)
        assert real.returncode == spec["exit"] == here.returncode, real
        assert (real.stdout, real.stderr) == (here.stdout, here.stderr), f"{real}\n{here}"


def test_every_rule_has_an_invalid_case() -> None:
    """A rule is added with a case under examples/invalid that makes it fire (CONTRIBUTING.md)."""
    from qingdan.rules import RULES

    fired = {f["rule"] for case in INVALID for f in _spec(case)["findings"]}
    assert not {r.id for r in RULES} - fired, "rules without a case in tests/examples/invalid"
    assert not fired - {r.id for r in RULES}, "cases expecting a rule the table does not have"
