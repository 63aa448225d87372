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
