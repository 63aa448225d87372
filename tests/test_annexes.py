"""Published annexes (附件) import as published, without editing the table: an 附件 label above the title,
the 文号 of the issuing notice in the title instead of a basis on every row, section headings that say
不得出具/可以出具 or 依法履职/协助, seal scopes (用章范围), duty guides without a 承担方式 column, a count in the
title, and Word documents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from conftest import BASE, invoke, run_qingdan

COMMUNITY = "980102001001"
DISTRICT = "980102000000"


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    return repo


def _doc(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def positive_annex(path: Path) -> Path:
    """A community's 可以出具 list as a notice's annex: 附件1, then the title with its count and 文号 merged
    across, then 序号/证明事项名称/备注 — and no 依据 column: the notice is the basis of every row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件1"
    ws["A1"] = "附件1"
    ws["A2"] = "向阳社区可以出具的证明事项清单（共3项）（东民发〔2023〕9号）"
    ws.merge_cells("A2:C2")
    ws.append(["序号", "证明事项名称", "备注"])
    ws.append([1, "在本社区居住情况证明", "入户核实后出具"])
    ws.append([2, "居民死亡情况证明（用于办理丧葬补助）", "无医学死亡证明的"])
    ws.append([3, "家庭成员关系情况说明", "户籍无法反映的"])
    wb.save(path)
    return path


