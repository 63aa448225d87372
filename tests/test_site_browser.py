"""The built site in a real browser (headless Chromium through Selenium), opened from files as from a share:
the search page answers for a name, an alias, a traditional-character spelling and an unlisted certificate;
an item name with ``<script>`` reads as text. Screenshots are kept in the test's tmp folder.

Needs Debian's ``chromium`` and ``chromium-driver`` and the ``selenium`` package (the test extra); skipped with
the reason otherwise. ``.ci/run`` installs them."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, invoke, need_browser

need_browser()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("browser") / "repo"
    shutil.copytree(REPO / "lists", repo / "lists")
    shutil.copyfile(REPO / "qingdan.toml", repo / "qingdan.toml")
    path = repo / "lists" / "city" / "negative.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "name: 招商引资任务", "name: \"<script>document.title='hacked'</script>招商引资任务\"", 1
        ),
        encoding="utf-8",
    )
    run = invoke(["build", "--only", "html"], repo)
    assert run.returncode == 0, run
    return repo / "_site" / "site"


def search(browser: Any, site: Path, text: str) -> str:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get((site / "search.html").as_uri())
    box = browser.find_element(By.ID, "q")
    box.clear()
    box.send_keys(text)  # typed key by key: the page answers on every input event
    verdict = browser.find_element(By.ID, "verdict")
    WebDriverWait(browser, 5).until(lambda _: verdict.text.strip())
    return str(verdict.text)


def test_a_certificate_name_gets_a_verdict(browser: Any, site: Path, tmp_path: Path) -> None:
    verdict = search(browser, site, "居住情况证明")
    browser.save_screenshot(str(tmp_path / "search-name.png"))
    assert verdict.startswith("可以出具"), verdict
    assert "示例市基层群众性自治组织出具证明事项清单" in verdict


def test_an_alias_finds_the_forbidden_certificate_and_the_alternative_route(
    browser: Any, site: Path, tmp_path: Path
) -> None:
    verdict = search(browser, site, "收入证明")
    browser.save_screenshot(str(tmp_path / "search-alias.png"))
    assert (tmp_path / "search-alias.png").stat().st_size > 10_000
    assert verdict.startswith("不得出具"), verdict
    assert "居民财产证明" in verdict and "替代方式" in verdict and "不动产登记机构" in verdict, verdict


def test_traditional_characters_and_spaces_match_too(browser: Any, site: Path) -> None:
    verdict = search(browser, site, "親屬 關係證明")
    assert verdict.startswith("不得出具") and "亲属关系证明" in verdict, verdict


def test_an_unlisted_certificate_says_so(browser: Any, site: Path) -> None:
    verdict = search(browser, site, "火星居留证明")
    assert verdict.startswith("未列入清单"), verdict


def test_script_in_an_item_name_is_shown_not_run(browser: Any, site: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get((site / "list" / "city-negative.html").as_uri())
    browser.save_screenshot(str(tmp_path / "list.png"))
    name = browser.find_element(By.CSS_SELECTOR, "#item-SZ-FM-001 td.col-name").text
    assert name == "<script>document.title='hacked'</script>招商引资任务", name
    assert browser.title != "hacked"


def test_index_lists_every_jurisdiction_as_a_tree(browser: Any, site: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get((site / "index.html").as_uri())
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(int(height), 4000))
    browser.save_screenshot(str(tmp_path / "index.png"))
    browser.set_window_size(1280, 900)
    places = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".tree a.place")]
    assert places[:3] == ["示例省", "示例市", "东城区"] and "新华社区" in places, places
    nested = browser.find_elements(By.CSS_SELECTOR, ".level-street .level-community > a.place")
    assert {a.text for a in nested} == {"向阳社区", "光明社区", "和平社区", "新华社区"}


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("向阳社", "向阳社区"),
        ("xysq", "向阳社区"),
        ("xiangyang", "向阳街道"),
        ("和平", "和平街道"),
        ("HPSQ", "和平社区"),
    ],
)
def test_a_resident_finds_their_community_from_the_index(browser: Any, site: Path, typed: str, first: str) -> None:
    """The index's finder: a name, its pinyin or its pinyin initials give the place as the first link; Enter
    opens it (one step from the front page)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get((site / "index.html").as_uri())
    box = browser.find_element(By.ID, "place-q")
    box.send_keys(typed)
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#place-hits a"))
    link = browser.find_element(By.CSS_SELECTOR, "#place-hits a")
    assert link.text == first, browser.find_element(By.ID, "place-hits").text
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "/place/" in b.current_url)
    assert browser.title.startswith(first + " — "), browser.title


def test_the_finder_says_when_nothing_matches(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get((site / "index.html").as_uri())
    browser.find_element(By.ID, "place-q").send_keys("火星")
    assert browser.find_element(By.ID, "place-hits").text == "没有找到名称或拼音为“火星”的区划"


def test_the_finder_works_over_a_thousand_communities(browser: Any, site: Path) -> None:
    """A city's worth of places (1,000 communities) filtered by the page's own function."""
    rows = [
        [f"98010200{n:04d}", f"第{n}社区", "社区村级", "示例市 › 东城区", f"di{n}shequ", f"d{n}sq"] for n in range(1000)
    ]
    browser.get((site / "index.html").as_uri())
    found = browser.execute_script(
        "window.QINGDAN_PLACES.push.apply(window.QINGDAN_PLACES, arguments[0]);"
        "return [window.QINGDAN_FIND_PLACE('第1').length, window.QINGDAN_FIND_PLACE('第999社区')[0][1]];",
        rows,
    )
    assert found == [111, "第999社区"], found  # 第1, 第10…第19, 第100…第199: all of them, the exact name first
