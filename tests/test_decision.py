"""admit / reject / revoke on a copy of the example repository, each followed by validate."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO, invoke

ZHUCAN = "lists/requests/2026-dc-zhucan.yaml"
XY_ASSIST = "lists/dongcheng/xiangyang-street/xiangyang/assist.yaml"


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "lists", root / "lists")
    shutil.copy(REPO / "qingdan.toml", root / "qingdan.toml")
    return root


def test_admit_then_revoke_round_trip(repo: Path) -> None:
    before = {p: p.read_text(encoding="utf-8") for p in (repo / "lists").rglob("*.yaml")}
    run = invoke(["admit", ZHUCAN, "--by", "东城区社区减负工作组", "--date", "2026-09-08", "--note", "第3次会议"], repo)
    assert run.returncode == 0 and "DC-ZR-2026-01" in run.stdout and "XY-XZ-034" in run.stdout, run
    # Only appended: every original line (comments included) is still there, in order.
    for path, text in before.items():
        now = path.read_text(encoding="utf-8")
        assert now.startswith(text.rstrip("\n")), path
    item = yaml.safe_load((repo / XY_ASSIST).read_text(encoding="utf-8"))["items"][-1]
    assert item["admission"] == "DC-ZR-2026-01" and item["role"] == "协助政府工作", item
    assert yaml.safe_load((repo / ZHUCAN).read_text(encoding="utf-8"))["record"] == "DC-ZR-2026-01"
    run = invoke(["validate", "--no-cache", "--strict", "--today", "2026-11-02"], repo)
    assert run.returncode == 0, run
    run = invoke(["validate", "--no-cache", "--today", "2026-09-10"], repo)
    assert run.returncode == 0 and "admission-not-started" in run.stdout, run  # before the start: a warning

    run = invoke(["revoke", "DC-ZR-2026-01", "--reason", "改为数据比对", "--date", "2026-12-01"], repo)
    assert run.returncode == 0 and "XY-XZ-034" in run.stdout, run
    assert "# 准入记录 DC-ZR-2026-01 已于 2026-12-01 撤销" in (repo / XY_ASSIST).read_text(encoding="utf-8")
    run = invoke(["validate", "--no-cache", "--today", "2026-12-02"], repo)
    assert run.returncode == 1 and run.stdout.count("admission-not-valid") == 2 and "已撤销" in run.stdout, run


def test_admit_refuses_a_request_the_review_does_not_admit(repo: Path) -> None:
    before = (repo / "lists/dongcheng/admissions.yaml").read_bytes()
    run = invoke(["admit", "lists/requests/2026-dc-shouru.yaml", "--by", "工作组", "--date", "2026-09-08"], repo)
    assert run.returncode == 1 and "--force" in run.stderr and "DC-ZM-F17" in run.stdout, run
    assert (repo / "lists/dongcheng/admissions.yaml").read_bytes() == before


def test_reject_records_the_review_reasons(repo: Path) -> None:
    run = invoke(
        ["reject", "lists/requests/2026-dc-beijie.yaml", "--by", "东城区社区减负工作组", "--date", "2026-09-20"], repo
    )
    assert run.returncode == 0, run
    records = yaml.safe_load((repo / "lists/dongcheng/admissions.yaml").read_text(encoding="utf-8"))["items"]
    record = records[-1]
    assert record["status"] == "rejected" and "民发〔2015〕136号" in record["reason"], record
    assert invoke(["validate", "--no-cache", "--strict"], repo).returncode == 0
    again = invoke(["reject", "lists/requests/2026-dc-beijie.yaml", "--by", "x", "--date", "2026-09-21"], repo)
    assert again.returncode == 2 and "已经作出决定" in again.stderr, again


def test_a_write_that_would_not_validate_is_put_back(repo: Path) -> None:
    # Forced past the review, an unregistered applicant would make unknown-department errors: nothing is kept.
    request = repo / ZHUCAN
    request.write_text(
        request.read_text(encoding="utf-8").replace("applicant: 东城区民政局", "applicant: 不存在的局"),
        encoding="utf-8",
    )
    before = {p: p.read_bytes() for p in (repo / "lists").rglob("*.yaml")}
    run = invoke(["admit", ZHUCAN, "--by", "工作组", "--date", "2026-09-08", "--force"], repo)
    assert run.returncode == 2 and "已全部恢复原样" in run.stderr and "不存在的局" in run.stderr, run
    assert {p: p.read_bytes() for p in (repo / "lists").rglob("*.yaml")} == before
    assert not list((repo / "lists").rglob("*.tmp")), "temporary files left behind"
    run = invoke(["admit", ZHUCAN, "--by", "工作组", "--date", "2026-09-08", "--id", "XY-XZ-001", "--force"], repo)
    assert run.returncode == 2 and "XY-XZ-001" in run.stderr, run


def test_revoke_unknown_or_not_admitted_record(repo: Path) -> None:
    for record in ("NO-SUCH-1", "DC-ZR-2023-19"):
        run = invoke(["revoke", record, "--reason", "x"], repo)
        assert run.returncode == 2 and "Traceback" not in run.stderr, run


GM_ASSIST = "lists/dongcheng/xiangyang-street/guangming/assist.yaml"


def test_admit_creates_the_assist_list_a_community_lacks(repo: Path) -> None:
    (repo / GM_ASSIST).unlink()
    run = invoke(["admit", ZHUCAN, "--by", "东城区社区减负工作组", "--date", "2026-09-08"], repo)
    assert run.returncode == 0 and "光明社区：还没有协助政府工作事项清单，已新建 " + GM_ASSIST in run.stdout, run
    assert "XY-XZ-034" in run.stdout and "GM-XZ-001" in run.stdout, run  # numbered as the community's own lists
    doc = yaml.safe_load((repo / GM_ASSIST).read_text(encoding="utf-8"))
    assert doc["title"] == "光明社区居民委员会依法协助政府工作事项清单" and doc["issuer"] == "东城区社区减负工作组", doc
    assert (doc["kind"], doc["jurisdiction"], doc["version"], doc["owner"]) == (
        "duties",
        "980102001002",
        "2026版",
        "居委会",
    )
    assert [(i["id"], i["admission"]) for i in doc["items"]] == [("GM-XZ-001", "DC-ZR-2026-01")], doc
    run = invoke(["validate", "--no-cache", "--strict", "--today", "2026-11-02"], repo)
    assert run.returncode == 0, run


def test_a_new_assist_list_is_removed_again_when_the_edit_does_not_validate(repo: Path) -> None:
    (repo / GM_ASSIST).unlink()
    request = repo / ZHUCAN
    request.write_text(
        request.read_text(encoding="utf-8").replace("applicant: 东城区民政局", "applicant: 不存在的局"),
        encoding="utf-8",
    )
    run = invoke(["admit", ZHUCAN, "--by", "工作组", "--date", "2026-09-08", "--force", "--lang", "en"], repo)
    assert run.returncode == 2 and "every file was put back" in run.stderr, run
    assert "is not in departments.yaml" in run.stderr and "不在" not in run.stderr, run  # the findings in English too
    assert not (repo / GM_ASSIST).exists(), "the new list was left behind"


def test_without_an_admissions_list_the_error_names_the_file_to_create(repo: Path) -> None:
    (repo / "lists/dongcheng/admissions.yaml").unlink()
    before = {p: p.read_bytes() for p in (repo / "lists").rglob("*.yaml")}
    run = invoke(["admit", ZHUCAN, "--by", "东城区社区减负工作组", "--date", "2026-09-08"], repo)
    assert run.returncode == 2 and "Traceback" not in run.stderr, run
    assert "请新建 lists/dongcheng/admissions.yaml" in run.stderr and 'jurisdiction: "980102000000"' in run.stderr, run
    assert "东城区社区工作事项准入记录" in run.stderr and "--id" in run.stderr, run
    assert {p: p.read_bytes() for p in (repo / "lists").rglob("*.yaml")} == before
    run = invoke(["admit", ZHUCAN, "--by", "x", "--date", "2026-09-08", "--lang", "en"], repo)
    assert run.returncode == 2 and "create lists/dongcheng/admissions.yaml" in run.stderr, run
