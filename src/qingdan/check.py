"""``qingdan validate`` as a library call: load a repository, run every rule, apply configuration."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from qingdan import cache
from qingdan.config import CONFIG_FILE, HOLIDAYS_FILE, LISTS_DIR, Config, current_day, find_root, load_config
from qingdan.errors import InputError, UsageError
from qingdan.files import recover
from qingdan.model import Entry, FileResult, Finding
from qingdan.paths import discover, listed, relative, stat_keys
from qingdan.rules import BY_ID, RULES

if TYPE_CHECKING:  # the repository (YAML, schemas, similarity) is imported only when the cache misses
    from qingdan.paths import StatKey
    from qingdan.repository import Loaded, Progress, Repository


class Summary(NamedTuple):
    files: int
    items: int
    errors: int
    warnings: int
    infos: int
    waived: int
    baselined: int = 0  # findings matched by validate --baseline (not counted as errors, warnings or notes)


class Report(NamedTuple):
    findings: tuple[Finding, ...]
    summary: Summary
    root: Path
    files: tuple[str, ...] = ()  # the files reported on (report names), for reporters with one entry per file

    def failed(self, strict: bool = False) -> bool:
        return self.summary.errors > 0 or (strict and self.summary.warnings > 0)


class Scope(NamedTuple):
    """Which repository to load (files by report name) and which of them to report on (None: all)."""

    config: Config
    located: dict[str, str]  # report name → the file's path as a string: a run answered from the cache needs no Path
    only: frozenset[str] | None

    def paths(self) -> dict[str, Path]:
        """Report name → path, made anew on each call (1,125 files: 5 ms): bind it once."""
        return {name: Path(p) for name, p in self.located.items()}


def _is_repository(path: Path) -> bool:
    return (path / LISTS_DIR).is_dir() or (path / CONFIG_FILE).is_file()


def narrows(paths: list[Path]) -> bool:
    """Whether ``paths`` name some files of a repository rather than none (the one around cwd) or a whole one."""
    return bool(paths) and not (len(paths) == 1 and paths[0].is_dir() and _is_repository(paths[0]))


def resolve_scope(paths: list[Path], cwd: Path) -> Scope:
    """No paths: the repository around ``cwd``. A repository folder: all of it. Files or folders inside
    a repository: the whole repository is loaded (references need it), findings only for those files."""
    for p in paths:
        if not p.exists():
            raise UsageError("path-missing", path=str(p))
    only: frozenset[str] | None = None
    if not paths:
        root = find_root(cwd)
    elif len(paths) == 1 and paths[0].is_dir() and _is_repository(paths[0]):
        root = paths[0].resolve()
    else:
        root = find_root(paths[0] if paths[0].is_dir() else paths[0].parent)
        only = frozenset(relative(p, root) for p in discover(paths))
    recover(root)  # a decision killed half-way is rolled back before anything reads the lists
    config = load_config(root, {rule.id for rule in RULES})
    files = listed(config.lists_dir if config.lists_dir.is_dir() else root, root)
    if only is not None:
        for p in discover(paths):
            files.setdefault(relative(p, root), str(p))
    if not files:
        raise InputError("no-lists", path=str(root))
    if (root / HOLIDAYS_FILE).is_file():  # the calendar of admission deadlines, beside qingdan.toml
        files.setdefault(HOLIDAYS_FILE, str(root / HOLIDAYS_FILE))
    return Scope(config, files, only)


def validate_repository(
    paths: list[Path],
    *,
    cwd: Path,
    today: date | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> Report:
    """Check a list repository (or some of its files) and return every finding, configured.
    ``progress`` is told how many of the files that must be read (not cached) have been read."""
    scope = resolve_scope(paths, cwd)
    day = today or current_day()
    root = scope.config.root
    stats = stat_keys(scope.located)
    config_stat = stat_keys({CONFIG_FILE: root / CONFIG_FILE})
    pins = _pins(scope.config)
    calendar = _calendar_version()
    key = cache.signature(sorted(stats.items()), config_stat, day.isoformat(), sorted(scope.only or ()), calendar, pins)
    if use_cache:
        hit = cache.read(root, cache.REPORT)
        if hit.get("signature") == key:
            return _report_from_plain(hit["report"], root)
    from qingdan import repository
    from qingdan.load import no_gc

    context = cache.signature(config_stat, day.isoformat(), calendar, pins)
    old = repository.read_cache(scope.config) if use_cache else {}
    with no_gc(keep=True):  # a province's items are 100,000s of small tuples that live on: collections free nothing
        loaded, findings, counts, state = _run(scope, stats, day, old, context if use_cache else None, progress)
    report = _report(findings, counts, scope)
    if use_cache:
        repository.save(loaded, state)
        if cache.settled(stats) is stats:  # a file changed just now may change again unseen: no report kept
            cache.write(root, {"signature": key, "report": _report_to_plain(report)}, cache.REPORT)
    return report


def _run(
    scope: Scope,
    stats: dict[str, StatKey],
    day: date,
    old: dict[str, Any],
    context: str | None,
    progress: Progress | None = None,
) -> tuple[Loaded, list[Finding], dict[str, int], dict[str, Any] | None]:
    """Load and check: only what changed and what it touches when the last run's state allows
    (qingdan.incremental), everything otherwise. Returns the loaded repository, every configured finding (on
    every file, uncapped), items per own file and the state to keep (None: keep none; ``context`` None: the
    caller keeps no cache)."""
    from qingdan import incremental, repository

    config, files = scope.config, scope.paths()
    p = incremental.plan(old, context, stats) if context is not None else None
    if p is not None:
        names = p.loaded()
        loaded = repository.load(config, files, stats, day, progress=progress, old=old, names=names, places=p.places())
        if incremental.usable(p, _own(loaded), files):
            loaded, found = _checked(loaded)
            state = incremental.make_state(context or "", _own(loaded), cache.settled(stats), found, p)
            return loaded, found + incremental.cached_findings(p, names), incremental.counts(p, _own(loaded)), state
    loaded = repository.load(config, files, stats, day, progress=progress, old=old)
    loaded, found = _checked(loaded)
    own = _own(loaded)
    state = incremental.make_state(context, own, cache.settled(stats), found) if context is not None else None
    return loaded, found, {r.file: len(r.entries) for r in own}, state


def _own(loaded: Loaded) -> list[FileResult]:
    return [r for r in loaded.repo.files if not r.origin]


def _checked(loaded: Loaded) -> tuple[Loaded, list[Finding]]:
    """Every rule over the loaded repository. Findings without a place (in files the fast loader read) are
    placed, and the rules that found something in those files run again (the others' findings do not change: no
    rule decides by a position): in a file only the items with such findings are read again, in a file another
    finding points at ("already at file:line") every item; a finding still without a place after that (one at an
    item not its own) has its file read again in full."""
    found = _rule_findings(loaded.repo)
    findings = _findings(loaded.repo, found)
    cited = {str(f.args["other_file"]) for f in findings if "other_file" in f.args}
    if cited:  # the files they point at that the fast loader read
        by_file = {r.file: r for r in loaded.repo.files if r.file in cited}
        cited = {n for n, r in by_file.items() if any(e.line == 0 for e in r.entries)}
    unplaced = ({f.file for f in findings if f.line == 0} | cited) & set(loaded.files)
    if not unplaced:
        return loaded, findings
    items: dict[str, set[str]] = {n: set() for n in unplaced - cited}
    for f in findings:
        if f.line == 0 and f.file in items and f.item:
            items[f.file].add(f.item)
    partly = loaded.place(unplaced, items)
    found, findings = _again(loaded, found, unplaced)
    rest = {f.file for f in findings if f.line == 0} & partly
    if rest:
        loaded.place(rest)
        found, findings = _again(loaded, found, rest)
    return loaded, findings


def _again(loaded: Loaded, found: list[list[Finding]], files: set[str]) -> tuple[list[list[Finding]], list[Finding]]:
    """The rules that found something in ``files`` run again; each rule's findings and all findings configured."""
    touched = {r.id for r, got in zip(_CHECKED, found, strict=True) if any(_touches(f, files) for f in got)}
    again = _rule_findings(loaded.repo, touched, found)
    return again, _findings(loaded.repo, again)


