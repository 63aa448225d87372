"""The command-line library's own usage errors (an unknown option or command, a missing argument, a bad value)
are said like every other error: one line in the reader's language, where help is, exit 2, no English box."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, invoke


@pytest.mark.parametrize(
    ("args", "zh"),
    [
        (["validate", "--no-cach"], "错误: 没有选项 --no-cach（是不是 --no-cache？）"),
        (["admit"], "错误: 缺少 request"),
        (["admit", "x.yaml"], "错误: 缺少 --by"),
        (["validate", "--format"], "错误: 选项 --format 后面要写一个值"),
        (["nosuchcmd"], "错误: 没有命令“nosuchcmd”"),
        (["find", "a", "b", "c"], "错误: 多余的参数：b c"),
        (["find", "收入证明", "--threshold", "abc"], "错误: --threshold 的值不对："),
        (["holidays", "import"], "错误: 缺少 notice"),
    ],
)
def test_usage_errors_are_chinese_lines_with_exit_2(args: list[str], zh: str) -> None:
    run = invoke(args, REPO)
    assert run.returncode == 2, run
    assert run.stderr.startswith(zh), run
    assert "用法见 qingdan" in run.stderr and "--help" in run.stderr, run
    for english in ("No such option", "Missing", "Usage:", "Error", "╭"):
        assert english not in run.stderr, run


def test_usage_errors_in_english_with_lang(tmp_path: Path) -> None:
    run = invoke(["validate", "--nosuch", "--lang", "en"], tmp_path)
    assert run.returncode == 2, run
    assert run.stderr == "error: there is no option --nosuch (did you mean --no-cache?)\nsee qingdan validate --help\n"
    missing = invoke(["admit", "--lang", "en"], tmp_path, env={"QINGDAN_LANG": "en"})
    assert missing.returncode == 2 and missing.stderr.startswith("error: request is missing"), missing


def test_help_and_version_still_exit_0() -> None:
    assert invoke(["--version"], REPO).returncode == 0
    helped = invoke(["validate", "--help"], REPO)
    assert helped.returncode == 0 and "--strict" in helped.stdout, helped


def test_the_clock_comes_from_qingdan_today(tmp_path: Path) -> None:
    """Without --today every command judges by QINGDAN_TODAY (reproducible CI runs and hooks); a value that is
    no date is a usage error naming the variable."""
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(REPO / "lists", repo / "lists")
    (repo / "qingdan.toml").write_text("[rules]\n", encoding="utf-8")
    late = invoke(["validate", "--no-cache", "--format", "json"], repo, env={"QINGDAN_TODAY": "2026-11-02"})
    early = invoke(["validate", "--no-cache", "--format", "json"], repo, env={"QINGDAN_TODAY": "2026-06-01"})
    assert "holidays-year-unknown" in late.stdout and "holidays-year-unknown" not in early.stdout, (late, early)
    bad = invoke(["validate"], repo, env={"QINGDAN_TODAY": "明天"})
    assert bad.returncode == 2 and "环境变量 QINGDAN_TODAY 应为日期 YYYY-MM-DD，不是“明天”" in bad.stderr, bad


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("qingdan validate --format s", ["sarif"]),
        ("qingdan diff --format ", ["text", "markdown", "json", "html"]),
        ("qingdan export --format c", ["csv"]),
        ("qingdan build --only html,p", ["html,pdf"]),
        ("qingdan import t.xlsx --kind ne", ["negative"]),
        ("qingdan schema ho", ["holidays"]),
        ("qingdan holidays import n.txt --format j", ["json"]),
        ("qingdan find x --lang e", ["en"]),
    ],
)
def test_the_shell_completes_option_values(line: str, expected: list[str]) -> None:
    """The values of --format, --kind, --only, --lang and schema's kind complete in bash (typer's protocol)."""
    import os
    import subprocess
    import sys

    script = Path(sys.executable).parent / "qingdan"  # the installed command: the shell completes its name
    if not script.exists():
        pytest.skip("the qingdan command is not installed beside this Python")
    env = {**os.environ, "COMP_WORDS": line, "COMP_CWORD": str(len(line.split(" ")) - 1)}
    run = subprocess.run(
        [str(script)], env={**env, "_QINGDAN_COMPLETE": "complete_bash"}, capture_output=True, text=True, check=False
    )
    assert sorted(run.stdout.split()) == sorted(expected), run


def test_validate_quiet_and_verbose(tmp_path: Path) -> None:
    """-q: nothing on a clean repository, findings without hints otherwise (for hooks); -v: the files checked."""
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(REPO / "lists", repo / "lists")
    shutil.copyfile(REPO / "qingdan.toml", repo / "qingdan.toml")
    clean = invoke(["validate", "-q"], repo)
    assert clean.returncode == 0 and clean.stdout == "", clean
    listed = invoke(["validate", "-v", "lists/city"], repo)
    assert listed.stdout.startswith("检查了 lists/city/certificates.yaml\n检查了 lists/city/negative.yaml\n"), listed
    path = repo / "lists/city/negative.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- id: SZ-FM-002", "- id: SZ-FM-001"), encoding="utf-8")
    failed = invoke(["validate", "-q"], repo)
    assert failed.returncode == 1 and "duplicate-id" in failed.stdout and "提示:" not in failed.stdout, failed
