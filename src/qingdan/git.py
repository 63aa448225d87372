"""Every call to git goes through here: argument lists, ``--`` before paths, revisions that start with
``-`` refused, one ``cat-file --batch`` for many blobs."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from qingdan.errors import GitError, UsageError


def _run(
    root: Path, *args: str, data: bytes | None = None, env: dict[str, str] | None = None, timeout: float | None = None
) -> bytes:
    try:
        proc = subprocess.run(
            ["git", *args], cwd=root, input=data, capture_output=True, check=False, env=env, timeout=timeout
        )
    except FileNotFoundError:
        raise UsageError("git-missing") from None
    except subprocess.TimeoutExpired:
        raise GitError(-1, " ".join(args[:2]), f"timeout ({timeout:.0f} s)") from None
    if proc.returncode != 0:
        raise _failed(proc.returncode, args, proc.stderr)
    return proc.stdout


def _failed(returncode: int, args: tuple[str, ...], stderr: bytes) -> GitError:
    detail = stderr.decode("utf-8", "replace").strip().splitlines()
    fatal = [line for line in detail if line.startswith("fatal: ")]  # the cause, not "and the repository exists."
    return GitError(returncode, " ".join(args[:2]), (fatal or detail or [""])[-1 if not fatal else 0])


class Running:
    """A git command started now and read later (``output``), so that the caller works meanwhile; ``stop``
    ends it when its answer is no longer wanted (always call one of the two)."""

    def __init__(self, root: Path, *args: str) -> None:
        self._args = args
        try:
            self._proc = subprocess.Popen(
                ["git", *args], cwd=root, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
        except FileNotFoundError:
            raise UsageError("git-missing") from None

    def output(self) -> bytes:
        out, err = self._proc.communicate()
        if self._proc.returncode != 0:
            raise _failed(self._proc.returncode, self._args, err)
        return out

    def stop(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.communicate()


def toplevel(path: Path) -> Path:
    """The work tree's top folder; a usage error outside a git repository."""
    try:
        return Path(_run(path, "rev-parse", "--show-toplevel").decode().strip())
    except GitError:
        raise UsageError("git-not-repository", path=str(path)) from None