def _touches(finding: Finding, files: set[str]) -> bool:
    return finding.file in files or str(finding.args.get("other_file", "")) in files


def report_of(scope: Scope, day: date) -> Report:
    """The report on ``scope`` as its configuration says (``qingdan sync --update`` compares two pins so),
    from the per-file cache where files did not change; no cache is written."""
    from qingdan import repository

    _, findings, counts, _ = _run(scope, stat_keys(scope.located), day, repository.read_cache(scope.config), None)
    return _report(findings, counts, scope)


def _pins(config: Config) -> tuple[tuple[str, str, bool], ...]:
    """Each upstream's pin and whether it is synced: a report made with an upstream is not reused without it.
    Stops with "run qingdan sync" when one is not there (validate never fetches)."""
    if not config.upstreams:
        return ()
    from qingdan.upstream import store

    for up in config.upstreams:
        if not store.present(config.root, up):
            raise InputError("upstream-not-synced", name=up.name, rev=store.short(up.rev))
    return tuple((up.name, up.rev, True) for up in config.upstreams)


def _calendar_version() -> str:
    """What the calendar package knows: a new release may know another year (holidays-year-unknown, -disagree).
    The size and time of its files rather than its version from importlib.metadata, which costs 15 ms of
    every run to import; installing another release rewrites them."""
    from importlib.util import find_spec

    spec = find_spec("chinese_calendar")
    if spec is None or spec.origin is None:  # pragma: no cover - a dependency
        return ""
    folder = Path(spec.origin).parent
    parts = []
    for name in ("__init__.py", "constants.py"):
        try:
            st = (folder / name).stat()
        except OSError:
            continue
        parts.append(f"{name}:{st.st_mtime_ns}:{st.st_size}")
    return ";".join(parts)


