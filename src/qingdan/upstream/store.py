"""Where a pinned upstream is kept and how its lists are read: a bare git repository per upstream under
``.qingdan-cache/upstream/HASH/`` (the hash of its source, never its name), read at the pinned commit straight
from git's objects — the commit id is what vouches for the content. Reading never touches the network."""

from __future__ import annotations

import hashlib
from pathlib import Path

from qingdan import cache, git, parallel
from qingdan.config import Config, Upstream
from qingdan.errors import GitError, InputError
from qingdan.files import write_atomic
from qingdan.model import FileResult, Finding
from qingdan.paths import MAX_FILE_BYTES, SUFFIXES
from qingdan.snapshot import Snapshot

FOLDER = "upstream"
SYNCED = "qingdan-synced"  # a file per commit that sync fetched and checked: validate's cheap "is it there"


def short(rev: str) -> str:
    return rev[:12]


def cited(up: Upstream, path: str, rev: str | None = None) -> str:
    """How reports name an upstream file: ``湖北省:lists/…/certificates.yaml@3f2c9a0b1d4e``."""
    return f"{up.name}:{path}@{short(rev or up.rev)}"


def folder(root: Path, up: Upstream) -> Path:
    digest = hashlib.blake2b(f"{'path' if up.local else 'git'}\0{up.source}".encode(), digest_size=10).hexdigest()
    return cache.cache_dir(root) / FOLDER / digest


def _marker(store: Path, rev: str) -> Path:
    return store / SYNCED / rev


def present(root: Path, up: Upstream, rev: str | None = None) -> bool:
    return _marker(folder(root, up), rev or up.rev).is_file()


def fetch(root: Path, up: Upstream, rev: str | None = None) -> bool:
    """Make ``rev`` (default: the pin) of ``up`` present in its store; True when it had to be fetched."""
    rev = rev or up.rev
    store = folder(root, up)
    if present(root, up, rev) and git.has_commit(store, rev):
        return False
    if not cache.usable(store.parent.parent, root):
        raise InputError("upstream-cache-unusable", path=str(store.parent.parent))
    git.init_bare(store)
    if not git.has_commit(store, rev):
        try:
            found = git.remote_commit(up.source, "HEAD", root)
        except GitError as exc:
            raise unreachable(up, exc) from None
        missing = InputError("upstream-rev-missing", name=up.name, rev=rev, source=up.source, head=found or "?")
        try:
            git.fetch_commit(store, up.source, rev)
        except GitError:
            raise missing from None
        if not git.has_commit(store, rev):  # pragma: no cover - git said yes but has no such commit
            raise missing
    write_atomic(_marker(store, rev), rev + "\n")
    return True


def unreachable(up: Upstream, exc: GitError) -> InputError:
    return InputError("upstream-unreachable", name=up.name, source=up.source, detail=exc.args_["detail"])


def _tree(root: Path, up: Upstream, rev: str) -> dict[str, str]:
    """Path inside the upstream → blob id of every YAML file under its lists folder at ``rev`` (regular files
    up to the size limit; a larger one is left out, and ``_results`` says so)."""
    return {p: b for p, (b, size) in _files(root, up, rev).items() if size <= MAX_FILE_BYTES}


def _files(root: Path, up: Upstream, rev: str) -> dict[str, tuple[str, int]]:
    store = folder(root, up)
    if not present(root, up, rev):
        raise InputError("upstream-not-synced", name=up.name, rev=short(rev))
    try:
        found = git.regular_files(store, rev, up.lists)
    except GitError:  # the marker is there but the objects are not (a half-deleted cache)
        raise InputError("upstream-not-synced", name=up.name, rev=short(rev)) from None
    return {p: v for p, v in found.items() if p.lower().endswith(SUFFIXES)}


