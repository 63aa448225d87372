"""Checks a crafted value cannot slip past: invisible characters in names, ids with a trailing newline or
space, impossible dates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import REPO, run_qingdan
from qingdan.text import key

SHOURU = "lists/requests/2026-dc-shouru.yaml"
LIST = "lists/dongcheng/xiangyang-street/xiangyang/assist.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    dest = tmp_path / "repo"
    shutil.copytree(REPO / "lists", dest / "lists")
    shutil.copyfile(REPO / "qingdan.toml", dest / "qingdan.toml")
    return dest


INVISIBLES = ["\u3164", "\u115f", "\u1160", "\uffa0", "\u200b", "\u00ad", "\u2060", "\ufe0f", "\u3000", "\u202e"]


@pytest.mark.parametrize("char", INVISIBLES, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_characters_do_not_change_a_name(char: str) -> None:
    assert key(f"收入{char}证明") == key("收入证明")


@pytest.mark.parametrize("char", ["\u3164", "\u115f", "\u1160", "\ufe0f"], ids=lambda c: f"U+{ord(c):04X}")
def test_a_forbidden_certificate_with_a_hidden_filler_is_still_caught(repo: Path, char: str) -> None:
    path = repo / SHOURU
    path.write_text(path.read_text(encoding="utf-8").replace("name: 收入证明", f"name: 收入{char}证明"), "utf-8")
    run = run_qingdan(["review", SHOURU, "--today", "2026-09-08", "--format", "json"], repo)
    assert run.returncode == 1, run
    review = json.loads(run.stdout)["reviews"][0]
    assert review["verdict"] != "admit" and "DC-ZM-F17" in run.stdout, review


@pytest.mark.parametrize("bad", ['"XY-XZ-001\\n"', '"XY-XZ-001 "', '"XY-XZ-001\\t"'])
def test_an_id_with_trailing_whitespace_is_a_schema_error(repo: Path, bad: str) -> None:
    path = repo / LIST
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: XY-XZ-002\n", f"  - id: {bad}\n", 1), encoding="utf-8")
    for loader in ("", "builder"):
        run = run_qingdan(["validate", "--no-cache", "--format", "json"], repo, env={"QINGDAN_LOADER": loader})
        assert run.returncode == 1, run
        found = [f for f in json.loads(run.stdout)["findings"] if f["rule"] == "schema" and f["file"] == LIST]
        assert found and "items.1.id" in found[0]["message"], found


@pytest.mark.parametrize("day", ["2028-02-30", "2027-02-29", "2028-13-01", "2028-00-10"])
def test_an_impossible_date_is_a_finding_not_a_silent_pass(repo: Path, day: str) -> None:
    path = repo / LIST
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('effective: "2023-07-01"', f'effective: "2023-07-01"\nexpires: "{day}"'), "utf-8")
    run = run_qingdan(["validate", "--no-cache"], repo)
    assert run.returncode == 1 and "expires" in run.stdout and day in run.stdout, run