def resolve(root: Path, rev: str) -> str:
    """The commit id of ``rev``; a usage error for an unknown revision or one that looks like an option."""
    if not rev or rev.startswith("-"):
        raise UsageError("git-bad-revision", rev=rev)
    try:
        return _run(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").decode().strip()
    except GitError:
        raise UsageError("git-bad-revision", rev=rev) from None


def merge_base(root: Path, a: str, b: str) -> str:
    try:
        return _run(root, "merge-base", a, b).decode().strip()
    except GitError:
        raise UsageError("git-no-merge-base", a=a, b=b) from None


def tree(root: Path, commit: str, prefix: str) -> dict[str, str]:
    """Path (relative to the top folder) → blob id of every file under ``prefix`` at ``commit``."""
    out = _run(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", prefix)
    blobs = {}
    for record in out.split(b"\0"):
        if record:
            meta, _, path = record.partition(b"\t")
            mode, kind, blob = meta.split()
            if kind == b"blob":
                blobs[path.decode("utf-8", "replace")] = blob.decode()  # a non-UTF-8 name is shown with �
    return blobs


def read_blobs(root: Path, blobs: list[str]) -> dict[str, bytes]:
    """The contents of many blobs through one ``git cat-file --batch``."""
    if not blobs:
        return {}
    out = _run(root, "cat-file", "--batch", data="".join(f"{b}\n" for b in blobs).encode())
    contents, at = {}, 0
    for blob in blobs:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        size = int(header[2])
        contents[blob] = out[end + 1 : end + 1 + size]
        at = end + 1 + size + 1
    return contents


def grep(root: Path, commit: str, pattern: str, prefix: str) -> list[str]:
    """Paths under ``prefix`` at ``commit`` with a line matching the extended regex ``pattern``."""
    try:
        out = _run(root, "grep", "--no-color", "-l", "-z", "-E", "-e", pattern, commit, "--", prefix)
    except GitError as exc:
        if exc.returncode == 1:  # nothing matched
            return []
        raise
    return [p.decode("utf-8", "replace").split(":", 1)[1] for p in out.split(b"\0") if p]


def grep_soon(root: Path, commit: str, pattern: str, paths: list[str]) -> Running:
    """``grep`` started in the background, each match shown (``grep_matches`` reads its output): a binary file's
    too (``--text``: matched as ``grep -l`` matches it, shown instead of "Binary file … matches"), whatever the
    configuration says about line numbers, columns and colours."""
    options = ("--text", "--no-line-number", "--no-column", "--no-color", "-o", "-z", "-E")
    return Running(root, "grep", *options, "-e", pattern, commit, "--", *paths)


def grep_matches(search: Running) -> list[tuple[str, str]]:
    """(path from the top folder, the matched text) of every match of a ``grep_soon``, in git's order."""
    try:
        out = search.output()
    except GitError as exc:
        if exc.returncode == 1:  # nothing matched
            return []
        raise
    matches, at = [], 0
    while at < len(out):  # "COMMIT:PATH\0MATCH\n": a path may hold a line break, never a NUL; a match neither
        name_end = out.index(b"\0", at)
        match_end = out.index(b"\n", name_end)
        path = out[at:name_end].decode("utf-8", "replace").split(":", 1)[1]
        matches.append((path, out[name_end + 1 : match_end].decode("utf-8", "replace")))
        at = match_end + 1
    return matches


def changed_in_worktree(root: Path, commit: str, prefix: str) -> set[str]:
    """Paths under ``prefix`` whose working-tree content may differ from ``commit`` (incl. untracked)."""
    changed = _run(root, "diff", "--name-only", "-z", commit, "--", prefix).split(b"\0")
    untracked = _run(root, "ls-files", "--others", "--exclude-standard", "-z", "--", prefix).split(b"\0")
    return {p.decode("utf-8", "replace") for p in (*changed, *untracked) if p}


def history(root: Path, prefix: str, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(commit, date, subject) of every commit that touched ``prefix`` (the newest ``limit`` of them), oldest
    first."""
    count = [f"--max-count={limit}"] if limit is not None else []
    out = _run(root, "log", "--reverse", *count, "--format=%H%x1f%ad%x1f%s", "--date=short", "--", prefix)
    lines = out.decode("utf-8", "replace").splitlines()
    return [tuple(line.split("\x1f", 2)) for line in lines if line]  # type: ignore[misc]


def first_parent_changes(root: Path, prefix: str, limit: int) -> list[tuple[str, str, dict[str, str]]]:
    """The last ``limit`` commits on the first-parent line that changed ``prefix``, newest first: (commit,
    committer date YYYY-MM-DD, {path: its blob before the commit, "" when the commit added it}). One
    ``git log``; a merge shows its changes against its first parent."""
    out = _run(
        root,
        "log",
        "--first-parent",
        "-m",
        "--raw",
        "--no-renames",
        "--no-abbrev",
        "-z",
        f"--max-count={limit}",
        "--date=short",
        "--format=%H%x09%cd",
        "--",
        prefix,
    )
    commits: list[tuple[str, str, dict[str, str]]] = []
    tokens = iter(out.decode("utf-8", "surrogateescape").split("\0"))
    for token in tokens:
        token = token.lstrip("\n")
        if token.startswith(":"):  # ":old-mode new-mode old-blob new-blob status", then the path
            old = token.split()[2]
            commits[-1][2][next(tokens)] = "" if not old.strip("0") else old
        elif token:
            sha, _, day = token.partition("\t")
            commits.append((sha, day, {}))
    return commits


def index_tree(root: Path, prefix: str) -> dict[str, str]:
    """Path (relative to the top folder) → blob id of every file under ``prefix`` in the index (stage 0)."""
    blobs = {}
    for record in _run(root, "ls-files", "-s", "-z", "--", prefix).split(b"\0"):
        if record:
            meta, _, path = record.partition(b"\t")
            _, blob, stage = meta.split()
            if stage == b"0":
                blobs[path.decode()] = blob.decode()
    return blobs


def commit_of_blob(root: Path, path: str, blob: str, deleted: bool = False) -> str | None:
    """The newest commit (on any branch) that gave ``path`` the content ``blob`` (or, with ``deleted``, that
    deleted ``path`` whose content was ``blob``): where the git diff driver finds the rest of a version."""
    out = _run(root, "log", "--all", "--no-renames", "--raw", "--no-abbrev", "-z", "--format=%H", "--", path)
    sha = None
    tokens = iter(out.decode("utf-8", "surrogateescape").split("\0"))
    for token in tokens:
        token = token.strip("\n")
        if token.startswith(":"):  # ":old-mode new-mode old-blob new-blob status", then the path
            old, new = token.split()[2:4]
            if next(tokens, "") == path and sha is not None:
                if (not deleted and new == blob) or (deleted and old == blob and not new.strip("0")):
                    return sha
        elif token:
            sha = token
    return None


def published_head(path: Path) -> tuple[str, str] | None:
    """(remote URL, full commit id) of the checkout at ``path`` when its HEAD can be fetched by someone else:
    no change to tracked files, and the commit on a remote-tracking branch of a remote with a URL (the
    branch's upstream remote first, then ``origin``). None otherwise — a local commit no CI can fetch."""
    try:
        if _run(path, "status", "--porcelain", "--untracked-files=no").strip():
            return None
        commit = _run(path, "rev-parse", "--verify", "HEAD^{commit}").decode().strip()
        remotes = _run(path, "remote").decode().split()
        containing = _run(path, "branch", "-r", "--contains", commit, "--format=%(refname:short)").decode().split()
    except (GitError, UsageError, OSError):
        return None
    try:  # "origin/main" when the current branch tracks one
        upstream = _run(path, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}").decode().split("/")[0]
    except GitError:
        upstream = ""
    for remote in sorted(remotes, key=lambda r: (r != upstream, r != "origin", r)):
        if any(ref.startswith(f"{remote}/") for ref in containing):
            try:
                url = _run(path, "remote", "get-url", remote).decode().strip()
            except GitError:
                continue
            return url, commit
    return None


# --- other repositories (upstream lists): the only calls that may reach the network ---------------------------

# Transports git may use for an upstream: https, http (intranet forges), ssh and local folders. Never ``ext::``
# (runs a command), ``fd::`` or any other remote helper; submodules are not followed.
_TRANSPORTS = ("https", "http", "ssh", "file")
SAFE_CONFIG = (
    "-c",
    "protocol.allow=never",
    *(arg for t in _TRANSPORTS for arg in ("-c", f"protocol.{t}.allow=always")),
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "fetch.recurseSubmodules=false",
)
NETWORK_TIMEOUT = 600.0  # seconds; a forge that stops answering ends the command instead of hanging CI


def _remote_env() -> dict[str, str]:
    """No prompt for a password (CI would hang), no program chosen by the repository or the URL."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in ("GIT_SSH_COMMAND", "GIT_SSH")}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_PROTOCOL_FROM_USER="0", GIT_ASKPASS="", SSH_ASKPASS="")
    return env


def _url(url: str) -> str:
    if not url or url.startswith("-") or "::" in url.split("/", 1)[0]:
        raise UsageError("git-bad-url", url=url)
    return url


_STORE_CONFIG = "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = true\n"


def init_bare(folder: Path) -> None:
    """A bare repository at ``folder`` (the store of one upstream's commits), with qingdan's own configuration
    only: a store that came from elsewhere (a cache folder committed by mistake, say) cannot bring settings
    that make a fetch run a program (``core.sshCommand``, ``credential.helper`` …)."""
    from qingdan.files import write_atomic

    if not (folder / "HEAD").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        _run(folder, "init", "--bare", "--quiet", ".")
    write_atomic(folder / "config", _STORE_CONFIG)


def remote_commit(url: str, ref: str, cwd: Path) -> str | None:
    """The commit ``ref`` (HEAD, a branch or a tag) names at ``url`` now; None when it names nothing there.
    A GitError when the repository cannot be reached."""
    out = _run(cwd, *SAFE_CONFIG, "ls-remote", "--", _url(url), ref, env=_remote_env(), timeout=NETWORK_TIMEOUT).decode(
        "utf-8", "replace"
    )
    found = {}
    for line in out.splitlines():
        sha, _, name = line.partition("\t")
        found[name] = sha
    for name in (ref, f"refs/heads/{ref}", f"refs/tags/{ref}^{{}}", f"refs/tags/{ref}"):
        if name in found:
            return found[name]
    return None


def fetch_commit(store: Path, url: str, commit: str) -> None:
    """Fetch ``commit`` (a full id) from ``url`` into the bare repository ``store`` and keep it under
    ``refs/qingdan/COMMIT``. A GitError when git cannot (unreachable, or no such commit there)."""
    _run(
        store,
        *SAFE_CONFIG,
        "fetch",
        "--quiet",
        "--no-tags",
        "--no-recurse-submodules",
        "--no-write-fetch-head",
        "--",
        _url(url),
        f"{commit}:refs/qingdan/{commit}",
        env=_remote_env(),
        timeout=NETWORK_TIMEOUT,
    )


def has_commit(store: Path, commit: str) -> bool:
    try:
        _run(store, "cat-file", "-e", f"{commit}^{{commit}}")
    except GitError:
        return False
    return True


def regular_files(root: Path, commit: str, prefix: str) -> dict[str, tuple[str, int]]:
    """Path → (blob id, size) of every regular file under ``prefix`` at ``commit``: no symlinks (their blob is
    a path, which must not be read as a list), no submodules."""
    out = _run(root, "ls-tree", "-r", "-z", "-l", "--full-tree", commit, "--", prefix)
    files = {}
    for record in out.split(b"\0"):
        if record:
            meta, _, path = record.partition(b"\t")
            mode, kind, blob, size = meta.split()
            if kind == b"blob" and mode in (b"100644", b"100755"):
                files[path.decode("utf-8", "replace")] = (blob.decode(), int(size))
    return files


def head_commit(path: Path, prefix: str) -> tuple[str, str, bool] | None:
    """(full commit id, committer time ISO 8601, whether files under ``prefix`` differ from it) of the checkout
    at ``path``; None outside git or before the first commit."""
    try:
        root = toplevel(path)
        line = _run(root, "log", "-1", "--format=%H%x1f%cI", "HEAD", "--").decode().strip()
        if not line:
            return None
        commit, _, when = line.partition("\x1f")
        return commit, when, bool(changed_in_worktree(root, commit, prefix))
    except (GitError, UsageError):
        return None