def upstream_files(config: Config) -> list[tuple[str, bytes]]:
    """(cited name, bytes) of every upstream's YAML files at its pin: what ``qingdan build`` publishes with the
    repository's own lists (their places' pages show the items they pass down)."""
    out: list[tuple[str, bytes]] = []
    for up in config.upstreams:
        tree = _tree(config.root, up, up.rev)
        blobs = git.read_blobs(folder(config.root, up), sorted(set(tree.values())))
        out.extend((cited(up, path), blobs[blob]) for path, blob in sorted(tree.items()))
    return out


def snapshot(root: Path, up: Upstream, rev: str) -> Snapshot:
    """The upstream's lists at ``rev`` as the diff engine compares versions (paths as findings cite them,
    without the commit: the same file in two commits is one file)."""
    store = folder(root, up)
    tree = _tree(root, up, rev)
    ids = {f"{up.name}:{p}": b for p, b in tree.items()}

    def read(names: list[str]) -> dict[str, bytes]:
        blobs = git.read_blobs(store, [ids[n] for n in names])
        return {n: blobs[ids[n]] for n in names}

    return Snapshot(short(rev), ids, read)


def results(config: Config) -> list[FileResult]:
    """Every upstream's files, read and schema-checked at its pin, marked with their
    origin. Kept per commit in the cache: a commit's content never changes."""
    out: list[FileResult] = []
    for up in config.upstreams:
        out.extend(_results(config, up, up.rev))
    return out


def _read(job: tuple[bytes, str, float]) -> FileResult:
    """One upstream file, with positions: findings here cite its lines (runs in a worker for a large upstream)."""
    from qingdan.document import from_bytes

    return from_bytes(job[0], job[1], job[2], positions=True)


def _results(config: Config, up: Upstream, rev: str) -> list[FileResult]:
    store = folder(config.root, up)
    tree = _tree(config.root, up, rev)
    memo = store / "results" / f"{rev}-{config.fuzzy_threshold:g}.marshal"
    hit = cache.read_file(memo)  # even with --no-cache: a commit's lists, read by this qingdan, never change
    if hit.get("tree") == tree:
        return [cache.result_from_plain(r)._replace(origin=up.name) for r in hit["files"]]
    blobs = git.read_blobs(store, sorted(set(tree.values())))
    jobs = [(blobs[blob], cited(up, path, rev), config.fuzzy_threshold) for path, blob in sorted(tree.items())]
    made = [result for _, result in parallel.run(_read, jobs, [len(job[0]) for job in jobs])]
    made.sort(key=lambda r: r.file)
    for path, (_, size) in sorted(_files(config.root, up, rev).items()):
        if path not in tree:  # over the size limit: never read
            name = cited(up, path, rev)
            args = {"size": f"{size / 2**20:.1f}", "limit": f"{MAX_FILE_BYTES / 2**20:.0f}"}
            made.append(
                FileResult(name, None, (Finding("resource-limit", name, 1, 1, key="resource-size", args=args),))
            )
    cache.write_file(memo, {"tree": tree, "files": [cache.result_to_plain(r) for r in made]})
    return [r._replace(origin=up.name) for r in made]


def problem(config: Config, up: Upstream, files: list[FileResult]) -> Finding | None:
    """The one finding, placed at the upstream's ``[[upstream]]`` in qingdan.toml, that says its own files do
    not read or do not match the format: the upstream's problem for its office to fix, not a flood in this
    repository's files. (What its rules say across its lists is its own ``qingdan validate``'s business.)"""
    from qingdan.config import CONFIG_FILE
    from qingdan.rules import BY_ID

    errors = [
        f
        for r in files
        if r.origin == up.name
        for f in r.findings
        if config.severities.get(f.rule, BY_ID[f.rule].severity) == "error"
    ]
    if not errors:
        return None
    first = min(errors, key=lambda f: (f.file, f.line, f.column))
    args = {
        "name": up.name,
        "rev": short(up.rev),
        "count": len(errors),
        "first_file": first.file,
        "first_line": first.line,
        "first_rule": first.rule,
    }
    return Finding(first.rule, CONFIG_FILE, up.line, 1, key="upstream-invalid", args=args, severity="error")
