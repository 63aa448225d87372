"""Baselines through the CLI: a legacy repository with old findings passes with its baseline until a new
finding appears; edits above a baselined finding do not break the match; counts per kind of finding."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import BASE, run_qingdan

# Old items of the kind a legacy list has (invented for the test): duties with no legal basis, a catch-all.
LEGACY = """
  - id: XY-LZ-101
    name: 协助做好辖区环境卫生整治
    role: 依法履职
  - id: XY-LZ-102
    name: 组织开展邻里互助活动
    role: 依法履职
  - id: XY-LZ-103
    name: 其他上级交办的工作
    role: 依法履职
    legal_basis: [《中华人民共和国城市居民委员会组织法》第三条]
"""


def _legacy(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    path = repo / "lists" / "community.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + LEGACY.lstrip("\n"), encoding="utf-8")
    return repo


def _edit(repo: Path, old: str, new: str) -> None:
    path = repo / "lists" / "community.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_legacy_repository_passes_with_its_baseline_until_a_new_finding_appears(tmp_path: Path) -> None:
    repo = _legacy(tmp_path)
    before = run_qingdan(["validate"], repo)
    assert before.returncode == 1 and "2 个错误，1 个警告" in before.stdout, before

    created = run_qingdan(["validate", "--update-baseline"], repo)
    assert created.returncode == 0 and "已把 3 个问题写入基线 .qingdan-baseline.json" in created.stderr, created
    doc = json.loads((repo / ".qingdan-baseline.json").read_text(encoding="utf-8"))
    assert doc["version"] == 1
    assert [(e["rule"], e["item"], e["count"]) for e in doc["findings"]] == [
        ("catch-all-item", "XY-LZ-103", 1),
        ("missing-legal-basis", "XY-LZ-101", 1),
        ("missing-legal-basis", "XY-LZ-102", 1),
    ]
    assert doc["findings"][1]["message"] == "事项“协助做好辖区环境卫生整治”没有法律依据（legal_basis）"

    passing = run_qingdan(["validate", "--baseline", ".qingdan-baseline.json", "--strict"], repo)
    assert passing.returncode == 0, passing
    assert "0 个错误，0 个警告，0 个提示，0 个已豁免，3 个已列入基线（未显示）" in passing.stdout, passing
    assert "missing-legal-basis" not in passing.stdout

    # lines move: a comment at the top and an item inserted above the old ones change no match
    _edit(repo, "format: 1\n", "# 2024 年修订\nformat: 1\n")
    _edit(
        repo,
        "  - id: XY-LZ-101\n",
        "  - id: XY-LZ-100\n    name: 组织居民开展文体活动\n    role: 依法履职\n"
        "    legal_basis: [《中华人民共和国城市居民委员会组织法》第三条]\n  - id: XY-LZ-101\n",
    )
    moved = run_qingdan(["validate", "--baseline", ".qingdan-baseline.json"], repo)
    assert moved.returncode == 0 and "3 个已列入基线" in moved.stdout, moved

    # a new item without legal basis is new: it fails the run and is the one finding shown
    _edit(
        repo,
        "  - id: XY-LZ-102\n",
        "  - id: XY-LZ-104\n    name: 协助开展文明城市创建宣传\n    role: 依法履职\n  - id: XY-LZ-102\n",
    )
    failing = run_qingdan(["validate", "--baseline", ".qingdan-baseline.json"], repo)
    assert failing.returncode == 1, failing
    shown = [line for line in failing.stdout.splitlines() if line.startswith("lists/")]
    assert len(shown) == 1 and "missing-legal-basis [XY-LZ-104]" in shown[0], failing
    assert "1 个错误，0 个警告，0 个提示，0 个已豁免，3 个已列入基线" in failing.stdout, failing
    data = json.loads(
        run_qingdan(["validate", "--baseline", ".qingdan-baseline.json", "--format", "json"], repo).stdout
    )
    assert data["summary"]["baselined"] == 3 and data["summary"]["errors"] == 1
    assert {f["item"]: f["baselined"] for f in data["findings"]} == {
        "XY-LZ-101": True,
        "XY-LZ-102": True,
        "XY-LZ-103": True,
        "XY-LZ-104": False,
    }


def test_fixed_findings_are_reported_as_stale_and_machine_formats_skip_baselined(tmp_path: Path) -> None:
    repo = _legacy(tmp_path)
    assert run_qingdan(["validate", "--update-baseline", "--baseline", "legacy.json"], repo).returncode == 0
    _edit(
        repo,
        "    name: 协助做好辖区环境卫生整治\n    role: 依法履职\n",
        "    name: 协助做好辖区环境卫生整治\n    role: 依法履职\n    legal_basis: [《中华人民共和国城市居民委员会组织法》第四条]\n",
    )
    run = run_qingdan(["validate", "--baseline", "legacy.json"], repo)
    assert run.returncode == 0 and "2 个已列入基线" in run.stdout, run
    assert "有 1 个问题已经不再出现" in run.stderr, run
    github = run_qingdan(["validate", "--baseline", "legacy.json", "--format", "github"], repo)
    assert github.returncode == 0 and "::error" not in github.stdout and "::warning" not in github.stdout, github
    sarif = json.loads(run_qingdan(["validate", "--baseline", "legacy.json", "--format", "sarif"], repo).stdout)
    results = sarif["runs"][0]["results"]
    assert {r["baselineState"] for r in results} == {"unchanged"}
    assert all(r["suppressions"] == [{"kind": "external", "justification": "baseline"}] for r in results)
    quality = json.loads(run_qingdan(["validate", "--baseline", "legacy.json", "--format", "codequality"], repo).stdout)
    assert quality == []


def test_the_baseline_counts_findings_of_one_kind(tmp_path: Path) -> None:
    repo = _legacy(tmp_path)
    _edit(repo, "    name: 组织开展邻里互助活动\n", "    name: 组织开展邻里互助活动\n    role: 依法履职\n")
    assert run_qingdan(["validate", "--update-baseline"], repo).returncode == 0
    doc = json.loads((repo / ".qingdan-baseline.json").read_text("utf-8"))
    entry = [e for e in doc["findings"] if e["rule"] == "duplicate-key"]
    assert [(e["item"], e["key"], e["count"]) for e in entry] == [(None, "duplicate-key", 1)]
    # a second repeated key in the file: same rule, file, (no) item and message key — one more than recorded
    _edit(repo, "    name: 其他上级交办的工作\n", "    name: 其他上级交办的工作\n    role: 依法履职\n")
    run = run_qingdan(["validate", "--baseline", ".qingdan-baseline.json"], repo)
    assert run.returncode == 1 and "1 个错误" in run.stdout and "4 个已列入基线" in run.stdout, run
    shown = [line for line in run.stdout.splitlines() if line.startswith("lists/")]
    assert len(shown) == 1 and "duplicate-key" in shown[0], run  # the later one in the file is the new one


def test_baseline_usage_and_input_errors(tmp_path: Path) -> None:
    repo = _legacy(tmp_path)
    missing = run_qingdan(["validate", "--baseline", "none.json"], repo)
    assert missing.returncode == 2 and "--update-baseline" in missing.stderr and not missing.stdout, missing
    (repo / "bad.json").write_text('{"version": 1, "findings": [{"rule": "x"}]}', encoding="utf-8")
    bad = run_qingdan(["validate", "--baseline", "bad.json"], repo)
    assert bad.returncode == 2 and "格式不对" in bad.stderr and "findings[0]" in bad.stderr, bad
    (repo / "broken.json").write_text("{", encoding="utf-8")
    assert run_qingdan(["validate", "--baseline", "broken.json"], repo).returncode == 2
    partial = run_qingdan(["validate", "lists/community.yaml", "--update-baseline"], repo)
    assert partial.returncode == 2 and "整个仓库" in partial.stderr, partial
    assert not (repo / ".qingdan-baseline.json").exists()
    english = run_qingdan(["validate", "--baseline", "none.json", "--lang", "en"], repo)
    assert english.returncode == 2 and "baseline file none.json not found" in english.stderr, english
