"""Shared test helpers: run the real CLI as a user would (in a new process, or in this one where the process does
not matter), build example repositories."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

TESTS = Path(__file__).parent
EXAMPLES = TESTS / "examples"
BASE = EXAMPLES / "base"
REPO = TESTS.parent
# A sentence looked up without a catalogue entry fails the test that reaches it (here and in every CLI subprocess).
os.environ["QINGDAN_STRICT_I18N"] = "1"
# The day validate judges the corpus and the documented outputs by: fixed, so that they do not change with
# the date (in a year the calendar knows, before 1 November when next year's holidays are asked for).
TODAY = "2026-06-01"
# ... also where a test gives no --today (QINGDAN_TODAY is the clock of every command without one).
os.environ["QINGDAN_TODAY"] = TODAY
# qingdan init's arguments for a real city (长沙市); its CI files install qingdan from a pinned version.
CHANGSHA = ["--city", "长沙市", "--code", "430100000000", "--province", "湖南省"]
PINNED = ["--install-from", "qingdan==0.1.0"]
# An admission request that passes every check of qingdan review on the bundled lists (tests vary one field).
GOOD_REQUEST: dict[str, Any] = {
    "format": 1,
    "kind": "request",
    "applicant": "东城区民政局",
    "contact": {"name": "李晓燕", "phone": "010-64010235"},
    "applied": "2025-08-01",
    "name": "协助开展老年人助餐服务需求摸底登记",
    "content": "入户摸底老年人就餐需求，在平台登记。",
    "category": "协助事项",
    "targets": ["980102001000"],
    "legal_basis": ["《中华人民共和国老年人权益保障法》第三十七条"],
    "funding": {"amount": 6000, "source": "区财政养老服务专项"},
    "powers": "平台录入权限",
    "staffing": "助餐专员1名",
    "start": "2025-11-03",
    "end": "2027-12-31",
}


@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    def __str__(self) -> str:  # shown in assertion messages
        return f"$ qingdan {' '.join(self.args)}\n[exit {self.returncode}]\n{self.stdout}\n[stderr]\n{self.stderr}"


# A fixed author and time for the commits tests make, so that diff reports are the same on every run.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "测试",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "测试",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
    "GIT_AUTHOR_DATE": "2026-01-02T03:04:05+08:00",
    "GIT_COMMITTER_DATE": "2026-01-02T03:04:05+08:00",
}


def interruptible() -> None:
    """``preexec_fn`` for a process a test stops with Ctrl-C (SIGINT): as a terminal would start it. A shell without
    job control starts its background jobs with SIGINT ignored, and Python then never turns SIGINT into
    KeyboardInterrupt, so the suite run that way would see such a command finish instead of stop."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


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


@contextmanager
def _as_a_new_process(cwd: Path) -> Iterator[None]:
    """The state a new process would start from: the working directory, and the module-level memos that depend
    on the environment or on files a test may have just rewritten, forgotten before and after."""
    previous = Path.cwd()
    os.chdir(cwd)
    _forget()
    try:
        yield
    finally:
        os.chdir(previous)
        _forget()


def _forget() -> None:
    from qingdan import load
    from qingdan.admission import context
    from qingdan.publish import fonts, pdf

    load._fast = None  # the fast loader is chosen once per process from QINGDAN_LOADER
    # memos of files outside the package, which a test may rewrite at the same path between two calls: the items
    # of a list (admit/reject), a repository's template, a font file, the typst compiler and the fonts it found
    for memo in (context._items, pdf._template, pdf._compiler, fonts._file_cmap):
        memo.cache_clear()


def invoke(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Call the CLI in this process with what ``run_qingdan`` gives a new one: the working directory, colour off,
    200 columns, ``QINGDAN_LANG`` only when ``env`` sets it, the exit code and both streams. An exception that
    escapes the CLI is put on stderr as Python would print it, with exit 1, so no assertion misses a traceback.
    ``test_examples.py`` checks that a real process prints the same."""
    from typer.testing import CliRunner

    from qingdan.cli import app

    overrides: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "200", "QINGDAN_LANG": None, **(env or {})}
    with _as_a_new_process(cwd):
        result = CliRunner().invoke(app, args, env=overrides, prog_name="qingdan")
    stderr = result.stderr
    if result.exc_info is not None and not isinstance(result.exc_info[1], SystemExit):
        stderr += "".join(traceback.format_exception(*result.exc_info))
    return Run(list(args), result.exit_code, result.stdout, stderr)


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


@pytest.fixture(scope="session")
def province(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The list files of a 3,000-item province from the benchmark's generator (the house layout), made once."""
    root = tmp_path_factory.mktemp("province")
    generator = TESTS.parent / "benchmarks" / "generate.py"
    subprocess.run([sys.executable, str(generator), str(root), "--items", "3000"], check=True, capture_output=True)
    return sorted((root / "lists").rglob("*.yaml"))


def yaml_documents() -> st.SearchStrategy[dict]:
    """Mappings of text, numbers, booleans, nulls, lists and mappings: what PyYAML can dump."""
    text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=16)
    tree = st.recursive(
        st.one_of(text, st.integers(-(10**6), 10**6), st.booleans(), st.none()),
        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(text, inner, max_size=4)),
        max_leaves=20,
    )
    return st.dictionaries(text, tree, min_size=1, max_size=5)


# A headless browser for the tests that look at the site (Debian's chromium and chromium-driver, selenium from
# the test extra). A module that needs it calls need_browser() at its top: without one it is skipped, saying why.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
)


def need_browser() -> None:
    if CHROMIUM is None or DRIVER is None:
        pytest.skip(
            "no headless browser: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
            allow_module_level=True,
        )
    pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install '.[test]')")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    need_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in BROWSER_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(options=options, service=Service(str(DRIVER)))
    try:
        yield driver
    finally:
        driver.quit()
