"""A list that cannot be read (a tab in admissions.yaml): the rules that resolve references into it give one
finding on that file saying how many references wait, not one "does not exist" per item."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, build_case, invoke


def test_a_tab_in_admissions_is_one_finding_and_one_summary_not_one_per_item(tmp_path: Path) -> None:
    repo = build_case(tmp_path / "none", tmp_path / "repo")
    adm = repo / "lists" / "admissions.yaml"
    adm.write_text(adm.read_text(encoding="utf-8").replace("    status: admitted", "\tstatus: admitted"), "utf-8")
    items = "".join(
        f"  - id: XY-XZ-1{n:02d}\n    name: 协助开展第{n}项工作\n    role: 协助政府工作\n"
        f"    department: 东城区医保局\n    admission: ZR-2023-001\n"
        f"    legal_basis: [《中华人民共和国社会保险法》第二十五条]\n"
        f"    funding: {{amount: 1, source: 区财政专项}}\n    powers: 查询权限\n"
        for n in range(99)
    )
    community = repo / "lists" / "community.yaml"
    community.write_text(community.read_text(encoding="utf-8") + items, encoding="utf-8")
    run = invoke(["validate", "--no-cache", "--today", TODAY], repo)
    assert run.returncode == 1, run
    errors = [line for line in run.stdout.splitlines() if " 错误 " in line]
    assert errors == [
        "lists/admissions.yaml:9:1 错误 unknown-admission 这份准入记录没有读取成功，100 处引用它的内容无法核对（没有逐条报告）",
        "lists/admissions.yaml:9:1 错误 yaml-syntax 这里用 Tab 键（制表符）缩进了，YAML 的缩进只能用半角空格",
    ], run
    assert invoke(["fix", "--write", "--today", TODAY], repo).returncode == 0
    assert "\t" not in adm.read_text(encoding="utf-8")


def test_validating_one_file_still_says_the_list_it_refers_to_could_not_be_read(tmp_path: Path) -> None:
    repo = build_case(tmp_path / "none", tmp_path / "repo")
    adm = repo / "lists" / "admissions.yaml"
    adm.write_text(adm.read_text(encoding="utf-8").replace("    status: admitted", "\tstatus: admitted"), "utf-8")
    run = invoke(["validate", "--no-cache", "--today", TODAY, "lists/community.yaml"], repo)
    assert run.returncode == 1, run
    assert (
        "lists/admissions.yaml:9:1 错误 unknown-admission 这份准入记录没有读取成功，1 处引用它的内容无法核对"
        in run.stdout
    ), run
    assert "unknown-admission [XY-XZ-001]" not in run.stdout, run


def test_an_unreadable_departments_file_gives_one_summary(tmp_path: Path) -> None:
    repo = build_case(tmp_path / "none", tmp_path / "repo")
    departments = repo / "lists" / "departments.yaml"
    lines = departments.read_text(encoding="utf-8").split("\n")
    lines[3] = "\t" + lines[3].lstrip(" ")
    departments.write_text("\n".join(lines), encoding="utf-8")
    run = invoke(["validate", "--no-cache", "--today", TODAY], repo)
    assert run.returncode == 1, run
    assert "unknown-department 这份部门表没有读取成功，2 处引用它的内容无法核对" in run.stdout, run
    assert [line for line in run.stdout.splitlines() if " unknown-department " in line] == [
        line
        for line in run.stdout.splitlines()
        if line.startswith("lists/departments.yaml:4:1 错误 unknown-department")
    ], run
