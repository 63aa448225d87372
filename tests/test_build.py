"""``qingdan build``: the static site, determinism, atomic output, overrides, refusals (driven through the CLI)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, invoke, run_qingdan

LIST = "lists/dongcheng/xiangyang-street/xiangyang/assist.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the example list repository."""
    dest = tmp_path / "repo"
    shutil.copytree(REPO / "lists", dest / "lists")
    shutil.copyfile(REPO / "qingdan.toml", dest / "qingdan.toml")
    return dest


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_site_has_a_page_per_list_and_place_and_the_search_and_stats_pages(repo: Path) -> None:
    run = invoke(["build", "--only", "html"], repo)
    assert run.returncode == 0, run
    site = repo / "_site" / "site"
    assert "网站：" in run.stdout and "_site/site/index.html" in run.stdout, run
    assert len(list((site / "list").glob("*.html"))) == 21, run
    assert len(list((site / "place").glob("*.html"))) == 11, run
    page = (site / "list" / "dongcheng-xiangyang-street-xiangyang-assist.html").read_text(encoding="utf-8")
    for text in (
        "向阳社区居民委员会依法协助政府工作事项清单",
        "示东政办发〔2023〕15号",
        "示例市东城区人民政府",
        "2023-07-01",
        "2023版",
        "协助开展最低生活保障对象入户调查和动态管理",
        '<th class="col-legal_basis"',
    ):
        assert text in page, text
    place = (site / "place" / "980102001001.html").read_text(encoding="utf-8")
    assert "继承自示例市" in place and "示例市社区工作负面清单" in place  # the city's negative list applies here
    assert "http://" not in page + place and "https://" not in page + place  # nothing from the network
    stats = (site / "stats.html").read_text(encoding="utf-8")
    assert '<table class="bars">' in stats and "467" in stats
    index = (site / "assets" / "search-index.js").read_text(encoding="utf-8")
    data = json.loads(index.split("=", 1)[1].rstrip().rstrip(";"))
    assert data["t2s"].get("屬") == "属" and "980100000000" in data["sharded"]
    # the items of each jurisdiction are in a file of their own, loaded for the chosen place's chain only
    shard = (site / "assets" / "search" / "980100000000.js").read_text(encoding="utf-8")
    city = json.loads(shard.split("] = ", 1)[1].rstrip().rstrip(";"))
    income = next(i for i in city["items"] if "收入证明" in i.get("a", []))
    assert income["s"] == "forbidden" and income["alt"], income
    front = (repo / "_site" / "index.html").read_text(encoding="utf-8")  # Pages serve the whole output folder
    assert "url=site/index.html" in front and 'href="site/index.html"' in front


def test_script_in_an_item_name_is_shown_as_text(repo: Path) -> None:
    path = repo / LIST
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "name: 协助开展最低生活保障对象入户调查和动态管理",
            'name: "<script>alert(1)</script>协助开展低保入户调查"',
            1,
        ),
        encoding="utf-8",
    )
    run = invoke(["build", "--only", "html"], repo)
    assert run.returncode == 0, run
    site = repo / "_site" / "site"
    for page in (
        site / "list" / "dongcheng-xiangyang-street-xiangyang-assist.html",
        site / "place" / "980102001001.html",
    ):
        html = page.read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;协助开展低保入户调查" in html
        assert "<script>alert" not in html


def test_two_builds_are_byte_identical(repo: Path, tmp_path: Path) -> None:
    first = invoke(["build", "--out", str(tmp_path / "one")], repo)
    second = run_qingdan(["build", "--out", str(tmp_path / "two")], repo)  # a new process: another hash seed
    assert first.returncode == 0 and second.returncode == 0, (first, second)
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert {name.split("/")[0] for name in one} >= {"site", "xlsx"}, sorted(one)[:5]
    assert one == two, [n for n in one if one[n] != two.get(n)][:10]


def test_a_list_edited_after_a_build_shows_in_the_next_one_as_a_build_without_the_cache_writes_it(
    repo: Path, tmp_path: Path
) -> None:
    """The second build takes the lists that did not change from what the first one read (.qingdan-cache/) and
    reads the edited one again: its pages and workbook say what the file now says, byte for byte as a build that
    reads every file."""
    assert invoke(["build", "--only", "html,xlsx"], repo).returncode == 0
    path = repo / LIST
    before = "邻里访问"
    text = path.read_text(encoding="utf-8")
    assert before in text
    path.write_text(text.replace(before, "邻里访问、电话回访", 1), encoding="utf-8")
    run = invoke(["build", "--only", "html,xlsx"], repo)
    assert run.returncode == 0, run
    page = (repo / "_site" / "site" / "list" / "dongcheng-xiangyang-street-xiangyang-assist.html").read_text("utf-8")
    assert "邻里访问、电话回访" in page
    place = (repo / "_site" / "site" / "place" / "980102001001.html").read_text(encoding="utf-8")
    assert "邻里访问、电话回访" in place
    fresh = invoke(["build", "--only", "html,xlsx", "--no-cache", "--out", str(tmp_path / "fresh")], repo)
    assert fresh.returncode == 0, fresh
    built, expected = snapshot(repo / "_site"), snapshot(tmp_path / "fresh")
    assert built == expected, [n for n in expected if built.get(n) != expected[n]][:10]


