"""One version of a repository's list files: a folder, a git commit, or the working tree.

A snapshot knows each file's content identity without reading it (a git blob id, or the bytes of a
folder's file), so a comparison reads and parses only the files that differ.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qingdan import cache, git
from qingdan.config import LISTS_DIR, find_root
from qingdan.errors import UsageError
from qingdan.paths import discover, read_inside, relative

WORKTREE = "@worktree"  # the label of the working tree; reporters say 工作区 / working tree


class Search:
    """``Snapshot.find`` asked early: ``result(codes)`` is ``find(codes)``; ``stop`` when it is not wanted."""

    def __init__(self, find: Callable[[set[str]], list[str]]) -> None:
        self._find = find

    def result(self, codes: set[str]) -> list[str]:
        return self._find(codes)

    def stop(self) -> None:
        pass


@dataclass(frozen=True)
class Snapshot:
    label: str  # what reports call this version: a short commit id, 工作区 / working tree, a folder
    ids: dict[str, str]  # path relative to the list repository → content identity
    read: Callable[[list[str]], dict[str, bytes]]  # paths → their bytes
    # jurisdiction codes → paths of the files whose header names one of them (a cheap look, no parsing)
    find: Callable[[set[str]], list[str]] = lambda codes: []
    # a Search that may already be running when it is asked (a git commit's: _HeaderSearch)
    soon: Callable[[], Search] | None = None

    def find_soon(self) -> Search:
        """Start looking for what ``find`` will be asked, so that the answer is ready when it is."""
        return self.soon() if self.soon is not None else Search(self.find)


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
    return _blobs(root, top, git.tree(top, sha, relative(root / LISTS_DIR, top)), rev if rev != sha else sha[:10], sha)


def index(root: Path) -> Snapshot:
    """The list files of the repository at ``root`` as staged in git's index."""
    top = git.toplevel(root)
    return _blobs(root, top, git.index_tree(top, relative(root / LISTS_DIR, top)), "index", None)


def _blobs(root: Path, top: Path, tree: dict[str, str], label: str, sha: str | None) -> Snapshot:
    """A version made of git blobs (``tree``: path from the top folder → blob id)."""
    inside = relative(root, top)
    strip = "" if inside == "." else inside + "/"
    prefix = relative(root / LISTS_DIR, top)
    blobs = {path[len(strip) :]: blob for path, blob in tree.items() if path.endswith((".yaml", ".yml"))}

    def read(names: list[str]) -> dict[str, bytes]:
        contents = git.read_blobs(top, [blobs[n] for n in names])
        return {n: contents[blobs[n]] for n in names}

    def find(codes: set[str]) -> list[str]:
        if sha is None:  # the index: look at the headers themselves
            return _headers(codes, read(list(blobs)))
        if not any(c.isdigit() for c in codes):
            return []
        return [p[len(strip) :] for p in git.grep(top, sha, _grep_pattern(codes), prefix) if p[len(strip) :] in blobs]

    def soon() -> Search:
        return Search(find) if sha is None else _HeaderSearch(root, top, sha, strip, prefix, blobs, find)

    return Snapshot(label, blobs, read, find, soon)


HEADERS_CACHE = "diff-headers.marshal"  # git blob → the codes find's git grep matches in it (a blob never changes)
_ANY_CODE = "^jurisdiction:[[:space:]]*[\"']?[0-9]{12}"
_NAMED = 200  # at most this many files not seen before are named to git grep; more, the whole folder is searched


def _locale() -> str:
    """What git's regular expressions depend on ([[:space:]] is the locale's)."""
    return next((os.environ[v] for v in ("LC_ALL", "LC_CTYPE", "LANG") if os.environ.get(v)), "")


