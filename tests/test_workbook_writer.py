"""The workbook writer (``publish/workbook.py``) writes each list's sheet XML itself instead of through openpyxl's
cells. Every workbook built from the bundled lists is read back with openpyxl and compared with what openpyxl's own
write-only mode makes of the same list (the writer before it, kept below as the reference): sheet names, every
cell's value and type, the styles a reader sees, merged ranges, column widths, row heights, print setup, header and
footer. The cells are also checked against the lists' YAML items, row by row and column by column, and LibreOffice
opens a workbook and reads the same rows."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from conftest import REPO, invoke
from qingdan.config import load_config
from qingdan.publish import workbook
from qingdan.publish.view import ListView, SiteView, build_view
from qingdan.rules import RULES
from qingdan.tables.spreadsheet import cell_safe, column_letter
from qingdan.text import citation_text, display_name

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
ASSIST_XLSX = "dongcheng-xiangyang-street-xiangyang-assist.xlsx"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("writer") / "repo"
    shutil.copytree(REPO / "lists", dest / "lists")
    shutil.copyfile(REPO / "qingdan.toml", dest / "qingdan.toml")
    return dest


@pytest.fixture(scope="module")
def view(repo: Path) -> SiteView:
    return build_view(repo, load_config(repo, {rule.id for rule in RULES}))


@pytest.fixture(scope="module")
def built(repo: Path) -> Path:
    run = invoke(["build", "--only", "xlsx"], repo)
    assert run.returncode == 0, run
    return repo / "_site" / "xlsx"


# --- the reference: the list's workbook as openpyxl's write-only mode writes it, cell by cell ----------------------


def reference_bytes(lv: ListView, font_name: str = workbook.DEFAULT_FONT) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    book.properties.creator = "qingdan"
    book.properties.title = cell_safe(lv.title)
    ws = book.create_sheet(workbook._sheet_names([lv])[0])
    _list_sheet(ws, lv, workbook._Styles(font_name, ws))
    return workbook._save(book)


def _list_sheet(ws: Any, lv: ListView, styles: Any) -> None:
    col_widths = workbook.widths(lv)
    n = len(lv.columns)
    last = column_letter(n)
    for i, width in enumerate(col_widths, 1):
        ws.column_dimensions[column_letter(i)].width = width
    ws.print_title_rows = f"{workbook.HEADER_ROW}:{workbook.HEADER_ROW}"
    ws.freeze_panes = f"A{workbook.HEADER_ROW + 1}"
    ws.page_setup.paperSize = 9
    ws.page_setup.orientation = "landscape" if workbook.landscape(lv) else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddHeader.right.text = cell_safe(lv.doc_number).replace("&", "&&")
    page_width = sum(col_widths)
    meta = workbook._meta_line(lv)
    title_height = max(30.0, workbook.text_lines(lv.title, page_width / 1.6) * 26.0)
    labels = [c.label for c in lv.columns]
    rows: list[tuple[list[Any], float]] = [
        ([styles.cell(ws, lv.title, "title")], title_height),
        ([styles.cell(ws, meta, "meta")], workbook.row_height([meta], [page_width], 13.0)),
        ([styles.cell(ws, label, "header") for label in labels], workbook.row_height(labels, col_widths)),
    ]
    ws.merged_cells.add(f"A1:{last}1")
    ws.merged_cells.add(f"A2:{last}2")
    centred = {i for i, c in enumerate(lv.columns) if c.key in ("seq", "status", "stance")}
    for group in lv.groups:
        if group.label:
            row = len(rows) + 1
            ws.merged_cells.add(f"A{row}:{last}{row}")
            rest = [styles.cell(ws, "", "group-rest") for _ in range(n - 1)]
            rows.append(([styles.cell(ws, group.label, "group"), *rest], workbook.LINE + 8))
        styles_of = ["body-centre" if i in centred else "body" for i in range(n)]
        for r in group.rows:
            cells = [styles.cell(ws, text, style) for text, style in zip(r.cells, styles_of, strict=True)]
            rows.append((cells, workbook.row_height(r.cells, col_widths)))
    for i, (_, height) in enumerate(rows, 1):
        ws.row_dimensions[i].height = round(height, 1)
    for cells, _ in rows:
        ws.append(cells)


# --- what a reader of the workbook sees -------------------------------------------------------------------------


def seen(data: bytes) -> dict[str, Any]:
    """Everything of a workbook that Excel shows or prints, as openpyxl reads it back."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {
        "sheets": book.sheetnames,
        "title": book.properties.title,
        "creator": book.properties.creator,
        **{f"sheet {ws.title}": sheet(ws) for ws in book.worksheets},
    }


