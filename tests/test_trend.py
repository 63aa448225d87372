"""The statistics page's trend over git history: counts per commit in order, the one-line note without git or
with one commit, same bytes from the same repository state, a page that a browser renders."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, invoke, run_qingdan
from qingdan.load import parse_bytes
from qingdan.paths import discover
from qingdan.publish.trend import blob_id, tally
from qingdan.publish.trend import history as trend_history

COMMUNITY = Path("lists/dongcheng/xiangyang-street/xiangyang")
ADDED = """  - id: XY-LZ-901
    name: 组织居民开展邻里守望互助活动
    role: 依法履职
    category: 自治管理
    content: 组织居民开展邻里守望、互帮互助活动，倡导文明新风。
    legal_basis:
      - 《中华人民共和国城市居民委员会组织法》第三条
  - id: XY-LZ-902
    name: 调解本居住地区居民之间的物业纠纷
    role: 依法履职
    category: 自治管理
    content: 配合业主委员会和物业服务企业，调解居民之间因物业服务发生的纠纷。
    legal_basis:
      - 《中华人民共和国城市居民委员会组织法》第三条第三项
"""
REMOVED = ("XY-YZ-002", "XY-YZ-003", "XY-YZ-004")  # seal items of the community
ROLE_CHANGED = "XY-XZ-001"  # a 协助政府工作 item that becomes 依法履职


def git(repo: Path, *args: str, day: str = "2024-01-01") -> str:
    stamp = f"{day}T09:00:00+0800"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


def copy_repo(dest: Path) -> Path:
    shutil.copytree(REPO / "lists", dest / "lists")
    shutil.copyfile(REPO / "qingdan.toml", dest / "qingdan.toml")
    return dest


def drop_items(text: str, ids: tuple[str, ...]) -> str:
    head, *blocks = re.split(r"(?m)^(?=  - id: )", text)
    return head + "".join(b for b in blocks if not any(b.startswith(f"  - id: {i}\n") for i in ids))


def edit(path: Path, change: object) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]


def commit(repo: Path, message: str, day: str) -> str:
    git(repo, "add", "-A", "--", "lists")
    git(repo, "commit", "-q", "-m", message, day=day)
    return git(repo, "rev-parse", "--short=10", "HEAD").strip()


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, list[str]]:
    """The example lists committed three times: as they are, with two duties added and three seal items removed,
    then with one 协助 item turned 依法履职."""
    repo = copy_repo(tmp_path / "repo")
    git(repo, "init", "-q")
    git(repo, "add", "qingdan.toml")
    shas = [commit(repo, "lists as published", "2024-01-15")]
    edit(repo / COMMUNITY / "self-governance.yaml", lambda t: t + ADDED)
    edit(repo / COMMUNITY / "seal.yaml", lambda t: drop_items(t, REMOVED))
    shas.append(commit(repo, "two duties added, three seal items removed", "2024-03-01"))
    edit(
        repo / COMMUNITY / "assist.yaml",
        lambda t: t.replace(
            f"id: {ROLE_CHANGED}\n    name: 协助开展最低生活保障对象入户调查和动态管理\n    role: 协助政府工作",
            f"id: {ROLE_CHANGED}\n    name: 协助开展最低生活保障对象入户调查和动态管理\n    role: 依法履职",
            1,
        ),
    )
    shas.append(commit(repo, "one item's role changed", "2024-06-30"))
    return repo, shas


def build(repo: Path, out: Path, new_process: bool = False) -> str:
    result = (run_qingdan if new_process else invoke)(["build", "--only", "html", "--out", str(out)], repo)
    assert result.returncode == 0, result
    return (out / "site" / "stats.html").read_text(encoding="utf-8")


def table_rows(page: str, caption: str) -> list[list[str]]:
    """The rows of the trend table whose caption starts with ``caption``, as cell texts."""
    table = re.search(rf"<caption>{re.escape(caption)}.*?<tbody>(.*?)</tbody>", page, re.S)
    assert table, page
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows
    ]


def test_trend_shows_each_commits_counts_in_order(history: tuple[Path, list[str]], tmp_path: Path) -> None:
    repo, shas = history
    page = build(repo, tmp_path / "out")
    kinds = table_rows(page, "事项总数与各类清单")
    assert [row[:2] for row in kinds] == [["2024-01-15", shas[0]], ["2024-03-01", shas[1]], ["2024-06-30", shas[2]]], (
        page
    )
    header = re.search(r"<caption>事项总数与各类清单.*?<thead>(.*?)</thead>", page, re.S)
    assert header and re.findall(r"<th[^>]*>(.*?)</th>", header.group(1)) == [
        "日期",
        "提交",
        "合计",
        "职责清单",
        "负面清单",
        "证明事项清单",
        "用章范围",
        "准入记录",
    ]
    assert [row[2:5] for row in kinds] == [["467", "279", "22"], ["466 (−1)", "281 (+2)", "22"], ["466", "281", "22"]]
    assert [row[6] for row in kinds] == ["40", "37 (−3)", "37"]
    roles = table_rows(page, "职责清单按角色")
    assert [row[2:4] for row in roles] == [["100", "131"], ["102 (+2)", "131"], ["103 (+1)", "130 (−1)"]]
    levels = table_rows(page, "各层级事项数")
    assert [row[-1] for row in levels] == ["271", "270 (−1)", "270"]
    assert "协助政府工作" in page and "（较首次 −1）" in page


def test_no_git_says_so_in_one_line(tmp_path: Path) -> None:
    page = build(copy_repo(tmp_path / "repo"), tmp_path / "out")
    assert "清单不在 git 仓库中（或还没有提交），没有变化趋势可显示。" in page
    assert "trend-chart" not in page


def test_one_commit_says_so_in_one_line(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    git(repo, "init", "-q")
    sha = commit(repo, "lists", "2024-01-15")
    page = build(repo, tmp_path / "out")
    assert f"清单在 git 中只有一次提交（2024-01-15，<code>{sha}</code>），还没有变化趋势可显示。" in page, page
    assert "trend-chart" not in page


def test_trend_commits_limits_the_points(history: tuple[Path, list[str]], tmp_path: Path) -> None:
    repo, shas = history
    with (repo / "qingdan.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n[build]\ntrend_commits = 2\n")
    page = build(repo, tmp_path / "out")
    assert [row[1] for row in table_rows(page, "事项总数与各类清单")] == shas[1:], page


def test_bad_trend_commits_is_an_input_error(history: tuple[Path, list[str]], tmp_path: Path) -> None:
    repo, _ = history
    with (repo / "qingdan.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n[build]\ntrend_commits = 1\n")
    result = invoke(["build", "--only", "html", "--out", str(tmp_path / "out")], repo)
    assert result.returncode == 2, result
    assert "trend_commits" in result.stderr + result.stdout, result
    assert "Traceback" not in result.stderr, result


def test_same_repository_state_same_bytes(history: tuple[Path, list[str]], tmp_path: Path) -> None:
    repo, _ = history
    first = build(repo, tmp_path / "a")
    second = build(repo, tmp_path / "b", new_process=True)  # another hash seed
    assert first == second
    assert "trend-chart" in first


def test_working_tree_changes_are_not_in_the_trend(history: tuple[Path, list[str]], tmp_path: Path) -> None:
    repo, shas = history
    edit(repo / COMMUNITY / "seal.yaml", lambda t: drop_items(t, ("XY-YZ-005",)))
    page = build(repo, tmp_path / "out")
    assert [row[6] for row in table_rows(page, "事项总数与各类清单")] == ["40", "37 (−3)", "37"], page
    assert "共 11 个区划、21 份清单、465 个事项" in page  # the counts above the trend are the working tree's


def test_a_merged_branch_counts_once_at_its_merge(history: tuple[Path, list[str]], tmp_path: Path) -> None:
    """The trend follows the first parent: a branch's own commits are not points, its merge is."""
    repo, shas = history
    main = git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip()
    git(repo, "checkout", "-q", "-b", "edits")
    edit(repo / COMMUNITY / "seal.yaml", lambda t: drop_items(t, ("XY-YZ-005",)))
    branch = commit(repo, "one more seal item removed on a branch", "2024-07-01")
    git(repo, "checkout", "-q", main)
    git(repo, "merge", "-q", "--no-ff", "-m", "merge edits", "edits", day="2024-07-15")
    merge = git(repo, "rev-parse", "--short=10", "HEAD").strip()
    rows = table_rows(build(repo, tmp_path / "out"), "事项总数与各类清单")
    assert [row[1] for row in rows] == [*shas, merge] and branch not in {row[1] for row in rows}, rows
    assert [row[0] for row in rows][-1] == "2024-07-15"
    assert [row[6] for row in rows] == ["40", "37 (−3)", "37", "36 (−1)"]


