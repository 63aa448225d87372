"""Output file names of ``qingdan build`` for lists in folders with Chinese names: readable (pinyin), stable,
safe on Windows and in URLs; the old names lead on to the new ones and a rename is listed in the summary."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import BASE, TODAY, run_qingdan

SOURCE = "lists/东城区/向阳社区/negative.yaml"
NEW = "dongchengqu-xiangyangshequ-negative"
OLD = "negative-" + hashlib.sha1(SOURCE.encode()).hexdigest()[:8]  # what qingdan 0.1 called it


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    (root / "lists/东城区/向阳社区").mkdir(parents=True)
    shutil.move(root / "lists/negative.yaml", root / SOURCE)
    shutil.move(root / "lists/certificates.yaml", root / "lists/东城区/证明事项清单.yaml")
    shutil.copy(root / "lists/community.yaml", root / "lists/con.yaml")  # a name Windows reserves
    text = (root / "lists/con.yaml").read_text(encoding="utf-8")
    (root / "lists/con.yaml").write_text(re.sub(r"id: XY-", "id: CN-", text), encoding="utf-8")
    return root


def _build(repo: Path, *args: str) -> str:
    run = run_qingdan(["build", "--only", "html,xlsx", "--today", TODAY, *args], repo)
    assert run.returncode == 0, run
    return run.stdout


def test_names_are_pinyin_and_safe_everywhere(repo: Path) -> None:
    _build(repo)
    out = repo / "_site"
    names = json.loads((out / "names.json").read_text(encoding="utf-8"))["lists"]
    assert names[SOURCE] == NEW and names["lists/东城区/证明事项清单.yaml"] == "dongchengqu-zhengmingshixiangqingdan"
    assert names["lists/con.yaml"] == "con-list", names
    for stem in names.values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", stem), stem  # URL-safe, no character Windows forbids
        assert stem.split(".")[0] not in {"con", "prn", "aux", "nul"} and len(stem) <= 100, stem
        assert (out / "site/list" / f"{stem}.html").is_file() and (out / "xlsx" / f"{stem}.xlsx").is_file(), stem
    page = (out / "site/list" / f"{NEW}.html").read_text(encoding="utf-8")
    assert "示例市社区工作负面清单" in page
    # the same input gives the same names in every build
    assert _build(repo) and json.loads((out / "names.json").read_text(encoding="utf-8"))["lists"] == names


def test_the_old_address_leads_on_and_the_rename_is_listed(repo: Path) -> None:
    out = repo / "_site"
    _build(repo)
    redirect = (out / "site/list" / f"{OLD}.html").read_text(encoding="utf-8")
    assert f'url={NEW}.html"' in redirect and f'href="{NEW}.html"' in redirect, redirect
    # output an earlier qingdan wrote (no names.json, files under the old names): the summary lists the change
    (out / "names.json").unlink()
    shutil.copy(out / "xlsx" / f"{NEW}.xlsx", out / "xlsx" / f"{OLD}.xlsx")
    summary = _build(repo)
    assert "3 份清单的输出文件改了名" in summary and f"{SOURCE}：{OLD} → {NEW}" in summary, summary
    assert "lists/con.yaml：con → con-list" in summary, summary
    assert not (out / "xlsx" / f"{OLD}.xlsx").exists()  # the output is made anew
    assert "改了名" not in _build(repo)  # nothing changed since: nothing listed

    # a clerk renames the folder: the build says so, and the old page leads on to the new one
    (repo / "lists/东城区/向阳社区").rename(repo / "lists/东城区/向阳社区居委会")
    summary = _build(repo, "--lang", "en")
    moved = "dongchengqu-xiangyangshequjuweihui-negative"
    assert f"lists/东城区/向阳社区居委会/negative.yaml: {NEW} → {moved}" in summary, summary
    assert "1 lists' output files have new names" in summary, summary
    names = json.loads((out / "names.json").read_text(encoding="utf-8"))
    assert names["lists"]["lists/东城区/向阳社区居委会/negative.yaml"] == moved
    assert f"url={moved}.html" in (out / "site/list" / f"{NEW}.html").read_text(encoding="utf-8")
    assert f"url={moved}.html" in (out / "site/list" / f"{OLD}.html").read_text(encoding="utf-8")


def test_renaming_a_list_file_keeps_its_old_page(repo: Path) -> None:
    out = repo / "_site"
    _build(repo)
    names = json.loads((out / "names.json").read_text(encoding="utf-8"))
    names["lists"][SOURCE] = "xiangyang-negative"  # as if the previous build had named it so
    (out / "names.json").write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")
    summary = _build(repo)
    assert f"{SOURCE}：xiangyang-negative → {NEW}" in summary, summary
    page = (out / "site/list/xiangyang-negative.html").read_text(encoding="utf-8")
    assert f"url={NEW}.html" in page
    _build(repo)  # kept from build to build
    assert (out / "site/list/xiangyang-negative.html").is_file()
    assert json.loads((out / "names.json").read_text(encoding="utf-8"))["redirects"]["xiangyang-negative"] == NEW


def test_pdfs_get_the_same_readable_names(repo: Path) -> None:
    pytest.importorskip("typst")
    run = run_qingdan(["build", "--only", "pdf", "--today", TODAY], repo)
    assert run.returncode == 0, run
    assert (repo / "_site/pdf" / f"{NEW}.pdf").is_file() and not (repo / "_site/pdf" / f"{OLD}.pdf").exists()
