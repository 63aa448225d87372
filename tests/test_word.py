"""Word documents of ``qingdan build`` (publish/word.py), read back as an office would meet them: opened with
python-docx (text, the repeated header row, fonts named for Chinese text, GB/T 9704 margins, "— N —" page
numbers), opened and printed by LibreOffice (to PDF, to PNG), the same bytes twice, the site's links to them,
the fonts set in qingdan.toml, and a clear message when the ``docx`` extra is missing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, invoke

docx = pytest.importorskip("docx", reason="the Word output needs python-docx (the docx extra)")
from docx.shared import Mm  # noqa: E402

ASSIST = "dongcheng-xiangyang-street-xiangyang-assist.docx"  # 33 items, a wide table: landscape
COMMUNITY = "place-980102001001.docx"  # 向阳社区: 3 own lists, 4 from above
WORKBOOK = "assist-workbook.xlsx"  # ASSIST's workbook, copied to be printed beside it
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATA_DATE = "2026-03-02"


def git(repo: Path, *args: str) -> None:
    stamp = f"{DATA_DATE}T10:00:00+08:00"
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        env={"GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_DATE": stamp, "PATH": "/usr/bin:/bin"},
    )


def example(dest: Path) -> Path:
    shutil.copytree(REPO / "lists", dest / "lists")
    shutil.copyfile(REPO / "qingdan.toml", dest / "qingdan.toml")
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-qm", "lists")
    return dest


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example city in git, built with --only docx,html: the output folder."""
    repo = example(tmp_path_factory.mktemp("word") / "repo")
    run = invoke(["build", "--only", "html,docx,xlsx"], repo)
    assert run.returncode == 0, run
    assert "Word：31 个文件" in run.stdout, run
    return repo / "_site"


def test_a_document_per_list_and_a_compilation_per_place(built: Path) -> None:
    names = {p.name for p in (built / "docx").iterdir()}
    assert len(names) == 31 and ASSIST in names and COMMUNITY in names, sorted(names)
    assert len({n for n in names if n.startswith("place-")}) == 10  # every place that has lists


def test_the_list_reads_as_written_with_title_number_and_issuer(built: Path) -> None:
    document = docx.Document(str(built / "docx" / ASSIST))
    lines = [p.text for p in document.paragraphs if p.text]
    assert lines[:3] == [
        "向阳社区居民委员会依法协助政府工作事项清单",
        "示东政办发〔2023〕15号",
        "示例市东城区人民政府",
    ], lines
    assert document.paragraphs[0].style.name == "清单标题" and "数据日期：2026-03-02" in lines[3]
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][:3] == ["序号", "事项名称", "事项内容"]
    assert len(document.tables) == 1 and len(table.rows) == 1 + 33
    assert table.rows[1].cells[1].text == "协助开展最低生活保障对象入户调查和动态管理"
    header = table.rows[0]._tr
    assert header.find(f"{W}trPr/{W}tblHeader") is not None  # repeated at the top of every page
    assert not table._tbl.findall(f".//{W}cantSplit")  # a long row may run on to the next page


