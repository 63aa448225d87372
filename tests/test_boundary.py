"""The repository boundary: nothing is read from outside the repository or from files that are not regular
files, nothing is written outside it or through a symlink, and repository templates run in a sandbox."""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
from pathlib import Path

import pytest

from conftest import CHANGSHA, PINNED, REPO, run_qingdan

SECRET = "机密-不应发布-7f3a"
LIST = "lists/dongcheng/xiangyang-street/xiangyang/assist.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    dest = tmp_path / "repo"
    shutil.copytree(REPO / "lists", dest / "lists")
    shutil.copyfile(REPO / "qingdan.toml", dest / "qingdan.toml")
    return dest


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A readable file outside the repository, shaped like a list so that it would publish if it were read."""
    path = tmp_path / "elsewhere" / "secret.yaml"
    path.parent.mkdir()
    text = (REPO / LIST).read_text(encoding="utf-8")
    path.write_text(text.replace("协助", SECRET, 1).replace("XY-XZ-", "SS-XZ-"), encoding="utf-8")
    return path


def _findings(run: object) -> list[dict[str, object]]:
    return json.loads(run.stdout)["findings"]  # type: ignore[attr-defined]


def _everything_under(folder: Path) -> str:
    return "".join(p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file())


def test_a_symlink_out_of_the_repository_is_a_finding_and_published_nowhere(repo: Path, secret: Path) -> None:
    (repo / "lists" / "leak.yaml").symlink_to(secret)
    run = run_qingdan(["validate", "--no-cache", "--format", "json"], repo)
    assert run.returncode == 1, run
    leak = [f for f in _findings(run) if f["file"] == "lists/leak.yaml"]
    assert leak and leak[0]["rule"] == "document-shape" and "指向仓库之外" in str(leak[0]["message"]), leak
    assert str(secret) in str(leak[0]["message"])
    assert SECRET not in run.stdout
    build = run_qingdan(["build", "--only", "html,xlsx"], repo)
    assert build.returncode == 1 and not (repo / "_site").exists(), build
    export = run_qingdan(["export", "--format", "csv"], repo)
    assert export.returncode == 2 and "lists/leak.yaml 指向仓库之外" in export.stderr, export
    assert not (repo / "export").exists() or SECRET not in _everything_under(repo / "export")


def test_a_symlink_inside_the_repository_is_read(repo: Path) -> None:
    shared = repo / "shared"
    shared.mkdir()
    shutil.move(repo / LIST, shared / "assist.yaml")
    (repo / LIST).symlink_to(Path("../../../../shared/assist.yaml"))
    run = run_qingdan(["validate", "--no-cache", "--today", "2026-11-02"], repo)
    assert run.returncode == 0, run


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "socket", "folder"])
def test_special_files_are_refused_at_once(repo: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = repo / "lists" / "odd.yaml"
    server = None
    if kind == "dev-zero":  # would read until memory runs out
        path.symlink_to("/dev/zero")
        words = ["指向仓库之外（/dev/zero）"]
    elif kind == "fifo":  # would block for ever
        os.mkfifo(path)
        words = ["命名管道", "不是普通文件"]
    elif kind == "socket":
        monkeypatch.chdir(path.parent)  # AF_UNIX paths are short: bind by the relative name
        server = socket.socket(socket.AF_UNIX)
        server.bind("odd.yaml")
        words = ["套接字", "不是普通文件"]
    else:
        path.mkdir()  # a folder named like a list file is walked, not read: nothing to report about it
        (path / "x.txt").write_text("x")
        words = []
    try:
        run = run_qingdan(["validate", "--no-cache", "--format", "json"], repo)
    finally:
        if server is not None:
            server.close()
    if not words:
        assert "odd.yaml" not in run.stdout, run
        return
    assert run.returncode == 1, run
    odd = [f for f in _findings(run) if f["file"] == "lists/odd.yaml"]
    assert odd and all(w in str(odd[0]["message"]) for w in words), odd


def test_the_size_limit_counts_the_bytes_read(tmp_path: Path) -> None:
    from qingdan.paths import Refused, read_inside

    status = Path("/proc/self/status")  # a regular file whose size says 0 but which has content
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("needs Linux /proc")
    with pytest.raises(Refused) as caught:
        read_inside(status, None, limit=16)
    assert caught.value.key == "file-too-large"
    with pytest.raises(Refused) as refused:
        read_inside(Path("/dev/zero"), None)
    assert refused.value.key == "file-not-regular"


def test_a_symlinked_cache_folder_is_not_written_through(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "victim"
    target.mkdir()
    (repo / ".qingdan-cache").symlink_to(target)
    run = run_qingdan(["validate", "--today", "2026-11-02"], repo)
    assert run.returncode == 0, run
    assert list(target.iterdir()) == [], "validate wrote through the symlinked cache folder"


def test_a_symlinked_configuration_is_refused(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "other.toml"
    shutil.move(repo / "qingdan.toml", outside)
    (repo / "qingdan.toml").symlink_to(outside)
    run = run_qingdan(["validate", "--no-cache"], repo)
    assert run.returncode == 2 and "qingdan.toml 指向仓库之外" in run.stderr, run


def test_init_folder_cannot_leave_the_new_repository(tmp_path: Path) -> None:
    for folder in ("../../x", "/etc/x", "a/../../b", "con", "a:b", "./x"):
        target = tmp_path / f"new-{abs(hash(folder))}"
        run = run_qingdan(
            ["init", str(target), *CHANGSHA, *PINNED, "--folder", folder],
            tmp_path,
        )
        assert run.returncode == 2 and "--folder" in run.stderr, run
        assert not target.exists() or not any(target.rglob("*")), folder
    assert not (tmp_path.parent / "x").exists()


def test_init_does_not_write_through_a_symlink_already_in_the_folder(tmp_path: Path) -> None:
    target, elsewhere = tmp_path / "new", tmp_path / "elsewhere"
    target.mkdir()
    elsewhere.mkdir()
    (target / ".github").symlink_to(elsewhere)
    run = run_qingdan(
        ["init", str(target), *CHANGSHA, *PINNED],
        tmp_path,
    )
    assert run.returncode == 2 and "之外" in run.stderr, run
    assert list(elsewhere.iterdir()) == [] and not (target / "qingdan.toml").exists()


def test_a_symlinked_out_folder_is_refused_and_left_alone(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "www"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine", encoding="utf-8")
    link = tmp_path / "out"
    link.symlink_to(elsewhere)
    run = run_qingdan(["build", "--only", "html", "--out", str(link)], repo)
    assert run.returncode == 2 and "符号链接" in run.stderr and str(link) in run.stderr, run
    assert link.is_symlink() and sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
    (repo / "_site").symlink_to(elsewhere)  # the default output, committed as a symlink
    run = run_qingdan(["build", "--only", "html"], repo)
    assert run.returncode == 2 and "符号链接" in run.stderr, run
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]


def test_a_symlinked_export_folder_is_refused(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "share"
    elsewhere.mkdir()
    (repo / "export").symlink_to(elsewhere)
    run = run_qingdan(["export", "--format", "csv"], repo)
    assert run.returncode == 2 and "符号链接" in run.stderr, run
    assert list(elsewhere.iterdir()) == []


def test_build_output_is_readable_by_others_under_umask_022(repo: Path) -> None:
    old = os.umask(0o022)
    try:
        run = run_qingdan(["build", "--only", "html,xlsx"], repo)
    finally:
        os.umask(old)
    assert run.returncode == 0, run
    site = repo / "_site"
    folders = {stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")] if p.is_dir()}
    files = {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_file()}
    assert folders == {0o755} and files == {0o644}, (folders, files)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("con.html", "con_.html"),
        ("NUL.xlsx", "NUL_.xlsx"),
        ("aux", "aux_"),
        ("com1.pdf", "com1_.pdf"),
        ("lpt9.tar.gz", "lpt9_.tar.gz"),
        ("console.html", "console.html"),
        ("a:b?.html", "a_b_.html"),
        ("名单. ", "名单"),
        ("向阳社区.html", "向阳社区.html"),
    ],
)
def test_windows_reserved_names_are_made_safe(name: str, safe: str) -> None:
    from qingdan.paths import windows_safe

    assert windows_safe(name) == safe
    assert windows_safe(safe) == safe  # applying it twice changes nothing


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize(
    "template",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ lst.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    ],
)
def test_repository_templates_run_in_a_sandbox(repo: Path, template: str) -> None:
    override = repo / "templates" / "site" / "_header.html.j2"
    override.parent.mkdir(parents=True)
    override.write_text(f"<h1>{{{{ lst.title }}}}</h1>{template}\n", encoding="utf-8")
    run = run_qingdan(["build", "--only", "html"], repo)
    assert run.returncode == 2 and "Traceback" not in run.stderr, run
    assert "templates/site/_header.html.j2" in run.stderr and "沙箱" in run.stderr, run
    assert not (repo / "_site").exists()


def test_a_repository_template_that_links_out_is_refused(repo: Path, secret: Path) -> None:
    override = repo / "templates" / "site" / "_header.html.j2"
    override.parent.mkdir(parents=True)
    override.symlink_to(secret)
    run = run_qingdan(["build", "--only", "html"], repo)
    assert run.returncode == 2 and "指向仓库之外" in run.stderr, run
    assert not (repo / "_site").exists()


def test_diff_of_two_folders_does_not_follow_a_symlink_out(repo: Path, secret: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(repo, other)
    (other / "lists" / "leak.yaml").symlink_to(secret)
    run = run_qingdan(["diff", str(repo), str(other)], tmp_path)
    assert run.returncode == 2 and "指向仓库之外" in run.stderr and SECRET not in run.stdout, run
