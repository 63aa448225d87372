"""The counter-question corpus (tests/examples/find/questions.yaml): every question answered correctly by
``qingdan find --format json`` and by the built site's search page in headless Chromium — the same answer,
the same deciding item, the same grade. A containment, typo or similar match never gives a verdict."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, invoke, run_qingdan

CORPUS = EXAMPLES / "find"
QUESTIONS: list[dict[str, Any]] = yaml.safe_load((CORPUS / "questions.yaml").read_text(encoding="utf-8"))["questions"]
CATEGORIES_MIN = 80


def _ask(repo: Path, question: dict[str, Any]) -> dict[str, Any]:
    """``qingdan find QUERY --in PLACE --format json`` through the CLI entry point (in-process)."""
    run = invoke(["find", question["query"], "--in", question["place"], "-f", "json"], repo)
    assert run.returncode in (0, 1), run
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def _summary(answer: str, matches: list[dict[str, Any]], since: str | None, until: str | None) -> dict[str, Any]:
    deciding = [m for m in matches if m["decides"]]
    if answer == "forbidden":
        deciding = [m for m in deciding if m["stance"] == "forbidden"]
    first = (deciding or matches or [{}])[0]
    return {"answer": answer, "id": first.get("id"), "how": first.get("how"), "since": since, "until": until}


def _expected(q: dict[str, Any]) -> dict[str, Any]:
    return {
        "answer": q["answer"],
        "id": q.get("id"),
        "how": q.get("how"),
        "since": q.get("since"),
        "until": q.get("until"),
    }


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("find-corpus") / "repo"
    shutil.copytree(CORPUS / "repo", root)
    return root


@pytest.fixture(scope="module")
def cli_answers(repo: Path) -> list[dict[str, Any]]:
    out = []
    for q in QUESTIONS:
        data = _ask(repo, q)
        summary = _summary(data["answer"], data["matches"], data["since"], data["until"])
        if q.get("id") is None:
            summary["id"] = summary["how"] = None
        out.append(summary)
    return out


def test_the_corpus_is_large_and_covers_every_kind_of_question() -> None:
    assert len(QUESTIONS) >= CATEGORIES_MIN
    answers = {q["answer"] for q in QUESTIONS}
    grades = {q.get("how") for q in QUESTIONS}
    assert answers == {"forbidden", "allowed", "unknown", "unlisted"}
    assert {"name", "alias", "core", "synonym", "contains", "typo"} <= grades


@pytest.mark.parametrize("n", range(len(QUESTIONS)), ids=[f"{q['place']}:{q['query']}" for q in QUESTIONS])
def test_find_answers_the_question(n: int, cli_answers: list[dict[str, Any]]) -> None:
    q = QUESTIONS[n]
    expected = _expected(q)
    if q.get("id") is None:
        expected["id"] = expected["how"] = None
    assert cli_answers[n] == expected, q


def test_a_hint_is_never_a_verdict(cli_answers: list[dict[str, Any]]) -> None:
    for q, got in zip(QUESTIONS, cli_answers, strict=True):
        if got["how"] in ("contains", "typo", "similar"):
            assert got["answer"] == "unknown", q


def test_the_exit_code_says_whether_anything_was_found(repo: Path) -> None:
    found = run_qingdan(["find", "死亡证明", "--in", "新华社区"], repo)
    assert found.returncode == 0 and "不能据此答复" in found.stdout and "非正常死亡证明" in found.stdout, found
    assert "不得" not in found.stdout.splitlines()[0], found
    nothing = run_qingdan(["find", "火星探测许可", "--in", "向阳社区"], repo)
    assert nothing.returncode == 1 and "没有找到" in nothing.stdout and "请核对" not in nothing.stdout, nothing
    later = run_qingdan(["find", "协助开展就业困难人员摸排登记", "--in", "向阳社区"], repo)
    assert "自 2099-02-01 起可以" in later.stdout.splitlines()[0], later


# --- the same questions through the built site's search page --------------------------------------------------


READY = "return window.QINGDAN_READY(arguments[0])"


@pytest.fixture(scope="module")
def site_answers(repo: Path, browser: Any) -> list[dict[str, Any]]:
    run = run_qingdan(["build", "--only", "html"], repo)
    assert run.returncode == 0, run
    browser.get((repo / "_site" / "site" / "search.html").as_uri())
    codes = {p["name"]: p["code"] for p in browser.execute_script("return window.QINGDAN_SEARCH.places")}
    out = []
    from selenium.webdriver.support.ui import WebDriverWait

    for q in QUESTIONS:
        # The page itself: choose the place (its chain's index files load), type the text (one input event,
        # as a paste), read what it shows.
        code = codes[q["place"]]
        browser.execute_script(
            "const s = document.getElementById('place'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));",
            code,
        )
        WebDriverWait(browser, 10).until(lambda b, code=code: b.execute_script(READY, code))
        shown = browser.execute_script(
            """
            const [place, text] = arguments;
            const input = document.getElementById('q');
            input.value = text; input.dispatchEvent(new Event('input'));
            const box = document.querySelector('#verdict .answer');
            const related = [...document.querySelectorAll('#results li[data-id]')];
            const found = window.QINGDAN_FIND(text, window.QINGDAN_SEARCH.places.find(p => p.code === place));
            return {answer: box ? box.dataset.answer : null, id: box && box.dataset.id || null,
                    how: box && box.dataset.how || null, text: box ? box.textContent : '',
                    first: related.length ? [related[0].dataset.id, related[0].dataset.how] : null,
                    since: found ? found.since || null : null, until: found ? found.until || null : null};
            """,
            codes[q["place"]],
            q["query"],
        )
        if shown["answer"] == "unknown" and shown["first"]:
            shown["id"], shown["how"] = shown["first"]
        if q.get("id") is None:
            shown["id"] = shown["how"] = None
        out.append({k: shown[k] for k in ("answer", "id", "how", "since", "until")})
    return out


def test_the_site_gives_the_same_answers_as_find(
    cli_answers: list[dict[str, Any]], site_answers: list[dict[str, Any]]
) -> None:
    disagree = [(q, c, s) for q, c, s in zip(QUESTIONS, cli_answers, site_answers, strict=True) if c != s]
    agreement = 1 - len(disagree) / len(QUESTIONS)
    assert not disagree, f"site and find agree on {agreement:.0%}: {disagree[:5]}"


def test_the_site_answers_the_corpus(site_answers: list[dict[str, Any]]) -> None:
    wrong = []
    for q, got in zip(QUESTIONS, site_answers, strict=True):
        expected = _expected(q)
        if q.get("id") is None:
            expected["id"] = expected["how"] = None
        if got != expected:
            wrong.append((q, got))
    assert not wrong, wrong[:5]
