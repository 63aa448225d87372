"""Lists are printed in black and white: the site, the PDFs and the workbooks say 不得出具 / 可以出具 and the
admission statuses in words (a 出具意见 column, labelled sections), never by colour alone."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import openpyxl
import pytest

from conftest import EXAMPLES, REPO, run_qingdan
from qingdan.vocabulary import STANCES, STATUSES

CITY = "city-certificates"  # 26 forbidden, then 4 allowed certificates
FORBIDDEN, ALLOWED = STANCES["forbidden"].zh, STANCES["allowed"].zh
HAS_PDF = importlib.util.find_spec("typst") is not None and shutil.which("pdftotext") is not None


def _stances(path: Path) -> list[str]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [str(item["stance"]) for item in data["items"]]


def _in_notes(path: Path, word: str) -> int:
    import yaml

    return str(yaml.safe_load(path.read_text(encoding="utf-8")).get("notes", "")).count(word)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example repository and the national one, built; the folder holding both _site folders."""
    top = tmp_path_factory.mktemp("readable")
    for name, source in (("example", REPO), ("national", EXAMPLES / "national")):
        repo = top / name
        shutil.copytree(source / "lists", repo / "lists")
        shutil.copyfile(source / "qingdan.toml", repo / "qingdan.toml")
        run = run_qingdan(["build", "--only", "html,pdf,xlsx" if HAS_PDF else "html,xlsx"], repo)
        assert run.returncode == 0, run
    return top


def test_site_tables_say_the_stance_in_words(built: Path) -> None:
    stances = _stances(REPO / "lists/city/certificates.yaml")
    page = (built / "example/_site/site/list" / f"{CITY}.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="item-[^"]+" class="status-(\w+)">(.*?)</tr>', page, re.S)
    assert [status for status, _ in rows] == stances
    for status, cells in rows:
        word = re.search(r'<td class="col-stance" data-label="出具意见">([^<]*)</td>', cells)
        assert word and unescape(word.group(1)) == STANCES[status].zh, cells
    assert '<th class="col-stance" scope="col">出具意见</th>' in page
    assert "一、不得出具的证明事项" in page and "二、可以出具的证明事项" in page
    # a list of forbidden certificates only still says so in a heading
    national = (built / "national/_site/site/list/national-certificates.html").read_text(encoding="utf-8")
    assert '<th colspan="5" scope="rowgroup">不得出具的证明事项</th>' in national
    assert national.count(f'data-label="出具意见">{FORBIDDEN}</td>') == 20
    # admission records: the status column in words
    admissions = (built / "example/_site/site/list/dongcheng-admissions.html").read_text(encoding="utf-8")
    assert re.search(rf'<td class="col-status" data-label="状态">{STATUSES["admitted"].zh}</td>', admissions)


def test_workbook_cells_say_the_stance_in_words(built: Path) -> None:
    stances = _stances(REPO / "lists/city/certificates.yaml")
    sheet = openpyxl.load_workbook(built / "example/_site/xlsx" / f"{CITY}.xlsx").active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = values[2]
    column = header.index("出具意见")
    words = [row[column] for row in values[3:] if row[0] and str(row[0]).isdigit()]
    assert words == [STANCES[s].zh for s in stances], words
    labels = [row[0] for row in values[3:] if row[0] and not str(row[0]).isdigit()]
    assert labels == ["一、不得出具的证明事项", "二、可以出具的证明事项"], labels


@pytest.mark.skipif(not HAS_PDF, reason="needs typst (pip install 'qingdan[pdf]') and poppler-utils")
def test_pdf_tables_say_the_stance_in_words(built: Path) -> None:
    source = REPO / "lists/city/certificates.yaml"
    stances = _stances(source)
    pdf = built / "example/_site/pdf" / f"{CITY}.pdf"
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
    pages = int(
        re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout)[1]
    )
    texts = [
        subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True).stdout
        for n in range(1, pages + 1)
    ]
    # each section's heading is in its table's repeated header: once on every page the section reaches
    titles = {FORBIDDEN: "一、不得出具的证明事项", ALLOWED: "二、可以出具的证明事项"}
    headings = {word: sum(title in re.sub(r"\s+", "", t) for t in texts) for word, title in titles.items()}
    assert headings[FORBIDDEN] >= 1 and headings[ALLOWED] >= 1, headings
    # every row says its stance (and the preamble may use the words)
    assert text.count(FORBIDDEN) - _in_notes(source, FORBIDDEN) == stances.count("forbidden") + headings[FORBIDDEN]
    assert text.count(ALLOWED) - _in_notes(source, ALLOWED) == stances.count("allowed") + headings[ALLOWED]
    assert "出具意见" in text and "一、不得出具的证明事项" in text and "二、可以出具的证明事项" in text
    # the last page holds allowed rows only, under the repeated heading of their section
    assert ALLOWED in texts[-1] and "二、可以出具的证明事项" in texts[-1] and "一、不得出具" not in texts[-1], texts[-1]
    national = built / "national/_site/pdf/national-certificates.pdf"
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(national), "-"], capture_output=True, text=True)
    assert "不得出具的证明事项" in first.stdout and first.stdout.count(FORBIDDEN) >= 5, first.stdout
    admissions = subprocess.run(
        ["pdftotext", str(built / "example/_site/pdf/dongcheng-admissions.pdf"), "-"], capture_output=True, text=True
    )
    assert STATUSES["admitted"].zh in admissions.stdout