def test_failed_validation_leaves_the_previous_output_untouched(repo: Path) -> None:
    assert invoke(["build", "--only", "html"], repo).returncode == 0
    before = snapshot(repo / "_site")
    path = repo / LIST
    path.write_text(path.read_text(encoding="utf-8").replace("id: XY-XZ-002", "id: XY-XZ-001", 1), encoding="utf-8")
    run = invoke(["build", "--only", "html"], repo)
    assert run.returncode == 1, run
    assert "duplicate-id" in run.stdout and "原有的输出保持不变" in run.stderr, run
    assert snapshot(repo / "_site") == before
    assert not [p for p in repo.iterdir() if p.name.startswith("._site")]  # no temporary folder left behind


def test_building_one_format_keeps_the_others(repo: Path) -> None:
    assert invoke(["build", "--only", "html,xlsx"], repo).returncode == 0
    workbooks = snapshot(repo / "_site" / "xlsx")
    run = invoke(["build", "--only", "html"], repo)
    assert run.returncode == 0, run
    assert snapshot(repo / "_site" / "xlsx") == workbooks
    page = (repo / "_site" / "site" / "list" / "city-negative.html").read_text(encoding="utf-8")
    assert 'href="../../xlsx/city-negative.xlsx"' in page


def test_a_folder_that_is_not_build_output_is_never_replaced(repo: Path, tmp_path: Path) -> None:
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "report.docx").write_bytes(b"keep me")
    run = invoke(["build", "--only", "html", "--out", str(mine)], repo)
    assert run.returncode == 2 and "不是 qingdan build 生成的" in run.stderr, run
    assert [p.name for p in mine.iterdir()] == ["report.docx"]


def test_unknown_format_is_a_usage_error(repo: Path) -> None:
    run = invoke(["build", "--only", "html,odt", "--lang", "en"], repo)
    assert run.returncode == 2 and "odt" in run.stderr and "docx" in run.stderr and "Traceback" not in run.stderr, run


def test_pdf_requested_without_the_extra_is_exit_2_with_a_clear_message(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "typst", None)  # import typst fails as without the pdf extra
    run = invoke(["build", "--only", "pdf"], repo)
    assert run.returncode == 2 and "qingdan[pdf]" in run.stderr, run


def test_pdf_left_out_with_a_note_when_not_requested_and_missing(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "typst", None)
    run = invoke(["build"], repo)
    assert run.returncode == 0 and "未生成 PDF" in run.stdout, run
    assert (repo / "_site" / "site" / "index.html").is_file() and not (repo / "_site" / "pdf").exists()


def test_a_repository_template_overrides_the_packaged_one(repo: Path) -> None:
    override = repo / "templates" / "site" / "_header.html.j2"
    override.parent.mkdir(parents=True)
    override.write_text('<h1 class="custom">{{ lst.title }}（本地模板）</h1>\n', encoding="utf-8")
    run = invoke(["build", "--only", "html"], repo)
    assert run.returncode == 0, run
    page = (repo / "_site" / "site" / "list" / "city-negative.html").read_text(encoding="utf-8")
    assert re.search(r'<h1 class="custom">示例市社区工作负面清单.*（本地模板）</h1>', page), page[:2000]


def test_a_character_no_font_has_stops_the_pdf_build_naming_it(repo: Path) -> None:
    pytest.importorskip("typst", reason="the pdf extra (typst) is not installed")
    assert invoke(["build", "--only", "html"], repo).returncode == 0
    before = snapshot(repo / "_site")
    path = repo / LIST
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "name: 协助开展最低生活保障对象入户调查和动态管理", "name: 协助开展𠀾最低生活保障对象入户调查和动态管理", 1
        ),
        encoding="utf-8",
    )
    run = invoke(["build"], repo)
    assert run.returncode == 2, run
    assert "𠀾" in run.stderr and "U+2003E" in run.stderr and "XY-XZ-001" in run.stderr, run
    assert "--font-dir" in run.stderr and "--only html,xlsx" in run.stderr, run  # both ways out are named
    assert snapshot(repo / "_site") == before
    assert invoke(["build", "--only", "html,xlsx"], repo).returncode == 0  # publishing without PDFs still works


