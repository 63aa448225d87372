"""The built site as a screen-reader, keyboard and phone user meets it, in headless Chromium (Selenium): every
page type passes axe-core with no serious or critical violation at 1280 and 390 px; a place page opens with a
contents box whose links all land; on a phone the statistics' labels stay readable, their table headers break
between words, and a place title never breaks inside a place name; the index's finder works from the keyboard
and says its answer in a live region; a skip link leads past the header. Screenshots go to the test's tmp folder.

axe-core is the npm package pinned in .ci/tools (``npm ci --prefix .ci/tools``, which .ci/run does); without it
the axe test is skipped, saying so. Needs Debian's chromium and chromium-driver like tests/test_site_browser.py."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, invoke, need_browser

need_browser()

AXE = REPO / ".ci" / "tools" / "node_modules" / "axe-core" / "axe.min.js"
COMMUNITY = "place/980102001001.html"  # 向阳社区: its own lists and the city's and district's
STREET = "place/980102001000.html"  # 向阳街道: a street with communities below it
WIDTHS = (1280, 390)


def _git(repo: Path, *args: str) -> None:
    day = "2026-05-20T10:00:00+08:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day}
    env.update({"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"})
    env.update({"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example lists in git with two commits (so the statistics page draws its trend charts too)."""
    repo = tmp_path_factory.mktemp("a11y") / "repo"
    shutil.copytree(REPO / "lists", repo / "lists")
    shutil.copyfile(REPO / "qingdan.toml", repo / "qingdan.toml")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "lists")
    path = repo / "lists" / "city" / "negative.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.rindex("\n  - ")] + "\n", encoding="utf-8")  # the last item goes
    _git(repo, "commit", "-q", "-am", "one item fewer")
    run = invoke(["build", "--only", "html"], repo)
    assert run.returncode == 0, run
    return repo / "_site" / "site"


def _open(browser: Any, site: Path, page: str, width: int) -> None:
    browser.set_window_size(width, 900)
    browser.get((site / page).as_uri())


