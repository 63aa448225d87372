"""``qingdan import``: published tables (title rows, merged cells, 序号, bracketed aliases, formulas,
blank rows, GBK CSV) become list files that validate — or are refused with the findings."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from conftest import BASE, EXAMPLES, invoke
from qingdan.tables import columns as tabular
from qingdan.text import clean, clean_name

TABLES = EXAMPLES / "tables"
DISTRICT = "980102000000"
COMMUNITY = "980102001001"


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    return repo


def published_workbook(path: Path) -> Path:
    """A district's forbidden-certificate list laid out the way such lists are published."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "不应出具"
    ws["A1"] = "东城区社区不应出具的证明事项清单"
    ws.merge_cells("A1:G1")  # title merged across
    ws["A2"] = "（2023年7月1日起施行）"
    # two header rows: 序号/事项名称/类别/法律依据/联系电话 merged down, 办理指引 merged across its two columns
    for col, text in zip("ABCFG", ["序号", "事项名称", "类别", "法律依据", "联系电话"], strict=True):
        ws[f"{col}3"] = text
        ws.merge_cells(f"{col}3:{col}4")
    ws["D3"] = "办理指引"
    ws.merge_cells("D3:E3")
    ws["D4"], ws["E4"] = "替代方式", "主管部门"
    ws.append(
        [
            1,
            "居民财产证明（经济状况证明、收入证明…）",
            "经济状况",
            "由相关部门通过数据共享核验",
            "东城区民政局",
            "《关于改进和规范基层群众性自治组织出具证明工作的指导意见》（民发〔2020〕20号）",
            "6401 2345",
        ]
    )
    ws.append([])  # row 6: blank
    ws.append(["一、身份户籍类"])
    ws.merge_cells("A7:G7")  # a section heading merged across the row
    ws.append(
        [
            2.0,
            "居民身份信息证明 (身份证明，户籍证明等)",
            '="身份"&"户籍"',
            "  由公安机关依据户籍档案出具。 ",
            "东城区民政局",
            "《中华人民共和国居民身份证法》第三条、第四条\n《民政部、中央组织部关于进一步开展社区减负工作的通知》",
        ]
    )
    ws.append([3, "无犯罪记录证明", "个人表现", "由公安机关按规定出具"])
    ws.merge_cells("E8:E9")  # the department merged down over two items
    ws.append(["注：未列入本清单的证明，由居民委员会集体研究后决定。"])  # row 10: a note, no name
    wb.save(path)
    return path