class _HeaderSearch(Search):
    """Which files' header lines name which twelve-digit codes, as ``find``'s git grep matches them: known from
    earlier runs for the blobs seen before (the cache ``HEADERS_CACHE``), looked for in one git grep started now,
    running while the caller parses, for the others. A code of another form is asked of ``find`` itself.
    With every code twelve digits, a header line matches exactly one of them: its match says which."""

    def __init__(
        self,
        root: Path,
        top: Path,
        sha: str,
        strip: str,
        prefix: str,
        blobs: dict[str, str],
        find: Callable[[set[str]], list[str]],
    ) -> None:
        super().__init__(find)
        self._root, self._strip, self._blobs = root, strip, blobs
        stored = cache.read(root, HEADERS_CACHE)
        known = stored.get("headers") if stored.get("locale") == _locale() else None
        self._known: dict[str, tuple[str, ...]] = known if isinstance(known, dict) else {}
        unseen = [name for name, blob in blobs.items() if blob not in self._known]
        self._unseen = {blobs[name] for name in unseen}
        self._running: git.Running | None = None
        if unseen:
            paths = [f":(literal){strip}{name}" for name in unseen] if len(unseen) <= _NAMED else [prefix]
            self._running = git.grep_soon(top, sha, _ANY_CODE, paths)

    def result(self, codes: set[str]) -> list[str]:
        digits = {c for c in codes if c.isdigit()}
        if not digits or any(len(c) != 12 for c in digits):
            self.stop()
            return self._find(codes) if digits else []
        known = self._headers()
        return [name for name, blob in self._blobs.items() if not digits.isdisjoint(known.get(blob, ()))]

    def _headers(self) -> dict[str, tuple[str, ...]]:
        if self._running is None:
            return self._known
        running, self._running = self._running, None
        found: dict[str, set[str]] = {blob: set() for blob in self._unseen}  # every blob looked at, matched or not
        for path, match in git.grep_matches(running):
            blob = self._blobs.get(path[len(self._strip) :])
            if blob is not None:
                found.setdefault(blob, set()).add(match[-12:])
        known = {**self._known, **{blob: tuple(sorted(c)) for blob, c in found.items()}}
        if len(known) > 8 * max(len(self._blobs), 1000):  # the cache keeps what this version has, not all history
            known = {blob: known[blob] for blob in self._blobs.values() if blob in known}
        self._known = known
        cache.write(self._root, {"locale": _locale(), "headers": known}, HEADERS_CACHE)
        return known

    def stop(self) -> None:
        if self._running is not None:
            running, self._running = self._running, None
            running.stop()


def _headers(codes: set[str], contents: dict[str, bytes]) -> list[str]:
    out = []
    for name, raw in contents.items():
        match = _HEADER_CODE.search(raw[:4096])
        if match and match.group(1).decode() in codes:
            out.append(name)
    return out


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
    return Snapshot(
        label,
        {name: hashlib.blake2b(raw, digest_size=16).hexdigest()},
        lambda names: {n: raw for n in names if n == name},
    )


def _unchanged(root: Path) -> Snapshot:
    """The working tree's list files, each with the same identity in every version it is used in (the driver
    puts it around both sides of one file's change, so none of them counts as changed)."""
    base = root / LISTS_DIR if (root / LISTS_DIR).is_dir() else root
    files = {relative(p, root): p for p in discover([base])}

    def find(codes: set[str]) -> list[str]:
        heads = {}
        for name, path in files.items():
            with open(path, "rb") as fh:
                heads[name] = fh.read(4096)
        return _headers(codes, heads)

    return Snapshot(
        WORKTREE, dict.fromkeys(files, "unchanged"), lambda names: {n: files[n].read_bytes() for n in names}, find
    )


def _null(hex_id: str) -> bool:
    return not hex_id.strip("0.")


def _context(top: Path, root: Path, path: str, old_hex: str, new_file: Path, new_hex: str) -> Snapshot | None:
    """The rest of the list repository in the version git shows the new side of ``path`` from: the working
    tree, the index (``git diff --cached``) or the commit that made the change (``git log -p``, ``git show``)."""
    deleted = str(new_file) == "/dev/null"
    if not deleted and _null(new_hex):
        return _unchanged(root)  # git diff, git diff REV: the new side is the working tree
    staged = git.index_tree(top, path).get(path)
    if deleted:
        if not (top / path).exists() and staged == old_hex:
            return _unchanged(root)  # deleted in the working tree, not yet staged
        sha = git.commit_of_blob(top, path, old_hex, deleted=True)
    else:
        if staged == new_hex:
            return index(root)  # git diff --cached, or a working tree file git knows is the staged one
        sha = git.commit_of_blob(top, path, new_hex)
    if sha is not None:
        return commit(root, sha)
    return index(root) if deleted and staged is None else None


def _around(context: Snapshot, side: Snapshot, name: str) -> Snapshot:
    """``side`` (one file) inside ``context`` (the other files)."""
    ids = {**{n: i for n, i in context.ids.items() if n != name}, **side.ids}

    def read(names: list[str]) -> dict[str, bytes]:
        return {**context.read([n for n in names if n != name]), **side.read([n for n in names if n == name])}

    return Snapshot(side.label, ids, read, lambda codes: [p for p in context.find(codes) if p != name])


def driver(
    cwd: Path, path: str, old_file: Path, old_hex: str, new_file: Path, new_hex: str
) -> tuple[Snapshot, Snapshot]:
    """The two versions of one file git hands its external diff driver, each inside the rest of the list
    repository as it is in the new version: the counts then cover the whole place, as ``qingdan diff``'s do,
    and places are named. Where that version cannot be found, the file alone."""
    old, new = single(path, old_file, old_hex[:10]), single(path, new_file, new_hex[:10])
    try:
        top = git.toplevel(cwd)
    except UsageError:
        return old, new
    root = find_root((top / path).parent)
    name = relative(top / path, root)
    old, new = single(name, old_file, old_hex[:10]), single(name, new_file, new_hex[:10])
    context = _context(top, root, path, old_hex, new_file, new_hex)
    if context is None:
        return old, new
    return _around(context, old, name), _around(context, new, name)


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
