"""Discover a list repository's files, check each (in parallel, through the cache) and index the result."""

from __future__ import annotations

import marshal
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from qingdan import cache, facts, parallel
from qingdan.config import Config
from qingdan.document import check_file, item_places, with_place
from qingdan.jurisdiction import present_ancestors
from qingdan.load import no_gc
from qingdan.model import Department, Entry, FileResult, Header, Jurisdiction, Waiver
from qingdan.paths import MAX_FILE_BYTES, Refused, StatKey, read_inside
from qingdan.text import key


class Repository:
    """All files of a list repository, checked, with the indexes the rules use."""

    def __init__(
        self, config: Config, files: list[FileResult], today: date, places: frozenset[str] = frozenset()
    ) -> None:
        self.config = config
        self.files = files
        self.today = today
        self.memo: dict[str, Any] = {}  # indexes rules build once per run and share
        self._places = places  # places of lists not loaded (an incremental validate loads only some lists)

    @property
    def root(self) -> Path:
        return self.config.root

    @cached_property
    def upstream_files(self) -> frozenset[str]:
        """Files read from upstream repositories (``qingdan sync``): ancestors, cited, never reported on."""
        return frozenset(f.file for f in self.files if f.origin)

    @cached_property
    def subject_files(self) -> list[FileResult]:
        """The files rules report on: the repository's own (upstream files are only looked up and cited)."""
        return [f for f in self.files if not f.origin] if self.upstream_files else self.files

    @cached_property
    def subjects(self) -> list[Entry]:
        """The entries rules report on (``entries`` holds the upstreams' too, for look-ups up the chain)."""
        return [e for f in self.subject_files for e in f.entries] if self.upstream_files else self.entries

    @cached_property
    def subject_headers(self) -> list[Header]:
        return [f.header for f in self.subject_files if f.header is not None]

    @cached_property
    def subject_by_place(self) -> dict[tuple[str, str], list[Entry]]:
        """``by_place`` of the entries rules report on."""
        if not self.upstream_files:
            return self.by_place
        out: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for e in self.subjects:
            out[(e.kind, e.jurisdiction)].append(e)
        return out

    @cached_property
    def entries(self) -> list[Entry]:
        return [e for f in self.files for e in f.entries]

    @cached_property
    def headers(self) -> list[Header]:
        return [f.header for f in self.files if f.header is not None]

    @cached_property
    def header_of(self) -> dict[str, Header]:
        """List header by file."""
        return {h.file: h for h in self.headers}

    def document(self, file: str) -> str:
        """How a finding names a list: issuer, 《title》 and 文号 as far as the header gives them."""
        h = self.header_of.get(file)
        if h is None:
            return file
        title = f"《{h.title}》" if h.title else file
        issuers = [i for i in re.split(r"[\s、，,；;]+", h.issuer) if i]  # a joint notice: the first and 等
        issuer = issuers[0] + ("等" if len(issuers) > 1 else "") if issuers else ""
        return f"{issuer}{title}{h.doc_number}"

    @cached_property
    def jurisdictions(self) -> dict[str, Jurisdiction]:
        out: dict[str, Jurisdiction] = {}
        for f in self.files:
            for j in f.jurisdictions:
                out.setdefault(j.code, j)
        return out

    @cached_property
    def departments(self) -> dict[str, Department]:
        """Normalised name or alias → department."""
        out: dict[str, Department] = {}
        for f in self.files:
            for d in f.departments:
                for name in (d.name, *d.aliases):
                    out.setdefault(key(name), d)
        return out

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        out: dict[str, Entry] = {}
        for e in self.entries:
            out.setdefault(e.id, e)
        return out

    @cached_property
    def unique_ids(self) -> bool:
        """Whether no two entries share an id (a set of the ids: at a province's size a third of ``by_id``)."""
        if "by_id" in self.__dict__:
            return len(self.by_id) == len(self.entries)
        return len({e.id for e in self.entries}) == len(self.entries)

    @cached_property
    def admissions_by_id(self) -> dict[str, Entry]:
        """``by_id`` of the admission records only: the same answer for every id when ids are unique, without
        a look at the other entries (a province's 100,000s)."""
        if not self.unique_ids:
            return {i: e for i, e in self.by_id.items() if e.kind == "admissions"}
        return {e.id: e for (kind, _), entries in self.by_place.items() if kind == "admissions" for e in entries}

    @cached_property
    def by_place(self) -> dict[tuple[str, str], list[Entry]]:
        """(kind, jurisdiction code) → the entries of every list of that kind there: a list whose items share one
        place (``facts.place``: every list read from a file) is added at once, a million items in 0.01 s."""
        out: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for f in self.files:
            place = facts.of(f).place
            if place is not None:
                out[place].extend(f.entries)
                continue
            for e in f.entries:
                out[(e.kind, e.jurisdiction)].append(e)
        return out

    @cached_property
    def places(self) -> frozenset[str]:
        """Codes the repository has: declared in a jurisdictions file or holding a list."""
        return frozenset(self.jurisdictions) | {h.jurisdiction for h in self.headers} | self._places

    def chain(self, code: str) -> tuple[str, ...]:
        """The code itself, then its ancestors up to the province, and the nation (000000000000) when the
        repository has it; a 直辖市's 市-level code only when it has that one."""
        chains: dict[str, tuple[str, ...]] = self.memo.setdefault("chain", {})
        chain = chains.get(code)
        if chain is None:
            chain = chains[code] = (code, *present_ancestors(code, self.places))
        return chain

    def name_of(self, code: str) -> str:
        j = self.jurisdictions.get(code)
        return j.name if j else code


