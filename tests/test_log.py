"""qingdan log ITEM on a real git history: an item's life under every id it has had, asked by any of them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, run_qingdan

ASSIST = "lists/dongcheng/xiangyang-street/xiangyang/assist.yaml"
NAME = "协助做好高龄津贴和养老服务补贴申领"
REUSED = """  - id: XY-XZ-004
    name: 协助开展独居老人定期探访登记
    role: 协助政府工作
    department: 东城区民政局
    admission: DC-ZR-2023-01
    legal_basis: [《中华人民共和国老年人权益保障法》第十八条]
    funding: 随准入记录 DC-ZR-2023-01 拨付
    powers: 可查阅街道推送的本社区独居老人名册
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _commit(repo: Path, message: str, old: str, new: str) -> None:
    path = repo / ASSIST
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", message)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("log") / "repo"
    shutil.copytree(REPO / "lists", root / "lists")
    shutil.copy(REPO / "qingdan.toml", root / "qingdan.toml")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "config", "user.email", "clerk@example.invalid")
    _git(root, "config", "user.name", "Clerk")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "2023版")
    _commit(
        root,
        "补充依据",
        f"  - id: XY-XZ-004\n    name: {NAME}\n",
        f"  - id: XY-XZ-004\n    name: {NAME}\n    notes: 2024年起按季度核对\n",
    )
    _commit(root, "重新编号", "  - id: XY-XZ-004\n", "  - id: XY-XZ-104\n")
    _commit(root, "改名", f"name: {NAME}\n", f"name: {NAME}工作\n")
    _commit(root, "旧编号给了新事项", "  - id: XY-XZ-005\n", REUSED + "  - id: XY-XZ-005\n")
    _commit(root, "再次编号", "  - id: XY-XZ-104\n", "  - id: XY-XZ-204\n")
    return root


def _events(repo: Path, item: str) -> list[tuple[str, str, str | None, str | None, str]]:
    run = run_qingdan(["log", item, "--format", "json"], repo)
    assert run.returncode == 0, run
    doc = json.loads(run.stdout)
    assert doc["version"] == 1
    return [(e["subject"], e["type"], e.get("old_id"), e.get("new_id"), e["id"]) for e in doc["events"]]


LIFE = [
    ("2023版", "added", None, None, "XY-XZ-004"),
    ("补充依据", "modified", None, None, "XY-XZ-004"),
    ("重新编号", "id-changed", "XY-XZ-004", "XY-XZ-104", "XY-XZ-104"),
    ("改名", "renamed", None, None, "XY-XZ-104"),
    ("再次编号", "id-changed", "XY-XZ-104", "XY-XZ-204", "XY-XZ-204"),
]


@pytest.mark.parametrize("item", ["XY-XZ-104", "XY-XZ-204"])
def test_a_new_id_shows_the_history_before_the_change(repo: Path, item: str) -> None:
    assert _events(repo, item) == LIFE


def test_the_old_id_shows_the_life_after_it_and_the_item_that_took_it_again(repo: Path) -> None:
    events = _events(repo, "XY-XZ-004")
    assert events[:4] == LIFE[:4] and events[-1] == LIFE[-1], events
    assert ("旧编号给了新事项", "added", None, None, "XY-XZ-004") in events, events
    assert len(events) == 6, events


def test_the_text_lists_the_events_oldest_first(repo: Path) -> None:
    run = run_qingdan(["log", "XY-XZ-204"], repo)
    lines = [line for line in run.stdout.splitlines() if not line.startswith(" ")]  # field lines are indented
    assert run.returncode == 0 and len(lines) == 5, run
    assert "新增 XY-XZ-004" in lines[0] and "编号变更 XY-XZ-004 → XY-XZ-104" in lines[2], run
    assert "编号变更 XY-XZ-104 → XY-XZ-204" in lines[4] and "独居老人" not in run.stdout, run
    unknown = run_qingdan(["log", "XY-XZ-999"], repo)
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr, unknown
