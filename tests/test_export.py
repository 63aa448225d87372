"""``qingdan export``: tables with the headers import recognises; import∘export gives the same items;
text that looks like a formula stays text."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BASE, REPO, invoke
from qingdan.tables import columns as tabular
from qingdan.tables import exporter, importer, spreadsheet

ROUND_TRIP_KINDS = ("certificates", "negative", "duties")


def _comparable(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items as a table holds them: citations as their text, structured funding as its cell text."""
    out = []
    for item in items:
        row = {}
        for field, value in item.items():
            if field == "legal_basis":
                value = [tabular.citation_text(c) for c in value]
            elif isinstance(value, dict):
                value = tabular.cell_value(field, value)
            row[field] = value
        out.append(row)
    return out


def _round_trip(doc: dict[str, Any], fmt: str, folder: Path) -> dict[str, Any]:
    target = folder / f"list.{fmt}"
    target.write_bytes(exporter._render(target, fmt, doc))
    table = spreadsheet.read(target)
    return importer.convert(table, doc["kind"], doc["jurisdiction"], {}, "list").document


# -- generated items ------------------------------------------------------------------------------

_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
_WORD = st.text(alphabet=st.one_of(_HAN, st.sampled_from("ABCxyz0123")), min_size=2, max_size=12)
_TEXT = st.lists(_WORD, min_size=1, max_size=3).map(lambda ws: "，".join(ws) + "。")
_LAW = _WORD.map(lambda w: f"《{w}》")
_CITATION = st.one_of(
    st.tuples(_LAW, st.sampled_from(["", "第三条", "第二十五条"])).map("".join),
    st.builds(lambda law, n: {"law": law, "doc_number": f"民发〔2020〕{n}号"}, _LAW, st.integers(1, 99)),
    st.builds(
        lambda law, n: {"law": law, "article": "第五条", "doc_number": f"民发〔2021〕{n}号"}, _LAW, st.integers(1, 99)
    ),
)
_FIELDS = {
    "duties": {
        "role": st.sampled_from(["依法履职", "协助政府工作", "主体责任", "配合"]),
        "content": _TEXT,
        "funding": _TEXT,
        "powers": _TEXT,
        "owner": st.just("居委会"),
    },
    "negative": {"department": _WORD, "content": _TEXT},
    "certificates": {
        "stance": st.sampled_from(["allowed", "forbidden"]),
        "purpose": _TEXT,
        "alternative": _TEXT,
        "verification": _TEXT,
        "department": _WORD,
    },
}


@st.composite
def _items(draw: st.DrawFn, kind: str) -> list[dict[str, Any]]:
    items = []
    for n in range(draw(st.integers(1, 5))):
        item: dict[str, Any] = {"id": f"T-{n + 1:03d}", "name": draw(_WORD)}
        aliases = draw(st.lists(_WORD, max_size=3, unique=True))
        if aliases and item["name"] not in aliases:
            item["aliases"] = aliases
        for field in tabular.FIELDS:
            if field in _FIELDS[kind] and draw(st.booleans()):
                item[field] = draw(_FIELDS[kind][field])
            elif field == "category" and draw(st.booleans()):
                item[field] = draw(_WORD)
            elif field == "legal_basis" and draw(st.booleans()):
                item[field] = draw(st.lists(_CITATION, min_size=1, max_size=3))
        if kind == "certificates":
            item.setdefault("stance", "forbidden")
        if kind == "duties":
            item.setdefault("role", "依法履职")
        order = list(tabular.FIELDS)
        items.append({f: item[f] for f in sorted(item, key=order.index)})
    return items


@pytest.mark.parametrize("fmt", exporter.FORMATS)
@pytest.mark.parametrize("kind", ROUND_TRIP_KINDS)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_import_of_export_is_identity_on_generated_items(tmp_path: Path, kind: str, fmt: str, data: Any) -> None:
    items = data.draw(_items(kind))
    doc = {"format": 1, "kind": kind, "jurisdiction": "980102001001", "title": "生成的清单", "items": items}
    back = _round_trip(doc, fmt, tmp_path)
    assert back["title"] == "生成的清单"
    assert _comparable(back["items"]) == _comparable(items)


# -- every list of the example repository --------------------------------------------------------


