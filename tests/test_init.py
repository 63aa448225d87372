"""qingdan init gives a repository that validates at once, with CI files and hooks that parse; rdjson."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import yaml

from conftest import CHANGSHA, EXAMPLES, REPO, TODAY, build_case, invoke

PIN = "git+https://git.example.org/mca/qingdan.git@0123456789abcdef0123456789abcdef01234567"  # an example remote
ARGS = [*CHANGSHA, "--install-from", PIN]


def test_init_then_validate_clean(tmp_path: Path) -> None:
    run = invoke(["init", "changsha", *ARGS], tmp_path)
    assert run.returncode == 0, run
    repo = tmp_path / "changsha"
    for name in (
        "qingdan.toml",
        "lists/jurisdictions.yaml",
        "lists/departments.yaml",
        "lists/长沙市/negative.yaml",
        ".gitattributes",
        ".pre-commit-config.yaml",
        ".github/workflows/qingdan.yml",
        ".gitlab-ci.yml",
        ".gitignore",
        ".vscode/settings.json",
        "schemas/qingdan.schema.json",
        "schemas/duties.schema.json",
    ):
        assert (repo / name).is_file(), name
        assert name in run.stdout, run
    check = invoke(["validate", "--strict", "--no-cache", "--today", TODAY], repo)
    assert check.returncode == 0 and "0 个错误，0 个警告" in check.stdout, check


def test_ci_files_and_hooks_are_well_formed(tmp_path: Path) -> None:
    invoke(["init", "r", *ARGS], tmp_path)
    repo = tmp_path / "r"
    workflow = yaml.safe_load((repo / ".github/workflows/qingdan.yml").read_text(encoding="utf-8"))
    steps = [s.get("run", "") for s in workflow["jobs"]["validate"]["steps"]]
    assert "qingdan validate --format github" in steps
    assert "${{ github.base_ref }}" in (repo / ".github/workflows/qingdan.yml").read_text(encoding="utf-8")
    gitlab = yaml.safe_load((repo / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert "qingdan validate" in gitlab["validate"]["script"]
    hooks = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hooks["repos"] == [
        {
            "repo": "https://git.example.org/mca/qingdan.git",
            "rev": "0123456789abcdef0123456789abcdef01234567",
            "hooks": [{"id": "qingdan-validate"}],
        }
    ]
    ours = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert ours[0]["id"] == "qingdan-validate" and ours[0]["entry"] == "qingdan validate"


def test_init_never_overwrites_and_checks_the_code(tmp_path: Path) -> None:
    assert invoke(["init", "r", *ARGS], tmp_path).returncode == 0
    again = invoke(["init", "r", *ARGS], tmp_path)
    assert again.returncode == 2 and "已经" in again.stderr, again
    bad = invoke(
        ["init", "x", "--city", "长沙市", "--code", "430102000000", "--province", "湖南省", "--install-from", PIN],
        tmp_path,
    )
    assert bad.returncode == 2 and not (tmp_path / "x").exists(), bad


def test_init_repository_works_with_git_diff(tmp_path: Path) -> None:
    invoke(["init", "r", *ARGS], tmp_path)
    repo = tmp_path / "r"
    env = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", *env, "commit", "-qm", "init"], cwd=repo, check=True)
    path = repo / "lists/长沙市/negative.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: 协税护税", "name: 协税护税工作"), encoding="utf-8")
    run = invoke(["diff", "--format", "json"], repo)
    assert [c["type"] for c in json.loads(run.stdout)["changes"]] == ["renamed"], run


def test_rdjson_for_reviewdog(tmp_path: Path) -> None:
    repo = build_case(EXAMPLES / "invalid" / "duplicate-key", tmp_path / "repo")
    run = invoke(["validate", "--no-cache", "--today", TODAY, "--format", "rdjson"], repo)
    doc = json.loads(run.stdout)
    assert run.returncode == 1 and doc["source"]["name"] == "qingdan"
    [diag] = doc["diagnostics"]
    assert diag["location"] == {"path": "lists/community.yaml", "range": {"start": {"line": 15, "column": 5}}}
    assert diag["code"]["value"] == "duplicate-key" and diag["severity"] == "ERROR"


def test_init_repository_builds(tmp_path: Path) -> None:
    invoke(["init", "r", *ARGS], tmp_path)
    repo = tmp_path / "r"
    run = invoke(["build", "--out", "public", "--only", "html,xlsx"], repo)  # what the CI publish jobs run
    assert run.returncode == 0, run
    assert (repo / "public" / "index.html").is_file() and (repo / "public" / "site" / "index.html").is_file()
    page = next((repo / "public" / "site" / "list").glob("*.html")).read_text(encoding="utf-8")
    assert "长沙市" in page and "协税护税" in page
    assert list((repo / "public" / "xlsx").glob("*.xlsx"))
