"""qingdan holidays import: the State Council's notice as published → holidays.yaml, checked day by day
against the calendar package for past years; a 2027 test fixture → review's deadlines by a hand count."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest
import yaml

from conftest import EXAMPLES, REPO, TODAY, run_qingdan
from qingdan.admission.workdays import read_calendar_file

NOTICES = EXAMPLES / "holidays"
FIXTURE_2027 = NOTICES / "notice-2027-test-fixture.txt"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "lists", root / "lists")
    # the example city turns the next-year warning off (its requests are all dated in known years); here it is on
    config = (REPO / "qingdan.toml").read_text(encoding="utf-8").replace('holidays-year-unknown = "off"', "")
    (root / "qingdan.toml").write_text(config, encoding="utf-8")
    return root


def _year(y: int) -> list[date]:
    return [date(y, 1, 1) + timedelta(days=n) for n in range((date(y, 12, 31) - date(y, 1, 1)).days + 1)]


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_a_published_notice_gives_the_calendar_the_package_has(year: int, tmp_path: Path) -> None:
    out = tmp_path / "holidays.yaml"
    run = run_qingdan(["holidays", "import", str(NOTICES / f"notice-{year}.txt"), "-o", str(out)], tmp_path)
    assert run.returncode == 0, run
    assert f"日历库（chinesecalendar）已有 {year} 年的安排，与通知一致。" in run.stdout, run
    calendar = read_calendar_file(out, "holidays.yaml")
    assert set(calendar.years) == {year}
    wrong = [d for d in _year(year) if calendar.file_workday(d) != chinese_calendar.is_workday(d)]
    assert wrong == [], wrong  # every day of the year, the file and the package agree
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["format"] == 1 and data["kind"] == "holidays"
    assert data["years"][str(year)]["source"].startswith(f"国务院办公厅关于{year}年部分节假日安排的通知")


def test_the_calendar_table_comes_first_month_by_month(tmp_path: Path) -> None:
    run = run_qingdan(["holidays", "import", str(NOTICES / "notice-2026.txt"), "--dry-run"], tmp_path)
    assert run.returncode == 0, run
    text = run.stdout
    assert (
        text.index("2026 年节假日安排") < text.index("2026 年 1 月") < text.index("2026 年 2 月") < text.index("试运行")
    )
    assert (
        "二、" not in text
        and "春节：2月15日（周日）至2月23日（周一）放假，共 9 天；2月14日（周六）、2月28日（周六）上班" in text
    )
    february = text[text.index("2026 年 2 月") : text.index("2026 年 4 月")]
    assert "14班 15休" in february and "23休" in february and "28班" in february, february
    assert "2026 年 3 月" not in text and "2026 年 11 月" not in text  # months with only weekends off are left out
    assert "共放假 33 天（其中 19 天是周一至周五），调休上班 6 天。" in text, text
    assert not (tmp_path / "holidays.yaml").exists()  # --dry-run writes nothing
    en = run_qingdan(["holidays", "import", str(NOTICES / "notice-2026.txt"), "--dry-run", "--lang", "en"], tmp_path)
    assert "Holidays of 2026" in en.stdout and "\n2/2026\n" in en.stdout, en
    assert "working 2026-02-14, 2026-02-28" in en.stdout and "14W  15H" in en.stdout, en


def test_a_holiday_that_starts_in_december_of_the_year_before(tmp_path: Path) -> None:
    out = tmp_path / "holidays.yaml"
    run = run_qingdan(["holidays", "import", str(NOTICES / "notice-2019-excerpt.txt"), "-o", str(out)], tmp_path)
    assert run.returncode == 0, run
    data = yaml.safe_load(out.read_text(encoding="utf-8"))["years"]["2019"]
    assert data["holidays"] == ["2018-12-30", "2018-12-31", "2019-01-01"] and data["workdays"] == ["2018-12-29"]
    calendar = read_calendar_file(out, "holidays.yaml")
    for day in (date(2018, 12, 29), date(2018, 12, 30), date(2018, 12, 31), date(2019, 1, 1)):
        assert calendar.is_workday(day) == chinese_calendar.is_workday(day), day
    assert calendar.is_workday(date(2018, 12, 28))  # 2018 itself still comes from the package


def test_2027_from_a_test_fixture_gives_review_deadlines_by_hand_count(repo: Path) -> None:
    # The fixture imitates the published format; the real 2027 notice is not published yet (see the file).
    assert "测试夹具，不是真实通知" in FIXTURE_2027.read_text(encoding="utf-8")
    before = run_qingdan(["validate", "--no-cache", "--today", "2026-12-01", "--format", "json"], repo)
    assert [f["rule"] for f in json.loads(before.stdout)["findings"]] == ["holidays-year-unknown"], before
    run = run_qingdan(["holidays", "import", str(FIXTURE_2027)], repo)
    assert run.returncode == 0 and "已写入 holidays.yaml：2027 年。" in run.stdout, run
    after = run_qingdan(["validate", "--no-cache", "--today", "2026-12-01", "--strict"], repo)
    assert after.returncode == 0 and "0 个警告" in after.stdout, after

    request = repo / "lists" / "requests" / "2027-test.yaml"
    data = yaml.safe_load((repo / "lists/requests/2026-dc-zhucan.yaml").read_text(encoding="utf-8"))
    data.update(applied="2027-01-25", start="2027-05-10", end="2029-12-31")
    request.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    review = run_qingdan(["review", str(request), "--today", "2027-01-26", "--format", "json"], repo)
    assert review.returncode in (0, 1), review
    d = json.loads(review.stdout)["reviews"][0]["deadlines"]
    # Hand count, working days after Monday 2027-01-25 (the fixture: 2-05…2-13 off, Sunday 2-14 and Saturday
    # 2-20 worked): 1-26 1-27 1-28 1-29 2-01 2-02 2-03 2-04 | 2-14 2-15 2-16 2-17 2-18 2-19 2-20 → 15th: 2-20.
    assert d["decision_due"] == "2027-02-20", d
    # … 2-22 2-23 2-24 2-25 2-26 3-01 3-02 3-03 3-04 3-05 3-08 3-09 3-10 3-11 3-12 → 30th: 3-12.
    assert d["earliest_start"] == "2027-03-12", d
    # Back from Monday 2027-05-10 (5-01…5-05 off, Saturday 5-08 and Sunday 4-25 worked, 4-03…4-05 off):
    # 5-08 5-07 5-06 | 4-30 4-29 4-28 4-27 4-26 4-25 4-23 4-22 4-21 4-20 4-19 4-16 4-15 4-14 4-13 4-12 4-09 4-08
    # 4-07 4-06 | 4-02 4-01 3-31 3-30 3-29 3-26 3-25 → 30th: 3-25.
    assert d["latest_application"] == "2027-03-25", d
    assert d["days_left"] == 14, d  # 1-27 1-28 1-29 2-01 2-02 2-03 2-04 2-14 … 2-20


def test_other_years_and_their_comments_are_kept(repo: Path) -> None:
    own = (
        "format: 1\nkind: holidays\nyears:\n"
        '  "2031":                # 测试用的年份，不是真实安排\n'
        '    holidays: ["2031-01-01"]\n'
    )
    (repo / "holidays.yaml").write_text(own, encoding="utf-8")
    run = run_qingdan(["holidays", "import", str(FIXTURE_2027)], repo)
    assert run.returncode == 0 and "保留了文件中的其他年份：2031。" in run.stdout, run
    text = (repo / "holidays.yaml").read_text(encoding="utf-8")
    assert "# 测试用的年份，不是真实安排" in text and text.index('"2027"') < text.index('"2031"'), text
    assert list(yaml.safe_load(text)["years"]) == ["2027", "2031"]
    again = run_qingdan(["holidays", "import", str(FIXTURE_2027)], repo)
    assert (
        "原有的 2027 年安排与通知相同" in again.stdout and (repo / "holidays.yaml").read_text(encoding="utf-8") == text
    )
    changed = FIXTURE_2027.read_text(encoding="utf-8").replace(
        "六、中秋节：9月15日（周三）放假1天，不调休。", "六、中秋节：9月15日（周三）至17日（周五）放假，共3天。"
    )
    notice = repo / "changed.txt"
    notice.write_text(changed, encoding="utf-8")
    run = run_qingdan(["holidays", "import", str(notice)], repo)
    assert "原有 2027 年的安排，2 天有变化：9月16日（周四）、9月17日（周五）" in run.stdout, run
    check = run_qingdan(["validate", "--no-cache", "--today", TODAY], repo)
    assert check.returncode == 0, check


def _broken(repo: Path, old: str, new: str) -> Path:
    text = FIXTURE_2027.read_text(encoding="utf-8")
    assert old in text
    path = repo / "notice.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("1月1日（周五）至3日（周日）", "1月1日（周四）至3日（周日）", "第 9 行：1月1日是周五，通知写的是周四"),
        ("放假调休，共7天", "放假调休，共8天", "第 21 行：写的是共 8 天，起止日期之间是 7 天"),
        ("5月8日（周六）上班", "5月38日（周六）上班", "第 15 行：没有 5月38日 这一天"),
        ("三、清明节：", "三、清明：", "第 13 行：这一行像是放假安排，但读不出节日名称"),
        (
            "端午节：6月9日（周三）放假1天",
            "端午节：六月九日放假1天",
            "第 17 行：读不出“六月九日放假1天,不调休”中的日期",
        ),
    ],
    ids=["weekday", "count", "no-such-day", "no-festival", "no-date"],
)
def test_an_unreadable_line_is_named_and_nothing_is_written(repo: Path, old: str, new: str, said: str) -> None:
    notice = _broken(repo, old, new)
    run = run_qingdan(["holidays", "import", notice.name], repo)
    assert run.returncode == 2 and said in run.stderr, run
    line = said.split("行")[0].removeprefix("第 ").strip()
    assert f"notice.txt 第 {line} 行" in run.stderr, run
    assert new.split("：")[-1][:4] in run.stderr  # the line's own text is shown under the message
    assert "没有写入任何文件" in run.stderr and "Traceback" not in run.stderr, run
    assert not (repo / "holidays.yaml").exists()


def test_every_problem_is_listed_in_english_too(repo: Path) -> None:
    notice = _broken(repo, "1月1日（周五）至3日（周日）", "1月1日（周四）至3日（周日）")
    notice.write_text(notice.read_text(encoding="utf-8").replace("共7天", "共8天"), encoding="utf-8")
    run = run_qingdan(["holidays", "import", notice.name, "--lang", "en"], repo)
    assert run.returncode == 2, run
    assert "notice.txt line 9: 1月1日 is a 周五, the notice says 周四" in run.stderr, run
    assert "notice.txt line 21: it says 8 days" in run.stderr and "2 places in the notice" in run.stderr, run


def test_a_notice_without_its_title_or_in_gbk(repo: Path) -> None:
    text = FIXTURE_2027.read_text(encoding="utf-8")
    untitled = repo / "untitled.txt"
    untitled.write_text(
        text.split("各省、自治区", 1)[1].replace("关于2027年部分节假日安排的通知", ""), encoding="utf-8"
    )
    run = run_qingdan(["holidays", "import", str(untitled)], repo)
    assert run.returncode == 2 and "无法确定年份" in run.stderr, run
    gbk = repo / "gbk.txt"
    gbk.write_bytes(text.encode("gb18030"))
    assert run_qingdan(["holidays", "import", str(gbk), "--dry-run"], repo).returncode == 0
    missing = run_qingdan(["holidays", "import", "nowhere.txt"], repo)
    assert missing.returncode == 2 and "路径不存在" in missing.stderr, missing
    folder = run_qingdan(["holidays", "import", str(FIXTURE_2027), "-o", "lists"], repo)
    assert folder.returncode == 2 and "无法写入 lists" in folder.stderr and "Traceback" not in folder.stderr, folder


def test_a_broken_holidays_file_is_not_overwritten(repo: Path) -> None:
    broken = 'format: 1\nkind: holidays\nyears:\n  "2031":\n    holidays: ["2031-02-30"]\n'
    (repo / "holidays.yaml").write_text(broken, encoding="utf-8")
    run = run_qingdan(["holidays", "import", str(FIXTURE_2027)], repo)
    assert run.returncode == 2 and "holidays.yaml 有误：第 5 行第 16 列" in run.stderr, run
    assert (repo / "holidays.yaml").read_text(encoding="utf-8") == broken
    review = run_qingdan(["review", "lists/requests/2026-dc-zhucan.yaml", "--today", "2026-09-10"], repo)
    assert review.returncode == 2 and "2031-02-30" in review.stderr, review


def test_json_output_and_the_schema(tmp_path: Path) -> None:
    run = run_qingdan(["holidays", "import", str(FIXTURE_2027), "--dry-run", "--format", "json"], tmp_path)
    doc = json.loads(run.stdout)
    assert doc["version"] == 1 and doc["year"] == 2027 and doc["written"] is False, run
    assert doc["workdays"] == ["2027-02-14", "2027-02-20", "2027-04-25", "2027-05-08", "2027-09-26", "2027-10-09"]
    assert doc["working_days"] == 261 - 18 + 6 and doc["package_differs"] is None, doc
    schema = json.loads(run_qingdan(["schema", "holidays"], tmp_path).stdout)
    assert schema["$ref"] == "#/$defs/doc_holidays" and schema["$defs"]["doc_holidays"]["required"] == [
        "format",
        "kind",
        "years",
    ]