def _lists() -> list[Path]:
    out = []
    for path in sorted((REPO / "lists").rglob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if doc.get("kind") in ROUND_TRIP_KINDS:
            out.append(path)
    return out


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example repository exported once through the CLI, in both formats."""
    work = tmp_path_factory.mktemp("export")
    shutil.copytree(REPO / "lists", work / "lists")
    for fmt in exporter.FORMATS:
        run = invoke(["export", "--format", fmt, "-o", f"out-{fmt}"], work)
        assert run.returncode == 0, run
        assert "已导出 19 份清单" in run.stdout, run
    return {fmt: work / f"out-{fmt}" for fmt in exporter.FORMATS}


@pytest.mark.parametrize("fmt", exporter.FORMATS)
@pytest.mark.parametrize("path", _lists(), ids=lambda p: p.relative_to(REPO / "lists").as_posix())
def test_import_of_export_is_identity_on_every_list(exported: dict[str, Path], path: Path, fmt: str) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    table_file = exported[fmt] / path.relative_to(REPO / "lists").with_suffix(f".{fmt}")
    back = importer.convert(spreadsheet.read(table_file), doc["kind"], doc["jurisdiction"], {}, "x").document
    assert back["title"] == doc["title"]
    assert _comparable(back["items"]) == _comparable(doc["items"])


def test_cli_round_trip_rewrites_a_list_that_still_validates(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "lists", repo / "lists")
    run = invoke(["export", "lists/city/certificates.yaml", "-o", str(tmp_path / "out")], repo)
    assert run.returncode == 0, run
    original = yaml.safe_load((repo / "lists/city/certificates.yaml").read_text(encoding="utf-8"))
    back = invoke(
        [
            "import",
            str(tmp_path / "out/city/certificates.xlsx"),
            "-k",
            "certificates",
            "-j",
            "980100000000",
            "-o",
            "lists/city/certificates.yaml",
            "--force",
        ],
        repo,
    )
    assert back.returncode == 0 and "检查通过" in back.stdout, back
    again = yaml.safe_load((repo / "lists/city/certificates.yaml").read_text(encoding="utf-8"))
    assert again["items"] == original["items"], back


# -- the tables themselves ------------------------------------------------------------------------


def _formula_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    (repo / "lists" / "negative.yaml").write_text(
        'format: 1\nkind: negative\njurisdiction: "980100000000"\ntitle: 负面清单\nitems:\n'
        '  - id: NEG-001\n    name: "=SUM(1,2)"\n    aliases: ["+1", "@A1", "-2"]\n',
        encoding="utf-8",
    )
    return repo


def test_xlsx_has_title_and_the_headers_import_recognises(tmp_path: Path) -> None:
    run = invoke(["export", "-o", "out"], _copy_base(tmp_path))
    assert run.returncode == 0, run
    ws = openpyxl.load_workbook(tmp_path / "repo" / "out" / "certificates.xlsx").active
    assert ws["A1"].value == "示例市社区证明事项清单" and "A1:G1" in [str(r) for r in ws.merged_cells.ranges]
    assert [c.value for c in ws[2]] == ["编号", "事项名称", "别名", "出具意见", "核实方式", "替代方式", "法律依据"]
    assert [c.value for c in ws[3]][:4] == ["CERT-F01", "居民财产证明", "经济状况证明、收入证明、存款证明", "不得出具"]
    assert "跳过 lists/admissions.yaml：这类文件不导出为表格" in run.stdout, run


def _copy_base(tmp_path: Path) -> Path:
    shutil.copytree(BASE, tmp_path / "repo")
    return tmp_path / "repo"


def test_formula_looking_text_stays_text_in_xlsx(tmp_path: Path) -> None:
    repo = _formula_repo(tmp_path)
    run = invoke(["export", "lists/negative.yaml", "-o", "out"], repo)
    assert run.returncode == 0, run
    ws = openpyxl.load_workbook(repo / "out" / "negative.xlsx").active
    cell = ws["B3"]
    assert (cell.value, cell.data_type) == ("=SUM(1,2)", "s")
    back = invoke(
        ["import", "out/negative.xlsx", "-k", "negative", "-j", "980100000000", "-o", "lists/negative.yaml", "--force"],
        repo,
    )
    assert back.returncode == 0, back
    assert "公式" not in back.stdout, back  # nothing was read as a formula
    item = yaml.safe_load((repo / "lists" / "negative.yaml").read_text(encoding="utf-8"))["items"][0]
    assert item == {"id": "NEG-001", "name": "=SUM(1,2)", "aliases": ["+1", "@A1", "-2"]}, back


def test_csv_is_utf8_with_bom_and_guards_formulas(tmp_path: Path) -> None:
    repo = _formula_repo(tmp_path)
    run = invoke(["export", "lists/negative.yaml", "--format", "csv", "-o", "out"], repo)
    assert run.returncode == 0, run
    raw = (repo / "out" / "negative.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), raw[:10]
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[1] == "编号,事项名称,别名"
    assert "'=SUM(1,2)" in text, text  # Excel would run =SUM(…) in a CSV; the ' makes it text
    back = invoke(
        ["import", "out/negative.csv", "-k", "negative", "-j", "980100000000", "-o", "lists/negative.yaml", "--force"],
        repo,
    )
    assert back.returncode == 0 and "编码 UTF-8 (BOM)" in back.stdout, back
    item = yaml.safe_load((repo / "lists" / "negative.yaml").read_text(encoding="utf-8"))["items"][0]
    assert item["name"] == "=SUM(1,2)", back


def test_unknown_format_is_exit_2(tmp_path: Path) -> None:
    run = invoke(["export", "--format", "pdf"], _copy_base(tmp_path))
    assert run.returncode == 2 and "未知的输出格式“pdf”" in run.stderr, run


def test_a_text_wrapped_over_lines_exports_without_a_space_between_chinese(tmp_path: Path) -> None:
    """A clerk wraps a long text in the editor (a folded ``>`` block here): the exported table, like the site and
    the PDF, reads it as one Chinese phrase, not with a space where each line ended."""
    repo = _copy_base(tmp_path)
    path = repo / "lists/community.yaml"
    text = path.read_text(encoding="utf-8")
    wrapped = text.replace("    powers: 参保信息查询权限\n", "    powers: >\n      参保信息\n      查询权限\n")
    assert wrapped != text
    path.write_text(wrapped, encoding="utf-8")
    run = invoke(["export", "--format", "csv", "-o", "out"], repo)
    assert run.returncode == 0, run
    exported = (repo / "out/community.csv").read_text(encoding="utf-8-sig")
    assert "参保信息查询权限" in exported
    assert "参保信息 查询权限" not in exported
