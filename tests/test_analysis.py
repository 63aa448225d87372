"""``qingdan export --format parquet`` and ``qingdan query``: the dataset's schema and contents on the bundled
lists, exports of two repositories side by side read as one, every view, the three output formats, SQL
errors, the missing extra, and a question that cannot write or read outside the data."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CHANGSHA, PINNED, REPO, TODAY, invoke

pa = pytest.importorskip("pyarrow", reason="the analysis extra: pip install '.[analysis]'")
pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("duckdb", reason="the analysis extra: pip install '.[analysis]'")

from qingdan.analysis import schema  # noqa: E402

ASSIST = "lists/dongcheng/xiangyang-street/xiangyang/assist.yaml"
# The bundled lists (README: 29 files, 467 items) by kind.
BUNDLED = {"duties": 279, "negative": 22, "certificates": 85, "seal": 40, "admissions": 41}


def _git(root: Path, *args: str, day: str = "2023-07-01T09:00:00+08:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    env |= {"GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


def _bundled(root: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copytree(REPO / "lists", root / "lists")
    shutil.copyfile(REPO / "qingdan.toml", root / "qingdan.toml")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "2023版")
    return root


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _bundled(tmp_path_factory.mktemp("analysis") / "示例市")


@pytest.fixture(scope="module")
def data(repo: Path) -> Path:
    """The bundled repository's export, then a 湖南省 长沙市 repository (qingdan init) exported beside it."""
    out = repo.parent / "data"
    run = invoke(["export", "--format", "parquet", "-o", str(out)], repo)
    assert run.returncode == 0, run
    changsha = repo.parent / "changsha"
    run = invoke(["init", str(changsha), *CHANGSHA, *PINNED], repo.parent)
    assert run.returncode == 0, run
    run = invoke(["export", "--format", "parquet", "-o", str(out)], changsha)
    assert run.returncode == 0, run
    return out


def _query(data: Path, sql: str, *extra: str) -> list[dict]:
    run = invoke(["query", sql, "--data", str(data), "--format", "json", *extra], data)
    assert run.returncode == 0, run
    return json.loads(run.stdout)["rows"]


def test_the_bundled_lists_as_parquet_with_a_versioned_schema(repo: Path, tmp_path: Path) -> None:
    run = invoke(["export", "--format", "parquet", "-o", str(tmp_path / "out")], repo)
    assert run.returncode == 0, run
    commit = _git(repo, "rev-parse", "HEAD").strip()
    assert f"来源 980100000000，快照 {commit[:12]}，2023-07-01" in run.stdout, run
    assert "467 个事项，11 个区划，0 条检查结果" in run.stdout, run
    for table in schema.TABLES:
        files = sorted((tmp_path / "out" / table).glob("province=*/*.parquet"))
        assert [f.relative_to(tmp_path / "out").as_posix() for f in files] == [
            f"{table}/province=98/980100000000@{commit[:12]}.parquet"
        ]
        meta = pq.read_schema(files[0]).metadata
        assert meta[b"qingdan.schema_version"] == b"1" and meta[b"qingdan.table"] == table.encode()
        read = pq.read_table(files[0])
        assert read.schema.names == [c.name for c in schema.TABLES[table]]
        if table in BUNDLED:
            assert read.num_rows == BUNDLED[table], table
    duties = pq.read_table(tmp_path / "out" / "duties" / "province=98" / f"980100000000@{commit[:12]}.parquet")
    item = next(r for r in duties.to_pylist() if r["id"] == "XY-XZ-001")
    assert item["file"] == ASSIST and item["position"] == 1 and item["commit"] == commit and not item["dirty"]
    assert item["jurisdiction"] == "980102001001" and item["level"] == "community"
    assert item["chain_codes"] == ["980000000000", "980100000000", "980102000000", "980102001000", "980102001001"]
    assert item["chain_names"] == ["示例省", "示例市", "东城区", "向阳街道", "向阳社区"]
    assert (item["province_name"], item["street_name"], item["community_name"]) == ("示例省", "向阳街道", "向阳社区")
    assert item["role"] == "协助政府工作" and item["admission"] == "DC-ZR-2023-01" and item["has_funding"]
    assert "《最低生活保障审核确认办法》（民发〔2021〕57号）" in item["legal_basis"]
    assert str(item["list_effective"]) == "2023-07-01" and item["list_doc_number"] == "示东政办发〔2023〕15号"


