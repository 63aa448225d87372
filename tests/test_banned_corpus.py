"""The banned-work corpus (tests/examples/banned/corpus.yaml) through the real ``qingdan review``: every
sentence in a request of its own, all reviewed in one run, each with the result a reviewer expects."""

from __future__ import annotations

import json
import shutil
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, GOOD_REQUEST, REPO, run_qingdan

CORPUS = yaml.safe_load((EXAMPLES / "banned" / "corpus.yaml").read_text(encoding="utf-8"))["cases"]
REQUEST: dict[str, Any] = GOOD_REQUEST
_WORST = {"pass": 0, "warn": 1, "fail": 2}


def test_the_corpus_is_large_enough_and_covers_every_result() -> None:
    assert len(CORPUS) >= 40 and {c["expect"] for c in CORPUS} == {"pass", "warn", "fail"}
    assert len({c["case"] for c in CORPUS}) == len(CORPUS)


@pytest.fixture(scope="module")
def reviews(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    root = tmp_path_factory.mktemp("banned") / "repo"
    shutil.copytree(REPO / "lists", root / "lists")
    shutil.copy(REPO / "qingdan.toml", root / "qingdan.toml")
    paths = []
    for case in CORPUS:
        path = root / "requests" / f"{case['case']}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(
            yaml.safe_dump({**REQUEST, case.get("field", "content"): case["text"]}, allow_unicode=True),
            encoding="utf-8",
        )
        paths.append(str(path.relative_to(root)))
    run = run_qingdan(["review", *paths, "--today", "2025-08-05", "--format", "json"], root)
    assert run.returncode in (0, 1), run
    found = json.loads(run.stdout)["reviews"]
    assert len(found) == len(CORPUS), run
    return {case["case"]: review for case, review in zip(CORPUS, found, strict=True)}


@pytest.mark.parametrize("case", CORPUS, ids=[c["case"] for c in CORPUS])
def test_each_sentence_gets_the_expected_result(reviews: dict[str, dict[str, Any]], case: dict[str, Any]) -> None:
    review = reviews[case["case"]]
    checks = [c for c in review["checks"] if c["rule"] == "request-banned"]
    shown = [(c["status"], c["message"]) for c in checks]
    assert max((c["status"] for c in checks), key=_WORST.__getitem__) == case["expect"], shown
    assert (review["verdict"] == "reject") == (case["expect"] == "fail"), review["verdict"]
    deciding = [c for c in checks if c["status"] == case["expect"]]
    if "quoted" in case:
        assert any(case["quoted"] in c["message"] for c in deciding), shown
    for c in deciding:
        for e in c["evidence"]:  # the request's own words, from the field they were written in
            assert e["file"] == f"requests/{case['case']}.yaml" and e["item"] == case.get("field", "content"), c
