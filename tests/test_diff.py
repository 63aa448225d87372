"""qingdan diff / log and the git driver, on a real temporary git repository of the example lists."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GIT_ENV, REPO, invoke

GOLDEN = Path(__file__).parent / "golden"
ASSIST = "lists/dongcheng/xiangyang-street/xiangyang/assist.yaml"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, env={**os.environ, **GIT_ENV}
    ).stdout


def _edit(path: Path) -> None:
    """Rename one item, change one id, remove one, add one, re-punctuate another."""
    s = path.read_text(encoding="utf-8")
    s = s.replace("name: 协助开展临时救助对象主动发现和报告", "name: 协助开展临时救助对象主动发现与报告")
    s = s.replace("id: XY-XZ-004", "id: XY-XZ-104")
    s = s[: s.index("  - id: XY-XZ-005")] + s[s.index("  - id: XY-XZ-006") :]
    block = re.search(r"  - id: XY-XZ-006\n(?:    .*\n|      .*\n)*", s).group(0)  # type: ignore[union-attr]
    s = s.replace(block, block.replace("，", ", "))
    s += (
        "  - id: XY-XZ-099\n    name: 协助开展城市防汛应急避险人员转移\n    role: 协助政府工作\n"
        "    department: 东城区应急管理局\n    admission: DC-ZR-2023-01\n"
        "    legal_basis: [《中华人民共和国防洪法》第三十八条]\n    funding: 区财政应急专项\n"
        "    powers: 紧急情况下组织居民转移\n"
    )
    path.write_text(s, encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("diff") / "repo"
    root.mkdir()
    shutil.copytree(REPO / "lists", root / "lists")
    shutil.copyfile(REPO / "qingdan.toml", root / "qingdan.toml")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "2023版")
    _edit(root / ASSIST)
    git(root, "commit", "-q", "-am", "调整向阳社区协助事项")
    return root


def _json(repo: Path, *args: str) -> dict:
    run = invoke(["diff", *args, "--format", "json"], repo)
    assert run.returncode == 0, run
    return json.loads(run.stdout)


def test_one_change_for_each_edit_and_formatting_hidden(repo: Path) -> None:
    doc = _json(repo, "HEAD~1..HEAD")
    kinds = sorted((c["type"], c["id"]) for c in doc["changes"])
    assert kinds == [
        ("added", "XY-XZ-099"),
        ("id-changed", "XY-XZ-104"),
        ("removed", "XY-XZ-005"),
        ("renamed", "XY-XZ-003"),
    ], doc
    moved = next(c for c in doc["changes"] if c["type"] == "id-changed")
    assert (moved["old_id"], moved["new_id"]) == ("XY-XZ-004", "XY-XZ-104")
    assert doc["summary"] == [
        {
            "jurisdiction": "980102001001",
            "name": "示例市 东城区 向阳街道 向阳社区",
            "kind": "duties",
            "role": "协助政府工作",
            "before": 33,
            "after": 33,
            "delta": 0,
        }
    ]
    everything = _json(repo, "HEAD~1..HEAD", "--all")
    assert [c["id"] for c in everything["changes"] if c["type"] == "formatting"] == ["XY-XZ-006"]


def test_text_and_markdown_match_golden_files(repo: Path) -> None:
    for fmt, name in (("text", "diff.txt"), ("markdown", "diff.md")):
        run = invoke(["diff", "HEAD~1..HEAD", "--format", fmt], repo)
        golden = GOLDEN / name
        if os.environ.get("QINGDAN_UPDATE_GOLDEN"):
            golden.write_text(run.stdout, encoding="utf-8")
        assert run.stdout == golden.read_text(encoding="utf-8"), run


def test_html_is_one_escaped_page(repo: Path) -> None:
    run = invoke(["diff", "HEAD~1..HEAD", "--format", "html"], repo)
    assert run.stdout.startswith("<!doctype html>") and "<script" not in run.stdout, run
    assert "XY-XZ-004 → XY-XZ-104" in run.stdout and "http" not in run.stdout


def test_exit_code_option(repo: Path) -> None:
    assert invoke(["diff", "HEAD~1..HEAD", "--exit-code"], repo).returncode == 1
    assert invoke(["diff", "HEAD..HEAD", "--exit-code"], repo).returncode == 0
    assert invoke(["diff", "HEAD~1..HEAD"], repo).returncode == 0


def test_working_tree_against_head_and_a_revision(repo: Path) -> None:
    negative = repo / "lists/city/negative.yaml"
    original = negative.read_text(encoding="utf-8")
    try:
        negative.write_text(original.replace("version: 2023版", "version: 2024版"), encoding="utf-8")
        doc = _json(repo)
        assert doc["old"] == "HEAD" and doc["new"] == "工作区" and doc["changes"] == []
        assert doc["headers"][0]["fields"] == [{"field": "version", "old": "2023版", "new": "2024版"}]
        assert len(_json(repo, "HEAD~1")["changes"]) == 4
    finally:
        negative.write_text(original, encoding="utf-8")


def test_merge_base_and_two_folders(repo: Path, tmp_path: Path) -> None:
    assert len(_json(repo, "HEAD~1...HEAD")["changes"]) == 4
    old, new = tmp_path / "old", tmp_path / "new"
    git(repo, "worktree", "add", "-q", str(old), "HEAD~1")
    try:
        shutil.copytree(repo / "lists", new / "lists")
        doc = _json(repo, str(old), str(new))
        assert sorted(c["type"] for c in doc["changes"]) == ["added", "id-changed", "removed", "renamed"]
        assert [c["type"] for c in _json(repo, str(new), str(old))["changes"]].count("added") == 1
    finally:
        git(repo, "worktree", "remove", "--force", str(old))


def test_bad_revisions_are_usage_errors(repo: Path) -> None:
    for args in (["no-such-rev"], ["--", "-x"], ["a..b..c"]):
        run = invoke(["diff", *args], repo)
        assert run.returncode == 2 and "Traceback" not in run.stderr, run
    assert "git 中没有版本" in invoke(["diff", "no-such-rev"], repo).stderr


def test_outside_git_is_a_usage_error(tmp_path: Path) -> None:
    shutil.copytree(REPO / "lists", tmp_path / "lists")
    run = invoke(["diff"], tmp_path)
    assert run.returncode == 2 and "不在 git 仓库中" in run.stderr, run


def test_log_follows_an_item_through_its_id_change(repo: Path) -> None:
    run = invoke(["log", "XY-XZ-004"], repo)
    assert run.returncode == 0, run
    lines = run.stdout.splitlines()
    assert "新增 XY-XZ-004" in lines[0] and "编号变更 XY-XZ-004 → XY-XZ-104" in lines[1], run
    assert invoke(["log", "NO-SUCH-ID"], repo).returncode == 2


def test_git_driver_makes_git_diff_semantic(repo: Path) -> None:
    (repo / ".gitattributes").write_text("lists/**/*.yaml diff=qingdan\n", encoding="utf-8")
    try:
        git(repo, "config", "diff.qingdan.command", f"{sys.executable} -m qingdan git-diff")
        out = git(repo, "diff", "HEAD~1", "HEAD")
        assert "qingdan diff lists/dongcheng" in out and "编号变更 XY-XZ-004 → XY-XZ-104" in out, out
        log = git(repo, "log", "-p", "--ext-diff", "-1")
        assert "改名 XY-XZ-003" in log, log
    finally:
        (repo / ".gitattributes").unlink()
        git(repo, "config", "--unset", "diff.qingdan.command")


def test_an_unreadable_file_is_named_not_reported_as_removals(repo: Path) -> None:
    path = repo / ASSIST
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original + "  - id: [unclosed\n", encoding="utf-8")
        run = invoke(["diff"], repo)
        assert run.returncode == 0 and f"无法读取 {ASSIST}" in run.stdout, run
        assert "删除" not in run.stdout, run
    finally:
        path.write_text(original, encoding="utf-8")


def test_markdown_shows_list_text_as_written_never_as_markup(repo: Path, tmp_path: Path) -> None:
    """A pull-request comment must not turn an item's name into HTML, a link, emphasis or a broken table."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(repo / "lists", old / "lists")
    shutil.copytree(repo / "lists", new / "lists")
    path = new / ASSIST
    hostile = "协助开展<img src=x onerror=alert(1)> | **调查** [点此](http://e.invalid) `x`"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: 协助开展临时救助对象主动发现与报告", f"name: '{hostile}'"), encoding="utf-8")
    run = invoke(["diff", str(old), str(new), "--format", "markdown"], repo)
    assert run.returncode == 0, run
    [row] = [line for line in run.stdout.splitlines() if "XY-XZ-003" in line]
    assert "<img" not in row and "&lt;img src=x onerror=alert(1)&gt;" in row
    assert row.count(" | ") == 3  # four cells: the | in the name is escaped
    assert "\\*\\*调查\\*\\*" in row and "\\[点此\\](http://e.invalid)" in row and "\\`x\\`" in row
