"""Tagged PDFs and the standards of ``[build] pdf_standard``: what a screen reader and an archive rely on.

By default every PDF is tagged as PDF/UA-1: a structure tree (headings, tables with header cells), the document
language zh-CN, the title shown in the viewer's title bar, and no text outside the tags. ``a-2b`` adds PDF/A-2b
for archives. A place's compilation is one document: each font face is embedded once, however many lists it holds.

This is not a PDF/UA validation (veraPDF is not on the package registries): docs/build.md says what is checked
here and what is not. Needs typst, poppler-utils and pikepdf (the ``test`` extra); skipped with the reason when
one is missing.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, invoke

pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("typst") is None, reason="typst is not installed (pip install 'qingdan[pdf]')"
    ),
    pytest.mark.skipif(
        shutil.which("pdffonts") is None or shutil.which("pdfinfo") is None,
        reason="poppler-utils is not installed (apt-get install poppler-utils)",
    ),
    pytest.mark.skipif(
        importlib.util.find_spec("pikepdf") is None, reason="pikepdf is not installed (pip install 'qingdan[test]')"
    ),
]

ASSIST_PDF = "dongcheng-xiangyang-street-xiangyang-assist.pdf"
ASSIST_TITLE = "向阳社区居民委员会依法协助政府工作事项清单"
COMPILATION = "place-980102001001.pdf"  # 向阳社区: 3 lists of its own, 4 from above


def poppler(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, encoding="utf-8", check=True).stdout


def build(tmp: Path, toml: str = "", *args: str) -> Path:
    repo = tmp / "repo"
    shutil.copytree(REPO / "lists", repo / "lists")
    (repo / "qingdan.toml").write_text((REPO / "qingdan.toml").read_text(encoding="utf-8") + toml, encoding="utf-8")
    run = invoke(["build", "--only", "pdf", *args], repo)
    assert run.returncode == 0, run
    return repo / "_site" / "pdf"


@pytest.fixture(scope="module")
def tagged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example repository built with the default standard; the PDF folder."""
    return build(tmp_path_factory.mktemp("tagged"))


def structure(path: Path) -> tuple[Counter[str], list[str]]:
    """The structure elements of a PDF by type, and the titles of its H1 elements, in order."""
    import pikepdf

    kinds: Counter[str] = Counter()
    headings: list[str] = []
    with pikepdf.open(path) as pdf:
        todo: list[Any] = [pdf.Root.StructTreeRoot.K]
        while todo:
            node = todo.pop()
            if isinstance(node, pikepdf.Array):
                todo.extend(reversed(list(node)))
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                kinds[str(node.S)] += 1
                if node.S == "/H1":
                    headings.append(str(node.get("/T", "")))
                if "/K" in node:
                    todo.append(node.K)
    return kinds, headings


def text_outside_tags(path: Path) -> int:
    """Text-showing operators that are neither in tagged content nor marked as an artifact (PDF/UA 7.1)."""
    import pikepdf

    outside = 0
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            depth = 0
            for _, op in pikepdf.parse_content_stream(page):
                name = str(op)
                if name in ("BDC", "BMC"):
                    depth += 1
                elif name == "EMC":
                    depth -= 1
                elif name in ("Tj", "TJ", "'", '"') and depth == 0:
                    outside += 1
    return outside


def test_every_pdf_is_tagged_in_chinese_with_its_title_shown(tagged: Path) -> None:
    import pikepdf

    for path in sorted(tagged.glob("*.pdf")):
        assert re.search(r"^Tagged:\s+yes$", poppler("pdfinfo", str(path)), re.M), path.name
        with pikepdf.open(path) as pdf:
            assert pdf.Root.MarkInfo.Marked is True, path.name
            assert str(pdf.Root.Lang) == "zh-CN", path.name  # a screen reader reads it as Chinese
            assert pdf.Root.ViewerPreferences.DisplayDocTitle is True, path.name  # the title, not the file name
            assert str(pdf.docinfo.Title), path.name
            xmp = pdf.open_metadata()
            assert xmp.get("pdfuaid:part") == "1", path.name  # claims PDF/UA-1
        assert text_outside_tags(path) == 0, path.name
    with pikepdf.open(tagged / ASSIST_PDF) as pdf:
        assert str(pdf.docinfo.Title) == ASSIST_TITLE