def _report_to_plain(report: Report) -> tuple[Any, ...]:
    return (
        [cache.finding_to_plain(f) for f in report.findings],
        tuple(report.summary),
        list(report.files),
    )


def _report_from_plain(plain: tuple[Any, ...], root: Path) -> Report:
    findings, summary, files = plain
    return Report(tuple(map(cache.finding_from_plain, findings)), Summary(*summary), root, tuple(files))


def _findings(repo: Repository, found: list[list[Finding]]) -> list[Finding]:
    """Every finding of the loaded files and of the rules (``found``, from _rule_findings), configured
    (severity, waivers), on every file, uncapped."""
    raw = [f for result in repo.files for f in result.findings]
    for got in found:
        raw.extend(got)
    raw.extend(_expired_waivers(repo))
    findings = _configure(raw, repo)
    if repo.upstream_files:  # upstream files are ancestors: no finding is about them, one says one is broken
        findings = [f for f in findings if f.file not in repo.upstream_files] + _upstream_problems(repo)
    return findings


_CHECKED = tuple(r for r in RULES if r.check is not None)  # the rules that look at the data (others: the loader)


def _rule_findings(
    repo: Repository, only: set[str] | None = None, before: list[list[Finding]] | None = None
) -> list[list[Finding]]:
    """Each rule's findings, in the table's order; with ``only`` just those rules run, the others' findings are
    taken from ``before``. All in this process: a forked copy running half of them (until 2026-12) gained nothing
    at a million items and cost 10 % more CPU, both copies writing to the pages they share (docs/performance.md)."""
    done = {r.id: list(r.run(repo)) for r in _CHECKED if only is None or r.id in only}
    if before is not None:
        done.update((r.id, got) for r, got in zip(_CHECKED, before, strict=True) if r.id not in done)
    return [done[r.id] for r in _CHECKED]