def test_positive_annex_imports_with_the_notice_as_its_basis(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    source = positive_annex(repo / "附件1.xlsx")
    run = invoke(["import", str(source), "-k", "certificates", "-j", COMMUNITY, "--stance", "allowed"], repo)
    assert run.returncode == 0, run
    assert "标题：向阳社区可以出具的证明事项清单" in run.stdout, run
    assert "未导入第 1 行（附件编号，不是标题）：附件1" in run.stdout, run
    assert (
        "legal_basis 《向阳社区可以出具的证明事项清单》（东民发〔2023〕9号）（印发清单的文件，适用于每个事项）"
        in run.stdout
    ), run
    assert "missing-legal-basis" not in run.stdout and "警告：标题写明" not in run.stdout, run
    doc = _doc(repo / "lists" / "imported" / "附件1.yaml")
    assert doc["title"] == "向阳社区可以出具的证明事项清单" and doc["doc_number"] == "东民发〔2023〕9号"
    assert doc["legal_basis"] == [{"law": "《向阳社区可以出具的证明事项清单》", "doc_number": "东民发〔2023〕9号"}]
    assert [i["name"] for i in doc["items"]] == ["在本社区居住情况证明", "居民死亡情况证明", "家庭成员关系情况说明"]
    assert all("legal_basis" not in i for i in doc["items"])
    check = invoke(["validate", "--no-cache"], repo)
    assert check.returncode == 0 and "missing-legal-basis" not in check.stdout, check


def test_options_give_what_the_table_does_not_print(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    source = tmp_path / "scope.csv"
    source.write_text("序号,事项名称\n1,在本社区居住情况证明\n", encoding="utf-8")
    args = ["import", str(source), "-k", "certificates", "-j", COMMUNITY, "--stance", "allowed"]
    without = invoke(args, repo)
    assert without.returncode == 1 and "missing-legal-basis" in without.stdout, without
    run = invoke(
        [
            *args,
            "--title",
            "向阳社区可以出具的证明事项清单",
            "--issuer",
            "示例市东城区民政局",
            "--doc-number",
            "东民发〔2023〕9号",
            "--effective",
            "2023-07-01",
            "--basis",
            "《中华人民共和国城市居民委员会组织法》第三条；《关于改进和规范基层群众性自治组织出具证明工作的指导意见》（民发〔2020〕20号）",
            "--format",
            "json",
        ],
        repo,
    )
    assert run.returncode == 0, run
    report = json.loads(run.stdout)
    assert [(f["field"], f["source"]) for f in report["facts"]] == [
        ("title", "option"),
        ("issuer", "option"),
        ("doc_number", "option"),
        ("effective", "option"),
        ("legal_basis", "option"),
    ]
    doc = _doc(repo / "lists" / "imported" / "scope.yaml")
    assert list(doc)[:9] == [
        "format",
        "kind",
        "jurisdiction",
        "title",
        "issuer",
        "doc_number",
        "effective",
        "legal_basis",
        "items",
    ]
    assert doc["legal_basis"] == [
        "《中华人民共和国城市居民委员会组织法》第三条",
        {"law": "《关于改进和规范基层群众性自治组织出具证明工作的指导意见》", "doc_number": "民发〔2020〕20号"},
    ]
    bad = invoke([*args, "--effective", "2023-13-01"], repo)
    assert bad.returncode == 2 and "日期“2023-13-01”无效" in bad.stderr, bad


def test_duty_guide_without_a_role_column_names_the_option(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["向阳社区依法履职事项清单（东政发〔2023〕12号）"])
    ws.merge_cells("A1:D1")
    ws.append(["序号", "事项名称", "职责内容", "指导部门"])
    ws.append([1, "组织居民开展文体活动", "每年不少于四次", "东城区民政局"])
    ws.append([2, "开展便民利民服务", "组织志愿服务", "东城区民政局"])
    wb.save(tmp_path / "duties.xlsx")
    args = ["import", str(tmp_path / "duties.xlsx"), "-k", "duties", "-j", COMMUNITY, "--id-prefix", "XY-LZ-"]
    without = invoke(args, repo)
    assert without.returncode == 1, without
    assert without.stdout.count("缺少必填字段“role”（履职方式）：表格没有“承担方式”列") == 2, without
    assert "提示: 整张表的承担方式相同时，用 --role 依法履职" in without.stdout, without
    assert "补上“role”字段" not in without.stdout, without
    run = invoke([*args, "--role", "依法履职"], repo)
    assert run.returncode == 0, run
    assert "C 职责内容→content" in run.stdout and "D 指导部门→department" in run.stdout, run
    items = _doc(repo / "lists" / "imported" / "duties.yaml")["items"]
    assert items[0] == {
        "id": "XY-LZ-002",
        "name": "组织居民开展文体活动",
        "role": "依法履职",
        "department": "东城区民政局",
        "content": "每年不少于四次",
    }
    assert invoke(["validate", "--no-cache"], repo).returncode == 0


def test_seal_scope_is_recognised(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["附件2"])
    ws.append(["向阳社区居民委员会印章使用范围（东民发〔2023〕9号）"])
    ws.merge_cells("A2:D2")
    ws.append(["序号", "用章事项", "用章条件", "审批流程"])
    ws.append([1, "出具居住情况证明", "经入户核实", "社区党组织书记审批"])
    ws.append([2, "社区组织活动通知", "", "社区两委会议研究"])
    wb.save(tmp_path / "seal.xlsx")
    run = invoke(["import", str(tmp_path / "seal.xlsx"), "-k", "seal", "-j", COMMUNITY], repo)
    assert run.returncode == 0, run
    assert "B 用章事项→name，C 用章条件→conditions，D 审批流程→approval" in run.stdout, run
    doc = _doc(repo / "lists" / "imported" / "seal.yaml")
    assert doc["title"] == "向阳社区居民委员会印章使用范围" and doc["doc_number"] == "东民发〔2023〕9号"
    assert doc["items"][0]["conditions"] == "经入户核实" and doc["items"][1]["approval"] == "社区两委会议研究"
    for header in ("用章范围", "使用范围", "用印事项"):
        other = tmp_path / f"{header}.csv"
        other.write_text(f"序号,{header}\n1,出具居住情况证明\n", encoding="utf-8")
        got = invoke(["import", str(other), "-k", "seal", "-j", COMMUNITY, "--doc-number", "东民发〔2023〕9号"], repo)
        assert got.returncode == 0 and f"B {header}→name" in got.stdout, got


def test_headings_set_stance_and_a_count_that_differs_warns(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["东城区社区证明事项清单（12项）"])
    ws.merge_cells("A1:C1")
    ws.append(["序号", "证明事项名称", "法律依据"])
    ws.append(["一、不得出具的证明事项"])
    ws.merge_cells("A3:C3")
    ws.append([1, "无犯罪记录证明", ""])
    ws.append([2, "婚姻状况证明", ""])
    ws.append(["二、可以出具的证明事项"])  # in the first cell only, not merged
    ws.append([1, "在本社区居住情况证明", "《中华人民共和国城市居民委员会组织法》第三条"])
    ws.append([2, "居民死亡情况证明", "《中华人民共和国城市居民委员会组织法》第三条"])
    wb.save(tmp_path / "mixed.xlsx")
    run = invoke(["import", str(tmp_path / "mixed.xlsx"), "-k", "certificates", "-j", DISTRICT], repo)
    assert run.returncode == 0, run
    assert "第 3 行分组标题“一、不得出具的证明事项”：以下事项 stance 为 forbidden" in run.stdout, run
    assert "第 6 行分组标题“二、可以出具的证明事项”：以下事项 stance 为 allowed" in run.stdout, run
    assert "警告：标题写明 12 项，表格中读到 4 个事项" in run.stdout, run
    items = _doc(repo / "lists" / "imported" / "mixed.yaml")["items"]
    assert [i["stance"] for i in items] == ["forbidden", "forbidden", "allowed", "allowed"]
    report = json.loads(
        invoke(
            ["import", str(tmp_path / "mixed.xlsx"), "-k", "certificates", "-j", DISTRICT, "--dry-run", "-f", "json"],
            repo,
        ).stdout
    )
    assert report["count"] == {"stated": 12, "found": 4}


def test_title_facts() -> None:
    from qingdan.tables.columns import effective_date, is_annex_label, title_facts

    facts = title_facts("附件1：东城区社区工作事项清单（共二十三项）（东办发〔2023〕9号）")
    assert (facts.label, facts.title, facts.count, facts.doc_number) == (
        "附件1",
        "东城区社区工作事项清单",
        23,
        "东办发〔2023〕9号",
    )
    assert title_facts("附件 2 东城区用章范围 (东民发[2024]10号)").doc_number == "东民发[2024]10号"
    assert title_facts("附件清单").title == "附件清单"  # a title that starts with 附件 but is no label
    assert is_annex_label("附件") and is_annex_label("附件 3：") and not is_annex_label("附件清单")
    assert effective_date("（自2023年7月1日起施行）") == "2023-07-01" and effective_date("2023年2月30日起施行") == ""


# ------------------------------------------------------------------------------------------------ Word
def notice_with_annex(path: Path) -> Path:
    """A 红头 notice whose 附件 is the list, laid out the way such notices are: the masthead, the 文号, the
    title of the notice, its body and signature, then 附件1, the list's title, a ……起施行 line, and the table —
    序号 / 事项名称 / 设定依据 (merged across 文件名称 and 条款) / 备注, the other header cells merged down —
    with section headings merged across the table. The wording is shaped like such annexes, not copied."""
    import docx

    d = docx.Document()
    for text in (
        "示例市东城区民政局文件",
        "东民发〔2023〕9号",
        "关于印发《向阳社区证明事项清单》的通知",
        "各街道办事处：",
        "现将《向阳社区证明事项清单》印发给你们，请认真贯彻执行。",
        "附件：向阳社区证明事项清单",
        "示例市东城区民政局",
        "2023年6月20日",
    ):
        d.add_paragraph(text)
    d.add_page_break()
    d.add_paragraph("附件1")
    d.add_paragraph("向阳社区证明事项清单（共5项）")
    d.add_paragraph("（2023年7月1日起施行）")
    rows = [
        ["序号", "事项名称", "设定依据", "", "备注"],
        ["", "", "文件名称", "条款", ""],
        ["一、不得出具的证明事项", "", "", "", ""],
        [
            "1",
            "居民财产证明（经济状况证明、收入证明）",
            "《关于改进和规范基层群众性自治组织出具证明工作的指导意见》",
            "",
            "数据共享核验",
        ],
        ["2", "无犯罪记录证明", "", "", "由公安机关出具"],
        ["二、可以出具的证明事项", "", "", "", ""],
        ["1", "在本社区居住情况证明", "《中华人民共和国城市居民委员会组织法》", "第三条", "入户核实"],
        ["2", "居民死亡情况证明（用于办理丧葬补助）", "", "", "无医学死亡证明的"],
        ["3", "家庭成员关系情况说明", "", "", ""],
    ]
    table = d.add_table(rows=len(rows), cols=5)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 2).merge(table.cell(0, 3)).text = "设定依据"
    for c, text in ((0, "序号"), (1, "事项名称"), (4, "备注")):
        table.cell(0, c).merge(table.cell(1, c)).text = text
    for r in (2, 5):
        heading = rows[r][0]
        table.cell(r, 0).merge(table.cell(r, 4)).text = heading
    d.add_paragraph("注：未列入本清单的证明事项，居民委员会不得出具。")
    d.save(str(path))
    return path


def test_word_annex_imports_as_published(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    source = notice_with_annex(repo / "东民发〔2023〕9号.docx")
    run = invoke(["import", source.name, "-k", "certificates", "-j", COMMUNITY], repo)
    assert run.returncode == 0, run
    out = run.stdout
    assert "（表格 1，共 1 个表格），表头在第 1 行，标题：向阳社区证明事项清单" in out, run
    assert "列：第1列 序号→忽略，第2列 事项名称→name，第3列 设定依据→legal_basis，第5列 备注→notes" in out, run
    assert "未知" not in out and "未导入的列" not in out, run  # the merged header cells are one column each
    assert "未导入第 2 行（表头的下一层（合并的表头单元格），各列按上一行的列名导入）" in out, run
    assert "第 3 行分组标题“一、不得出具的证明事项”：以下事项 stance 为 forbidden" in out, run
    assert "doc_number 东民发〔2023〕9号（表格上方的段落）" in out, run
    assert "effective 2023-07-01（表格上方的段落）" in out, run
    assert "警告：标题写明" not in out, run
    doc = _doc(repo / "lists" / "imported" / "东民发〔2023〕9号.yaml")
    assert doc["title"] == "向阳社区证明事项清单" and doc["effective"] == "2023-07-01"
    assert doc["doc_number"] == "东民发〔2023〕9号"
    # the notice the annex belongs to is the basis of every item
    assert doc["legal_basis"] == [
        {"law": "《关于印发〈向阳社区证明事项清单〉的通知》", "doc_number": "东民发〔2023〕9号"}
    ]
    assert [(i["name"], i["stance"]) for i in doc["items"]] == [
        ("居民财产证明", "forbidden"),
        ("无犯罪记录证明", "forbidden"),
        ("在本社区居住情况证明", "allowed"),
        ("居民死亡情况证明", "allowed"),
        ("家庭成员关系情况说明", "allowed"),
    ]
    assert doc["items"][0]["aliases"] == ["经济状况证明", "收入证明"]
    assert doc["items"][2]["legal_basis"] == ["《中华人民共和国城市居民委员会组织法》第三条"]  # 文件名称 + 条款
    assert invoke(["validate", "--no-cache"], repo).returncode == 0


def title_in_table(path: Path, tables: int = 1) -> Path:
    """附件2 and the title as the first rows of the table, merged across it; the title says 12 items."""
    import docx

    d = docx.Document()
    for n in range(tables):
        table = d.add_table(rows=7, cols=4)
        table.cell(0, 0).merge(table.cell(0, 3)).text = f"附件{n + 2}"
        table.cell(1, 0).merge(table.cell(1, 3)).text = "向阳社区居民委员会用章范围（12项）"
        for c, text in enumerate(["序号", "用章事项", "用章条件", "审批流程"]):
            table.cell(2, c).text = text
        for r, row in enumerate(
            [
                ["1", "出具居住情况证明", "经入户核实", "社区党组织书记审批"],
                ["2", "社区组织活动通知", "", "社区两委会议研究"],
                ["3", "推荐社区志愿者", "", "社区两委会议研究"],
                ["4", "居民公约备案材料", "经居民会议通过", "社区主任审批"],
            ],
            start=3,
        ):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        d.add_paragraph("")
    d.save(str(path))
    return path


def test_word_title_merged_in_the_table_and_a_count_that_differs(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    source = title_in_table(tmp_path / "用章范围.docx")
    run = invoke(["import", str(source), "-k", "seal", "-j", COMMUNITY, "--doc-number", "东民发〔2023〕9号"], repo)
    assert run.returncode == 0, run
    assert "标题：向阳社区居民委员会用章范围" in run.stdout, run
    assert "未导入第 1 行（附件编号，不是标题）：附件2" in run.stdout, run
    assert "警告：标题写明 12 项，表格中读到 4 个事项" in run.stdout, run
    assert len(_doc(repo / "lists" / "imported" / "用章范围.yaml")["items"]) == 4


def test_word_tables_are_chosen_by_number(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    source = title_in_table(tmp_path / "两个附件.docx", tables=2)
    args = ["import", str(source), "-k", "seal", "-j", COMMUNITY, "--doc-number", "东民发〔2023〕9号"]
    ambiguous = invoke(args, repo)
    assert ambiguous.returncode == 2, ambiguous
    assert (
        "文档中有 2 个表格像清单：1（附件2 向阳社区居民委员会用章范围（12项），7 行）；2（附件3 向阳社区居民委员会用章范围（12项），7 行）。用 --sheet 序号选择其中一个"
        in ambiguous.stderr
    )
    wrong = invoke([*args, "--sheet", "3"], repo)
    assert wrong.returncode == 2 and "表格序号选择表格（1 到 2），而不是“3”" in wrong.stderr, wrong
    chosen = invoke([*args, "--sheet", "2"], repo)
    assert chosen.returncode == 0 and "（表格 2，共 2 个表格）" in chosen.stdout, chosen


def test_old_word_files_and_a_missing_python_docx(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    for name in ("附件.doc", "附件.wps"):
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
        run = invoke(["import", str(tmp_path / name), "-k", "seal", "-j", COMMUNITY], repo)
        assert run.returncode == 2 and "另存为“Word 文档（*.docx）”" in run.stderr, run
    renamed = tmp_path / "附件.docx"
    renamed.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    run = invoke(["import", str(renamed), "-k", "seal", "-j", COMMUNITY], repo)
    assert run.returncode == 2 and "可能是改了扩展名的旧版 .doc 文件" in run.stderr, run
    # without python-docx: a sitecustomize that hides it from the import system
    hide = tmp_path / "hide"
    hide.mkdir()
    (hide / "sitecustomize.py").write_text(
        "import sys\nclass _Hide:\n    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'docx' or name.startswith('docx.'):\n            raise ImportError(name)\n"
        "sys.meta_path.insert(0, _Hide())\n",
        encoding="utf-8",
    )
    source = title_in_table(tmp_path / "用章范围.docx")
    import os

    env = {"PYTHONPATH": os.pathsep.join([str(hide), os.environ.get("PYTHONPATH", "")])}
    missing = run_qingdan(
        ["import", str(source), "-k", "seal", "-j", COMMUNITY], repo, env=env
    )  # a new process: python-docx hidden
    assert missing.returncode == 2, missing
    assert "pip install 'qingdan[docx]'" in missing.stderr and "Traceback" not in missing.stderr, missing


def test_findings_point_at_the_word_table(tmp_path: Path) -> None:
    """Not written: the findings name the document, the table, its row and column — not a YAML file."""
    repo = _repo(tmp_path)
    source = title_in_table(tmp_path / "用章范围.docx")
    run = invoke(["import", str(source), "-k", "seal", "-j", COMMUNITY], repo)  # no 文号: no basis
    assert run.returncode == 1, run
    assert "用章范围.docx（表格 1）第 4 行 第 2 列 错误 missing-legal-basis" in run.stdout, run
    assert "用章范围.docx（表格 1）第 7 行 第 2 列 错误 missing-legal-basis" in run.stdout, run
    assert "lists/imported/用章范围.yaml:" not in run.stdout, run
    english = invoke(["import", str(source), "-k", "seal", "-j", COMMUNITY, "--lang", "en"], repo)
    assert "用章范围.docx (table 1) row 4, column 2 error missing-legal-basis" in english.stdout, english


def test_an_inflating_word_file_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A .docx is a zip: one whose parts inflate past the limit is refused, as a workbook is (exit 2, named)."""
    from qingdan.tables import spreadsheet

    repo = _repo(tmp_path)
    source = title_in_table(tmp_path / "用章范围.docx")
    monkeypatch.setattr(spreadsheet, "MAX_INFLATED", 1024)
    run = invoke(["import", str(source), "-k", "seal", "-j", COMMUNITY], repo)
    assert run.returncode == 2, run
    assert "解压后有" in run.stderr and "不导入" in run.stderr and "Traceback" not in run.stderr, run
    assert not (repo / "lists" / "imported").exists(), run