PATHS = ("lists/a.yaml", "lists/b.yaml", "lists/sub/c.yaml")
# a commit: for some paths, how many 依法履职 and 协助政府工作 duties the file then has (0 and 0: deleted)
COMMITS = st.lists(
    st.lists(st.tuples(st.sampled_from(PATHS), st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=3),
    min_size=1,
    max_size=6,
)


def duties_file(law: int, assist: int) -> str:
    rows = [f"  - {{id: L{i}, name: 事项{i}, role: 依法履职}}\n" for i in range(law)]
    rows += [f"  - {{id: X{i}, name: 协助{i}, role: 协助政府工作}}\n" for i in range(assist)]
    return 'kind: duties\njurisdiction: "980102001001"\nitems:\n' + "".join(rows)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(commits=COMMITS, limit=st.integers(2, 7))
def test_counts_by_difference_equal_the_commits_own_counts(
    tmp_path_factory: pytest.TempPathFactory, commits: list[list[tuple[str, int, int]]], limit: int
) -> None:
    """Law: the trend's count at each commit is the count of that commit's files (files added, changed and
    deleted along the way), whether or not the working tree's counts are handed in."""
    repo = tmp_path_factory.mktemp("law")
    git(repo, "init", "-q")
    state: dict[str, tuple[int, int]] = {}
    expected: list[tuple[str, int, int]] = []
    for n, ops in enumerate(commits):
        before = dict(state)
        for path, law, assist in ops:
            target = repo / path
            if law or assist:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(duties_file(law, assist), encoding="utf-8")
                state[path] = (law, assist)
            elif target.exists():
                target.unlink()
                state.pop(path, None)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "--allow-empty", "-m", f"commit {n}")
        if state != before:
            sha = git(repo, "rev-parse", "--short=10", "HEAD").strip()
            expected.append((sha, sum(v[0] for v in state.values()), sum(v[1] for v in state.values())))
    worktree = {}
    for path in discover([repo / "lists"]):
        raw = path.read_bytes()
        worktree[blob_id(raw)] = tally(parse_bytes(raw, path.name, positions=False).data)
    for known in ({}, worktree):
        points = trend_history(repo, repo / "lists", limit, known)
        got = [(p.commit, p.roles.get("依法履职", 0), p.roles.get("协助政府工作", 0)) for p in points]
        assert got == expected[-limit:], (commits, limit)
