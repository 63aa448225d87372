"""Excel workbooks of ``qingdan build``, read back with openpyxl as a clerk's Excel would see them: headers and
values, print settings (repeated header row, page-number footer, A4 fitted to width), row heights that show
the whole text, formula-like text kept as text, the font name, and the same bytes twice."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import REPO, invoke, run_qingdan

ASSIST = "lists/dongcheng/xiangyang-street/xiangyang/assist.yaml"
ASSIST_XLSX = "dongcheng-xiangyang-street-xiangyang-assist.xlsx"
ITEM = "协助开展最低生活保障对象入户调查和动态管理"


def copy_repo(dest: Path) -> Path:
    shutil.copytree(REPO / "lists", dest / "lists")
    shutil.copyfile(REPO / "qingdan.toml", dest / "qingdan.toml")
    return dest


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example repository with formula-like item names, built once with --only xlsx; the xlsx folder."""
    repo = copy_repo(tmp_path_factory.mktemp("xlsx") / "repo")
    path = repo / ASSIST
    text = path.read_text(encoding="utf-8")
    text = text.replace(f"name: {ITEM}", 'name: "=HYPERLINK(\\"http://example.invalid\\",\\"点击\\")"', 1)
    text = text.replace("name: 协助做好特困人员救助供养申请和探访照料", 'name: "+1-2协助做好特困人员救助供养"', 1)
    text = text.replace("name: 协助开展临时救助对象主动发现和报告", 'name: "@SUM(A1:A9)"', 1)
    path.write_text(text, encoding="utf-8")
    run = invoke(["build", "--only", "xlsx"], repo)
    assert run.returncode == 0, run
    assert "Excel：22 个文件" in run.stdout, run
    return repo / "_site" / "xlsx"


def test_a_workbook_per_list_and_one_with_every_list(built: Path) -> None:
    names = sorted(p.name for p in built.glob("*.xlsx"))
    assert len(names) == 22 and "all.xlsx" in names and ASSIST_XLSX in names
    book = openpyxl.load_workbook(built / "all.xlsx")
    assert book.sheetnames[0] == "目录" and len(book.sheetnames) == 22
    assert "向阳社区居民委员会依法协助政府工作事项清单" in book.sheetnames
    assert all(len(name) <= 31 for name in book.sheetnames)
    index = [row for row in book["目录"].iter_rows(values_only=True)]
    assert index[0] == ("序号", "工作表", "清单", "文号", "区划", "事项数")
    assert "向阳社区居民委员会依法协助政府工作事项清单" in {row[1] for row in index}
    single = openpyxl.load_workbook(built / ASSIST_XLSX).active
    for (_, name, title, _, _, count), ws in zip(index[1:], book.worksheets[1:], strict=True):
        assert ws.title == name and ws["A1"].value == title, (name, ws["A1"].value)  # each sheet is its list
        assert ws.max_row >= 3 + int(count) and ws.print_title_rows == "$3:$3" and ws.oddFooter.center.text, name
    same = book["向阳社区居民委员会依法协助政府工作事项清单"]
    assert [[c.value for c in row] for row in same.iter_rows()] == [
        [c.value for c in row] for row in single.iter_rows()
    ]
    assert same["B5"].font.name == "仿宋_GB2312" and same["B5"].border.left.style == "thin" and same["A3"].font.b


def test_title_document_number_headers_and_values(built: Path) -> None:
    ws = openpyxl.load_workbook(built / ASSIST_XLSX).active
    assert ws.title == "向阳社区居民委员会依法协助政府工作事项清单"
    assert ws["A1"].value == "向阳社区居民委员会依法协助政府工作事项清单" and ws["A1"].font.b
    assert "文号：示东政办发〔2023〕15号" in ws["A2"].value and "施行日期：2023-07-01" in ws["A2"].value
    header = [c.value for c in ws[3]]
    assert header == ["序号", "事项名称", "事项内容", "主管部门", "准入编号", "法律依据", "保障措施"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 33 and [r[0] for r in rows] == [str(n) for n in range(1, 34)]
    second = rows[1]
    assert second[3] == "东城区民政局" and second[4], second


def test_formula_like_text_stays_text(built: Path) -> None:
    ws = openpyxl.load_workbook(built / ASSIST_XLSX).active
    first, second, third = ws["B4"], ws["B5"], ws["B6"]
    assert first.value == '=HYPERLINK("http://example.invalid","点击")' and first.data_type == "s", first.data_type
    assert second.value == "+1-2协助做好特困人员救助供养" and second.data_type == "s"
    assert third.value == "@SUM(A1:A9)" and third.data_type == "s"
    with zipfile.ZipFile(built / ASSIST_XLSX) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet  # no formula anywhere in the file


def test_prints_on_a4_with_the_header_row_repeated_and_page_numbers(built: Path) -> None:
    ws = openpyxl.load_workbook(built / ASSIST_XLSX).active
    assert ws.print_title_rows == "$3:$3"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"  # seven columns: landscape
    assert (
        ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    )
    assert ws.freeze_panes == "A4"
    seal = openpyxl.load_workbook(built / "dongcheng-xiangyang-street-xiangyang-seal.xlsx").active
    assert seal.page_setup.orientation == "portrait"


def test_columns_and_rows_are_sized_to_print_legibly(built: Path) -> None:
    ws = openpyxl.load_workbook(built / ASSIST_XLSX).active
    widths = {letter: dim.width for letter, dim in ws.column_dimensions.items()}
    header = {c.column_letter: c.value for c in ws[3]}
    assert widths["A"] == min(widths.values()) and header["A"] == "序号"  # 序号 narrow
    assert header[max(widths, key=lambda k: widths[k])] == "保障措施"  # the column with the most text is the widest
    assert widths["B"] >= widths["E"]  # 事项名称 keeps its room beside the short 准入编号
    assert 130 <= sum(widths.values()) <= 150  # a landscape A4 page at about 100 %
    for row in ws.iter_rows(min_row=4):
        height = ws.row_dimensions[row[0].row].height
        assert height is not None
        for cell in row:
            if cell.value:
                width = widths[cell.column_letter]
                lines = len(str(cell.value).encode("gb18030")) / (width - 1.5)
                assert height >= lines * 14.5, (cell.coordinate, cell.value, height)  # the whole text shows
        assert all(c.alignment.wrap_text for c in row)


def test_font_name_is_configurable(built: Path, tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(built / ASSIST_XLSX).active
    assert ws["B5"].font.name == "仿宋_GB2312" and ws["A3"].font.name == "仿宋_GB2312"
    repo = copy_repo(tmp_path / "repo")
    run = invoke(["build", "--only", "xlsx", "--xlsx-font", "仿宋"], repo)
    assert run.returncode == 0, run
    ws = openpyxl.load_workbook(repo / "_site" / "xlsx" / ASSIST_XLSX).active
    assert ws["B5"].font.name == "仿宋" and ws["A1"].font.name == "仿宋"


def test_two_builds_give_the_same_bytes(tmp_path: Path) -> None:
    first = copy_repo(tmp_path / "one")
    second = copy_repo(tmp_path / "two")
    for run in (invoke(["build", "--only", "xlsx"], first), run_qingdan(["build", "--only", "xlsx"], second)):
        assert run.returncode == 0, run  # one in this process, one in a new one (another hash seed)
    for path in sorted((first / "_site" / "xlsx").glob("*.xlsx")):
        assert (second / "_site" / "xlsx" / path.name).read_bytes() == path.read_bytes(), path.name
    with zipfile.ZipFile(first / "_site" / "xlsx" / "all.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z" in archive.read("docProps/core.xml")
