"""Bounded work: capped findings, names too long to compare, workbooks and tables with limits, log over a long
history, worker processes that never outlive the command."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, interruptible, run_qingdan

NEGATIVE = "format: 1\nkind: negative\njurisdiction: '980102000000'\ntitle: 测试清单\nitems:\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    dest = tmp_path / "repo"
    shutil.copytree(REPO / "lists", dest / "lists")
    shutil.copyfile(REPO / "qingdan.toml", dest / "qingdan.toml")
    return dest


def test_findings_of_one_rule_in_one_file_are_capped_with_a_count(repo: Path) -> None:
    items = "".join(
        f"  - {{id: N-{n}, name: 第{n}号社区工作事项登记, department: 东城区民政局}}\n" for n in range(10_000)
    )
    (repo / "lists" / "many.yaml").write_text(NEGATIVE + items, encoding="utf-8")
    start = time.monotonic()
    run = run_qingdan(["validate", "--no-cache", "--format", "json"], repo)
    assert time.monotonic() - start < 120
    report = json.loads(run.stdout)
    near = [f for f in report["findings"] if f["file"] == "lists/many.yaml" and f["rule"] == "near-duplicate"]
    assert len(near) == 101, len(near)
    total = report["summary"]["warnings"]  # each item but the first, once, with its closest earlier namesake
    assert total == 9_999 and f"共 {total} 个" in near[-1]["message"], near[-1]
    text = run_qingdan(["validate"], repo)
    assert len(text.stdout.splitlines()) < 500 and f"{total} 个警告" in text.stdout


def test_names_longer_than_the_schema_allows_are_not_compared_at_length(repo: Path) -> None:
    items = "".join(f"  - {{id: B-{n}, name: '{'社区工作' * 250_000}{n}'}}\n" for n in range(3))
    (repo / "lists" / "long.yaml").write_text(NEGATIVE + items, encoding="utf-8")
    start = time.monotonic()
    run = run_qingdan(["validate", "--no-cache"], repo)
    assert time.monotonic() - start < 60, "three 1 MB names took too long"
    assert run.returncode == 1 and "长度不符合要求" in run.stdout, run


WRAP = """
import sys
from qingdan.tables import spreadsheet
spreadsheet.MAX_ROWS, spreadsheet.MAX_INFLATED = int(sys.argv[1]), int(sys.argv[2])
sys.argv = ["qingdan", *sys.argv[3:]]
from qingdan.cli import main
main()
"""


def _import(
    repo: Path, table: Path, rows: int = 200_000, inflated: int = 256 * 2**20
) -> subprocess.CompletedProcess[str]:
    args = ["import", str(table), "--kind", "negative", "--jurisdiction", "980102000000"]
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-c", WRAP, str(rows), str(inflated), *args], cwd=repo, env=env, capture_output=True, text=True
    )


def _workbook(path: Path, rows: int, filler: int = 0) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["事项名称", "主管部门"])
    for n in range(rows):
        ws.append([f"事项{n}" + " " * filler, "东城区民政局"])
    book.save(path)
    return path


def test_a_sheet_with_too_many_rows_is_refused_before_it_is_loaded(repo: Path, tmp_path: Path) -> None:
    table = _workbook(tmp_path / "rows.xlsx", 300)
    run = _import(repo, table, rows=200)
    assert run.returncode == 2 and "超过 200 行" in run.stderr and str(table) in run.stderr, run.stderr


def test_a_workbook_that_inflates_past_the_limit_is_refused(repo: Path, tmp_path: Path) -> None:
    table = _workbook(tmp_path / "bomb.xlsx", 50, filler=40_000)  # 2 MB of spaces, a few kilobytes zipped
    assert table.stat().st_size < 200_000
    run = _import(repo, table, inflated=1024 * 1024)
    assert run.returncode == 2 and "解压后" in run.stderr and str(table) in run.stderr, run.stderr


def test_a_long_csv_is_refused_with_the_limit(repo: Path, tmp_path: Path) -> None:
    table = tmp_path / "long.csv"
    table.write_text("名称,主管部门\n" + "".join(f"事项{n},东城区民政局\n" for n in range(300)), encoding="utf-8")
    run = _import(repo, table, rows=200)
    assert run.returncode == 2 and "超过 200 行" in run.stderr, run.stderr


def test_a_password_protected_workbook_is_named_as_such(repo: Path, tmp_path: Path) -> None:
    # The shape Excel gives an encrypted workbook: an OLE compound file holding an "EncryptedPackage" stream.
    table = tmp_path / "locked.xlsx"
    table.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le"))
    run = run_qingdan(["import", str(table), "--kind", "negative", "--jurisdiction", "980102000000"], repo)
    assert run.returncode == 2 and "密码" in run.stderr, run


def test_a_workbook_that_is_a_zip_of_nonsense_is_exit_2(repo: Path, tmp_path: Path) -> None:
    table = tmp_path / "odd.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    table.write_bytes(buffer.getvalue())
    run = run_qingdan(["import", str(table), "--kind", "negative", "--jurisdiction", "980102000000"], repo)
    assert run.returncode == 2 and str(table) in run.stderr and "内部错误" not in run.stderr, run


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e.invalid"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e.invalid"}
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def test_log_reads_the_newest_commits_and_says_when_it_stopped(repo: Path) -> None:
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "起点")
    path = repo / "lists" / "city" / "negative.yaml"
    for n in range(4):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("title: ", f"title: {n}", 1), encoding="utf-8")
        _git(repo, "commit", "-q", "-am", f"第{n}次修改")
    first = next(line.split(":", 1)[1].strip() for line in path.read_text("utf-8").splitlines() if "- id:" in line)
    full = run_qingdan(["log", first], repo)
    assert full.returncode == 0 and "只查看了" not in full.stderr, full
    cut = run_qingdan(["log", first, "--max-commits", "2"], repo)
    assert cut.returncode == 2 and "最近的 2 次提交" in cut.stderr, cut  # added in the first commit: not among them
    assert run_qingdan(["log", first, "--max-commits", "0"], repo).returncode == 2


BIG = 45_000  # items: a little over the 4 MB that makes validate use two processes


def _big_repository(repo: Path) -> None:
    for part in range(2):
        items = "".join(
            f"  - {{id: P{part}-{n}, name: 第{part}部分第{n}项社区工作登记, department: 东城区民政局}}\n"
            for n in range(BIG // 2)
        )
        (repo / "lists" / f"big{part}.yaml").write_text(NEGATIVE + items, encoding="utf-8")


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split()[2] == "Z")


def _start_validate(repo: Path) -> tuple[subprocess.Popen[bytes], list[int]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "qingdan", "validate", "--no-cache"],
        cwd=repo,
        env={**os.environ, "NO_COLOR": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=interruptible,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        time.sleep(0.05)
        workers = _children(proc.pid)
    return proc, workers


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and ps --ppid")
def test_workers_die_with_a_killed_parent(repo: Path) -> None:
    _big_repository(repo)
    proc, workers = _start_validate(repo)
    assert len(workers) == 2, "validate did not start two worker processes"
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers), "worker processes outlived the killed validate"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and ps --ppid")
def test_ctrl_c_stops_the_workers_and_exits_130_without_a_traceback(repo: Path) -> None:
    _big_repository(repo)
    proc, workers = _start_validate(repo)
    assert len(workers) == 2
    proc.send_signal(signal.SIGINT)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    assert proc.wait(60) == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err and "已中断" in err, err
    time.sleep(0.5)
    assert not any(_alive(w) for w in workers)
