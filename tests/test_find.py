"""qingdan find: the counter question, answered from the lists of a jurisdiction's chain."""

from __future__ import annotations

import json

from conftest import REPO, invoke


def test_income_certificate_is_forbidden_via_the_alias_with_document_and_alternative() -> None:
    run = invoke(["find", "收入证明", "--in", "向阳社区"], REPO)
    assert run.returncode == 0 and "不得出具" in run.stdout, run
    assert "居民财产证明（别名“收入证明”）" in run.stdout and "示东民发〔2023〕9号" in run.stdout, run
    assert "替代办法：由不动产登记机构" in run.stdout, run


def test_json_lists_matches_nearest_level_first() -> None:
    run = invoke(["find", "收入證明", "--in", "980102001001", "--format", "json"], REPO)
    report = json.loads(run.stdout)
    assert report["answer"] == "forbidden" and report["place"] == "980102001001", run
    assert [m["level_name"] for m in report["matches"]] == ["东城区", "示例市"], run
    assert report["matches"][0]["how"] == "alias" and report["matches"][0]["alternative"], run


def test_chain_only_another_district_is_not_searched() -> None:
    run = invoke(["find", "收入证明", "--in", "向阳社区", "-f", "json"], REPO)
    assert all(not m["file"].startswith("lists/xicheng/") for m in json.loads(run.stdout)["matches"]), run


def test_allowed_certificate_and_similar_names() -> None:
    run = invoke(["find", "居住情况证明", "--in", "向阳社区", "-f", "json"], REPO)
    assert json.loads(run.stdout)["answer"] == "allowed", run
    # 居（租）住证明 is one of its aliases: the core name without the bracket answers
    run = invoke(["find", "居住证明", "--in", "向阳社区", "-f", "json"], REPO)
    report = json.loads(run.stdout)
    assert report["answer"] == "allowed" and report["matches"][0]["how"] == "core", run
    # a similar name is a hint to check, never an answer
    run = invoke(["find", "居住状况证明", "--in", "向阳社区", "-f", "json"], REPO)
    report = json.loads(run.stdout)
    assert report["answer"] == "unknown" and not report["matches"][0]["decides"], run


def test_negative_work_is_forbidden() -> None:
    run = invoke(["find", "招商引资任务", "--in", "新华社区"], REPO)
    assert run.returncode == 0 and "负面清单" in run.stdout and "不得" in run.stdout.splitlines()[0], run
    # a shorter text inside the negative item's name is shown as related, not answered
    run = invoke(["find", "招商引资", "--in", "新华社区"], REPO)
    assert run.returncode == 0 and "招商引资任务" in run.stdout and "不能据此答复" in run.stdout, run


def test_nothing_found_and_unknown_place() -> None:
    run = invoke(["find", "火星探测许可"], REPO)
    assert run.returncode == 1 and "没有找到" in run.stdout and "请核对" not in run.stdout, run
    run = invoke(["find", "收入证明", "--in", "不存在社区"], REPO)
    assert run.returncode == 2 and "不存在社区" in run.stderr and "Traceback" not in run.stderr, run