def test_a_list_reads_as_a_heading_and_a_table_with_header_cells(tagged: Path) -> None:
    kinds, headings = structure(tagged / ASSIST_PDF)
    assert headings == [ASSIST_TITLE]
    assert kinds["/Table"] == 1 and kinds["/THead"] == 1, kinds
    assert kinds["/TH"] == 7, kinds  # 序号 事项名称 类别 主管部门 准入编号 法律依据 保障措施
    assert kinds["/TR"] == 33 + 1, kinds  # the 33 items and the header row (tagged once, not on every page)
    assert kinds["/TD"] == 33 * 7, kinds


def test_a_compilation_embeds_each_face_once_and_is_tagged_throughout(tagged: Path) -> None:
    rows = poppler("pdffonts", str(tagged / COMPILATION)).splitlines()[2:]
    faces = [row.split()[0].split("+", 1)[1] for row in rows]
    assert sorted(faces) == [
        "QingdanSansSC-Bold-Identity-H",
        "QingdanSerifSC-Bold-Identity-H",
        "QingdanSerifSC-Regular-Identity-H",
    ], rows  # one subset each, not one per list bound in (24 rows when the lists' PDFs were embedded)
    kinds, headings = structure(tagged / COMPILATION)
    assert len(headings) == 7 and headings[0] == ASSIST_TITLE, headings  # every list a heading, in contents order
    assert kinds["/Table"] == 9, kinds  # the two certificate lists have two sections each
    single = sum(structure(tagged / name)[0]["/TD"] for name in (ASSIST_PDF, "city-negative.pdf"))
    assert kinds["/TD"] > single, kinds  # the lists' cells are in the compilation's tree, not pictures of pages
    # the same pages as the lists' own PDFs: 5 pages of 向阳社区's list after the cover and contents, …
    assert "Pages:           22" in poppler("pdfinfo", str(tagged / COMPILATION))


def test_pdf_a_2b_for_archives_from_qingdan_toml(tmp_path: Path) -> None:
    import pikepdf

    folder = build(tmp_path, '\n[build]\npdf_standard = "a-2b"\n')
    for name in (ASSIST_PDF, COMPILATION):
        with pikepdf.open(folder / name) as pdf:
            xmp = pdf.open_metadata()
            assert (xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance")) == ("2", "B"), name
            assert xmp.get("pdfuaid:part") == "1", name  # still tagged
            # a fixed date (no git history here), never the time of the build: rebuilds give the same bytes
            assert str(pdf.docinfo.CreationDate) == "D:20000101000000Z", name
        assert text_outside_tags(folder / name) == 0


def test_pdf_standard_none_writes_untagged_pdfs(tmp_path: Path) -> None:
    folder = build(tmp_path, "", "--pdf-standard", "none")
    assert re.search(r"^Tagged:\s+no$", poppler("pdfinfo", str(folder / ASSIST_PDF)), re.M)
    rows = poppler("pdffonts", str(folder / COMPILATION)).splitlines()[2:]
    assert len(rows) == 3, rows  # one subset per face untagged too


def test_a_wrong_pdf_standard_is_named_in_chinese_and_english(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "lists", repo / "lists")
    (repo / "qingdan.toml").write_text('[build]\npdf_standard = "a-1b"\n', encoding="utf-8")
    run = invoke(["build", "--only", "pdf"], repo)
    assert run.returncode == 2, run
    assert "build.pdf_standard" in run.stderr and "a-1b" in run.stderr and "ua-1, a-2b, none" in run.stderr, run
    assert not (repo / "_site").exists()  # nothing written
    (repo / "qingdan.toml").unlink()
    run = invoke(["build", "--only", "pdf", "--pdf-standard", "pdf/x", "--lang", "en"], repo)
    assert run.returncode == 2, run
    assert "unknown --pdf-standard 'pdf/x'" in run.stderr and "ua-1, a-2b, none" in run.stderr, run
