"""The validation cache never prints a result that today's code would not give (issue 11)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, TODAY, run_qingdan


def _copy_package(tmp: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the qingdan package that the subprocess imports first (as an upgraded install would be)."""
    site = tmp / "site"
    shutil.copytree(REPO / "src" / "qingdan", site / "qingdan", ignore=shutil.ignore_patterns("__pycache__"))
    return site, {"PYTHONPATH": str(site)}


def test_an_edited_rule_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "lists", repo / "lists")
    shutil.copy(REPO / "qingdan.toml", repo / "qingdan.toml")
    site, env = _copy_package(tmp_path)
    first = run_qingdan(["validate", "--today", TODAY], repo, env)
    assert first.returncode == 0, first
    assert (repo / ".qingdan-cache").is_dir()
    rules = site / "qingdan" / "rules" / "legal_basis.py"
    source = rules.read_text(encoding="utf-8")
    assert "def catch_all(" in source, "the test edits the catch-all rule; it has moved"
    # The edited rule fires on every item: the second run must see it although no list changed.
    edited = source.replace(
        "def catch_all(repo: Repository) -> Iterator[Finding]:\n",
        "def catch_all(repo: Repository) -> Iterator[Finding]:\n"
        "    yield from (at(e, 'catch-all-item') for e in repo.entries)\n",
        1,
    )
    assert edited != source
    rules.write_text(edited, encoding="utf-8")
    second = run_qingdan(["validate", "--today", TODAY], repo, env)
    assert "467 个警告" in second.stdout and second.stdout.count("catch-all-item") == 467, second


def test_unchanged_code_and_lists_are_answered_from_the_cache(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "lists", repo / "lists")
    shutil.copy(REPO / "qingdan.toml", repo / "qingdan.toml")
    assert run_qingdan(["validate"], repo).returncode == 0
    report = repo / ".qingdan-cache" / "report.marshal"
    written = report.stat().st_mtime_ns
    again = run_qingdan(["validate"], repo)
    assert again.returncode == 0 and report.stat().st_mtime_ns == written, again


def test_the_code_stamp_changes_with_any_module_or_schema(tmp_path: Path) -> None:
    """The stamp every cache file carries covers each module in any subpackage and the schema files."""
    site, env = _copy_package(tmp_path)

    def stamp() -> str:
        got = subprocess.run(
            [sys.executable, "-c", "from qingdan.cache import _stamp; print(_stamp())"],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            check=True,
        )
        return got.stdout.strip()

    seen = [stamp()]
    for rel in ("upstream/store.py", "schemas/qingdan.schema.json", "cli.py"):
        path = site / "qingdan" / rel
        path.write_bytes(path.read_bytes() + b"\n")
        seen.append(stamp())
    assert len(set(seen)) == len(seen), seen
    assert stamp() == seen[-1]  # and nothing else moves it