def test_published_workbook_becomes_the_expected_list(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    source = published_workbook(tmp_path / "东城区证明清单.xlsx")
    run = invoke(
        [
            "import",
            str(source),
            "--kind",
            "certificates",
            "--jurisdiction",
            DISTRICT,
            "--stance",
            "forbidden",
            "--id-prefix",
            "DC-ZM-F",
        ],
        repo,
    )
    assert run.returncode == 0, run
    written = repo / "lists" / "imported" / "东城区证明清单.yaml"
    assert written.read_text(encoding="utf-8") == (TABLES / "forbidden-expected.yaml").read_text(encoding="utf-8"), run
    out = run.stdout
    assert "表头在第 4 行" in out and "标题：东城区社区不应出具的证明事项清单" in out, run
    assert "A 序号→忽略" in out and "E 主管部门→department" in out, run
    assert "未导入的列 G“联系电话”：列名不认识" in out, run
    assert "未导入第 2 行" not in out, run
    assert (
        "清单信息：title 东城区社区不应出具的证明事项清单（表格第 1 行）；effective 2023-07-01（表格第 2 行）" in out
    ), run
    assert "未导入第 3 行（表头的上一层（分组表头），各列按下一行的列名导入）" in out, run
    assert "未导入第 7 行（分组标题行）：一、身份户籍类" in out, run
    assert "未导入第 10 行（没有事项名称）" in out, run
    assert "跳过空行：第 6 行" in out, run
    assert '第 8 行 C 列是公式 ="身份"&"户籍"' in out, run
    assert (
        "第 5 行“居民财产证明（经济状况证明、收入证明…）”拆为名称“居民财产证明”和别名：经济状况证明、收入证明" in out
    ), run
    assert "已写入 lists/imported/东城区证明清单.yaml：3 个事项。" in out, run
    check = invoke(["validate", "--no-cache"], repo)
    assert check.returncode == 0, check


def test_report_in_english(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    source = published_workbook(tmp_path / "table.xlsx")
    run = invoke(
        ["import", str(source), "-k", "certificates", "-j", DISTRICT, "--stance", "forbidden", "--lang", "en"], repo
    )
    assert run.returncode == 0, run
    assert "column G '联系电话' not imported: unknown column name" in run.stdout, run
    assert "row 10 not imported (no item name)" in run.stdout, run
    assert "wrote lists/imported/table.yaml: 3 items." in run.stdout, run


def test_json_report(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    source = published_workbook(tmp_path / "table.xlsx")
    run = invoke(
        ["import", str(source), "-k", "certificates", "-j", DISTRICT, "--stance", "forbidden", "--format", "json"], repo
    )
    assert run.returncode == 0, run
    doc = json.loads(run.stdout)
    assert doc["written"] and doc["items"] == 3 and doc["header_row"] == 4, run
    assert doc["blank_rows"] == [6] and doc["formulas"][0]["row"] == 8, run
    assert doc["generated_ids"] == ["IMP-ZM-001", "IMP-ZM-002", "IMP-ZM-003"], run
    assert doc["validation"]["summary"]["errors"] == 0, run


def _items(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["items"]


@pytest.mark.parametrize(
    ("encoding", "shown"), [("gb18030", "GBK/GB18030"), ("utf-8-sig", "UTF-8 (BOM)"), ("utf-8", "UTF-8")]
)
def test_csv_encodings(tmp_path: Path, encoding: str, shown: str) -> None:
    repo = _repo(tmp_path)
    source = tmp_path / "table.csv"
    source.write_bytes((TABLES / "certificates.csv").read_text(encoding="utf-8").encode(encoding))
    run = invoke(["import", str(source), "-k", "certificates", "-j", DISTRICT, "--stance", "forbidden"], repo)
    assert run.returncode == 0, run
    assert f"编码 {shown}" in run.stdout, run
    items = _items(repo / "lists" / "imported" / "table.yaml")
    assert [i["name"] for i in items] == ["居民财产证明", "无犯罪记录证明"], run
    assert items[0]["aliases"] == ["经济状况证明", "收入证明"], run
    assert items[0]["legal_basis"] == [
        {"law": "《关于改进和规范基层群众性自治组织出具证明工作的指导意见》", "doc_number": "民发〔2020〕20号"}
    ], run


def test_big5_and_utf16_are_read_and_named(tmp_path: Path) -> None:
    """A table from Taiwan or Hong Kong saved in Big5 (traditional characters), and Excel's "Unicode text"
    (UTF-16, tab-separated): decoded as such and named in the report, not as GBK with "no header found"."""
    repo = _repo(tmp_path)
    traditional = (
        "序號,事項名稱,法律依據\n"
        "1,居民財產證明（經濟狀況證明、收入證明）,《關於改進和規範基層群眾性自治組織出具證明工作的指導意見》（民發〔2020〕20號）\n"
        "2,無犯罪記錄證明,\n"
    )
    (tmp_path / "big5.csv").write_bytes(traditional.encode("big5"))
    run = invoke(
        ["import", str(tmp_path / "big5.csv"), "-k", "certificates", "-j", DISTRICT, "--stance", "forbidden"], repo
    )
    assert run.returncode == 0, run
    assert "（编码 Big5）" in run.stdout, run
    items = _items(repo / "lists" / "imported" / "big5.yaml")
    assert [(i["name"], i.get("aliases")) for i in items] == [
        ("居民財產證明", ["經濟狀況證明", "收入證明"]),
        ("無犯罪記錄證明", None),
    ]
    (tmp_path / "unicode.csv").write_bytes("事项名称\t备注\n居住证明\t入户核实\n".encode("utf-16"))
    run = invoke(
        [
            "import",
            str(tmp_path / "unicode.csv"),
            "-k",
            "certificates",
            "-j",
            DISTRICT,
            "--stance",
            "forbidden",
            "-f",
            "json",
        ],
        repo,
    )
    assert run.returncode == 0, run
    assert json.loads(run.stdout)["encoding"] == "UTF-16", run
    assert _items(repo / "lists" / "imported" / "unicode.yaml")[0]["notes"] == "入户核实"


def test_unreadable_encoding_is_exit_2(tmp_path: Path) -> None:
    source = tmp_path / "table.csv"
    source.write_bytes(b"\x80\xff\x80")  # no encoding reads these bytes
    run = invoke(
        ["import", str(source), "-k", "certificates", "-j", DISTRICT, "--stance", "forbidden"], _repo(tmp_path)
    )
    assert run.returncode == 2, run
    assert "无法按 GBK/GB18030、Big5 读取文件" in run.stderr, run


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "table.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
            "另存为“Excel 工作簿（*.xlsx）”",
        ),  # Excel 97-2003
        ("table.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "可能是改了扩展名的旧版 .xls 文件"),
    ],
)
def test_old_or_renamed_workbooks_say_how_to_save_them(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    run = invoke(
        ["import", str(source), "-k", "certificates", "-j", DISTRICT, "--stance", "forbidden"], _repo(tmp_path)
    )
    assert run.returncode == 2 and expected in run.stderr and "Traceback" not in run.stderr, run


def test_map_names_an_unknown_column(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    source = tmp_path / "table.csv"
    source.write_text("证明材料名称,联系电话\n居民财产证明,6401\n", encoding="utf-8")
    args = ["import", str(source), "-k", "certificates", "-j", DISTRICT, "--stance", "forbidden"]
    without = invoke(args, repo)
    assert without.returncode == 2, without
    assert "没有找到表头" in without.stderr, without
    run = invoke([*args, "--map", "证明材料名称=name", "--map", "联系电话=notes"], repo)
    assert run.returncode == 0, run
    assert _items(repo / "lists" / "imported" / "table.yaml")[0] == {
        "id": "IMP-ZM-001",
        "name": "居民财产证明",
        "stance": "forbidden",
        "notes": "6401",
    }, run
    bad = invoke([*args, "--map", "证明材料名称"], repo)
    assert bad.returncode == 2 and "列名=字段" in bad.stderr, bad


def test_invalid_result_is_not_written_unless_forced(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    source = tmp_path / "allowed.csv"
    # the city forbids 居民财产证明: a community may not allow it (certificate-conflict, an error)
    source.write_text(
        "事项名称,法律依据\n居民财产证明,《中华人民共和国城市居民委员会组织法》第三条\n", encoding="utf-8"
    )
    args = ["import", str(source), "-k", "certificates", "-j", COMMUNITY, "--stance", "allowed"]
    run = invoke(args, repo)
    target = repo / "lists" / "imported" / "allowed.yaml"
    assert run.returncode == 1, run
    assert not target.exists(), run
    # the file was not written: the finding points at the table's row and column, which the clerk corrects
    assert "allowed.csv 第 2 行 A 列 错误 certificate-conflict [XY-ZM-001]" in run.stdout, run
    assert "allowed.csv（整张表） 警告 forbidden-not-restated" in run.stdout, run
    assert "lists/imported/allowed.yaml:" not in run.stdout, run
    assert "未写入 lists/imported/allowed.yaml" in run.stdout, run
    doc = json.loads(invoke([*args, "--format", "json"], repo).stdout)
    conflict = next(f for f in doc["validation"]["findings"] if f["rule"] == "certificate-conflict")
    assert conflict["source"] == {
        "file": "allowed.csv",
        "sheet": None,
        "table": None,
        "row": 2,
        "column": "A",
        "field": "name",
        "text": "allowed.csv 第 2 行 A 列",
    }, doc
    forced = invoke([*args, "--force"], repo)
    assert forced.returncode == 0, forced
    assert target.exists() and "已按 --force 写入" in forced.stdout, forced
    # written: the file's place first, the table's after it
    assert "lists/imported/allowed.yaml:7:5（第 2 行 A 列） 错误 certificate-conflict" in forced.stdout
    assert invoke(["validate", "--no-cache"], repo).returncode == 1


def test_existing_output_needs_force(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    source = tmp_path / "table.csv"
    source.write_text("事项名称\n居民财产证明\n", encoding="utf-8")
    args = ["import", str(source), "-k", "certificates", "-j", DISTRICT, "--stance", "forbidden"]
    assert invoke(args, repo).returncode == 0
    again = invoke(args, repo)
    assert again.returncode == 2 and "已存在" in again.stderr, again
    forced = invoke([*args, "--force"], repo)
    assert forced.returncode == 0, forced
    # re-importing the same table keeps the same ids: the replaced file's ids are free again
    assert _items(repo / "lists" / "imported" / "table.yaml")[0]["id"] == "IMP-ZM-001", forced


def test_ids_continue_the_repository_scheme_without_collisions(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    source = tmp_path / "city.csv"
    source.write_text(
        "名称,出具意见,依据\n独生子女证明,不得出具,民发〔2020〕20号\n"
        "居住证明,可以出具,《中华人民共和国城市居民委员会组织法》第三条\n"
        "婚姻状况证明,不予出具,民发〔2020〕20号\n",
        encoding="utf-8",
    )
    (repo / "lists" / "other.yaml").write_text(
        'format: 1\nkind: negative\njurisdiction: "980100000000"\ntitle: 另一清单\nitems:\n'
        "  - {id: CERT-F03, name: 考核评比}\n",
        encoding="utf-8",
    )  # CERT-F03 is taken elsewhere
    run = invoke(["import", str(source), "-k", "certificates", "-j", "980100000000"], repo)
    assert run.returncode == 0, run
    items = _items(repo / "lists" / "imported" / "city.yaml")
    assert [(i["id"], i["stance"]) for i in items] == [
        ("CERT-F02", "forbidden"),
        ("CERT-A02", "allowed"),
        ("CERT-F04", "forbidden"),
    ], run


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["nowhere.xlsx"], "路径不存在"),
        (["TABLE", "--sheet", "没有"], "没有工作表“没有”，已有：不应出具"),
        (["TABLE", "--stance", "maybe"], "--stance 应为 allowed"),
        (["TABLE", "--map", "名称=title"], "字段“title”不存在"),
        (["TABLE", "--id-prefix", "编号-"], "编号前缀"),
    ],
)
def test_usage_errors_are_exit_2(tmp_path: Path, args: list[str], expected: str) -> None:
    source = published_workbook(tmp_path / "table.xlsx")
    args = [str(source) if a == "TABLE" else a for a in args]
    run = invoke(["import", *args, "-k", "certificates", "-j", DISTRICT], _repo(tmp_path))
    assert run.returncode == 2, run
    assert expected in run.stderr, run


def test_no_header_in_a_workbook_is_exit_2(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["甲", "乙"])
    wb.active.append(["1", "2"])
    wb.save(tmp_path / "t.xlsx")
    run = invoke(["import", str(tmp_path / "t.xlsx"), "-k", "negative", "-j", DISTRICT], _repo(tmp_path))
    assert run.returncode == 2 and "前 15 行中没有找到表头" in run.stderr, run


def test_column_of_another_kind_is_reported(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    source = tmp_path / "neg.csv"
    source.write_text("序号,事项名称,替代方式\n1,创建达标评比,无\n", encoding="utf-8")
    run = invoke(["import", str(source), "-k", "negative", "-j", DISTRICT], repo)
    assert run.returncode == 0, run
    assert "未导入的列 C“替代方式”：这类清单没有这个字段" in run.stdout, run
    assert _items(repo / "lists" / "imported" / "neg.yaml") == [{"id": "IMP-FM-001", "name": "创建达标评比"}], run


@pytest.mark.parametrize(
    ("cell", "name", "aliases", "qualifiers"),
    [
        ("居民财产证明（经济状况证明、收入证明…）", "居民财产证明", ["经济状况证明", "收入证明"], []),
        ("居民财产证明(经济状况证明; 收入证明等)", "居民财产证明", ["经济状况证明", "收入证明"], []),
        ("出生证明（出生医学证明）", "出生证明", ["出生医学证明"], []),
        # conditions, grades, purposes and scopes are qualifiers, never aliases
        ("住房证明（无房、租房）", "住房证明", [], ["无房", "租房"]),
        ("收入证明（用于助学金申请）", "收入证明", [], ["用于助学金申请"]),
        ("招商引资（任务指标）", "招商引资", [], ["任务指标"]),
        ("病残儿医学鉴定证明（一级）", "病残儿医学鉴定证明", [], ["一级"]),
        ("党员组织关系转接（含流动党员）", "党员组织关系转接", [], ["含流动党员"]),
        # a generic word with a bracket, a bracket inside the name, formula-like text: as written
        ("证明（一级）", "证明（一级）", [], []),
        ("住所（经营场所）证明", "住所（经营场所）证明", [], []),
        ("=SUM(1,2)", "=SUM(1,2)", [], []),
    ],
)
def test_bracketed_variants(cell: str, name: str, aliases: list[str], qualifiers: list[str]) -> None:
    assert tabular.split_name(cell) == (name, aliases, qualifiers)


def test_citations_split_outside_titles() -> None:
    text = "《中华人民共和国居民身份证法》第三条、第四条；《民政部、中央组织部关于进一步开展社区减负工作的通知》、《社会救助暂行办法》"
    assert tabular.split_citations(text) == [
        "《中华人民共和国居民身份证法》第三条、第四条",
        "《民政部、中央组织部关于进一步开展社区减负工作的通知》",
        "《社会救助暂行办法》",
    ]
    assert tabular.split_citations("《最低生活保障审核确认办法》第五条（民发〔2021〕57号）") == [
        {"law": "《最低生活保障审核确认办法》", "article": "第五条", "doc_number": "民发〔2021〕57号"}
    ]


def test_spacing_is_normalised_but_punctuation_kept() -> None:
    assert clean("  居民\u3000财产证明 （ 收入 ） ") == "居民 财产证明（收入）"
    assert clean_name("居 委 会 开具 2024 年 证明") == "居委会开具 2024 年证明"
    assert tabular.split_name("无犯罪记录 证明（无犯罪 证明）") == ("无犯罪记录证明", ["无犯罪证明"], [])
    assert clean("协助开展\n最低生活保障") == "协助开展最低生活保障"
    assert clean("ABC\nDEF") == "ABC DEF"


DOC = Path(__file__).parent.parent / "docs" / "import-export.md"


def next_edition(path: Path) -> Path:
    """The district's list a year later: reordered, a name re-punctuated, 无犯罪记录证明 gone, one item new."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "不应出具"
    ws["A1"] = "东城区社区不应出具的证明事项清单（2024年版）"
    ws.merge_cells("A1:F1")
    ws["A2"] = "（2024年1月1日起施行）"
    ws.append(["序号", "事项名称", "类别", "替代方式", "主管部门", "法律依据"])
    ws.append([1, "居民身份信息证明(身份证明、户籍证明)", "身份户籍", "由公安机关依据户籍档案出具。", "东城区民政局"])
    ws.append(
        [
            2,
            "居民财产证明（经济状况证明、收入证明）",
            "经济状况",
            "由相关部门通过数据共享核验",
            "东城区民政局",
            "《关于改进和规范基层群众性自治组织出具证明工作的指导意见》（民发〔2020〕20号）",
        ]
    )
    ws.append([3, "房屋产权证明", "房产", "由不动产登记机构查询", "东城区民政局"])
    wb.save(path)
    return path


def test_walkthrough_shows_real_output(tmp_path: Path) -> None:
    """Every ``console`` block of docs/import-export.md, replayed in order, prints what the page shows."""
    from test_annexes import notice_with_annex

    repo = _repo(tmp_path)
    published_workbook(repo / "东城区证明清单.xlsx")
    next_edition(repo / "东城区证明清单2024.xlsx")
    notice_with_annex(repo / "东民发〔2023〕9号.docx")
    (repo / "向阳社区可出具证明.csv").write_text(
        "事项名称,法律依据\n居民财产证明,《中华人民共和国城市居民委员会组织法》第三条\n", encoding="utf-8"
    )
    text = DOC.read_text(encoding="utf-8")
    blocks = [b.split("\n", 1) for b in text.split("```console\n")[1:]]
    assert len(blocks) == 6
    for command, rest in blocks:
        expected = rest.split("```", 1)[0]
        run = invoke(command.removeprefix("$ qingdan ").split(), repo)
        if os.environ.get("QINGDAN_UPDATE_DOCS"):  # QINGDAN_UPDATE_DOCS=1 pytest -k walkthrough rewrites the page
            text = text.replace(f"{command}\n{expected}```", f"{command}\n{run.stdout + run.stderr}```", 1)
            DOC.write_text(text, encoding="utf-8")
            continue
        assert run.stdout + run.stderr == expected, run


def test_role_and_sheet(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本工作簿第二张表是清单"])
    ws = wb.create_sheet("职责")
    ws.append(["序号", "工作内容", "事项名称", "政策依据"])
    ws.append([1, "每年召开两次", "召集居民会议", "《中华人民共和国城市居民委员会组织法》第十条"])
    wb.save(tmp_path / "duties.xlsx")
    args = ["import", str(tmp_path / "duties.xlsx"), "-k", "duties", "-j", COMMUNITY, "--sheet", "职责"]
    without = invoke(args, repo)
    assert without.returncode == 1 and "缺少必填字段“role”" in without.stdout, without
    run = invoke([*args, "--role", "依法履职", "--id-prefix", "XY-LZ-"], repo)
    assert run.returncode == 0, run
    assert _items(repo / "lists" / "imported" / "duties.yaml") == [
        {
            "id": "XY-LZ-002",
            "name": "召集居民会议",
            "role": "依法履职",
            "content": "每年召开两次",
            "legal_basis": ["《中华人民共和国城市居民委员会组织法》第十条"],
        }
    ], run
    wrong = invoke(
        ["import", str(tmp_path / "duties.xlsx"), "-k", "duties", "-j", COMMUNITY, "--stance", "allowed"], repo
    )
    assert wrong.returncode == 2 and "--stance 只用于证明事项清单" in wrong.stderr, wrong


def test_conditions_in_brackets_become_qualifiers_and_are_printed_back(tmp_path: Path) -> None:
    """A provincial table prints 住房证明（无房、租房）: 无房 and 租房 are conditions, not certificate names."""
    repo = _repo(tmp_path)
    (repo / "table.csv").write_text(
        "证明事项名称,法律依据\n住房证明（无房、租房）,民发〔2020〕20号\n居民财产证明（经济状况证明、收入证明）,民发〔2020〕20号\n",
        encoding="utf-8",
    )
    run = invoke(["import", "table.csv", "-k", "certificates", "-j", DISTRICT, "--stance", "forbidden"], repo)
    assert run.returncode == 0, run
    assert "“无房、租房”是限定" in run.stdout, run
    items = _items(repo / "lists" / "imported" / "table.yaml")
    assert items[0]["name"] == "住房证明" and items[0]["qualifiers"] == ["无房", "租房"] and "aliases" not in items[0]
    assert items[1]["aliases"] == ["经济状况证明", "收入证明"] and "qualifiers" not in items[1]
    out = invoke(["export", "lists/imported/table.yaml", "--format", "csv", "-o", "out"], repo)
    assert out.returncode == 0, out
    assert "住房证明（无房、租房）" in next((repo / "out").rglob("*.csv")).read_text(encoding="utf-8-sig")
