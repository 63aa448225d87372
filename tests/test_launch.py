"""``qingdan validate`` is read without typer when its command line is plain (qingdan.launch): what it prints
and its exit code are those of the full command line, byte for byte, and it imports no command-line library."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO, build_case

TYPER = "import sys; sys.argv[0] = 'qingdan'; from qingdan.cli import main; main()"
IMPORTED = (
    "import atexit, sys; atexit.register(lambda: sys.stderr.write(repr(sorted({m.split('.')[0] for m in sys.modules}"
    " & {'typer', 'click', 'jinja2'}))))\nsys.argv[0] = 'qingdan'\nfrom qingdan.launch import main\nmain()"
)


def _run(prefix: list[str], args: list[str], cwd: Path) -> tuple[int, bytes, bytes]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("QINGDAN_LANG", None)
    proc = subprocess.run([sys.executable, *prefix, *args], cwd=cwd, env=env, capture_output=True, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture(scope="module", params=["bundled", "invalid"])
def repo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp(request.param) / "repo"
    if request.param == "bundled":
        shutil.copytree(REPO / "lists", dest / "lists")
        shutil.copyfile(REPO / "qingdan.toml", dest / "qingdan.toml")
    else:
        build_case(EXAMPLES / "invalid" / "admission-expired", dest)
    return dest


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "--format", "json"],
        ["validate", "--lang", "en"],
        ["validate", "--format=json", "--lang=en"],
    ],
    ids=["text", "json", "text-en", "json-en"],
)
def test_the_fast_validate_prints_what_the_full_command_line_prints(repo: Path, args: list[str]) -> None:
    cold = _run(["-c", TYPER], args, repo)  # writes the cache
    fast = _run(["-m", "qingdan"], args, repo)
    warm = _run(["-c", TYPER], args, repo)
    assert fast == warm == cold, (fast, warm)
    assert fast[1].strip(), fast


def test_the_fast_validate_imports_no_command_line_library(repo: Path) -> None:
    code, _, err = _run(["-c", IMPORTED], ["validate", "--format", "json"], repo)
    assert code in (0, 1) and err.decode().endswith("[]"), err
    # anything else is read by the full command line: its help, for one
    code, out, err = _run(["-c", IMPORTED], ["validate", "--help"], repo)
    assert code == 0 and "--format" in out.decode() and "typer" in err.decode(), err
