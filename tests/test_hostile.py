"""The hostile corpus: broken and hostile input, odd files and a bad environment, as data (tests/hostile/*/case.yaml,
format in tests/hostile/README.md). Every case runs the real CLI in a child process with memory and CPU limits
and checks what a user would notice: the exit code (never 3), no traceback, the message, nothing read from or
written outside the repository, nothing half-written."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO

HOSTILE = Path(__file__).parent / "hostile"
CASES = sorted(p for p in HOSTILE.iterdir() if (p / "case.yaml").is_file())
SECRET = "机密-不应发布-7f3a"  # in every file outside the repository: it must never show up in any output
MEMORY = 3 * 1024**3  # bytes of address space the child may use
CPU_SECONDS = 120
WALL_SECONDS = 300
LEFTOVER = (".new", ".old", ".tmp", ".qingdan-journal", ".qingdan-lock", ".qingdan-journal.tmp")


def _spec(case: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    return data


def _limits() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def _place(text: str, places: dict[str, Path]) -> str:
    for name, path in places.items():
        text = text.replace(f"@{name}", str(path))
    return text


def _snapshot(folder: Path) -> dict[str, str]:
    """Every entry below ``folder`` without following symlinks: a file's digest, a link's target."""
    out = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[name] = "-> " + os.readlink(path)
        elif path.is_file():
            out[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            out[name] = "dir"
        else:
            out[name] = "special"
    return out


def _prepare(case: Path, spec: dict[str, Any], tmp: Path) -> dict[str, Path]:
    repo, outside = tmp / "repo", tmp / "outside"
    places = {"repo": repo, "outside": outside}
    outside.mkdir()
    (outside / "secret.yaml").write_text(
        (REPO / "lists/city/negative.yaml").read_text(encoding="utf-8").replace("title: ", f"title: {SECRET}", 1),
        encoding="utf-8",
    )
    (outside / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    (outside / "www").mkdir()
    if spec.get("setup", "example") == "example":
        shutil.copytree(REPO / "lists", repo / "lists")
        shutil.copyfile(REPO / "qingdan.toml", repo / "qingdan.toml")
    else:
        repo.mkdir()
    for path in sorted(case.rglob("*")):  # the case's own files, laid over the repository
        rel = path.relative_to(case)
        if path.is_file() and rel.name != "case.yaml":
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, repo / rel)
    if "keep_original" in spec:  # a copy of a list as it was, before ``write`` changes it (an interrupted write)
        keep = spec["keep_original"]
        shutil.copyfile(repo / keep["from"], repo / keep["to"])
    for edit in spec.get("edit", []):
        target = repo / edit["file"]
        text = target.read_text(encoding="utf-8")
        assert edit["old"] in text, f"{case.name}: {edit['old']!r} not in {edit['file']}"
        target.write_text(text.replace(edit["old"], _place(edit["new"], places), 1), encoding="utf-8")
    for name in spec.get("remove", []):
        target = repo / name
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    for item in spec.get("write", []):
        target = repo / item["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        body = item.get("text", "")
        if "line" in item:
            body += "".join(item["line"].replace("{n}", str(n)) for n in range(item["count"]))
        data = body.encode(item.get("encoding", "utf-8"), "surrogatepass") if isinstance(body, str) else body
        target.write_bytes(item.get("prefix", b"") + data)
    if "recode" in spec:  # the same text in another encoding
        target = repo / spec["recode"]["file"]
        target.write_bytes(target.read_text(encoding="utf-8").encode(spec["recode"]["encoding"]))
    for link in spec.get("symlink", []):
        target = repo / link["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() or target.is_symlink():
            target.unlink()
        target.symlink_to(_place(link["to"], places))
    for name in spec.get("fifo", []):
        target = repo / name
        if target.exists():
            target.unlink()
        target.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(target)
    for item in spec.get("sparse", []):
        with open(repo / item["file"], "wb") as handle:
            handle.truncate(item["size"])
    if spec.get("git"):
        env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e.invalid"}
        env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e.invalid"}
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "起点"]):
            subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)
    return places


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_hostile_case(case: Path, tmp_path: Path) -> None:
    spec = _spec(case)
    for module in spec.get("requires", []):
        pytest.importorskip(module)
    if spec.get("unix_only") and sys.platform == "win32":  # pragma: no cover
        pytest.skip("needs symlinks and FIFOs")
    places = _prepare(case, spec, tmp_path)
    repo, outside = places["repo"], places["outside"]
    before_outside = _snapshot(outside)
    before_repo = {n: (repo / n).read_bytes() for n in spec.get("same", [])}
    before_top = sorted(p.name for p in tmp_path.iterdir())
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **{k: str(v) for k, v in spec.get("env", {}).items()}}
    if "QINGDAN_LANG" not in spec.get("env", {}):
        env.pop("QINGDAN_LANG", None)
    args = [_place(str(a), places) for a in spec["args"]]
    proc = subprocess.run(
        [sys.executable, "-m", "qingdan", *args],
        cwd=_place(spec.get("cwd", "@repo"), places),
        env=env,
        capture_output=True,
        timeout=WALL_SECONDS,
        preexec_fn=_limits,  # noqa: PLW1509 - the child runs nothing but qingdan
    )
    out, err = proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    shown = f"{case.name}: qingdan {' '.join(args)}\n[exit {proc.returncode}]\n{out[-3000:]}\n[stderr]\n{err[-3000:]}"
    assert proc.returncode == spec["exit"], shown
    assert proc.returncode != 3 and "Traceback" not in err and "内部错误" not in err, shown
    for fragment in spec.get("stdout", []):
        assert _place(fragment, places) in out, f"{fragment!r} not in stdout\n{shown}"
    for fragment in spec.get("stderr", []):
        assert _place(fragment, places) in err, f"{fragment!r} not in stderr\n{shown}"
    if "max_stdout_lines" in spec:
        assert len(out.splitlines()) <= spec["max_stdout_lines"], shown
    # nothing read from outside, nothing written there or beside the repository
    assert SECRET not in out and SECRET not in err, shown
    assert _snapshot(outside) == before_outside, f"{case.name}: something outside the repository changed"
    assert sorted(p.name for p in tmp_path.iterdir()) == before_top, f"{case.name}: wrote beside the repository"
    for path in repo.rglob("*"):
        if path.is_file() and not path.is_symlink() and path.stat().st_size < 50_000_000:
            assert SECRET.encode() not in path.read_bytes(), f"{case.name}: {path} holds text from outside"
    # nothing half-written
    kept = (".qingdan-journal", ".qingdan-lock") if spec.get("keep_journal") else ()
    leftovers = [p.name for p in repo.rglob("*") if p.name.endswith(LEFTOVER) and p.name not in kept]
    assert not leftovers, f"{case.name}: left behind {leftovers}"
    for name, data in before_repo.items():
        assert (repo / name).read_bytes() == data, f"{case.name}: {name} changed"
    for name in spec.get("expect_base", []):  # back to the example repository's version
        assert (repo / name).read_bytes() == (REPO / name).read_bytes(), f"{case.name}: {name} was not restored"
    for name in spec.get("absent", []):
        assert not os.path.lexists(repo / name), f"{case.name}: {name} was written"
    for name in spec.get("present", []):
        assert os.path.lexists(_place(name, places)), f"{case.name}: {name} is missing"


def test_the_corpus_is_large_and_covers_every_class() -> None:
    classes = {_spec(case)["class"] for case in CASES}
    assert len(CASES) >= 80, len(CASES)
    assert {"boundary", "exit-code", "normalisation", "bounds", "transaction", "message"} <= classes, classes