def test_the_same_lists_give_the_same_bytes(repo: Path, tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert invoke(["export", "--format", "parquet", "-o", str(tmp_path / name)], repo).returncode == 0
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.parquet"))
    assert len(files) == len(schema.TABLES)
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


def test_two_repositories_side_by_side_read_as_one_dataset(data: Path) -> None:
    provinces = {p.name for p in (data / "duties").iterdir()}
    assert provinces == {"province=43", "province=98"}
    rows = _query(data, "SELECT province, province_name, count(*) AS n FROM items GROUP BY ALL ORDER BY province")
    assert [(r["province"], r["province_name"]) for r in rows] == [("43", "湖南省"), ("98", "示例省")]
    assert rows[1]["n"] == sum(BUNDLED.values()) and rows[0]["n"] > 0
    snapshots = _query(data, "SELECT source, snapshot, snapshot_date, dirty FROM snapshots ORDER BY source")
    # the 长沙市 repository is no git repository: its working tree, dated the day of the export
    assert snapshots[0] == {"source": "430100000000", "snapshot": "worktree", "snapshot_date": TODAY, "dirty": True}
    assert snapshots[1]["source"] == "980100000000" and not snapshots[1]["dirty"]


def test_which_places_still_list_a_certificate(data: Path) -> None:
    rows = _query(
        data,
        "SELECT jurisdiction_name, stance_zh FROM certificates WHERE name = '健在证明' ORDER BY jurisdiction",
    )
    assert rows == [
        {"jurisdiction_name": "示例市", "stance_zh": "不得出具"},
        {"jurisdiction_name": "东城区", "stance_zh": "不得出具"},
        {"jurisdiction_name": "西城区", "stance_zh": "不得出具"},
    ]


def test_burden_by_community_counts_each_community_s_own_lists(data: Path) -> None:
    rows = _query(data, "SELECT * FROM burden_by_community WHERE province_code = '980000000000'")
    by_name = {r["community_name"]: r for r in rows}
    assert sorted(by_name) == sorted(["光明社区", "和平社区", "向阳社区", "新华社区"])
    xiangyang = by_name["向阳社区"]
    assert (xiangyang["street_name"], xiangyang["duties"], xiangyang["assist"], xiangyang["seal_uses"]) == (
        "向阳街道",
        58,
        33,
        10,
    )
    other = "SELECT count(*) AS n FROM duties WHERE jurisdiction = '980102001001' AND role NOT IN ('协助政府工作', '依法履职')"
    assert xiangyang["duties"] == xiangyang["assist"] + xiangyang["by_law"] + _query(data, other)[0]["n"]


def test_findings_and_jurisdictions_views(data: Path) -> None:
    assert _query(data, "SELECT count(*) AS n FROM findings WHERE source = '980100000000'") == [{"n": 0}]
    rows = _query(data, "SELECT code FROM (SELECT jurisdiction AS code FROM jurisdictions) ORDER BY code LIMIT 2")
    assert rows[0]["code"].startswith("43")


def test_a_finding_is_exported_with_its_place(repo: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(repo, broken)
    path = broken / ASSIST
    path.write_text(path.read_text(encoding="utf-8").replace("    legal_basis:\n", "    legal_basi:\n", 1), "utf-8")
    run = invoke(["export", "--format", "parquet", "-o", str(tmp_path / "out")], broken)
    assert run.returncode == 0 and "未提交的修改" in run.stdout, run
    rows = _query(tmp_path / "out", "SELECT file, line, rule, severity, message_zh, province_code FROM findings")
    assert rows and all(r["file"] == ASSIST and r["province_code"] == "980000000000" for r in rows), rows
    assert any(r["severity"] == "error" and "legal_basi" in r["message_zh"] for r in rows), rows


def test_trend_over_exports_of_two_dates(tmp_path: Path) -> None:
    repo = _bundled(tmp_path / "repo")
    out = tmp_path / "data"
    assert invoke(["export", "--format", "parquet", "-o", str(out)], repo).returncode == 0
    path = repo / ASSIST
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: XY-XZ-005")] + text[text.index("  - id: XY-XZ-006") :], "utf-8")
    _git(repo, "commit", "-qam", "向阳社区减少一项协助事项", day="2024-07-01T09:00:00+08:00")
    assert invoke(["export", "--format", "parquet", "-o", str(out)], repo).returncode == 0
    rows = _query(out, "SELECT as_of, sources, communities, assist, assist_per_community FROM trend")
    assert rows == [
        {"as_of": "2023-07-01", "sources": 1, "communities": 4, "assist": 131, "assist_per_community": 32.75},
        {"as_of": "2024-07-01", "sources": 1, "communities": 4, "assist": 130, "assist_per_community": 32.5},
    ]
    # the other views see each source's latest snapshot only
    assert _query(out, "SELECT count(*) AS n FROM items") == [{"n": sum(BUNDLED.values()) - 1}]
    assert _query(out, "SELECT count(*) AS n FROM all_items") == [{"n": 2 * sum(BUNDLED.values()) - 1}]


def test_query_without_data_exports_the_repository_to_the_cache_once(tmp_path: Path) -> None:
    from qingdan.analysis.query import run_query

    repo = _bundled(tmp_path / "repo")
    first = run_query("SELECT count(*) FROM items", cwd=repo)
    again = run_query("SELECT count(*) FROM items", cwd=repo)
    assert first.exported and not again.exported and first.rows == again.rows == ((sum(BUNDLED.values()),),)
    path = repo / ASSIST
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: XY-XZ-005")] + text[text.index("  - id: XY-XZ-006") :], "utf-8")
    run = invoke(["query", "SELECT count(*) AS n, any_value(snapshot) AS s FROM items", "--format", "json"], repo)
    assert run.returncode == 0, run
    assert json.loads(run.stdout)["rows"][0]["n"] == sum(BUNDLED.values()) - 1, run
    assert json.loads(run.stdout)["rows"][0]["s"].endswith("-dirty"), run
    assert len(list((repo / ".qingdan-cache" / "parquet" / "duties").rglob("*.parquet"))) == 1  # old one replaced
    assert _git(repo, "status", "--porcelain") == f" M {ASSIST}\n"  # the cache is ignored by git


def test_the_three_output_formats(data: Path) -> None:
    sql = "SELECT community_name AS 社区, assist AS 协助事项 FROM burden_by_community ORDER BY community_code LIMIT 2"
    table = invoke(["query", sql, "--data", str(data)], data)
    assert table.returncode == 0, table
    assert re.search(r"社区\s*┃\s*协助事项", table.stdout) and "共 2 行" in table.stdout, table
    csv_run = invoke(["query", sql, "--data", str(data), "--format", "csv"], data)
    assert csv_run.stdout.startswith("\ufeff"), csv_run
    rows = list(csv.reader(io.StringIO(csv_run.stdout.lstrip("\ufeff"))))
    assert rows[0] == ["社区", "协助事项"] and len(rows) == 3, csv_run
    doc = json.loads(invoke(["query", sql, "--data", str(data), "--format", "json"], data).stdout)
    assert doc["version"] == 1 and [c["name"] for c in doc["columns"]] == ["社区", "协助事项"]
    assert len(doc["rows"]) == 2 and isinstance(doc["rows"][0]["协助事项"], int)


@pytest.mark.parametrize(
    ("sql", "zh", "en"),
    [
        ("SELEC 1", "SQL 有误：Parser Error", "the SQL is wrong: Parser Error"),
        ("SELECT nothing FROM items", "SQL 有误：Binder Error", "the SQL is wrong: Binder Error"),
        ("SELECT 1; SELECT 2", "一次只能查询一条语句", "one statement at a time"),
    ],
)
def test_a_wrong_question_is_one_clear_line_exit_2(data: Path, sql: str, zh: str, en: str) -> None:
    for lang, words in (("zh", zh), ("en", en)):
        run = invoke(["query", sql, "--data", str(data), "--lang", lang], data)
        assert run.returncode == 2 and words in run.stderr, run
        assert "Traceback" not in run.stderr and run.stdout == "" and len(run.stderr.strip().splitlines()) == 1, run


@pytest.mark.parametrize(
    "sql",
    [
        "COPY (SELECT * FROM items) TO '{data}/leak.csv'",
        "COPY (SELECT * FROM items) TO '{outside}/leak.csv'",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('{outside}/secret.txt')",
        "SET enable_external_access = true",
        "ATTACH '{outside}/leak.db'",
        "CREATE TABLE leak AS SELECT 1",
    ],
)
def test_a_question_cannot_write_or_read_outside_the_data(data: Path, tmp_path: Path, sql: str) -> None:
    (tmp_path / "secret.txt").write_text("密码", encoding="utf-8")
    before = sorted(p.name for p in data.rglob("*"))
    run = invoke(["query", sql.format(data=data, outside=tmp_path), "--data", str(data)], data)
    assert run.returncode == 2 and "Traceback" not in run.stderr and "密码" not in run.stdout, run
    assert "只读" in run.stderr or "disabled by configuration" in run.stderr, run
    assert sorted(p.name for p in data.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret.txt"]


def test_no_data_folder_is_a_usage_error(tmp_path: Path) -> None:
    run = invoke(["query", "SELECT 1", "--data", str(tmp_path / "nowhere")], tmp_path)
    assert run.returncode == 2 and "不是目录" in run.stderr, run


@pytest.mark.parametrize(
    ("args", "module"),
    [(["export", "--format", "parquet", "-o", "out"], "pyarrow"), (["query", "SELECT 1"], "duckdb")],
)
def test_without_the_extra_the_message_names_it(
    repo: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], module: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    run = invoke(args, repo)
    assert run.returncode == 2 and f"需要 {module}" in run.stderr and "qingdan[analysis]" in run.stderr, run
    assert "Traceback" not in run.stderr, run


def test_a_source_name_must_be_a_file_name(repo: Path, tmp_path: Path) -> None:
    run = invoke(["export", "--format", "parquet", "-o", str(tmp_path), "--source", "../湖北"], repo)
    assert run.returncode == 2 and "不能用作文件名" in run.stderr and not any(tmp_path.iterdir()), run


def test_the_documentation_lists_every_column() -> None:
    page = (REPO / "docs" / "analysis.md").read_text(encoding="utf-8")
    for table, columns in schema.TABLES.items():
        if table in schema.ITEM_TABLES and table != "duties":
            continue  # the list kinds share one set of columns, documented once
        section = page[page.index(f"#### `{table}`") :]
        for column in columns:
            assert f"| `{column.name}` |" in section, (table, column.name)