def _report(findings: list[Finding], counts: dict[str, int], scope: Scope) -> Report:
    """The report on the scope's files: sorted, capped per rule and file, counted."""
    if scope.only is not None:  # an unread list the named files refer to is said even so (their references wait)
        findings = [f for f in findings if f.file in scope.only or f.key == "references-unchecked"]
    findings.sort(key=lambda f: (f.file, f.line, f.column, f.rule, f.item or ""))
    files = sorted(n for n in counts if scope.only is None or n in scope.only)
    return Report(tuple(_cap(findings)), _summary(findings, files, counts), scope.config.root, tuple(files))


def _upstream_problems(repo: Repository) -> list[Finding]:
    """One finding (at its ``[[upstream]]`` in qingdan.toml) per upstream whose files do not read or do not
    match the format (``upstream.store.problem``)."""
    from qingdan.upstream.store import problem

    return [f for up in repo.config.upstreams if (f := problem(repo.config, up, repo.files)) is not None]


MAX_PER_RULE_AND_FILE = 100  # 10,000 similarly numbered items would otherwise give a quarter of a million lines


def _cap(findings: list[Finding]) -> list[Finding]:
    """At most MAX_PER_RULE_AND_FILE findings of one rule in one file, the last followed by one saying how many
    more there are. The summary still counts every finding (and so decides the exit code)."""
    counts = Counter((f.rule, f.file) for f in findings if not f.waived)
    if all(n <= MAX_PER_RULE_AND_FILE for n in counts.values()):
        return findings
    out: list[Finding] = []
    shown: Counter[tuple[str, str]] = Counter()
    for f in findings:
        group = (f.rule, f.file)
        if f.waived or counts[group] <= MAX_PER_RULE_AND_FILE:
            out.append(f)
            continue
        shown[group] += 1
        if shown[group] <= MAX_PER_RULE_AND_FILE:
            out.append(f)
        if shown[group] == MAX_PER_RULE_AND_FILE:
            rest = counts[group] - MAX_PER_RULE_AND_FILE
            args = {"count": rest, "total": counts[group], "rule": f.rule}
            out.append(f._replace(item=None, key="findings-capped", args=args))
    return out


def _expired_waivers(repo: Repository) -> list[Finding]:
    from qingdan.rules.base import parse_date

    out = []
    for e in _waived(repo):
        for w in e.waivers:
            until = parse_date(w.expires)
            if until is not None and until < repo.today:
                out.append(
                    Finding(
                        "waiver-expired",
                        e.file,
                        w.line,
                        w.column,
                        item=e.id,
                        args={"waived_rule": w.rule, "date": until.isoformat()},
                    )
                )
    return out


def _waived(repo: Repository) -> list[Entry]:
    """The entries with waivers (``facts.waived``: no pass over a province's items)."""
    from qingdan import facts

    return [f.entries[i] for f in repo.files for i in facts.of(f).waived]


def _live_waivers(entry: Entry, today: date) -> set[str]:
    from qingdan.rules.base import parse_date

    live = set()
    for w in entry.waivers:
        until = parse_date(w.expires)
        if until is None or until >= today:
            live.add(w.rule)
    return live


def _configure(raw: list[Finding], repo: Repository) -> list[Finding]:
    """Severity from configuration (or the rule's default), 'off' dropped, waivers applied."""
    items = {(e.file, e.id): e for e in _waived(repo)}
    out = []
    for f in raw:
        severity = repo.config.severities.get(f.rule, BY_ID[f.rule].severity)
        if severity == "off":
            continue
        entry = items.get((f.file, f.item or ""))
        waived = entry is not None and f.rule != "waiver-expired" and f.rule in _live_waivers(entry, repo.today)
        out.append(f._replace(severity=severity, waived=waived))
    return out


def _summary(findings: list[Finding], files: list[str], counts: dict[str, int]) -> Summary:
    counted = [f for f in findings if not f.waived]
    return Summary(
        files=len(files),
        items=sum(counts[n] for n in files),
        errors=sum(f.severity == "error" for f in counted),
        warnings=sum(f.severity == "warning" for f in counted),
        infos=sum(f.severity == "info" for f in counted),
        waived=sum(f.waived for f in findings),
    )