def test_site_title_and_workbook_font_come_from_qingdan_toml(repo: Path) -> None:
    import openpyxl

    config = repo / "qingdan.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[build]\ntitle = "示例市社区工作清单公示"\nxlsx_font = "仿宋"\n',
        encoding="utf-8",
    )
    run = invoke(["build", "--only", "html,xlsx"], repo)
    assert run.returncode == 0, run
    assert "<title>示例市社区工作清单公示" in (repo / "_site" / "site" / "index.html").read_text(encoding="utf-8")
    book = openpyxl.load_workbook(repo / "_site" / "xlsx" / "city-negative.xlsx")
    assert book.active.cell(4, 2).font.name == "仿宋"
    config.write_text(
        config.read_text(encoding="utf-8").replace('xlsx_font = "仿宋"', "xlsx_font = 3"), encoding="utf-8"
    )
    bad = invoke(["build", "--only", "html"], repo)
    assert bad.returncode == 2 and "build.xlsx_font" in bad.stderr, bad


def test_places_link_their_compilation_and_the_footer_gives_the_data_date(repo: Path) -> None:
    """A resident reaches the place's compilation PDF and the workbook of all lists from the site; the footer
    says how recent the data is (the lists' last commit), the commit only as the date's tooltip."""
    import os
    import subprocess

    env = {**os.environ, "GIT_COMMITTER_DATE": "2026-03-02T10:00:00", "GIT_AUTHOR_DATE": "2026-03-02T10:00:00"}
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "x"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env)
    run = invoke(["build", "--only", "html,xlsx"], repo)
    assert run.returncode == 0, run
    site = repo / "_site" / "site"
    place = (site / "place" / "980102001001.html").read_text(encoding="utf-8")
    assert '<a href="../../xlsx/all.xlsx">' in place and "汇编 PDF" not in place, place  # no PDF was built
    assert (site / "place" / "../../xlsx/all.xlsx").resolve().is_file()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="../xlsx/all.xlsx">' in index
    footer = re.search(r'数据截至 <time datetime="(\S+)" title="数据版本 ([0-9a-f]+)">(\S+)</time>', index)
    assert footer is not None and footer.group(1) == footer.group(3) == "2026-03-02", index[-400:]


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_a_site_written_on_both_cores_is_the_one_written_on_one(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large site is written by two processes (publish.site.PAGES_BESIDE): a forked copy writes the scripts, and
    both take pages as they are free: the same files, byte for byte, as one process writes."""
    from qingdan import parallel
    from qingdan.publish import site

    one = invoke(["build", "--only", "html", "--no-cache", "--out", str(tmp_path / "one")], repo)
    monkeypatch.setattr(site, "PAGES_BESIDE", 2)
    answers: list[bytes | None] = []
    real = parallel.beside

    def beside(child: Any, own: Any) -> Any:
        sent, mine = real(child, own)
        answers.append(sent)
        return sent, mine

    monkeypatch.setattr(parallel, "beside", beside)
    both = invoke(["build", "--only", "html", "--no-cache", "--out", str(tmp_path / "both")], repo)
    assert one.returncode == both.returncode == 0, both
    pages = _tree(tmp_path / "one" / "site")
    assert len([n for n in pages if n.startswith(("list/", "place/"))]) > 20
    assert _tree(tmp_path / "both" / "site") == pages
    assert len(answers) == 1 and answers[0] is not None  # the copy wrote its part (None: this process did)


def test_pages_a_dying_copy_took_are_written_by_the_main_process(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The forked copy takes pages and dies on its third (a full disk, a kill): the pages it took and never wrote,
    and the scripts, are written by the main process; the site is the one one process writes."""
    import os
    import select

    from qingdan import parallel
    from qingdan.publish import site

    one = invoke(["build", "--only", "html", "--no-cache", "--out", str(tmp_path / "one")], repo)
    monkeypatch.setattr(site, "PAGES_BESIDE", 2)
    answers: list[bytes | None] = []
    taken: list[int] = []  # shares (here: pages) the main process took
    real = parallel.beside
    died_read, died_write = os.pipe()  # the copy says here that it took three pages and is dying

    def beside(child: Any, own: Any) -> Any:
        def dying() -> bytes:  # runs in the copy: its own _Writer.write, the main process keeps the real one
            pages = 0
            write = site._Writer.write

            def failing(self: Any, name: str, text: str) -> None:
                nonlocal pages
                if name.startswith(("list/", "place/")):
                    pages += 1
                    if pages == 3:
                        os.write(died_write, b"x")
                        raise OSError(28, "No space left on device")
                write(self, name, text)

            site._Writer.write = failing  # type: ignore[method-assign]
            return bytes(child())

        def late() -> Any:  # this process takes pages only once the copy has taken three
            assert select.select([died_read], [], [], 120)[0], "the copy never took three pages"
            return own()

        sent, mine = real(dying, late)
        answers.append(sent)
        taken.append(len(mine))
        return sent, mine

    monkeypatch.setattr(parallel, "beside", beside)
    both = invoke(["build", "--only", "html", "--no-cache", "--out", str(tmp_path / "both")], repo)
    assert one.returncode == both.returncode == 0, both
    pages = _tree(tmp_path / "one" / "site")
    os.close(died_read)
    os.close(died_write)
    assert answers == [None] and taken[0] <= len([n for n in pages if n.startswith(("list/", "place/"))]) - 3
    assert _tree(tmp_path / "both" / "site") == pages