def sheet(ws: Any) -> dict[str, Any]:
    cells = [
        [
            (
                c.value,
                c.data_type,
                (c.font.name, c.font.sz, bool(c.font.b)),
                (c.alignment.wrap_text, c.alignment.horizontal, c.alignment.vertical),
                (c.border.left.style, c.border.right.style, c.border.top.style, c.border.bottom.style),
                (c.fill.fill_type, c.fill.fgColor.rgb if c.fill.fill_type else None),
            )
            for c in row
        ]
        for row in ws.iter_rows()
    ]
    setup, margins = ws.page_setup, ws.page_margins
    return {
        "cells": cells,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "widths": {letter: d.width for letter, d in sorted(ws.column_dimensions.items())},
        "heights": {n: d.height for n, d in sorted(ws.row_dimensions.items())},
        "print titles": ws.print_title_rows,
        "frozen": ws.freeze_panes,
        "page": (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight),
        "fit to page": ws.sheet_properties.pageSetUpPr.fitToPage,
        "margins": (margins.left, margins.right, margins.top, margins.bottom, margins.header, margins.footer),
        "centred": ws.print_options.horizontalCentered,
        "header": (ws.oddHeader.left.text, ws.oddHeader.center.text, ws.oddHeader.right.text),
        "footer": (ws.oddFooter.left.text, ws.oddFooter.center.text, ws.oddFooter.right.text),
    }


def differences(new: dict[str, Any], old: dict[str, Any]) -> list[str]:
    out = []
    for key in sorted(set(new) | set(old)):
        if isinstance(new.get(key), dict) and isinstance(old.get(key), dict):
            out += [f"{key}: {part}" for part in differences(new[key], old[key])]
        elif new.get(key) != old.get(key):
            out.append(f"{key}: {str(new.get(key))[:300]} != {str(old.get(key))[:300]}")
    return out


def test_every_bundled_list_reads_back_as_openpyxl_writes_it(view: SiteView) -> None:
    assert len(view.lists) == 21
    for lv in view.lists:
        new, old = workbook.workbook_bytes(lv), reference_bytes(lv)
        new_seen, old_seen = seen(new), seen(old)
        assert not differences(new_seen, old_seen), (lv.source, differences(new_seen, old_seen)[:5])
        assert new == old, lv.source  # and the very bytes openpyxl writes


def test_another_font_reads_back_as_openpyxl_writes_it(view: SiteView) -> None:
    lv = next(lv for lv in view.lists if lv.source.endswith("assist.yaml"))
    new, old = seen(workbook.workbook_bytes(lv, "楷体_GB2312")), seen(reference_bytes(lv, "楷体_GB2312"))
    assert not differences(new, old), differences(new, old)[:5]
    assert new[f"sheet {new['sheets'][0]}"]["cells"][4][1][2] == ("楷体_GB2312", 11.0, False)


def test_the_built_workbooks_and_every_sheet_of_all_xlsx_are_what_openpyxl_writes(view: SiteView, built: Path) -> None:
    combined = openpyxl.load_workbook(built / "all.xlsx")
    assert combined.sheetnames == [workbook.INDEX_SHEET, *workbook._sheet_names(view.lists)]
    for lv, ws in zip(view.lists, combined.worksheets[1:], strict=True):
        expected = seen(reference_bytes(lv))
        own = seen((built / f"{lv.slug}.xlsx").read_bytes())
        assert not differences(own, expected), (lv.source, differences(own, expected)[:5])
        name = expected["sheets"][0]
        assert ws.title == name
        assert not differences(sheet(ws), expected[f"sheet {name}"]), (lv.source, "all.xlsx")


