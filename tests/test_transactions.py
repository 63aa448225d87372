"""Decisions are transactions: the repository lock, the journal, rollback on errors, signals and kills.

Two decisions at the same time give one success and one clear refusal; a write that fails or is killed at
any step leaves the old state (or, after the commit point, the new one) once the next qingdan command has
run, and the decision can then be made again.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import REPO, interruptible, run_qingdan
from qingdan.errors import QingdanError

ZHUCAN = "lists/requests/2026-dc-zhucan.yaml"
BEIJIE = "lists/requests/2026-dc-beijie.yaml"
ADMISSIONS = "lists/dongcheng/admissions.yaml"
ADMIT = ["admit", ZHUCAN, "--by", "东城区社区减负工作组", "--date", "2026-09-08"]
REJECT = ["reject", BEIJIE, "--by", "东城区社区减负工作组", "--date", "2026-09-08"]
LEFTOVERS = (".new", ".old", ".tmp", ".qingdan-journal", ".qingdan-lock")


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "lists", root / "lists")
    shutil.copy(REPO / "qingdan.toml", root / "qingdan.toml")
    return root


def _state(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _leftovers(root: Path) -> list[str]:
    return [p.name for p in root.rglob("*") if p.name.endswith(LEFTOVERS) or p.name.startswith(LEFTOVERS)]


def _records(root: Path) -> list[str]:
    return [i["id"] for i in yaml.safe_load((root / ADMISSIONS).read_text(encoding="utf-8"))["items"]]


# A qingdan whose decision holds the lock a little longer (the write waits 1.5 s), so two runs started
# together certainly overlap. Nothing else changes.
SLOW = """
import sys, time
from qingdan.admission import decision
original = decision._Edits.commit
def slow(self, *args, **kwargs):
    time.sleep(1.5)
    return original(self, *args, **kwargs)
decision._Edits.commit = slow
sys.argv = ["qingdan", *sys.argv[1:]]
from qingdan.cli import main
main()
"""


def _env() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "QINGDAN_LANG": "zh"}


def test_two_decisions_at_the_same_time_one_is_refused_clearly(repo: Path) -> None:
    before = _records(repo)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SLOW, *args], cwd=repo, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for args in (ADMIT, REJECT)
    ]
    results = [(p.wait(60), p.stdout.read().decode(), p.stderr.read().decode()) for p in procs]  # type: ignore[union-attr]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 2], results
    refused = next(err for code, _, err in results if code == 2)
    other = next(p.pid for p, (code, _, _) in zip(procs, results, strict=True) if code == 0)
    assert f"另一个 qingdan 正在修改本仓库（进程 {other}）" in refused, refused
    assert "Traceback" not in refused
    after = _records(repo)
    assert len(after) == len(before) + 1 and len(set(after)) == len(after), after
    assert not _leftovers(repo)
    assert run_qingdan(["validate", "--no-cache", "--today", "2026-11-02"], repo).returncode == 0
    # the refused one can simply be run again
    again = (ADMIT, REJECT)[[code for code, _, _ in results].index(2)]
    second = run_qingdan(list(again), repo)
    assert second.returncode == 0, second
    assert len(set(_records(repo))) == len(before) + 2


HOLD = """
import sys, time
from pathlib import Path
from qingdan.files import repository_lock
with repository_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_held_lock_names_its_process_and_a_dead_holder_frees_it(repo: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(repo)], stdout=subprocess.PIPE, env=_env())
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        before = _state(repo)
        run = run_qingdan(ADMIT, repo)
        assert run.returncode == 2 and f"进程 {holder.pid}" in run.stderr, run
        english = run_qingdan([*ADMIT, "--lang", "en"], repo)
        assert f"another qingdan is changing this repository (process {holder.pid})" in english.stderr, english
        assert _state(repo) == before
    finally:
        holder.kill()  # killed: the lock file stays behind with its pid, the lock itself is gone
        holder.wait()
    assert (repo / ".qingdan-lock").read_text().strip() == str(holder.pid)
    run = run_qingdan(ADMIT, repo)
    assert run.returncode == 0, run
    assert not _leftovers(repo)


def _admit_in_process(repo: Path) -> bool:
    """Whether the decision was written (a list that could not be read makes the review refuse it)."""
    from qingdan.admission.decision import record_decision

    decision = record_decision("admit", repo / ZHUCAN, cwd=repo, by="东城区社区减负工作组", day=date(2026, 9, 8))
    return not decision.refused


GUANGMING = "lists/dongcheng/xiangyang-street/guangming"
# (file-system call of files.py, whether 光明社区 has no lists yet, so that admit makes a folder and a new list)
STEPS = [(s, False) for s in ("replace", "link", "open", "unlink")] + [(s, True) for s in ("replace", "mkdir")]


class _Faulty:
    """``os`` as files.py sees it, with one call failing: the ``fail``-th call of ``step`` (0: none)."""

    def __init__(self, step: str, fail: int) -> None:
        self.step, self.fail, self.calls = step, fail, 0

    def __getattr__(self, name: str) -> object:
        real = getattr(os, name)
        if name != self.step:
            return real

        def call(*args: object, **kwargs: object) -> object:
            self.calls += 1
            if self.calls == self.fail:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(*args, **kwargs)

        return call


