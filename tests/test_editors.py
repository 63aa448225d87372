"""What init gives editors and git: .gitignore, VS Code settings mapping the bundled schemas (written by
``qingdan schema --write``), a pre-commit config that needs no qingdan installed, and the schemas' $id."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import CHANGSHA, REPO, invoke, run_qingdan
from qingdan import schema as schemas

COMMIT = "0123456789abcdef0123456789abcdef01234567"  # an example commit id of an example remote
CITY = CHANGSHA


def _init(tmp_path: Path, source: str = f"git+https://git.example.org/mca/qingdan.git@{COMMIT}") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    run = run_qingdan(["init", "r", *CITY, "--install-from", source], tmp_path)
    assert run.returncode == 0, run
    return tmp_path / "r"


def test_gitignore_keeps_build_output_out_of_git_add(tmp_path: Path) -> None:
    repo = _init(tmp_path)
    assert run_qingdan(["build", "--only", "html,xlsx"], repo).returncode == 0
    assert run_qingdan(["export", "--format", "csv"], repo).returncode == 0
    assert run_qingdan(["validate"], repo).returncode == 0  # writes .qingdan-cache/
    assert (repo / "_site").is_dir() and (repo / "export").is_dir() and (repo / ".qingdan-cache").is_dir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    staged = subprocess.run(["git", "diff", "--cached", "--name-only"], cwd=repo, capture_output=True, text=True)
    names = staged.stdout.splitlines()
    assert "lists/jurisdictions.yaml" in names and ".vscode/settings.json" in names
    assert not [n for n in names if n.startswith(("_site/", "export/", ".qingdan-cache/"))], names


def test_vscode_maps_the_schema_written_into_the_repository(tmp_path: Path) -> None:
    repo = _init(tmp_path)
    settings = json.loads((repo / ".vscode/settings.json").read_text(encoding="utf-8"))
    [(target, globs)] = settings["yaml.schemas"].items()
    assert target == "./schemas/qingdan.schema.json" and "lists/**/*.yaml" in globs
    assert settings["[yaml]"]["editor.insertSpaces"] is True  # the Tab key types spaces in list files
    assert json.loads((repo / ".vscode/extensions.json").read_text("utf-8"))["recommendations"] == [
        "redhat.vscode-yaml"
    ]
    mapped = json.loads((repo / target).read_text(encoding="utf-8"))
    assert mapped == schemas.root_schema()
    # what the editor checks is what qingdan checks: every file init wrote matches the mapped schema
    validator = jsonschema.Draft202012Validator(mapped)
    for path in (repo / "lists").rglob("*.yaml"):
        assert not list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))), path
    broken = yaml.safe_load((repo / "lists/长沙市/negative.yaml").read_text(encoding="utf-8"))
    broken["items"][0]["nmae"] = broken["items"][0].pop("name")
    assert list(validator.iter_errors(broken))


def test_schema_write_writes_every_kind_with_a_urn_id(tmp_path: Path) -> None:
    run = run_qingdan(["schema", "--write", "out/schemas"], tmp_path)
    assert run.returncode == 0, run
    folder = tmp_path / "out" / "schemas"
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(["qingdan.schema.json", *(f"{k}.schema.json" for k in schemas.KINDS)])
    root = json.loads((folder / "qingdan.schema.json").read_text(encoding="utf-8"))
    assert root["$id"] == "urn:qingdan:schema:1"
    duties = json.loads((folder / "duties.schema.json").read_text(encoding="utf-8"))
    assert duties["$id"] == "urn:qingdan:schema:duties:1" and duties["$ref"] == "#/$defs/doc_duties"
    example = yaml.safe_load((REPO / "lists" / "jurisdictions.yaml").read_text(encoding="utf-8"))
    assert not list(
        jsonschema.Draft202012Validator(
            json.loads((folder / "jurisdictions.schema.json").read_text("utf-8"))
        ).iter_errors(example)
    )
    text = json.dumps(root) + json.dumps(duties)
    assert "qingdan.invalid" not in text
    both = run_qingdan(["schema", "duties", "--write", "x"], tmp_path)
    assert both.returncode == 2 and "--write" in both.stderr, both
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert run_qingdan(["schema", "--write", "file"], tmp_path).returncode == 2


def test_pre_commit_config_installs_qingdan_itself(tmp_path: Path) -> None:
    vcs = yaml.safe_load((_init(tmp_path / "a") / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert vcs["repos"] == [
        {"repo": "https://git.example.org/mca/qingdan.git", "rev": COMMIT, "hooks": [{"id": "qingdan-validate"}]}
    ]
    hook = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    assert hook["id"] == "qingdan-validate" and hook["language"] == "python"  # pre-commit installs it from rev
    index = yaml.safe_load((_init(tmp_path / "b", "qingdan==0.1.0") / ".pre-commit-config.yaml").read_text("utf-8"))
    [local] = index["repos"][0]["hooks"]
    assert index["repos"][0]["repo"] == "local"
    assert local["language"] == "python" and local["additional_dependencies"] == ["qingdan==0.1.0"]
    wheel = _init(tmp_path / "c", "vendor/qingdan-0.1.0-py3-none-any.whl") / ".pre-commit-config.yaml"
    text = wheel.read_text(encoding="utf-8")
    assert "language: system" in text and 'python -m pip install "./vendor/qingdan-0.1.0-py3-none-any.whl"' in text


@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed")
def test_pre_commit_accepts_the_configs(tmp_path: Path) -> None:
    for n, source in enumerate([f"git+https://git.example.org/mca/qingdan.git@{COMMIT}", "qingdan==0.1.0"]):
        config = _init(tmp_path / str(n), source) / ".pre-commit-config.yaml"
        run = subprocess.run(["pre-commit", "validate-config", str(config)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr


def test_new_list_files_name_their_schema_for_any_editor(tmp_path: Path) -> None:
    """Files init writes carry a yaml-language-server modeline pointing at their kind's schema in schemas/, so
    an editor without the workspace settings (another editor, a nested folder) still completes and checks."""
    run = invoke(
        ["init", "r", *CITY, "--folder", "hunan/cs", "--install-from", "qingdan==0.1.0"],
        tmp_path,
    )
    assert run.returncode == 0, run
    repo = tmp_path / "r"
    for path, kind in (
        ("lists/jurisdictions.yaml", "jurisdictions"),
        ("lists/departments.yaml", "departments"),
        ("lists/hunan/cs/negative.yaml", "negative"),
    ):
        first = (repo / path).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), first
        target = ((repo / path).parent / first.split("=", 1)[1]).resolve()
        assert target == (repo / "schemas" / f"{kind}.schema.json").resolve() and target.is_file(), first