def test_sections_of_a_list_are_headed_and_kept_apart(built: Path) -> None:
    document = docx.Document(str(built / "docx" / "city-certificates.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "清单标题一"]
    assert headings == ["一、不得出具的证明事项", "二、可以出具的证明事项"], headings
    assert len(document.tables) == 2  # each section a table of its own, with the columns it fills


def margins_mm(section: object) -> list[int]:
    sides = ("top_margin", "bottom_margin", "left_margin", "right_margin")
    return [round(getattr(section, side).mm) for side in sides]


def test_table_page_margins_and_orientation(built: Path) -> None:
    """A list is an 附件 table: the PDF's margins (the binding edge wider: the top of a landscape page, the left of
    a portrait one); a compilation's cover and contents keep GB/T 9704's."""
    wide = docx.Document(str(built / "docx" / ASSIST)).sections[0]
    narrow = docx.Document(str(built / "docx" / "dongcheng-xiangyang-street-xiangyang-seal.docx")).sections[0]
    assert margins_mm(wide) == [25, 20, 20, 20] and margins_mm(narrow) == [20, 20, 25, 20]
    compilation = docx.Document(str(built / "docx" / COMMUNITY)).sections
    assert margins_mm(compilation[0]) == [37, 35, 28, 26] and margins_mm(compilation[1]) == [25, 20, 20, 20]
    assert (round(narrow.page_width.mm), round(narrow.page_height.mm)) == (210, 297)
    assert (round(wide.page_width.mm), round(wide.page_height.mm)) == (297, 210)  # the wide table turned
    assert abs(narrow.page_width - Mm(210)) < Mm(0.1)


def east_asian(document: object, style: str) -> tuple[str | None, float | None]:
    element = document.styles[style].element  # type: ignore[attr-defined]
    fonts = element.find(f"{W}rPr/{W}rFonts")
    size = document.styles[style].font.size  # type: ignore[attr-defined]
    return fonts.get(f"{W}eastAsia"), size.pt if size else None


def test_fonts_are_named_as_offices_have_them(built: Path) -> None:
    document = docx.Document(str(built / "docx" / ASSIST))
    assert east_asian(document, "清单标题") == ("方正小标宋简体", 22.0)  # 二号
    assert east_asian(document, "清单正文") == ("仿宋_GB2312", 16.0)  # 三号
    assert east_asian(document, "清单标题一") == ("黑体", 16.0)
    assert east_asian(document, "表格文字") == ("仿宋_GB2312", 9.0)  # 小五, as in the PDF: a wide table
    assert east_asian(document, "表格文字（五号）") == ("仿宋_GB2312", 10.5)  # a narrow one
    assert east_asian(document, "表格标题行") == ("黑体", 9.0)
    assert east_asian(document, "页码") == ("宋体", 14.0)  # 4号
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(f"{W}eastAsia") == "仿宋_GB2312" and defaults.get(f"{W}ascii") == "Times New Roman"
    with zipfile.ZipFile(built / "docx" / ASSIST) as z:
        table = z.read("word/fontTable.xml").decode()
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="黑体"/>' in table  # where the title face is missing
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in table


def test_page_numbers_with_dashes_odd_right_even_left(built: Path) -> None:
    document = docx.Document(str(built / "docx" / COMMUNITY))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph.text == "— 1 —", paragraph.text  # the PAGE field's placeholder between the dashes
        xml = paragraph._p.xml
        assert '<w:instrText xml:space="preserve"> PAGE </w:instrText>' in xml and f'w:val="{side}"' in xml
    later = document.sections[1:]
    assert later and all(s.footer.is_linked_to_previous for s in later)  # the same numbers run on


def test_the_compilation_holds_its_lists_with_those_from_above_marked(built: Path) -> None:
    document = docx.Document(str(built / "docx" / COMMUNITY))
    text = [p.text for p in document.paragraphs]
    assert text[0] == "向阳社区\n清单汇编" and "示例市东城区向阳街道向阳社区" in text
    titles = [p.text for p in document.paragraphs if p.style.name == "清单标题"][1:]
    assert len(titles) == 7 and titles[0] == "向阳社区居民委员会依法协助政府工作事项清单", titles
    marks = [p.text for p in document.paragraphs if p.style.name == "上级清单标注"]
    assert len(marks) == 4 and all(m.startswith("上级清单") for m in marks), marks
    contents = [p for p in document.paragraphs if p.text.startswith("1．")]
    # the title, a tab to the page number with a dotted leader, and the number as a field (PAGEREF) pointing at a
    # bookmark on the list's first paragraph; Word is asked to fill the fields in when it opens the file
    assert [p.text for p in contents] == ["1．向阳社区居民委员会依法协助政府工作事项清单\t"]
    xml = contents[0]._p.xml
    assert 'w:leader="middleDot"' in xml and "PAGEREF _QdList0 \\h" in xml, xml
    assert '<w:bookmarkStart w:id="0" w:name="_QdList0"/>' in document.element.xml
    assert document.settings.element.find(f"{W}updateFields").get(f"{W}val") == "true"
    own = docx.Document(str(built / "docx" / ASSIST))
    assert own.settings.element.find(f"{W}updateFields") is None  # a list alone has no fields to fill in but PAGE
    assert len(document.sections) == 1 + 7  # the cover, then each list in a section of its own orientation


def test_document_properties_carry_the_data_date_and_the_commit(built: Path) -> None:
    core = docx.Document(str(built / "docx" / ASSIST)).core_properties
    assert core.created.date().isoformat() == core.modified.date().isoformat() == DATA_DATE
    assert core.author == "示例市东城区人民政府" and core.title == "向阳社区居民委员会依法协助政府工作事项清单"
    assert "commit " in core.keywords and core.last_modified_by == "qingdan"
    with zipfile.ZipFile(built / "docx" / ASSIST) as z:
        assert "docProps/thumbnail.jpeg" not in z.namelist()  # python-docx's own picture is not ours to show
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}


def test_the_same_lists_give_the_same_bytes(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    run = invoke(["build", "--only", "docx", "--out", str(again)], built.parent)
    assert run.returncode == 0, run
    for path in sorted((built / "docx").iterdir()):
        assert (again / "docx" / path.name).read_bytes() == path.read_bytes(), path.name


def test_the_site_links_the_word_files(built: Path) -> None:
    site = built / "site"
    place = (site / "place" / "980102001001.html").read_text(encoding="utf-8")
    assert '<a href="../../docx/place-980102001001.docx">汇编 Word</a>' in place
    assert (site / "place" / "../../docx/place-980102001001.docx").resolve().is_file()
    page = (site / "list" / ASSIST.replace(".docx", ".html")).read_text(encoding="utf-8")
    assert f'<a href="../../docx/{ASSIST}">Word</a>' in page


def test_fonts_from_qingdan_toml(tmp_path: Path) -> None:
    repo = example(tmp_path / "repo")
    config = repo / "qingdan.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + '\n[build.docx_fonts]\nbody = "仿宋"\ntitle = "华文中宋"\n', encoding="utf-8")
    run = invoke(["build", "--only", "docx"], repo)
    assert run.returncode == 0, run
    document = docx.Document(str(repo / "_site" / "docx" / "city-negative.docx"))
    assert east_asian(document, "清单正文")[0] == "仿宋" and east_asian(document, "清单标题")[0] == "华文中宋"
    assert east_asian(document, "清单标题一")[0] == "黑体"  # the roles it does not name keep their defaults
    config.write_text(text + '\n[build.docx_fonts]\nbdoy = "仿宋"\n', encoding="utf-8")
    bad = invoke(["build", "--only", "docx"], repo)
    assert bad.returncode == 2 and "bdoy" in bad.stderr and "body" in bad.stderr, bad


def test_word_asked_for_without_the_extra_is_exit_2_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = example(tmp_path / "repo")
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx fails as without the docx extra
    run = invoke(["build", "--only", "docx"], repo)
    assert run.returncode == 2 and "qingdan[docx]" in run.stderr and "Traceback" not in run.stderr, run
    assert not (repo / "_site").exists()
    plain = invoke(["build", "--only", "html,xlsx", "--lang", "en"], repo)
    assert plain.returncode == 0 and "Word" not in plain.stdout, plain  # not asked for: nothing said
    run = invoke(["build"], repo)
    assert run.returncode == 0 and run.stdout.count("未生成 Word 文档") == 1 and "qingdan[docx]" in run.stdout, run
    assert not (repo / "_site" / "docx").exists()


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
)


@pytest.fixture(scope="module")
def printed(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 33-item list's Word file and workbook and 向阳社区's Word compilation printed to PDF by LibreOffice."""
    out = tmp_path_factory.mktemp("printed")
    files = [str(built / "docx" / name) for name in (ASSIST, COMMUNITY)]
    workbook = out / WORKBOOK  # a name of its own: LibreOffice names the PDF after the file
    shutil.copyfile(built / "xlsx" / ASSIST.replace(".docx", ".xlsx"), workbook)
    files.append(str(workbook))
    assert SOFFICE is not None
    profile = f"-env:UserInstallation=file://{out / 'profile'}"
    subprocess.run(
        [SOFFICE, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out / "pdf"), *files],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out / "pdf"


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(info.split("Pages:")[1].split()[0])


@needs_soffice
@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils (pdfinfo) is not installed")
def test_the_33_item_list_prints_on_no_more_pages_than_its_workbook(printed: Path) -> None:
    """Issue 16: the Word file, printed, is no longer than the workbook printed with its own page setup (18 pages
    in 小四 with the GB/T 9704 margins; the workbook 8)."""
    word = pages(printed / ASSIST.replace(".docx", ".pdf"))
    workbook = pages(printed / WORKBOOK.replace(".xlsx", ".pdf"))
    assert word <= workbook, (word, workbook)


@needs_soffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext, pdftoppm) is not installed")
def test_libreoffice_opens_and_prints_them(printed: Path) -> None:
    """Printed as an office's LibreOffice or WPS would: A4 pages, the header row again on the next page, the page
    numbers, every item's name; PNG pages to look at."""
    out = printed
    pdf = out / ASSIST.replace(".docx", ".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "A4" in info, info
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    sheets = ["".join(sheet.split()) for sheet in pages.stdout.split("\f")]  # pdftotext spaces as it likes
    assert "向阳社区居民委员会依法协助政府工作事项清单" in sheets[0] and sheets[0].endswith("—1—"), sheets[0]
    # the header row repeated on the next page, and its number
    assert "序号事项名称" in sheets[1] and sheets[1].endswith("—2—"), sheets[1]
    count = int(info.split("Pages:")[1].split()[0])
    assert count > 2 and sheets[-2].endswith(f"—{count}—"), sheets[-2]  # every page numbered (a form feed ends it)
    compilation = out / COMMUNITY.replace(".docx", ".pdf")
    text = subprocess.run(["pdftotext", str(compilation), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert flat.startswith("向阳社区清单汇编示例市东城区向阳街道向阳社区") and "目录一、本级清单1．" in flat, flat[:200]
    assert flat.count("上级清单　".strip()) >= 5  # the contents' part and each list from above marked
    # the contents' page numbers, filled in by LibreOffice (PAGEREF fields): each list starts on the page it says
    assert re.search(r"^1．向阳社区居民委员会依法协助政府工作事项清单·+3$", text, re.M), text[:400]
    entry = re.search(r"^6．东城区社区工作事项准入记录·+(\d+)$", text, re.M)
    assert entry, text[:600]
    page = subprocess.run(
        ["pdftotext", "-f", entry.group(1), "-l", entry.group(1), str(compilation), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "东城区社区工作事项准入记录" in page, page[:200]
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(out / "page")], check=True)
    assert len(list(out.glob("page-*.png"))) == 2
