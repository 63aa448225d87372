"""Every JSON report has a version and the documented fixed shape: the output of each command is checked
against its JSON Schema in src/qingdan/schemas/reports/ (also in docs, and usable by scripts)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import EXAMPLES, REPO, invoke

SCHEMAS = REPO / "src" / "qingdan" / "schemas" / "reports"


def _check(name: str, stdout: str) -> dict[str, Any]:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    doc: dict[str, Any] = json.loads(stdout)
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    assert doc["version"] == 1
    return doc


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "lists", root / "lists")
    shutil.copy(REPO / "qingdan.toml", root / "qingdan.toml")
    return root


def test_validate_with_and_without_findings(repo: Path) -> None:
    _check("validate", invoke(["validate", "-f", "json"], repo).stdout)
    path = repo / "lists" / "city" / "certificates.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - id: X\n    name: 1\n", encoding="utf-8")
    doc = _check("validate", invoke(["validate", "-f", "json", "--no-cache"], repo).stdout)
    assert doc["findings"], doc


def test_diff_of_two_folders(repo: Path, tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(repo, new)
    path = new / "lists" / "city" / "negative.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("招商引资任务", "招商引资任务指标"), encoding="utf-8")
    doc = _check("diff", invoke(["diff", str(repo), str(new), "-f", "json"], repo).stdout)
    assert doc["changes"], doc


def test_review_of_one_and_of_two_requests_has_one_shape(repo: Path) -> None:
    one = [str(repo / "lists/requests/2026-dc-shouru.yaml")]
    two = [*one, str(repo / "lists/requests/2026-dc-beijie.yaml")]
    for files in (one, two):
        doc = _check("review", invoke(["review", *files, "--today", "2026-09-10", "-f", "json"], repo).stdout)
        assert len(doc["reviews"]) == len(files)


@pytest.mark.parametrize("query", ["收入证明", "死亡证明", "火星探测许可"])
def test_find(query: str) -> None:
    _check("find", invoke(["find", query, "--in", "向阳社区", "-f", "json"], EXAMPLES / "find" / "repo").stdout)


def test_log(repo: Path) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "一"], cwd=repo, check=True)
    doc = _check("log", invoke(["log", "XY-XZ-004", "-f", "json"], repo).stdout)
    assert doc["events"] and doc["events"][0]["type"] == "added", doc


def test_import_and_export(repo: Path) -> None:
    (repo / "t.csv").write_text("事项名称,法律依据\n住房证明（无房、租房）,民发〔2020〕20号\n", encoding="utf-8")
    run = invoke(
        ["import", "t.csv", "-k", "certificates", "-j", "980102000000", "--stance", "forbidden", "-f", "json"], repo
    )
    _check("import", run.stdout)
    _check("export", invoke(["export", "lists/city", "--format", "csv", "-o", "out", "--report", "json"], repo).stdout)


def test_sync_and_sync_update(tmp_path: Path) -> None:
    from test_upstream import PROVINCE_LIST, allow_income_certificate, commit, drop_item, three_repositories

    repos = three_repositories(tmp_path)
    allow_income_certificate(repos.city)
    doc = _check("sync", invoke(["sync", "-f", "json"], repos.city).stdout)
    assert [u["fetched"] for u in doc["upstreams"]] == [True, True], doc
    drop_item(repos.province / PROVINCE_LIST, "SS-ZM-F17")
    commit(repos.province, "删去居民财产证明")
    doc = _check("sync", invoke(["sync", "--update", "示例省", "-f", "json"], repos.city).stdout)
    assert doc["moved"] and doc["diff"]["changes"] and doc["created"], doc
    doc = _check("sync", invoke(["sync", "--update", "示例省", "-f", "json"], repos.city).stdout)
    assert not doc["moved"] and doc["summary"] is None, doc


def test_parquet_export_and_query(repo: Path) -> None:
    pytest.importorskip("pyarrow", reason="the analysis extra")
    pytest.importorskip("duckdb", reason="the analysis extra")
    doc = _check(
        "export-parquet", invoke(["export", "--format", "parquet", "-o", "out", "--report", "json"], repo).stdout
    )
    assert doc["schema_version"] == 1 and len(doc["files"]) == 7
    run = invoke(
        [
            "query",
            "SELECT kind, count(*) AS n, min(list_effective) AS d FROM items GROUP BY 1",
            "--data",
            "out",
            "-f",
            "json",
        ],
        repo,
    )
    assert len(_check("query", run.stdout)["rows"]) == 5, run
