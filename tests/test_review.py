"""qingdan review: each verdict and each check, as a department clerk would run it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import GOOD_REQUEST, REPO, invoke

GOOD: dict[str, Any] = GOOD_REQUEST


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("review") / "repo"
    shutil.copytree(REPO / "lists", root / "lists")
    shutil.copy(REPO / "qingdan.toml", root / "qingdan.toml")
    return root


def review(repo: Path, file: str, *args: str, **changes: Any) -> tuple[Any, dict[str, Any]]:
    data = {**GOOD, **changes}
    for k in [k for k, v in data.items() if v is None]:
        del data[k]
    path = repo / "requests" / f"{file}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    run = invoke(["review", str(path), "--today", "2025-08-05", "--format", "json", *args], repo)
    return run, (json.loads(run.stdout)["reviews"][0] if run.stdout.startswith("{") else {})


def checks(report: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [c for c in report["checks"] if c["rule"] == rule]


def test_a_complete_request_is_admitted_with_its_deadlines(repo: Path) -> None:
    run, report = review(repo, "good")
    assert run.returncode == 0 and report["verdict"] == "admit", run
    assert {c["status"] for c in report["checks"]} == {"pass"}, run
    d = report["deadlines"]
    assert (d["latest_application"], d["decision_due"], d["days_left"]) == ("2025-09-16", "2025-08-22", 13), run


def test_a_forbidden_certificate_behind_an_alias_is_rejected(repo: Path) -> None:
    run, report = review(repo, "income", name="收入证明", category="证明事项", targets=["980102002001"])
    assert run.returncode == 1 and report["verdict"] == "reject", run
    [check] = checks(report, "request-certificate")
    assert (
        check["status"] == "fail" and "居民财产证明" in check["message"] and "“收入证明”是它的别名" in check["message"]
    )
    assert "替代办法" in check["message"], run
    assert check["evidence"][0]["item"] == "DC-ZM-F17", run
    text = invoke(["review", "requests/income.yaml", "--today", "2025-08-05"], repo)
    assert "lists/dongcheng/certificates.yaml:159 DC-ZM-F17 居民财产证明" in text.stdout, text  # where, to the line


def test_a_negative_list_item_is_rejected_with_its_document(repo: Path) -> None:
    run, report = review(repo, "tax", name="协税护税")
    [check] = checks(report, "request-negative")
    assert report["verdict"] == "reject" and check["status"] == "fail", run
    assert check["evidence"][0]["file"] == "lists/city/negative.yaml" and "示民发〔2023〕18号" in check["message"], run


def test_similar_names_warn_with_the_similarity_and_the_threshold_is_configurable(repo: Path) -> None:
    run, report = review(repo, "fuzzy", name="企业安全生产监管检查")
    [check] = checks(report, "request-negative")
    assert check["status"] == "warn" and check["evidence"][0]["similarity"] == 90.0, run
    assert report["verdict"] == "admit", run  # a warning does not decide
    # three characters more than 企业安全生产监督检查 (not a typo): only the threshold finds it
    run, report = review(repo, "fuzzy", name="企业安全生产的监督检查工作")
    assert checks(report, "request-negative")[0]["status"] == "warn", run
    run, report = review(repo, "fuzzy", "--threshold", "95", name="企业安全生产的监督检查工作")
    assert checks(report, "request-negative")[0]["status"] == "pass", run


def test_work_already_on_the_community_list_names_the_item(repo: Path) -> None:
    run, report = review(repo, "dup", name="协助开展最低生活保障对象入户调查和动态管理", targets=["980102001001"])
    [check] = checks(report, "request-duplicate")
    assert report["verdict"] == "reject" and "XY-XZ-001" in check["message"], run


# Request fragments as departments write them, and what the banned-work check (民发〔2015〕136号) must say.
BANNED_CORPUS = [
    # (case, name, content, other fields, expected status, words that must be quoted in the message)
    (
        "quota-in-content",
        "协助做好辖区企业服务工作",
        "走访辖区企业，完成年度招商引资任务指标，每季度上报引进企业数量。",
        {},
        "fail",
        "完成年度招商引资任务指标",
    ),
    (
        "tax-named",
        "协助开展企业税源信息核实",
        "协助税务部门核实辖区企业税源信息，完成协税护税任务。",
        {},
        "fail",
        "税源",
    ),
    (
        "quota-refused",
        "协助做好辖区企业服务工作",
        "宣传营商环境政策，了解企业诉求；不给社区下达招商引资指标。",
        {},
        "warn",
        "不给社区下达招商引资指标",
    ),
    ("name-investment", "社区协助开展招商引资信息收集", "收集辖区闲置楼宇信息。", {}, "fail", "招商引资"),
    (
        "assist-clean-up",
        "协助开展背街小巷环境整治",
        "社区协助街道做好环境整治宣传，发动居民参与清理楼道堆物。",
        {},
        "pass",
        "协助",
    ),
    (
        "lead-clean-up",
        "背街小巷环境治理",
        "社区牵头组织实施背街小巷环境整治，每周巡查并督办整改。",
        {},
        "fail",
        "社区牵头组织实施背街小巷环境整治",
    ),
    ("lead-traditional", "背街小巷環境治理", "社區牽頭組織實施背街小巷環境整治。", {}, "fail", "社區牽頭"),
    (
        "department-leads",
        "违法建设巡查发现",
        "由区城管执法局负责违法建设查处，社区协助巡查发现并及时报告。",
        {},
        "pass",
        "由区城管执法局负责违法建设查处",
    ),
    ("assist-named-department", "协助城市管理部门开展违法建设信息报告", "发现违法建设及时报告。", {}, "pass", "协助"),
    ("implicit-lead", "占道经营治理", "负责辖区占道经营执法，每月报送执法台账。", {}, "fail", "负责辖区占道经营执法"),
    (
        "assist-enforcement-unnamed",
        "协助开展占道经营信息报告",
        "发现占道经营后拍照上报，配合开展执法。",
        {},
        "warn",
        "配合开展执法",
    ),
    (
        "assessment-of-community",
        "社区安全隐患排查台账",
        "每月报送隐患排查台账，报送情况纳入对社区的年度考核排名。",
        {},
        "fail",
        "纳入对社区的年度考核排名",
    ),
    ("assessment-in-name", "对社区垃圾分类工作开展考核评比", "每月检查一次。", {}, "fail", "考核"),
    (
        "assessment-of-firms",
        "协助开展企业信用信息采集",
        "协助市场监管部门采集企业信用信息，用于企业信用考核。",
        {},
        "warn",
        "用于企业信用考核",
    ),
    (
        "role-lead",
        "背街小巷环境治理",
        "发动居民清理楼道堆物。",
        {"community_role": "牵头", "category": "环境整治"},
        "fail",
        "牵头",
    ),
    (
        "category-settled-by-content",
        "协助开展背街小巷环境整治",
        "由街道城管执法队负责占道经营和违法建设查处；社区协助做好环境整治宣传，发现违法建设及时报告。",
        {"category": "城市管理"},
        "pass",
        "由部门“负责”",
    ),
    ("ordinary-work", GOOD["name"], GOOD["content"], {}, "pass", "没有禁止交给社区的工作"),
]
_WORST = {"fail": 2, "warn": 1, "pass": 0}


@pytest.mark.parametrize(
    ("name", "content", "other", "status", "quoted"),
    [case[1:] for case in BANNED_CORPUS],
    ids=[case[0] for case in BANNED_CORPUS],
)
def test_banned_work_is_found_in_name_and_content(
    repo: Path, name: str, content: str, other: dict[str, str], status: str, quoted: str
) -> None:
    run, report = review(repo, "banned", name=name, content=content, **other)
    found = checks(report, "request-banned")
    shown = [(c["status"], c["message"]) for c in found]
    assert max((c["status"] for c in found), key=_WORST.__getitem__) == status, shown
    deciding = [c for c in found if c["status"] == status]
    assert any(quoted in c["message"] for c in deciding), shown  # the words that decided, quoted for the clerk
    for c in deciding:
        if c["evidence"]:  # every check but the plain pass names its basis and the request's own words
            assert "民发〔2015〕136号" in c["message"], shown
            assert {e["file"] for e in c["evidence"]} == {"requests/banned.yaml"}, run
            assert {e["item"] for e in c["evidence"]} <= {
                "name",
                "aliases",
                "category",
                "content",
                "notes",
                "community_role",
            }, run
    assert (report["verdict"] == "reject") == (status == "fail"), run


def test_banned_work_says_which_words_in_which_field(repo: Path) -> None:
    run, report = review(repo, "banned", name="协助做好辖区企业服务工作", content="完成年度招商引资任务指标。")
    [check] = checks(report, "request-banned")
    assert check["message"].startswith("事项内容中“完成年度招商引资任务指标”是给社区下达招商引资的“任务”"), run
    assert check["evidence"] == [
        {"file": "requests/banned.yaml", "item": "content", "name": "完成年度招商引资任务指标", "similarity": None}
    ], run
    run, report = review(
        repo, "banned", "--lang", "en", name="协助做好辖区企业服务工作", content="完成年度招商引资任务指标。"
    )
    [check] = checks(report, "request-banned")
    assert check["message"].startswith(
        "the description of the work says '完成年度招商引资任务指标': a target ('任务') "
        "for attracting investment (招商引资)"
    ), run


def test_missing_materials_late_application_and_long_validity_need_correction(repo: Path) -> None:
    run, report = review(
        repo, "thin", funding={"amount": 100}, powers=None, staffing=None, applied="2025-09-25", end="2031-12-31"
    )
    assert run.returncode == 1 and report["verdict"] == "incomplete", run
    messages = " ".join(c["message"] for c in report["checks"] if c["status"] == "fail")
    assert "权限保障（powers）" in messages and "人员保障（staffing）" in messages and "source" in messages, run
    assert "超过允许的 5 年" in messages and "须在 2025-09-16 前申请" in messages, run


def test_deadline_across_national_day_and_its_make_up_working_days(repo: Path) -> None:
    # 15 working days after 2025-09-25: 09-26, Sunday 09-28 (调休), 09-29, 09-30, [10-01…10-08 off], 10-09, 10-10,
    # Saturday 10-11 (调休), 10-13…10-17, 10-20, 10-21, 10-22.
    run, report = review(repo, "nd", applied="2025-09-25", start="2025-12-01")
    d = report["deadlines"]
    assert d["decision_due"] == "2025-10-22" and d["earliest_start"] == "2025-11-12", run
    assert d["latest_application"] == "2025-10-20", run


def test_an_unknown_year_is_a_clear_error(repo: Path) -> None:
    run, _ = review(repo, "future", applied="2031-02-01", start="2031-06-01", end="2032-01-01")
    assert (
        run.returncode == 2 and "2031 年的法定节假日和调休安排未知" in run.stderr and "holidays.yaml" in run.stderr
    ), run
    assert "Traceback" not in run.stderr, run


def test_emergency_is_exempt_from_the_lead_time(repo: Path) -> None:
    run, report = review(repo, "urgent", applied="2025-10-30", start="2025-11-03", emergency="汛期人员转移")
    assert report["verdict"] == "admit" and checks(report, "request-lead-time")[0]["status"] == "warn", run


def test_a_jurisdiction_may_set_its_own_time_limits(tmp_path: Path) -> None:
    shutil.copytree(REPO / "lists", tmp_path / "lists")
    (tmp_path / "qingdan.toml").write_text(
        "[admission]\nmax_years = 3\n[admission.980102000000]\nlead_days = 10\n", encoding="utf-8"
    )
    run, report = review(tmp_path, "policy", applied="2025-10-15", start="2025-11-03")
    assert report["deadlines"]["lead_days"] == 10 and report["deadlines"]["max_years"] == 3, run
    assert report["deadlines"]["policy"] == "980102000000" and report["verdict"] == "admit", run
    text = invoke(["review", str(tmp_path / "requests" / "policy.yaml"), "--today", "2025-08-05"], tmp_path)
    assert "提前 10 个工作日申请" in text.stdout and "来源：东城区" in text.stdout, text  # the district by name


def test_the_template_is_a_blank_request_that_lists_what_is_missing(repo: Path) -> None:
    run = invoke(["review", "--template"], repo)
    assert run.returncode == 0 and "kind: request" in run.stdout, run
    blank = repo / "requests" / "blank.yaml"
    blank.parent.mkdir(exist_ok=True)
    blank.write_text(run.stdout, encoding="utf-8")
    run = invoke(["review", str(blank)], repo)
    assert run.returncode == 1 and "需补正" in run.stdout and "经费保障（funding）" in run.stdout, run


def test_example_requests_text_markdown_and_english() -> None:
    run = invoke(["review", "lists/requests/2026-dc-shouru.yaml", "--today", "2026-09-10"], REPO)
    assert run.returncode == 1 and "不予准入" in run.stdout and "DC-ZM-F17" in run.stdout, run
    run = invoke(
        ["review", "lists/requests/2026-dc-zhucan.yaml", "--today", "2026-09-10", "-f", "markdown", "--lang", "en"],
        REPO,
    )
    assert run.returncode == 0 and "| ✓ | `request-materials` |" in run.stdout and "admit" in run.stdout, run


def test_bad_input_is_exit_2_without_traceback(repo: Path) -> None:
    (repo / "requests").mkdir(exist_ok=True)
    (repo / "requests" / "broken.yaml").write_text("kind: request\nname: [unclosed\n", encoding="utf-8")
    for args in (["review", "requests/broken.yaml"], ["review", "nope.yaml"], ["review", "lists/city/negative.yaml"]):
        run = invoke(args, repo)
        assert run.returncode == 2 and "Traceback" not in run.stderr, run


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def test_english_names_the_missing_fields_in_english(repo: Path) -> None:
    run, report = review(
        repo, "thin-en", "--lang", "en", funding={"amount": 100}, powers=None, staffing=None, applied="2025/8/1"
    )
    failed = [(c["rule"], c["message"]) for c in report["checks"] if c["status"] == "fail"]
    assert (
        "request-materials",
        "materials missing: powers given with the work (powers) and staff provided with the work (staffing)",
    ) in failed, run
    assert (
        "request-materials",
        "funding must state the yearly amount and its source; missing: source of the money (funding.source)",
    ) in failed, run
    assert ("request-format", "line 2, column 1: 'applied' (date of application) is malformed: '2025/8/1'") in failed, (
        run
    )
    for rule, text in failed:
        assert not _CJK.search(text), (rule, text)
    run, report = review(repo, "thin-zh", funding={"amount": 100}, powers=None, staffing=None)
    [materials] = [c for c in checks(report, "request-materials") if "缺少申请材料" in c["message"]]
    assert materials["message"] == "缺少申请材料：权限保障（powers）和人员保障（staffing）", run
    broken = repo / "requests" / "broken-en.yaml"
    broken.write_text("kind: request\nname: [unclosed\n", encoding="utf-8")
    run = invoke(["review", str(broken), "--lang", "en"], repo)
    assert run.returncode == 2 and "cannot read the request" in run.stderr and not _CJK.search(run.stderr), run


def test_chinese_field_labels_are_the_schema_titles() -> None:
    from qingdan import schema
    from qingdan.admission.request import MATERIALS
    from qingdan.i18n import MESSAGES

    props = schema.root_schema()["$defs"]["doc_request"]["properties"]
    for field in (*MATERIALS, "aliases", "community_role", "emergency", "notes", "record", "id"):
        prop = props[field]
        if "$ref" in prop:
            prop = schema.root_schema()["$defs"][prop["$ref"].rsplit("/", 1)[1]]
        assert MESSAGES[f"word-field-{field}"][0] == prop["title"], field


def test_json_keys_are_the_documented_shape(repo: Path) -> None:
    run, report = review(repo, "shape", name="收入证明", targets=["980102002001"], powers=None)
    document = json.loads(run.stdout)
    assert set(document) == {"version", "reviews"} and document["version"] == 1, run
    assert set(report) == {"verdict", "checks", "deadlines"}, run
    assert all(set(c) == {"rule", "status", "message", "evidence"} for c in report["checks"]), run
    evidence = [e for c in report["checks"] for e in c["evidence"]]
    assert evidence and all(set(e) == {"file", "item", "name", "similarity"} for e in evidence), run
    assert set(report["deadlines"]) == {
        "today",
        "applied",
        "start",
        "latest_application",
        "earliest_start",
        "decision_due",
        "days_left",
        "lead_days",
        "decision_days",
        "max_years",
        "policy",
    }, run


def test_markdown_is_a_pull_request_comment(repo: Path) -> None:
    run, _ = review(repo, "pipes", "-f", "markdown", name="社区牵头开展环境整治|巡查<b>粗</b>")
    lines = run.stdout.splitlines()
    assert lines[0] == "### 准入审核：requests/pipes.yaml", run
    assert "**结论：不予准入（reject）** — 1 项不通过，0 项警告，8 项通过" in lines, run
    table = [line for line in lines if line.startswith("|")]
    assert table[0] == "| 结果 | 检查项 | 说明 |" and len(table) == 2 + 9, run
    for row in table:  # a pipe or a line break in the request never splits or ends a row
        assert len(re.findall(r"(?<!\\)\|", row)) == 4, row
    assert "<b>" not in run.stdout and "&lt;b&gt;" in run.stdout, run
    assert "<br>↳ `requests/pipes.yaml:" in run.stdout, run  # evidence under the message, where as code
    assert "- 决定期限：2025-08-22（申请后第 15 个工作日）" in lines, run  # a list, not indented text
    english = invoke(["review", "requests/pipes.yaml", "--today", "2025-08-05", "-f", "markdown", "--lang", "en"], repo)
    assert "| result | check | explanation |" in english.stdout, english


_FULL_WIDTH = str.maketrans({"，": ",", "；": ";", "。": "."})


@settings(max_examples=60, deadline=None)
@given(case=st.sampled_from(BANNED_CORPUS), spaces=st.lists(st.integers(0, 200), max_size=6), half_width=st.booleans())
def test_spacing_and_punctuation_width_never_change_the_banned_verdict(
    case: tuple[Any, ...], spaces: list[int], half_width: bool
) -> None:
    from qingdan.admission import banned

    _, name, content, other, _, _ = case

    def outcome(text: str) -> set[tuple[str, str, str]]:
        hits = banned.scan(
            [("name", name), ("content", text), ("category", other.get("category", ""))],
            other.get("community_role", ""),
        )
        return {(h.family, h.category, h.status) for h in banned.decisive(hits)}

    variant = content.translate(_FULL_WIDTH) if half_width else content
    for at in sorted(spaces, reverse=True):
        at %= len(variant) + 1
        variant = variant[:at] + " " + variant[at:]
    assert outcome(variant) == outcome(content), variant
