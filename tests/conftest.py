"""Shared test helpers: run the real CLI as a user would, build example repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

TESTS = Path(__file__).parent
EXAMPLES = TESTS / "examples"
BASE = EXAMPLES / "base"
REPO = TESTS.parent
# The day validate judges the corpus and the documented outputs by: fixed, so that they do not change with
# the date (in a year the calendar knows, before 1 November when next year's holidays are asked for).
TODAY = "2026-06-01"


@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    def __str__(self) -> str:  # shown in assertion messages
        return f"$ qingdan {' '.join(self.args)}\n[exit {self.returncode}]\n{self.stdout}\n[stderr]\n{self.stderr}"


def run_qingdan(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``python -m qingdan ARGS`` in ``cwd`` with colour off, as CI would."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    full_env.pop("QINGDAN_LANG", None) if "QINGDAN_LANG" not in (env or {}) else None
    proc = subprocess.run(
        [sys.executable, "-m", "qingdan", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    return Run(args, proc.returncode, proc.stdout, proc.stderr)


def build_case(case: Path, dest: Path, base: Path = BASE) -> Path:
    """Copy the base repository to ``dest`` and lay the case's own files over it."""
    shutil.copytree(base, dest)
    for path in sorted(case.rglob("*")):
        rel = path.relative_to(case)
        if path.is_file() and rel.name != "case.yaml":
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return dest


def yaml_documents() -> st.SearchStrategy[dict]:
    """Mappings of text, numbers, booleans, nulls, lists and mappings: what PyYAML can dump."""
    text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=16)
    tree = st.recursive(
        st.one_of(text, st.integers(-(10**6), 10**6), st.booleans(), st.none()),
        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(text, inner, max_size=4)),
        max_leaves=20,
    )
    return st.dictionaries(text, tree, min_size=1, max_size=5)