# --- the cells against the YAML -----------------------------------------------------------------------------------

FIELDS = {  # column header → how the item's field reads in the cell (columns built from several fields are left out)
    "事项名称": lambda item: display_name(str(item["name"]), item.get("qualifiers")),
    "用章事项": lambda item: display_name(str(item["name"]), item.get("qualifiers")),
    "证明事项名称": lambda item: display_name(str(item["name"]), item.get("qualifiers")),
    "编号": lambda item: str(item["id"]),
    "事项内容": lambda item: str(item.get("content") or ""),
    "具体情形": lambda item: str(item.get("content") or ""),
    "类别": lambda item: str(item.get("category") or ""),
    "主管部门": lambda item: str(item.get("department") or ""),
    "相关部门": lambda item: str(item.get("department") or ""),
    "索要部门": lambda item: str(item.get("department") or ""),
    "承担主体": lambda item: str(item.get("owner") or ""),
    "准入编号": lambda item: str(item.get("admission") or ""),
    "申请部门": lambda item: str(item.get("applicant") or ""),
    "办理用途": lambda item: str(item.get("purpose") or ""),
    "核实方式": lambda item: str(item.get("verification") or ""),
    "替代方式": lambda item: str(item.get("alternative") or ""),
    "使用条件": lambda item: str(item.get("conditions") or ""),
    "审批程序": lambda item: str(item.get("approval") or ""),
    "法律依据": lambda item: "\n".join(citation_text(c) for c in item.get("legal_basis") or []),
    "别名": lambda item: "、".join(str(a) for a in item.get("aliases") or []),
    "包含事项": lambda item: "、".join(str(a) for a in item.get("aliases") or []),
}


def test_every_item_is_in_its_row_and_each_field_in_its_column(view: SiteView, repo: Path, built: Path) -> None:
    checked = 0
    for lv in view.lists:
        items = yaml.safe_load((repo / lv.source).read_text(encoding="utf-8"))["items"]
        ws = openpyxl.load_workbook(built / f"{lv.slug}.xlsx").active
        rows = [[c.value or "" for c in row] for row in ws.iter_rows(min_row=workbook.HEADER_ROW + 1)]
        header = [c.value for c in ws[workbook.HEADER_ROW]]
        labels = {group.label for group in lv.groups if group.label}
        body = [row for row in rows if not (row[0] in labels and not any(row[1:]))]  # group headings left out
        by_id = {str(item["id"]): item for item in items}
        assert len(body) == len(items), lv.source
        numbered = [(n, r.id) for group in lv.groups for n, r in enumerate(group.rows, 1)]
        assert [by_id[i] for _, i in numbered if by_id[i]] and {i for _, i in numbered} == set(by_id), lv.source
        for row, (number, item_id) in zip(body, numbered, strict=True):  # each group's items in the file's order
            item = by_id[item_id]
            assert row[0] == str(number), (lv.source, item_id)
            for n, label in enumerate(header):
                if label in FIELDS:
                    assert row[n] == cell_safe(FIELDS[label](item)), (lv.source, item_id, label)
                    checked += 1
        order = [i for _, i in numbered]
        assert sorted(order, key=[str(item["id"]) for item in items].index) == order or len(lv.groups) > 1, lv.source
    assert checked > 2000, checked


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc")
def test_libreoffice_opens_a_workbook_and_reads_its_rows(view: SiteView, built: Path, tmp_path: Path) -> None:
    assert SOFFICE is not None
    lv = next(lv for lv in view.lists if lv.source.endswith("xiangyang/assist.yaml"))
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    convert = [SOFFICE, profile, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76"]
    subprocess.run(
        [*convert, "--outdir", str(tmp_path), str(built / ASSIST_XLSX)], check=True, capture_output=True, timeout=300
    )
    text = (tmp_path / ASSIST_XLSX.replace(".xlsx", ".csv")).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    rows = [row for row in rows if any(row)]
    assert rows[0][0] == lv.title
    assert rows[2][: len(lv.columns)] == [c.label for c in lv.columns]
    assert [row[: len(lv.columns)] for row in rows[3:]] == [list(r.cells) for r in lv.rows]