Job = tuple[str, str, float, str, bool, bytes | None]


def _check(job: Job) -> bytes:
    """One file's result as the files cache keeps it (job: path, name, threshold, root, positions, the result
    read without positions or None): a worker sends these bytes (marshal: cheaper to make and to send than a
    pickle of 100,000 small tuples) and the main process writes them to the cache as they are. With positions
    every entry has its line; given the result without them, only the places are made again."""
    path, name, threshold, root, positions, old = job
    with no_gc():  # thousands of small tuples that live until sent: a collection would find nothing to free
        read = cache.result_from_blob(old) if old is not None else None
        return cache.result_to_blob(check_file(Path(path), name, threshold, positions, Path(root), read))


class Loaded:
    """A repository and what is needed to place findings and save the cache after the rules ran."""

    def __init__(
        self,
        repo: Repository,
        files: dict[str, Path],
        stats: dict[str, StatKey],
        changed: bool,
        reused: dict[str, Any] | None = None,
        old: dict[str, Any] | None = None,
        blobs: dict[str, bytes] | None = None,
    ) -> None:
        self.repo = repo
        self.files = files
        self.stats = stats
        self.changed = changed
        self.reused = reused or {}  # cache entries of files that did not change, to write back as they were
        self.old = old or {}  # the files cache as read: entries of files not loaded are kept, and its state
        self.blobs = blobs or {}  # files read this time: their results as the cache keeps them

    def place(self, names: set[str], items: dict[str, set[str]] | None = None) -> set[str]:
        """Give these files' entries their lines and columns (the fast loader keeps none): of a file in ``items``
        only the entries with those ids (and its header), of the others every entry (read again with positions).
        The repository is replaced by one with them, in place, so that the old one's entries and indexes are
        freed (at 1,000,000 items they are hundreds of MB). Returns the files placed only in part."""
        old = self.repo
        items = items or {}
        partly = {
            r.file: r
            for r in old.files
            if r.file in names and r.file in items and r.entries and r.header is not None and not r.findings
        }  # a file with findings of its own was read by the builder, with every place
        again: dict[str, FileResult] = {}
        if partly:
            again = self._place_items(partly, items)
        full = {n for n in names if n not in again}
        todo = [r.file for r in old.files if r.file in full]
        if todo:
            threshold, root = old.config.fuzzy_threshold, str(old.root)
            jobs: list[Job] = [(str(self.files[n]), n, threshold, root, True, self.blobs.pop(n, None)) for n in todo]
            sent = {job[1]: blob for job, blob in parallel.run(_check, jobs, [self.stats[n][1] for n in todo])}
            again.update((n, cache.result_from_blob(blob)) for n, blob in sent.items())
            self.reused = {n: v for n, v in self.reused.items() if n not in full}
            self.blobs.update(sent)
            self.changed = True
        files = [again.get(r.file, r) for r in old.files]
        self.repo = Repository(old.config, files, old.today, old._places)
        return set(again) - full

    def _place_items(self, results: dict[str, FileResult], items: dict[str, set[str]]) -> dict[str, FileResult]:
        """Of each result the entries whose ids are in ``items`` placed (document.item_places, in the workers);
        the files cache keeps the results as read (a later run places what it reports). Files that could not be
        placed so are left out."""
        names = list(results)
        wanted = {n: [i for i, e in enumerate(results[n].entries) if e.id in items[n]] for n in names}
        root = str(self.repo.root)
        jobs: list[PlacesJob] = []
        for n in names:
            r = results[n]
            assert r.kind is not None
            ids = [(i, r.entries[i].id) for i in wanted[n]]
            jobs.append((str(self.files[n]), n, root, r.kind, len(r.entries), ids))
        done: dict[str, FileResult] = {}
        for job, sent in parallel.run(_places, jobs, [self.stats[n][1] for n in names]):
            got = marshal.loads(sent)
            if got is None:
                continue
            name = job[1]
            header, places = got
            entries = list(results[name].entries)
            for at, (line, column, positions, waivers) in zip(wanted[name], places, strict=True):
                entries[at] = with_place(entries[at], (line, column, positions, tuple(map(Waiver._make, waivers))))
            done[name] = results[name]._replace(header=Header._make(header), entries=tuple(entries))
        return done


PlacesJob = tuple[str, str, str, str, int, list[tuple[int, str]]]


