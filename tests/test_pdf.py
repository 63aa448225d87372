"""PDFs of ``qingdan build``: fonts embedded, the text really there, laid out as an official list, the same bytes
twice, markup in item names shown as text, and a character outside the fonts stopping the build by name.

Needs typst (the ``[pdf]`` extra) and poppler-utils (pdffonts, pdftotext, pdftoppm); skipped with the reason
when they are missing. Refresh the golden layout with QINGDAN_UPDATE_GOLDEN=1 after a deliberate change.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, invoke, run_qingdan

GOLDEN = Path(__file__).parent / "golden"
ASSIST = "lists/dongcheng/xiangyang-street/xiangyang/assist.yaml"
ASSIST_PDF = "dongcheng-xiangyang-street-xiangyang-assist.pdf"
ITEM = "协助开展最低生活保障对象入户调查和动态管理"

pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("typst") is None, reason="typst is not installed (pip install 'qingdan[pdf]')"
    ),
    pytest.mark.skipif(
        shutil.which("pdffonts") is None or shutil.which("pdftotext") is None,
        reason="poppler-utils is not installed (apt-get install poppler-utils)",
    ),
]


def poppler(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, encoding="utf-8", check=True).stdout


def copy_repo(dest: Path) -> Path:
    shutil.copytree(REPO / "lists", dest / "lists")
    shutil.copyfile(REPO / "qingdan.toml", dest / "qingdan.toml")
    return dest


def rename_item(repo: Path, new_name: str) -> None:
    path = repo / ASSIST
    text = path.read_text(encoding="utf-8")
    assert f"name: {ITEM}" in text
    path.write_text(text.replace(f"name: {ITEM}", f"name: {new_name}", 1), encoding="utf-8")


def noto_dir() -> Path | None:
    """A folder with Debian's Noto CJK (fonts-noto-cjk), which has the traditional characters the vendored fonts lack."""
    found = sorted(Path("/usr/share/fonts").glob("**/NotoSerifCJK-Regular.ttc"))
    return found[0].parent if found else None


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example repository built once with --only pdf; the PDF folder."""
    repo = copy_repo(tmp_path_factory.mktemp("pdf") / "repo")
    run = invoke(["build", "--only", "pdf"], repo)
    assert run.returncode == 0, run
    assert "PDF：31 个文件" in run.stdout, run
    return repo / "_site" / "pdf"


def test_a_pdf_per_list_and_a_compilation_per_place(built: Path) -> None:
    names = sorted(p.name for p in built.glob("*.pdf"))
    assert ASSIST_PDF in names and "city-negative.pdf" in names
    assert "place-980102001001.pdf" in names  # 向阳社区
    assert len([n for n in names if n.startswith("place-")]) == 10  # every place but the province, which has no list


def test_every_font_is_embedded_and_is_one_of_the_vendored_faces(built: Path) -> None:
    for pdf in sorted(built.glob("*.pdf")):
        rows = poppler("pdffonts", str(pdf)).splitlines()[2:]
        assert rows, pdf
        for row in rows:
            fields = row.split()
            assert fields[-5] == "yes", f"{pdf.name}: font not embedded: {row}"  # the emb column
            assert "Qingdan" in fields[0], f"{pdf.name}: {row}"


def test_the_item_text_is_in_the_pdf(built: Path) -> None:
    text = poppler("pdftotext", str(built / ASSIST_PDF), "-")
    for expected in (
        "向阳社区居民委员会依法协助政府工作事项清单",
        "示东政办发〔2023〕15号",
        "示例市东城区人民政府",
        "施行日期：2023-07-01",
        "事项名称",
        "法律依据",
    ):
        assert expected in text, expected
    assert re.search(r"—\s*1\s*—", text) and re.search(r"—\s*2\s*—", text)  # page numbers as GB/T 9704 has them
    # a long name wraps inside its cell; -raw reads the cells in the order they are written, not line by line
    assert ITEM in re.sub(r"\s+", "", poppler("pdftotext", "-raw", str(built / ASSIST_PDF), "-"))


def test_the_compilation_has_a_cover_contents_and_the_inherited_lists_marked(built: Path) -> None:
    pdf = str(built / "place-980102001001.pdf")
    cover = poppler("pdftotext", "-f", "1", "-l", "1", pdf, "-")
    assert "向阳社区" in cover and "清单汇编" in cover and "示例市东城区向阳街道向阳社区" in cover, cover
    contents = poppler("pdftotext", "-layout", "-f", "2", "-l", "2", pdf, "-")
    assert re.search(r"目\s+录", contents), contents
    assert "一、本级清单" in contents and "二、上级清单（适用于本辖区）" in contents, contents
    line = re.search(r"示例市社区工作负面清单.*．\s*(\d+)\s*（共\s*2\s*页）\s*$", contents, re.M)
    assert line, contents  # its first page in the compilation, and its length
    first = poppler("pdftotext", "-f", line.group(1), "-l", line.group(1), pdf, "-")
    assert "示例市社区工作负面清单" in first and "招商引资任务" in first, first  # the contents point at the right page
    # cover, contents and the 20 pages of the 7 lists (54 while a table row could not break across pages, 48 in
    # 五号 with the GB/T 9704 margins)
    assert "Pages:           22" in poppler("pdfinfo", pdf)
    whole = re.sub(r"\s+", "", poppler("pdftotext", pdf, "-"))
    assert "上级清单中共示例市委组织部示例市民政局发布，适用于向阳社区" in whole  # who issued it, not the place


def normalised_layout(text: str) -> str:
    """pdftotext -layout with the spacing runs reduced: lines, their order and what stands beside what."""
    lines = [re.sub(r" {2,}", "  ", line.strip()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line) + "\n"


def test_page_one_is_laid_out_like_the_golden_copy(built: Path) -> None:
    layout = normalised_layout(
        poppler("pdftotext", "-layout", "-f", "1", "-l", "1", str(built / "city-negative.pdf"), "-")
    )
    golden = GOLDEN / "pdf-city-negative-page1.txt"
    if os.environ.get("QINGDAN_UPDATE_GOLDEN"):
        golden.write_text(layout, encoding="utf-8")
    assert layout == golden.read_text(encoding="utf-8")
    lines = layout.splitlines()
    assert lines[0] == "示例市社区工作负面清单（不应由社区承担的工作事项）"  # the title first
    assert lines[1] == "示民发〔2023〕18号"  # then the 文号
    header = next(line for line in lines if "事项名称" in line)
    assert re.search(r"序.*事项名称.*别名.*类别.*具体情形.*相关部门.*法律依据", header)  # one row, in order
    # the table header repeats on the next page
    page2 = poppler("pdftotext", "-layout", "-f", "2", "-l", "2", str(built / "city-negative.pdf"), "-")
    assert re.search(r"事项名称.*别名.*具体情形", page2), page2


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_page_one_renders_on_a_landscape_a4_page(built: Path, tmp_path: Path) -> None:
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "50",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(built / "city-negative.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    png = (tmp_path / "page.png").read_bytes()
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert abs(width - 585) <= 1 and abs(height - 413) <= 1, (width, height)  # 297 × 210 mm at 50 dpi
    info = poppler("pdfinfo", str(built / ASSIST_PDF))
    assert "A4" in info


def test_two_builds_give_the_same_bytes(built: Path, tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    run = run_qingdan(["build", "--only", "pdf"], repo)  # a new process (another hash seed) than ``built``
    assert run.returncode == 0, run
    again = repo / "_site" / "pdf"
    for pdf in sorted(built.glob("*.pdf")):
        assert (again / pdf.name).read_bytes() == pdf.read_bytes(), pdf.name


def test_markup_in_an_item_name_is_printed_as_written(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    name = '"#set page(width: 2cm) *粗体* $x$ <script>alert(1)</script> \\\\ 事项"'
    rename_item(repo, name)
    run = invoke(["build", "--only", "pdf"], repo)
    assert run.returncode == 0, run
    text = re.sub(r"\s+", "", poppler("pdftotext", str(repo / "_site" / "pdf" / ASSIST_PDF), "-"))
    assert "#setpage(width:2cm)*粗体*$x$<script>alert(1)</script>\\事项" in text, text[:400]


def test_a_character_outside_the_fonts_stops_the_build_and_is_named(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    invoke(["build", "--only", "pdf"], repo)
    before = sorted(p.name for p in (repo / "_site" / "pdf").iterdir())
    rename_item(repo, "協助開展低保對象入戶調查（區）")  # traditional characters: not in GB2312 nor 通用规范汉字表
    run = invoke(["build", "--only", "pdf"], repo)
    assert run.returncode == 2, run
    assert "區（U+5340）" in run.stderr, run
    assert f"{ASSIST}: XY-XZ" in run.stderr and "/ name" in run.stderr, run
    assert "--font-dir" in run.stderr, run
    assert sorted(p.name for p in (repo / "_site" / "pdf").iterdir()) == before  # the earlier output is kept
    english = invoke(["build", "--only", "pdf", "--lang", "en"], repo)
    assert english.returncode == 2 and "the PDF fonts lack" in english.stderr, english


@pytest.mark.skipif(noto_dir() is None, reason="Debian's fonts-noto-cjk is not installed")
def test_font_dir_fills_the_missing_characters(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    rename_item(repo, "協助開展低保對象入戶調查（區）")
    run = invoke(["build", "--only", "pdf", "--font-dir", str(noto_dir())], repo)
    assert run.returncode == 0, run
    pdf = str(repo / "_site" / "pdf" / ASSIST_PDF)
    assert "協助開展低保對象入戶調查（區）" in re.sub(r"\s+", "", poppler("pdftotext", "-raw", pdf, "-"))
    fonts = poppler("pdffonts", pdf)
    assert "NotoSerifCJK" in fonts and "QingdanSerifSC-Regular" in fonts, fonts  # filled per glyph, body stays
    assert all(row.split()[-5] == "yes" for row in fonts.splitlines()[2:]), fonts


def test_a_character_no_font_has_is_named_even_with_font_dir(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    rename_item(repo, "协助开展\U00030000调查")  # CJK extension G: in no font here
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    run = invoke(["build", "--only", "pdf", "--font-dir", str(fonts)], repo)
    assert run.returncode == 2, run
    assert "U+30000" in run.stderr, run


def test_a_missing_font_dir_is_a_usage_error(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    run = invoke(["build", "--only", "pdf", "--font-dir", str(tmp_path / "nowhere")], repo)
    assert run.returncode == 2, run
    assert "字体目录" in run.stderr and "nowhere" in run.stderr, run


def test_the_fixed_words_of_the_pdfs_are_in_the_vendored_fonts() -> None:
    from qingdan.publish import fonts, pdf

    fixed = pdf.TEMPLATE.read_text(encoding="utf-8") + Path(pdf.__file__).read_text(encoding="utf-8")
    lacking = {c for c in fixed if fonts.needs_glyph(c)} - fonts.vendored_charset()
    assert not lacking, "".join(sorted(lacking))
    for hanzi in "堃喆珺昇赟𬌗":  # in names, beyond GB2312, in the 通用规范汉字表
        assert hanzi in fonts.vendored_charset(), hanzi


def renamed_font(source: Path, dest: Path, family: str) -> Path:
    """A copy of ``source`` that calls itself ``family`` (name IDs 1, 4, 6 and 16 rewritten in place, shorter):
    a stand-in for an office's 仿宋, which no free font is."""
    data = bytearray(source.read_bytes())
    tables = int.from_bytes(data[4:6], "big")
    for i in range(tables):
        record = 12 + 16 * i
        if data[record : record + 4] == b"name":
            base = int.from_bytes(data[record + 8 : record + 12], "big")
    count, storage = int.from_bytes(data[base + 2 : base + 4], "big"), int.from_bytes(data[base + 4 : base + 6], "big")
    for n in range(count):
        at = base + 6 + 12 * n
        platform, name_id = int.from_bytes(data[at : at + 2], "big"), int.from_bytes(data[at + 6 : at + 8], "big")
        if name_id in (1, 4, 6, 16):
            new = family.encode("utf-16-be" if platform in (0, 3) else "latin-1")
            length = int.from_bytes(data[at + 8 : at + 10], "big")
            assert len(new) <= length
            offset = base + storage + int.from_bytes(data[at + 10 : at + 12], "big")
            data[offset : offset + len(new)] = new
            data[at + 8 : at + 10] = len(new).to_bytes(2, "big")
    dest.mkdir(parents=True, exist_ok=True)
    out = dest / f"{family}.otf"
    out.write_bytes(bytes(data))
    return out