def _axe(browser: Any) -> list[dict[str, Any]]:
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    script = (
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({"
        "id: v.id, impact: v.impact, help: v.help,"
        "nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + (n.failureSummary || ''))}))));"
    )
    found: list[dict[str, Any]] = browser.execute_async_script(script)
    return found


def _type(browser: Any, element_id: str, text: str) -> Any:
    from selenium.webdriver.common.by import By

    box = browser.find_element(By.ID, element_id)
    box.send_keys(text)
    return box


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not installed (npm ci --prefix .ci/tools)")
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("page", "typed"),
    [
        ("index.html", ""),
        ("index.html", "place-q=xysq"),  # the finder with its answer shown
        (COMMUNITY, ""),
        (STREET, ""),
        ("stats.html", ""),
        ("search.html", "q=收入证明"),  # a verdict with its alternative route
        ("list/city-negative.html", ""),
    ],
)
def test_every_page_type_passes_axe(browser: Any, site: Path, page: str, typed: str, width: int) -> None:
    """No serious or critical axe-core violation; the others are listed in the message when this fails."""
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_script_timeout(30)
    _open(browser, site, page, width)
    if typed:
        element_id, text = typed.split("=", 1)
        _type(browser, element_id, text)
        WebDriverWait(browser, 5).until(lambda b: b.execute_script("return document.querySelector('main').innerText"))
    violations = _axe(browser)
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, "\n".join(f"{v['impact']} {v['id']}: {v['help']}\n  " + "\n  ".join(v["nodes"]) for v in violations)


def test_a_place_page_opens_with_a_contents_box_whose_links_all_land(browser: Any, site: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, site, COMMUNITY, 390)
    browser.save_screenshot(str(tmp_path / "place-390.png"))
    toc = browser.find_element(By.CSS_SELECTOR, "nav.toc")
    assert toc.find_element(By.TAG_NAME, "h2").text == "目录"
    first_list = browser.find_element(By.CSS_SELECTOR, "section.document")
    assert toc.location["y"] < first_list.location["y"] < 1.5 * 900 + toc.size["height"], "the box is at the top"
    links = toc.find_elements(By.CSS_SELECTOR, "a[href^='#']")
    targets = [a.get_attribute("href").split("#", 1)[1] for a in links]
    assert "city-certificates" in targets and "city-certificates_1" in targets, targets  # a list and its 不得出具 part
    missing = [t for t in targets if not browser.find_elements(By.ID, t)]
    assert not missing, missing
    sections = [a.text for a in toc.find_elements(By.CSS_SELECTOR, ".toc-sections a")]
    assert "一、不得出具的证明事项" in sections, sections
    toc.find_element(By.CSS_SELECTOR, "a[href='#city-certificates_1']").click()
    heading = browser.find_element(By.ID, "city-certificates_1")
    assert (
        heading.text == "一、不得出具的证明事项"
        and 0 <= heading.location["y"] - browser.execute_script("return window.scrollY") < 100
    ), "the link scrolls its section to the top"


def test_on_a_phone_the_stats_labels_are_readable_and_headers_break_between_words(
    browser: Any, site: Path, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, site, "stats.html", 390)
    browser.save_screenshot(str(tmp_path / "stats-390.png"))
    labels = browser.find_elements(By.CSS_SELECTOR, ".bars tbody th, .bars .bar-value")
    sizes = {label.text: float(label.value_of_css_property("font-size").removesuffix("px")) for label in labels}
    assert "社区村级" in sizes and min(sizes.values()) >= 12, sizes
    overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"
    # each header of the level × kind table: at most one word a line (证明 / 事项 / 清单), never 证 / 明 / 事 / 项 …
    lines = browser.execute_script(
        "return Array.from(document.querySelectorAll('table.matrix:not(.trend-table) thead th')).map(th => {"
        "const r = document.createRange(); r.selectNodeContents(th);"
        "const tops = new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top)));"
        "return [th.textContent, tops.size]; })"
    )
    assert dict(lines) == {"层级": 1, "职责清单": 2, "负面清单": 2, "证明事项清单": 3, "用章范围": 2, "准入记录": 2}, (
        lines
    )


def test_on_a_phone_a_place_title_breaks_between_place_names(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, site, COMMUNITY, 390)
    names = browser.find_elements(By.CSS_SELECTOR, "h1.place-title .name")
    assert [n.text for n in names] == ["示例市", "东城区", "向阳街道", "向阳社区"], [n.text for n in names]
    heights = {n.text: n.size["height"] for n in names}
    line = min(heights.values())
    assert max(heights.values()) < 1.5 * line, f"a name is split over two lines: {heights}"


def test_the_finder_works_from_the_keyboard_and_says_its_answer(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, site, "index.html", 390)
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)  # the first Tab reaches the skip link, Enter moves on to the page's content
    assert browser.switch_to.active_element.text == "跳到正文"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "main_content"
    box = _type(browser, "place-q", "gmsq")
    status = browser.find_element(By.ID, "place-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    said = status.get_attribute("textContent")
    assert said.startswith("找到 1 个区划，第一个是光明社区") and said.endswith("按回车键打开"), said
    box.send_keys(Keys.TAB)  # from the box, Tab goes to the first place found
    assert browser.switch_to.active_element.text == "光明社区"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert browser.title.startswith("光明社区 — "), browser.title
    browser.back()
    box = browser.find_element(By.ID, "place-q")
    box.clear()
    box.send_keys("火星")
    said = browser.find_element(By.ID, "place-status").get_attribute("textContent")
    assert said == "没有找到名称或拼音为“火星”的区划", said


@pytest.mark.parametrize("page", ["index.html", COMMUNITY, "stats.html"])
@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots(browser: Any, site: Path, page: str, width: int, tmp_path: Path) -> None:
    """Whole-page screenshots to look at (kept in the tmp folder); on a phone no page scrolls sideways."""
    _open(browser, site, page, width)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(width, min(int(height), 5000))
    shot = tmp_path / f"{Path(page).stem}-{width}.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    assert browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth") <= 0
