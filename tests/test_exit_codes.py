"""Exit codes by cause: bad input and a bad environment end with exit 1 or 2 and a message naming the path;
exit 3 is left for bugs. A full disk is simulated by a write that raises ENOSPC."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CHANGSHA, PINNED, REPO, run_qingdan

ZHUCAN = "lists/requests/2026-dc-zhucan.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    dest = tmp_path / "repo"
    shutil.copytree(REPO / "lists", dest / "lists")
    shutil.copyfile(REPO / "qingdan.toml", dest / "qingdan.toml")
    return dest


def _state(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# Every write of qingdan fails as on a full disk: the atomic writes (files.py) and the site's pages.
FULL_DISK = """
import errno, pathlib, sys
from qingdan import files
def full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")
files._fill = full
pathlib.Path.write_bytes = full
pathlib.Path.write_text = full
sys.argv = ["qingdan", *sys.argv[1:]]
from qingdan.cli import main
main()
"""


def _full_disk(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("QINGDAN_LANG", None)
    return subprocess.run(
        [sys.executable, "-c", FULL_DISK, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize(
    "args",
    [
        ["admit", ZHUCAN, "--by", "东城区社区减负工作组", "--date", "2026-09-08"],
        ["revoke", "DC-ZR-2023-01", "--reason", "改为数据比对", "--date", "2026-12-01"],
        ["export", "--format", "csv"],
        ["build", "--only", "html,xlsx"],
        ["import", "FIXTURE", "--kind", "negative", "--jurisdiction", "980102000000"],
    ],
    ids=lambda a: a[0],
)
def test_a_full_disk_is_exit_2_says_so_and_leaves_nothing_half_written(repo: Path, args: list[str]) -> None:
    if args[0] == "import":
        table = REPO / "tests" / "examples" / "tables"
        source = next(p for p in sorted(table.rglob("*.csv")))
        args = [str(source) if a == "FIXTURE" else a for a in args]
    if args[0] == "build":
        assert run_qingdan(["build", "--only", "html"], repo).returncode == 0
    before = _state(repo)
    run = _full_disk(args, repo)
    assert run.returncode == 2, run
    assert "磁盘已满" in run.stderr and "没有" in run.stderr and "Traceback" not in run.stderr, run.stderr
    after = {k: v for k, v in _state(repo).items() if not k.startswith(".qingdan-cache/")}
    assert after == {k: v for k, v in before.items() if not k.startswith(".qingdan-cache/")}
    leftovers = [p for p in repo.rglob(".*") if p.name not in (".qingdan-cache", ".gitignore", ".qingdan-build")]
    leftovers = [p for p in leftovers if ".qingdan-cache" not in p.parts]
    assert not leftovers, leftovers


def test_a_full_disk_during_init_leaves_no_half_repository(tmp_path: Path) -> None:
    run = _full_disk(
        ["init", "new", *CHANGSHA, *PINNED],
        tmp_path,
    )
    assert run.returncode == 2 and "磁盘已满" in run.stderr, run
    assert not (tmp_path / "new").exists() or list((tmp_path / "new").rglob("*")) == []


def test_a_read_only_out_folder_is_exit_2_naming_it(repo: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        run = run_qingdan(["build", "--only", "html", "--out", str(parent / "site")], repo)
    finally:
        parent.chmod(0o755)
    assert run.returncode == 2 and "没有权限" in run.stderr and str(parent / "site") in run.stderr, run


def test_an_unknown_language_is_a_usage_error(repo: Path) -> None:
    run = run_qingdan(["validate", "--lang", "xx"], repo)
    assert run.returncode == 2 and "xx" in run.stderr and "zh, en" in run.stderr, run
    assert run_qingdan(["validate", "--lang", "en-US", "--no-cache"], repo).stdout.endswith("All checks passed.\n")
    run = run_qingdan(["validate", "--no-cache"], repo, env={"QINGDAN_LANG": "zh_CN.UTF-8"})
    assert run.returncode == 0 and "检查通过" in run.stdout, run


def test_a_reader_that_goes_away_ends_quietly(repo: Path) -> None:
    (repo / "lists" / "dongcheng" / "many.yaml").write_text(
        "format: 1\nkind: negative\njurisdiction: '980102000000'\ntitle: 多\nitems:\n"
        + "".join(f"  - {{id: M-{n}, name: 事项{n}号, department: 无此部门}}\n" for n in range(3000)),
        encoding="utf-8",
    )
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "qingdan", "validate", "--no-cache"],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()  # like `| head -c 100`
    err = proc.stderr.read().decode()
    # 2 when the broken pipe is noticed (the boundary's "could not write"); 1 (the findings) when Python's
    # buffered writer drops the rest of a large partial write without an error. Quiet either way.
    assert proc.wait(120) in (1, 2), err
    assert err == "", err


def test_closed_stdout_and_stderr_are_not_a_bug(repo: Path) -> None:
    for redirect in (">&-", "2>&- >&-"):
        code = subprocess.run(
            f"{sys.executable} -m qingdan validate --no-cache {redirect}", shell=True, cwd=repo, timeout=120
        ).returncode
        assert code == 2, redirect


def test_a_huge_number_is_a_finding_not_a_crash(repo: Path) -> None:
    path = repo / "lists" / "city" / "negative.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("format: 1", "format: " + "9" * 5000, 1), "utf-8")
    for loader in ("", "builder"):
        run = run_qingdan(["validate", "--no-cache"], repo, env={"QINGDAN_LOADER": loader})
        assert run.returncode == 1 and "lists/city/negative.yaml" in run.stdout and "format" in run.stdout, run


def test_control_characters_do_not_break_the_workbooks(repo: Path) -> None:
    path = repo / "lists" / "city" / "negative.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    name: ") + len("    name: ")
    end = text.index("\n", start)
    path.write_text(text[:start] + '"' + text[start:end] + '\\x01\\x1b[2J\\x00"' + text[end:], encoding="utf-8")
    run = run_qingdan(["build", "--only", "html,xlsx"], repo)
    assert run.returncode == 0, run
    run = run_qingdan(["export"], repo)
    assert run.returncode == 0, run
    import openpyxl

    book = openpyxl.load_workbook(repo / "export" / "city" / "negative.xlsx")
    cells = [str(c.value) for row in book.active.iter_rows() for c in row if c.value]
    assert any("␛[2J" in c for c in cells), cells[:10]


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        ("rules = 3\n", "rules"),
        ('match = "x"\n', "match"),
        ("build = 5\n", "build"),
        ("[match]\nfuzzy_threshold = true\n", "fuzzy_threshold"),
        ("[build]\ntitle = 5\n", "build.title"),
        ("[rules]\nnear-duplicate = 5\n", "near-duplicate"),
        ("admission = 3\n", "admission"),
        ("[admission]\nlead_days = -5\n", "lead_days"),
        ("[rules\n", "qingdan.toml"),
    ],
)
def test_malformed_configuration_values_are_exit_2_naming_them(repo: Path, toml: str, fragment: str) -> None:
    (repo / "qingdan.toml").write_text(toml, encoding="utf-8")
    command = ["review", ZHUCAN] if "admission" in toml else ["validate", "--no-cache"]
    run = run_qingdan(command, repo)
    assert run.returncode == 2 and "qingdan.toml" in run.stderr and fragment in run.stderr, run


def test_a_csv_cell_over_the_field_limit_is_exit_2_with_the_line(repo: Path, tmp_path: Path) -> None:
    table = tmp_path / "big.csv"
    table.write_text("名称,主管部门\n收入证明,民政局\n" + "x" * 140_000 + ",民政局\n", encoding="utf-8")
    run = run_qingdan(["import", str(table), "--kind", "negative", "--jurisdiction", "980102000000"], repo)
    assert run.returncode == 2 and "第 3 行" in run.stderr and str(table) in run.stderr, run


def test_a_duplicate_key_in_a_file_admit_edits_is_exit_2_naming_it(repo: Path) -> None:
    path = repo / "lists/dongcheng/admissions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: 重复\ntitle: ", 1), encoding="utf-8")
    run = run_qingdan(["admit", ZHUCAN, "--by", "东城区社区减负工作组", "--date", "2026-09-08"], repo)
    assert run.returncode == 2 and "lists/dongcheng/admissions.yaml" in run.stderr, run
    assert "Traceback" not in run.stderr and "内部错误" not in run.stderr, run


def test_files_written_follow_the_umask(repo: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        run = run_qingdan(
            ["init", str(tmp_path / "new"), *CHANGSHA, *PINNED],
            tmp_path,
        )
        assert run.returncode == 0, run
        modes = {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "new").rglob("*") if p.is_file()}
        assert modes == {0o644}, modes
        table = next(p for p in sorted((REPO / "tests" / "examples" / "tables").rglob("*.csv")))
        run = run_qingdan(
            ["import", str(table), "--kind", "negative", "--jurisdiction", "980102000000", "--force"], repo
        )
        assert run.returncode == 0, run
        written = next((repo / "lists" / "imported").glob("*.yaml"))
        assert stat.S_IMODE(written.stat().st_mode) == 0o644
    finally:
        os.umask(old)
