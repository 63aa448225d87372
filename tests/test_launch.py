"""``qingdan validate`` is read without typer when its command line is plain (qingdan.launch): what it prints
and its exit code are those of the full command line, byte for byte, and it imports no command-line library."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, GIT_ENV, REPO, build_case

TYPER = "import sys; sys.argv[0] = 'qingdan'; from qingdan.cli import main; main()"


def imported(*modules: str) -> str:
    """A program that runs the command line and writes on stderr, at exit, which of ``modules`` it imported."""
    return (
        "import atexit, sys; atexit.register(lambda: sys.stderr.write(repr(sorted({m.split('.')[0] for m in sys.modules}"
        f" & {set(modules)!r}))))\nsys.argv[0] = 'qingdan'\nfrom qingdan.launch import main\nmain()"
    )


IMPORTED = imported("typer", "click", "jinja2")


def _run(prefix: list[str], args: list[str], cwd: Path, measured: bool = True) -> tuple[int, bytes, bytes]:
    """``measured=False``: not under coverage (CI measures the processes tests start, and coverage itself imports
    what a test of imports looks for)."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("QINGDAN_LANG", None)
    if not measured:
        env.pop("COVERAGE_PROCESS_CONFIG", None)
        env.pop("COVERAGE_PROCESS_START", None)
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


def test_a_warm_validate_imports_no_dataclasses(repo: Path, tmp_path: Path) -> None:
    """Nothing changed since the last run: the answer is one cache file, and importing ``dataclasses`` (with
    ``inspect``, ``ast``, ``dis``) and making frozen classes' methods was a sixth of such a run (qingdan.model)."""
    copy = tmp_path / "repo"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".qingdan-cache"))
    for path in copy.rglob("*"):  # written a minute ago: no file so fresh that its report may not be kept
        os.utime(path, (path.stat().st_mtime - 60, path.stat().st_mtime - 60))
    _run(["-m", "qingdan"], ["validate", "--format", "json"], copy)  # writes the cache
    for args in (["validate", "--format", "json"], ["validate"]):
        code, out, err = _run(["-c", imported("dataclasses", "inspect", "typer", "jinja2")], args, copy, measured=False)
        assert code in (0, 1) and out.strip() and err.decode().endswith("[]"), (args, err)


# ``qingdan diff`` takes the same road: its plain command lines without typer, byte for byte what the full
# command line prints, exit code included.

ASSIST = "lists/dongcheng/xiangyang-street/xiangyang/assist.yaml"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled lists committed twice (v1, then v2 with an item renamed, one removed, one added and one
    re-punctuated), and a working tree changed after that."""
    dest = tmp_path_factory.mktemp("history") / "repo"
    shutil.copytree(REPO / "lists", dest / "lists")
    shutil.copyfile(REPO / "qingdan.toml", dest / "qingdan.toml")
    _git(dest, "init", "-q", "-b", "main")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "v1")
    _git(dest, "tag", "v1")
    path = dest / ASSIST
    text = path.read_text(encoding="utf-8")
    text = text.replace("name: 协助开展临时救助对象主动发现和报告", "name: 协助开展临时救助对象主动发现与报告")
    text = text[: text.index("  - id: XY-XZ-005")] + text[text.index("  - id: XY-XZ-006") :]
    text = text.replace("，", ", ", 1)
    text += "  - id: XY-XZ-099\n    name: 协助开展城市防汛应急避险人员转移\n    role: 协助政府工作\n"
    path.write_text(text, encoding="utf-8")
    _git(dest, "commit", "-q", "-am", "v2")
    path.write_text(text.replace("城市防汛", "城区防汛"), encoding="utf-8")
    return dest


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "v1..main"],
        ["diff", "v1..main", "--format", "json"],
        ["diff", "--format=markdown", "v1..main", "--lang", "en"],
        ["diff", "v1..main", "-f", "html", "--all"],
        ["diff", "v1...main", "--format", "json", "--all", "--lang=en"],
        ["diff", "v1..main", "--exit-code"],
        ["diff", "main..main", "--exit-code", "--format", "json"],
        ["diff"],
        ["diff", "v1", "--format", "json"],
        ["diff", "v1", "main"],
        ["diff", "nosuchrev..main"],
        ["diff", "nosuchrev..main", "--lang", "en", "--format", "json"],
        ["diff", "v1..main", "--format", "yaml"],
        ["diff", "v1", "main", "HEAD"],
        ["diff", "v1..main", "--lang", "fr"],
        ["diff", "lists", "lists"],
    ],
    ids=lambda args: " ".join(args[1:]) or "working-tree",
)
def test_the_fast_diff_prints_what_the_full_command_line_prints(history: Path, args: list[str]) -> None:
    fast = _run(["-m", "qingdan"], args, history)
    full = _run(["-c", TYPER], args, history)
    assert fast == full, (fast, full)
    assert fast[1].strip() or fast[2].strip(), fast


def test_the_fast_diff_imports_no_command_line_library(history: Path) -> None:
    code, out, err = _run(["-c", IMPORTED], ["diff", "v1..main", "--format", "json"], history)
    assert code == 0 and b'"renamed"' in out and err.decode().endswith("[]"), err
    code, out, err = _run(["-c", IMPORTED], ["diff", "--help"], history)
    assert code == 0 and "--exit-code" in out.decode() and "typer" in err.decode(), err
    code, out, err = _run(["-c", IMPORTED], ["diff", "-fjson", "v1..main"], history)  # a form the fast road leaves
    assert code == 0 and b'"renamed"' in out and "typer" in err.decode(), err
