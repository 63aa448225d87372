"""The git diff driver (``qingdan git-diff``, docs/git.md) through real ``git diff`` / ``git show``: for a
change to one file it says what ``qingdan diff`` says, counts of the whole place included."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, run_qingdan

ASSIST = "lists/dongcheng/xiangyang-street/xiangyang/assist.yaml"  # 33 items, 协助政府工作
SECOND = "lists/dongcheng/xiangyang-street/xiangyang/assist-2026.yaml"  # the same place and role, another file

EXTRA = """format: 1
kind: duties
jurisdiction: "980102001001"
title: 向阳社区居民委员会依法协助政府工作事项清单（2026年增补）
issuer: 示例市东城区人民政府
owner: 居委会
items:
  - id: XY-XZ-201
    name: 协助开展适龄儿童疫苗接种提醒
    role: 协助政府工作
    department: 东城区卫生健康委员会
    admission: DC-ZR-2023-01
    legal_basis: [《中华人民共和国疫苗管理法》第四十七条]
    funding: 随准入记录 DC-ZR-2023-01 拨付
    powers: 可查阅社区卫生服务中心推送的本社区未按时接种名单
  - id: XY-XZ-202
    name: 协助开展居民健康档案信息核对
    role: 协助政府工作
    department: 东城区卫生健康委员会
    admission: DC-ZR-2023-01
    legal_basis: [《中华人民共和国基本医疗卫生与健康促进法》第二十四条]
    funding: 随准入记录 DC-ZR-2023-01 拨付
    powers: 可查阅社区卫生服务中心推送的本社区居民健康档案目录
"""

NEW_ITEM = """  - id: XY-XZ-099
    name: 协助开展独居老人定期探访登记
    role: 协助政府工作
    department: 东城区民政局
    admission: DC-ZR-2023-01
    legal_basis: [《中华人民共和国老年人权益保障法》第十八条]
    funding: 随准入记录 DC-ZR-2023-01 拨付
    powers: 可查阅街道推送的本社区独居老人名册
"""


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_repo(tmp_path_factory.mktemp("driver") / "repo")


def _make_repo(root: Path) -> Path:
    shutil.copytree(REPO / "lists", root / "lists")
    shutil.copy(REPO / "qingdan.toml", root / "qingdan.toml")
    (root / SECOND).write_text(EXTRA, encoding="utf-8")
    (root / ".gitattributes").write_text("lists/**/*.yaml diff=qingdan\n", encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "config", "user.email", "clerk@example.invalid")
    _git(root, "config", "user.name", "Clerk")
    _git(root, "config", "diff.qingdan.command", f'"{sys.executable}" -m qingdan git-diff')
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "lists")
    return root


def _edit(repo: Path, path: str, old: str, new: str) -> None:
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _remove_item(repo: Path, path: str, item: str) -> None:
    file = repo / path
    text = file.read_text(encoding="utf-8")
    start = text.index(f"  - id: {item}\n")
    end = text.find("\n  - id: ", start + 1)
    file.write_text(text[:start] + (text[end + 1 :] if end >= 0 else ""), encoding="utf-8")


def _report(text: str) -> str:
    """A diff report without its first line (which names the two versions: commits, 工作区, blob ids)."""
    lines = [line for line in text.splitlines() if not line.startswith(("qingdan diff ", "清单变更："))]
    return "\n".join(lines).strip()


CHANGES = {
    "add": lambda repo: _edit(repo, ASSIST, "  - id: XY-XZ-002\n", NEW_ITEM + "  - id: XY-XZ-002\n"),
    "remove": lambda repo: _remove_item(repo, ASSIST, "XY-XZ-003"),
    "rename": lambda repo: _edit(
        repo, ASSIST, "name: 协助做好特困人员救助供养申请和探访照料", "name: 协助做好特困人员救助供养申请和定期探访照料"
    ),
    "id-change": lambda repo: _edit(repo, ASSIST, "  - id: XY-XZ-001\n", "  - id: XY-XZ-101\n"),
    "add-file": lambda repo: (repo / "lists/dongcheng/xiangyang-street/xiangyang/assist-2027.yaml").write_text(
        EXTRA.replace("XY-XZ-201", "XY-XZ-301").replace("XY-XZ-202", "XY-XZ-302").replace("2026年", "2027年"),
        encoding="utf-8",
    ),
    "remove-file": lambda repo: (repo / SECOND).unlink(),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_the_driver_says_what_qingdan_diff_says(repo: Path, change: str) -> None:
    CHANGES[change](repo)
    new = _git(repo, "ls-files", "--others", "--exclude-standard").split()
    if new:
        _git(repo, "add", "-N", *new)  # a new file shows in git diff too
    driven = _git(repo, "diff")
    semantic = run_qingdan(["diff"], repo)
    assert driven.startswith("qingdan diff lists/"), driven  # the driver ran, not git's line diff
    assert _report(driven) == _report(semantic.stdout), f"git diff:\n{driven}\nqingdan diff:\n{semantic.stdout}"
    assert "向阳社区 职责清单·协助政府工作" in driven, driven  # places named, whole place counted

    _git(repo, "add", "-A")
    cached = _git(repo, "diff", "--cached")
    assert _report(cached) == _report(semantic.stdout), cached
    _git(repo, "commit", "-q", "-m", change)
    shown = _git(repo, "show", "--ext-diff", "--format=", "HEAD")
    committed = run_qingdan(["diff", "HEAD~1..HEAD"], repo)
    assert _report(shown) == _report(committed.stdout), f"git show:\n{shown}\nqingdan diff:\n{committed.stdout}"


def test_the_counts_of_a_33_item_list(tmp_path: Path) -> None:
    # The issue: a 33-item list showed "66 → 66", one more item "67 → 68 (+1)". Its own repository and commits:
    # with the tests on two processes, the module's shared one may not hold the commits of the test above.
    repo = _make_repo(tmp_path / "repo")
    for change in ("add", "remove", "rename"):
        CHANGES[change](repo)
        _git(repo, "commit", "-q", "-a", "-m", change)
    first = _git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    log = _git(repo, "log", "-p", "--ext-diff", "--reverse", "--format=@@ %s", f"{first}..HEAD")
    commits = {part.split("\n", 1)[0]: part for part in log.split("@@ ")[1:]}
    add, remove, rename = commits["add"], commits["remove"], commits["rename"]
    assert "示例市 东城区 向阳街道 向阳社区 职责清单·协助政府工作 35 → 36 (+1)" in add, add  # 33 + 2 in the other file
    assert "职责清单·协助政府工作 36 → 35 (−1)" in remove, remove
    assert "35 → 35 (±0)" in rename, rename
    assert "66" not in add and "67" not in add, add