def test_the_body_is_set_in_fangsong_when_font_dir_has_one(tmp_path: Path) -> None:
    from qingdan.publish.fonts import VENDORED_DIR

    fonts = tmp_path / "fonts"
    renamed_font(VENDORED_DIR / "QingdanSerifSC-Regular.otf", fonts, "FangSong")
    repo = copy_repo(tmp_path / "repo")
    run = invoke(["build", "--only", "pdf", "--font-dir", str(fonts)], repo)
    assert run.returncode == 0, run
    pdf = str(repo / "_site" / "pdf" / ASSIST_PDF)
    used = poppler("pdffonts", pdf)
    assert "FangSong" in used, used  # the body
    assert "QingdanSerifSC-Bold" in used and "QingdanSansSC-Bold" in used, used  # title, table header
    assert "QingdanSerifSC-Regular" not in used, used  # 仿宋 had every glyph: no fallback needed
    assert ITEM in re.sub(r"\s+", "", poppler("pdftotext", "-raw", pdf, "-"))
    # a character neither 仿宋 nor the vendored faces have still stops the build
    rename_item(repo, "協助開展低保對象入戶調查（區）")
    run = invoke(["build", "--only", "pdf", "--font-dir", str(fonts)], repo)
    assert run.returncode == 2 and "區（U+5340）" in run.stderr, run


def test_without_fangsong_the_body_stays_in_the_vendored_serif(built: Path) -> None:
    from qingdan.publish import fonts

    if fonts.fangsong(()) is not None:
        pytest.skip("this machine has a 仿宋 among its system fonts")
    assert "QingdanSerifSC-Regular" in poppler("pdffonts", str(built / ASSIST_PDF))
