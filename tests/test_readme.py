"""README's headline example reproduces exactly: a district allowing 收入證明（用于助学金申请） — traditional
characters and a purpose in brackets — beside the forbidden 居民财产证明 (alias 收入证明), and a duplicate key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from conftest import REPO, run_qingdan

README = REPO / "README.md"
ITEM = """  - id: DC-ZM-A02
    name: 收入證明（用于助学金申请）
    stance: allowed
    legal_basis:
      - 《中华人民共和国城市居民委员会组织法》第三条
"""


def _block(heading: str) -> str:
    text = README.read_text(encoding="utf-8").split(heading, 1)[1]
    return text.split("```console\n", 1)[1].split("```", 1)[0]


def _copy(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "lists", repo / "lists")
    shutil.copy(REPO / "qingdan.toml", repo / "qingdan.toml")
    with (repo / "lists/dongcheng/certificates.yaml").open("a", encoding="utf-8") as fh:
        fh.write(ITEM)
    return repo


def test_the_readme_finding_example_reproduces(tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    assist = repo / "lists/dongcheng/xiangyang-street/xiangyang/assist.yaml"
    lines = assist.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(42, "    name: 协助开展临时救助对象主动发现与报告\n")
    assist.write_text("".join(lines), encoding="utf-8")
    block = _block("## What a finding looks like")
    command, rest = block.split("\n", 1)
    expected, code = rest.split("$ echo $?\n")
    run = run_qingdan(["validate"], repo)
    assert command == "$ qingdan validate"
    assert run.stdout == expected and str(run.returncode) == code.strip(), run


def test_find_and_review_agree_with_validate_on_the_bracketed_name(tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    found = json.loads(
        run_qingdan(["find", "收入證明（用于助学金申请）", "--in", "向阳社区", "-f", "json"], repo).stdout
    )
    assert found["answer"] == "forbidden", found
    assert {m["id"] for m in found["matches"] if m["decides"]} >= {"DC-ZM-F17"}, found
    request = repo / "request.yaml"
    template = yaml.safe_load((REPO / "lists/requests/2026-dc-shouru.yaml").read_text(encoding="utf-8"))
    template["name"] = "收入證明（用于助学金申请）"
    request.write_text(yaml.safe_dump(template, allow_unicode=True), encoding="utf-8")
    review = run_qingdan(["review", str(request), "--today", "2026-09-10", "-f", "json"], repo)
    report = json.loads(review.stdout)["reviews"][0]
    [check] = [c for c in report["checks"] if c["rule"] == "request-certificate"]
    assert check["status"] == "fail" and report["verdict"] == "reject", review