@pytest.mark.parametrize(("step", "new_folder"), STEPS)
def test_a_failure_at_any_write_step_puts_everything_back(
    repo: Path, step: str, new_folder: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qingdan import files

    if new_folder:
        shutil.rmtree(repo / GUANGMING)
    before = _state(repo)
    probe = _Faulty(step, 0)
    monkeypatch.setattr(files, "os", probe)
    assert _admit_in_process(repo)  # how many such calls a whole decision makes
    monkeypatch.undo()
    assert probe.calls > 0
    for target in range(1, probe.calls + 1):
        shutil.rmtree(repo)
        repo.mkdir()
        for name, data in before.items():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            (repo / name).write_bytes(data)
        monkeypatch.setattr(files, "os", _Faulty(step, target))
        try:
            failed = not _admit_in_process(repo)
        except (OSError, QingdanError):  # the disk error itself, or "cannot create the lock" naming the file
            failed = True
        monkeypatch.undo()
        state = _state(repo)
        if failed:  # before the commit point: the old state, to the byte, and nothing left over
            assert state == before, f"{step} #{target}"
        else:  # after it (only removing kept copies failed): the decision stands
            assert yaml.safe_load(state[ZHUCAN])["record"] == "DC-ZR-2026-01", f"{step} #{target}"
        files.recover(repo)  # what the next qingdan command does first
        with files.repository_lock(repo):  # a lock file whose removal failed holds nobody up
            pass
        assert not _leftovers(repo), f"{step} #{target}: {_leftovers(repo)}"
        if failed:
            assert _admit_in_process(repo)  # and the decision can be made again
        assert yaml.safe_load((repo / ZHUCAN).read_text(encoding="utf-8"))["record"] == "DC-ZR-2026-01"


# Kill the process (SIGKILL: no handler, no finally) at the n-th file-system step of a decision.
KILL = """
import os, sys
n = int(sys.argv[1]); seen = [0]
from qingdan import files
class Killing:
    def __getattr__(self, name):
        real = getattr(os, name)
        if name not in ("replace", "link", "unlink", "rmdir", "mkdir"):  # the steps that change what is on disk
            return real
        def step(*args, **kwargs):
            seen[0] += 1
            if seen[0] == n:
                os.kill(os.getpid(), 9)
            return real(*args, **kwargs)
        return step
files.os = Killing()
sys.argv = ["qingdan", *sys.argv[2:]]
from qingdan.cli import main
try:
    main()
finally:
    print("steps", seen[0], file=sys.stderr)
"""


def test_a_kill_at_any_step_is_rolled_back_or_completed_by_the_next_run(repo: Path) -> None:
    from qingdan.check import validate_repository

    before = _state(repo)
    probe = subprocess.run(
        [sys.executable, "-c", KILL, "0", *ADMIT], cwd=repo, env=_env(), capture_output=True, text=True
    )
    assert probe.returncode == 0, probe.stderr
    total = int(probe.stderr.rsplit("steps", 1)[1])
    after = _state(repo)
    assert total > 10
    outcomes = []
    for n in range(1, total + 1):
        shutil.rmtree(repo)
        repo.mkdir()
        for name, data in before.items():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            (repo / name).write_bytes(data)
        killed = subprocess.run(
            [sys.executable, "-c", KILL, str(n), *ADMIT], cwd=repo, env=_env(), capture_output=True, text=True
        )
        assert killed.returncode == -signal.SIGKILL, (n, killed.stderr)
        report = validate_repository([repo], cwd=repo, today=date(2026, 11, 2), use_cache=False)  # recovers first
        assert not report.failed(), (n, report.findings)
        state = _state(repo)
        assert state in (before, after), n
        assert not _leftovers(repo), (n, _leftovers(repo))
        outcomes.append("old" if state == before else "new")
        if state == before:
            assert _admit_in_process(repo), n  # the decision can be made again
    assert "old" in outcomes and "new" in outcomes, outcomes


INTERRUPT = """
import os, signal, sys
from qingdan import check
real = check.validate_repository
calls = [0]
signum = getattr(signal, sys.argv[1])
def interrupted(*args, **kwargs):
    calls[0] += 1
    if calls[0] == 2:  # the check after the write: the files are on disk, the decision not yet final
        os.kill(os.getpid(), signum)
    return real(*args, **kwargs)
check.validate_repository = interrupted
sys.argv = ["qingdan", *sys.argv[2:]]
from qingdan.cli import main
main()
"""


@pytest.mark.parametrize(("name", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_ctrl_c_or_sigterm_during_the_check_after_the_write_rolls_back(repo: Path, name: str, code: int) -> None:
    before = _state(repo)
    run = subprocess.run(
        [sys.executable, "-c", INTERRUPT, name, *ADMIT],
        cwd=repo,
        env=_env(),
        capture_output=True,
        text=True,
        preexec_fn=interruptible,
    )
    assert run.returncode == code, run.stderr
    assert "Traceback" not in run.stderr and "已中断" in run.stderr, run.stderr
    assert _state(repo) == before
    assert not _leftovers(repo)


def test_journal_names_every_file_before_any_is_touched(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from qingdan import files

    seen: list[dict[str, object]] = []
    real = os.replace

    def spy(src: str, dst: str) -> None:
        journal = repo / files.JOURNAL_FILE
        if Path(dst).name != files.JOURNAL_FILE and journal.exists():
            seen.append(json.loads(journal.read_text(encoding="utf-8")))
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", spy)
    _admit_in_process(repo)
    assert seen, "every rename of a list happens while the journal exists"
    named = {e["path"] for e in seen[0]["files"]}  # type: ignore[union-attr]
    assert {ZHUCAN, ADMISSIONS} <= named and seen[0]["state"] == "prepared"


def test_file_modes_are_kept_by_a_decision(repo: Path) -> None:
    for path in (repo / "lists").rglob("*.yaml"):
        path.chmod(0o644)
    (repo / ADMISSIONS).chmod(0o640)
    old = os.umask(0o077)  # even a strict umask does not change an existing file's mode
    try:
        _admit_in_process(repo)
    finally:
        os.umask(old)
    assert (repo / ADMISSIONS).stat().st_mode & 0o777 == 0o640
    assert (repo / ZHUCAN).stat().st_mode & 0o777 == 0o644
