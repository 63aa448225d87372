"""One version of a repository's list files: a folder, a git commit, or the working tree.

A snapshot knows each file's content identity without reading it (a git blob id, or the bytes of a
folder's file), so a comparison reads and parses only the files that differ.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qingdan import git
from qingdan.config import LISTS_DIR
from qingdan.errors import UsageError
from qingdan.paths import discover, read_inside, relative

WORKTREE = "@worktree"  # the label of the working tree; reporters say 工作区 / working tree


@dataclass(frozen=True)
class Snapshot:
    label: str  # what reports call this version: a short commit id, 工作区 / working tree, a folder
    ids: dict[str, str]  # path relative to the list repository → content identity
    read: Callable[[list[str]], dict[str, bytes]]  # paths → their bytes
    # jurisdiction codes → paths of the files whose header names one of them (a cheap look, no parsing)
    find: Callable[[set[str]], list[str]] = lambda codes: []


_HEADER_CODE = re.compile(rb'^jurisdiction:[ \t]*["\']?(\d{12})', re.M)


def _grep_pattern(codes: set[str]) -> str:
    return "^jurisdiction:[[:space:]]*[\"']?(" + "|".join(sorted(c for c in codes if c.isdigit())) + ")"


def folder(root: Path, label: str | None = None) -> Snapshot:
    """The YAML files under ``root/lists`` (or ``root`` itself when it has no lists folder)."""
    base = root / LISTS_DIR if (root / LISTS_DIR).is_dir() else root
    files = {relative(p, root): p for p in discover([base])}
    ids = {name: hashlib.blake2b(_read(path, root), digest_size=16).hexdigest() for name, path in files.items()}

    def find(codes: set[str]) -> list[str]:
        out = []
        for name, path in files.items():
            match = _HEADER_CODE.search(_read(path, root)[:4096])
            if match and match.group(1).decode() in codes:
                out.append(name)
        return out

    return Snapshot(label or str(root), ids, lambda names: {n: _read(files[n], root) for n in names}, find)


def _read(path: Path, root: Path) -> bytes:
    """A file of the folder: inside it and a regular file (``paths.read_inside``), or the command stops."""
    return read_inside(path, root, shown=relative(path, root))


def commit(root: Path, rev: str) -> Snapshot:
    """The list files of the repository at ``root`` as committed in ``rev``."""
    top = git.toplevel(root)
    sha = git.resolve(top, rev)
    prefix = relative(root / LISTS_DIR, top)
    inside = relative(root, top)
    strip = "" if inside == "." else inside + "/"
    blobs = {
        path[len(strip) :]: blob
        for path, blob in git.tree(top, sha, prefix).items()
        if path.endswith((".yaml", ".yml"))
    }

    def read(names: list[str]) -> dict[str, bytes]:
        contents = git.read_blobs(top, [blobs[n] for n in names])
        return {n: contents[blobs[n]] for n in names}

    def find(codes: set[str]) -> list[str]:
        if not any(c.isdigit() for c in codes):
            return []
        return [p[len(strip) :] for p in git.grep(top, sha, _grep_pattern(codes), prefix) if p[len(strip) :] in blobs]

    return Snapshot(rev if rev != sha else sha[:10], blobs, read, find)


def worktree(root: Path, base: Snapshot, base_rev: str) -> Snapshot:
    """The working tree, sharing ``base``'s identities for every file git says is unchanged."""
    top = git.toplevel(root)
    inside = relative(root, top)
    strip = "" if inside == "." else inside + "/"
    changed = {
        p[len(strip) :]
        for p in git.changed_in_worktree(top, git.resolve(top, base_rev), relative(root / LISTS_DIR, top))
    }
    on_disk = folder(root)
    ids = {
        name: (base.ids[name] if name in base.ids and name not in changed else f"worktree:{digest}")
        for name, digest in on_disk.ids.items()
    }
    return Snapshot(WORKTREE, ids, on_disk.read, on_disk.find)


def single(name: str, path: Path, label: str) -> Snapshot:
    """One file as a snapshot (the git external-diff driver gets two of them); /dev/null is empty."""
    if str(path) == "/dev/null" or not path.is_file():
        return Snapshot(label, {}, lambda names: {})
    raw = read_inside(path, None, shown=name)
    return Snapshot(label, {name: hashlib.blake2b(raw, digest_size=16).hexdigest()}, lambda names: {name: raw})


def versions(args: list[str], root: Path) -> tuple[Snapshot, Snapshot]:
    """The two versions named like git diff does: nothing (HEAD → working tree), REV (REV → working
    tree), A..B, A...B (merge base of A and B → B), or two folders."""
    if len(args) == 2 and all(Path(a).is_dir() for a in args):
        return folder(Path(args[0])), folder(Path(args[1]))
    if len(args) == 2:
        return commit(root, args[0]), commit(root, args[1])
    if not args:
        base = commit(root, "HEAD")
        return base, worktree(root, base, "HEAD")
    if len(args) != 1:
        raise UsageError("diff-args")
    arg = args[0]
    if "..." in arg:
        a, b = (part or "HEAD" for part in arg.split("...", 1))
        top = git.toplevel(root)
        return commit(root, git.merge_base(top, git.resolve(top, a), git.resolve(top, b))), commit(root, b)
    if ".." in arg:
        a, b = (part or "HEAD" for part in arg.split("..", 1))
        return commit(root, a), commit(root, b)
    base = commit(root, arg)
    return base, worktree(root, base, arg)