def _places(job: PlacesJob) -> bytes:
    """A worker's part of Loaded._place_items (job: path, name, root, kind, number of entries, (index, id) of
    those to place): marshal bytes of (header, places) as plain tuples, or of None."""
    path, name, root, kind, count, wanted = job
    try:
        raw = read_inside(Path(path), Path(root), MAX_FILE_BYTES, shown=name)
    except Refused:
        return marshal.dumps(None)
    got = item_places(raw, name, kind, count, wanted)
    if got is None:
        return marshal.dumps(None)
    header, places = got
    return marshal.dumps((tuple(header), [(*p[:3], tuple(map(tuple, p[3]))) for p in places]))


Progress = Callable[[int, int], None]  # (files read so far, files to read)


def read_cache(config: Config) -> dict[str, Any]:
    """The files cache: per-file results (``files``: name → (stat key, where its blob is in the pack)) and the
    last validate's per-list findings (``state``, see qingdan.incremental); {} when absent or made with
    another threshold."""
    old = cache.read(config.root)
    if old.get("threshold") != config.fuzzy_threshold:
        return {}  # near-duplicate pairs inside each file were found with another threshold
    return old


def load(
    config: Config,
    files: dict[str, Path],
    stats: dict[str, StatKey],
    today: date,
    use_cache: bool = True,
    progress: Progress | None = None,
    *,
    old: dict[str, Any] | None = None,
    names: frozenset[str] | None = None,
    places: frozenset[str] = frozenset(),
) -> Loaded:
    """Check every file (name → path; cached results where it has not changed) into a Repository; only the
    files in ``names`` when given (their order kept), with ``places`` the other lists' jurisdictions.
    ``old`` is the files cache when the caller has read it already."""
    if old is None:
        old = read_cache(config) if use_cache else {}
    old_files: dict[str, tuple[StatKey, Any]] = old.get("files", {})
    results: dict[str, FileResult] = {}
    reused: dict[str, Any] = {}
    todo: list[tuple[Path, str, int]] = []
    wanted = [n for n in files if names is None or n in names]
    hits = {n: hit for n in wanted if (hit := old_files.get(n)) is not None and tuple(hit[0]) == stats[n]}
    got = cache.blobs(config.root, {n: tuple(hit[1]) for n, hit in hits.items()})
    for name in wanted:
        if name in got:
            results[name] = cache.result_from_blob(got[name])
            reused[name] = hits[name]
        else:
            todo.append((files[name], name, stats[name][1]))
    fresh: dict[str, bytes] = {}
    for done, (name, blob) in enumerate(_run(todo, config.fuzzy_threshold, config.root), 1):
        results[name] = cache.result_from_blob(blob)
        fresh[name] = blob
        if progress is not None:
            progress(done, len(todo))
    own = [results[n] for n in wanted]
    if config.upstreams:  # after the repository's own files: its own jurisdictions, ids and departments win
        from qingdan.upstream import store

        own.extend(store.results(config))
    repo = Repository(config, own, today, places)
    changed = bool(todo) or set(old_files) != set(files)
    return Loaded(repo, files, stats, changed=changed, reused=reused, old=old, blobs=fresh)


def save(loaded: Loaded, state: dict[str, Any] | None = None) -> None:
    """Keep per-file results (files not loaded this time keep their entries) and validate's ``state`` (or the
    last one, when not given); write only when something changed."""
    repo = loaded.repo
    if not loaded.changed and state is None:
        return
    old_files: dict[str, Any] = loaded.old.get("files", {})
    files: dict[str, Any] = {}
    made = {r.file: r for r in repo.files if not r.origin}
    kept = cache.settled(loaded.stats)
    for name in loaded.files:
        if name in made:
            blob = loaded.blobs.get(name) or cache.result_to_blob(made[name])
            files[name] = loaded.reused.get(name) or (kept[name], blob)
        elif name in old_files and tuple(old_files[name][0]) == loaded.stats[name]:
            files[name] = old_files[name]
    extra: dict[str, Any] = {"threshold": repo.config.fuzzy_threshold}
    previous = state if state is not None else loaded.old.get("state")
    if previous is not None:
        extra["state"] = previous
    cache.write_files(repo.root, files, loaded.old, extra)


def _run(todo: list[tuple[Path, str, int]], threshold: float, root: Path) -> Iterator[tuple[str, bytes]]:
    jobs: list[Job] = [(str(path), name, threshold, str(root), False, None) for path, name, _ in todo]
    for (_, name, _, _, _, _), result in parallel.run(_check, jobs, [size for _, _, size in todo]):
        yield name, result


def load_repository(root: Path, today: date, use_cache: bool = True) -> Repository:
    """Every list file of the repository at ``root``, checked and indexed."""
    from qingdan.check import resolve_scope
    from qingdan.paths import stat_keys

    scope = resolve_scope([root], root)
    loaded = load(scope.config, scope.paths(), stat_keys(scope.located), today, use_cache)
    if use_cache:
        save(loaded)
    return loaded.repo
