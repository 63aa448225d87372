"""How full the PDFs' pages are (issue 16): a table row may break across pages, so no page but the last is left
mostly blank by a long row that did not fit; the carried-over part of a row is marked 续; a section leaves out
the columns it never fills; the pages print the list's own facts and keep the commit to the document properties.

A page's fill is the share of the pixel rows of its type area (between the top and bottom margins of a list's
pages, ``pdf.MARGINS_MM``) that hold any ink, at 50 dpi (``pdftoppm -r 50 -gray``): a table with its vertical rules inks every row it covers.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, invoke
from qingdan.publish.pdf import MARGINS_MM

ASSIST_PDF = "dongcheng-xiangyang-street-xiangyang-assist.pdf"
# Every page but the last. While rows could not break, pages of ASSIST_PDF were 0.60 and 0.67 full, page 1 of
# dongcheng-certificates.pdf 0.58 and the generated list's pages 0.65; now the least is 0.74.
MIN_FILL = 0.7
DPI = 50

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("typst") is None, reason="typst is not installed"),
    pytest.mark.skipif(
        any(shutil.which(t) is None for t in ("pdftoppm", "pdftotext", "pdfinfo")),
        reason="poppler-utils is not installed (apt-get install poppler-utils)",
    ),
]


def page_fills(pdf: Path, tmp: Path) -> list[float]:
    """Per page: the share of the type area's pixel rows with ink (any pixel darker than light grey)."""
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(tmp / "p")], check=True)
    fills = []
    for image in sorted(tmp.glob("p-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        magic, width, height, _, pixels = image.read_bytes().split(maxsplit=4)
        assert magic == b"P5", image
        w, h = int(width), int(height)
        margin = MARGINS_MM[w > h]
        top, bottom = round(margin["top"] * DPI / 25.4), h - round(margin["bottom"] * DPI / 25.4)
        inked = sum(1 for y in range(top, bottom) if min(pixels[y * w : (y + 1) * w]) < 200)
        fills.append(inked / (bottom - top))
        image.unlink()
    return fills


def text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def layout(pdf: Path, page: int | None = None) -> list[str]:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    run = subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True, check=True)
    return run.stdout.splitlines()


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
        env={"GIT_COMMITTER_DATE": "2024-03-01T10:00:00+08:00", "GIT_AUTHOR_DATE": "2024-03-01T10:00:00+08:00"},
    ).stdout


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The example city committed to git and built with --only pdf: the PDF folder and the commit."""
    repo = tmp_path_factory.mktemp("density") / "repo"
    shutil.copytree(REPO / "lists", repo / "lists")
    shutil.copyfile(REPO / "qingdan.toml", repo / "qingdan.toml")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "lists")
    run = invoke(["build", "--only", "pdf,xlsx"], repo)
    assert run.returncode == 0, run
    return repo / "_site" / "pdf", git(repo, "rev-parse", "HEAD").strip()


def test_every_page_of_every_example_list_but_the_last_is_well_filled(
    example: tuple[Path, str], tmp_path: Path
) -> None:
    folder, _ = example
    lists = sorted(p for p in folder.glob("*.pdf") if not p.name.startswith("place-"))
    assert len(lists) == 21
    for pdf in lists:
        fills = page_fills(pdf, tmp_path)
        thin = [(n, round(f, 2)) for n, f in enumerate(fills[:-1], 1) if f < MIN_FILL]
        assert not thin, f"{pdf.name}: pages under {MIN_FILL}: {thin} of {[round(f, 2) for f in fills]}"
    # the longest list of the example (33 items): 17 pages while rows could not break, 13 in 五号 with the GB/T 9704
    # margins, 5 in 小五 with the margins of a table and the column widths fitted to the text
    assist = folder / ASSIST_PDF
    assert len(page_fills(assist, tmp_path)) == 5


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(info.split("Pages:")[1].split()[0])


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc")
def test_the_33_item_lists_print_on_no_more_pages_than_their_workbooks(
    example: tuple[Path, str], tmp_path: Path
) -> None:
    """Issue 16: a list's PDF is no longer than its workbook printed with the page setup the workbook carries (A4,
    fitted to the page width: its text prints at about 8.6 pt, the PDF's table at 9 pt)."""
    folder, _ = example
    slugs = [pdf.stem for pdf in sorted(folder.glob("*-assist.pdf"))]
    assert len(slugs) == 4, slugs  # the three 33-item 协助 lists and 和平社区's of 32
    assert SOFFICE is not None
    workbooks = [str(folder.parent / "xlsx" / f"{slug}.xlsx") for slug in slugs]
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    convert = [SOFFICE, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), *workbooks]
    subprocess.run(convert, check=True, capture_output=True, timeout=300)
    counts = {slug: (pages(folder / f"{slug}.pdf"), pages(tmp_path / f"{slug}.pdf")) for slug in slugs}
    assert all(pdf <= workbook for pdf, workbook in counts.values()), counts  # (PDF, workbook) pages


def test_a_row_carried_over_is_marked_in_its_number_cell(example: tuple[Path, str]) -> None:
    assist = example[0] / ASSIST_PDF
    assert "（续）" not in text(assist, 1)
    lines = [line.strip() for line in layout(assist, 2) if line.strip()]
    header = next(n for n, line in enumerate(lines) if line.startswith("序号"))
    number = lines[header + 1].split()[0]  # the row at the top of page 2 is the last one begun on page 1
    assert number.isdigit() and lines[header + 2].startswith("（续）"), lines[header : header + 3]
    assert any(line.split()[0] == number for line in layout(assist, 1) if line.strip()), number


def test_a_section_leaves_out_the_columns_it_never_fills(example: tuple[Path, str]) -> None:
    pdf = example[0] / "city-certificates.pdf"
    lines = layout(pdf)
    headers = {}  # section heading → the column header line printed under it
    for n, line in enumerate(lines):
        if line.strip() in ("一、不得出具的证明事项", "二、可以出具的证明事项"):
            headers.setdefault(line.strip(), lines[n + 1])
    forbidden, allowed = headers["一、不得出具的证明事项"], headers["二、可以出具的证明事项"]
    assert "替代方式" in forbidden and "办理用途" not in forbidden and "核实方式" not in forbidden, forbidden
    assert "办理用途" in allowed and "核实方式" in allowed and "替代方式" not in allowed, allowed


def test_the_pages_print_the_lists_facts_and_the_commit_only_in_the_properties(example: tuple[Path, str]) -> None:
    folder, commit = example
    page1 = re.sub(r"\s+", "", text(folder / ASSIST_PDF, 1))
    for fact in ("示例市东城区人民政府", "示东政办发〔2023〕15号", "施行日期：2023-07-01", "数据日期：2024-03-01"):
        assert page1.count(fact) >= 2, fact  # under the title and in the footer
    last = re.sub(r"\s+", "", text(folder / ASSIST_PDF, 5))
    for fact in ("示例市东城区人民政府", "施行日期：2023-07-01", "数据日期：2024-03-01"):
        assert fact in last, fact  # the footer of every page
    cover = re.sub(r"\s+", "", text(folder / "place-980102001001.pdf", 1))
    assert "数据日期：2024-03-01" in cover, cover
    for pdf in sorted(folder.glob("*.pdf")):
        assert commit[:7] not in text(pdf), pdf.name
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert f"commit {commit[:10]}" in info, (pdf.name, info)


def long_list(items: int) -> str:
    """A city negative list of ``items`` items whose 法律依据 cells run to a dozen lines."""
    laws = [
        "《中华人民共和国城市居民委员会组织法》第三条",
        "《中共中央办公厅 国务院办公厅关于持续深化社区减负增效工作的若干措施》",
        "《关于改进和规范基层群众性自治组织出具证明工作的指导意见》（民发〔2020〕20号）",
        "《示例市社区工作事项准入管理办法》第八条、第九条",
        "《国务院关于加强和完善城乡社区治理的意见》",
    ]
    lines = [
        "format: 1",
        "kind: negative",
        'jurisdiction: "980100000000"',
        "title: 示例市社区不应承担的工作事项清单",
        "issuer: 示例市民政局",
        "doc_number: 示民发〔2024〕3号",
        'effective: "2024-03-01"',
        "items:",
    ]
    for n in range(1, items + 1):
        basis = laws[: 2 + n % 4] * (1 + n % 2)
        lines += [
            f"  - id: NEG-{n:03d}",
            f"    name: 第{n}类不应由社区承担的{'专项' * (n % 3)}工作",
            "    category: 行政事务",
            f"    content: 由职能部门自行办理的第{n}类事项，{'不得以考核、评比等方式转交社区，' * (1 + n % 3)}确需协助的按准入程序办理。",
            "    legal_basis:",
            *(f"      - {law}" for law in basis),
        ]
    return "\n".join(lines) + "\n"


def test_a_generated_40_item_list_with_long_legal_basis_fills_its_pages(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "lists").mkdir(parents=True)
    shutil.copyfile(
        Path(__file__).parent / "examples" / "base" / "lists" / "jurisdictions.yaml",
        repo / "lists" / "jurisdictions.yaml",
    )
    (repo / "lists" / "negative.yaml").write_text(long_list(40), encoding="utf-8")
    run = invoke(["build", "--only", "pdf"], repo)
    assert run.returncode == 0, run
    pdf = repo / "_site" / "pdf" / "negative.pdf"
    fills = page_fills(pdf, tmp_path)
    assert len(fills) >= 5, fills
    thin = [(n, round(f, 2)) for n, f in enumerate(fills[:-1], 1) if f < MIN_FILL]
    assert not thin, f"pages under {MIN_FILL}: {thin} of {[round(f, 2) for f in fills]}"
    carried = [n for n in range(2, len(fills) + 1) if "（续）" in text(pdf, n)]
    assert carried, "no row was marked as carried over"
