"""``qingdan validate`` as a library call: load a repository, run every rule, apply configuration."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qingdan import cache
from qingdan.config import CONFIG_FILE, HOLIDAYS_FILE, LISTS_DIR, Config, current_day, find_root, load_config
from qingdan.errors import InputError, UsageError
from qingdan.files import recover
from qingdan.model import Entry, FileResult, Finding
from qingdan.paths import discover, relative, stat_keys
from qingdan.rules import BY_ID, RULES

if TYPE_CHECKING:  # the repository (YAML, schemas, similarity) is imported only when the cache misses
    from qingdan.paths import StatKey
    from qingdan.repository import Loaded, Progress, Repository


@dataclass(frozen=True)
class Summary:
    files: int
    items: int
    errors: int
    warnings: int
    infos: int
    waived: int
    baselined: int = 0  # findings matched by validate --baseline (not counted as errors, warnings or notes)


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    summary: Summary
    root: Path
    files: tuple[str, ...] = ()  # the files reported on (report names), for reporters with one entry per file

    def failed(self, strict: bool = False) -> bool:
        return self.summary.errors > 0 or (strict and self.summary.warnings > 0)


@dataclass(frozen=True)
class Scope:
    """Which repository to load (files by report name) and which of them to report on (None: all)."""

    config: Config
    files: dict[str, Path]
    only: frozenset[str] | None


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
    found = discover([config.lists_dir if config.lists_dir.is_dir() else root])
    files = {relative(p, root): p for p in found}
    if only is not None:
        for p in discover(paths):
            files.setdefault(relative(p, root), p)
    if not files:
        raise InputError("no-lists", path=str(root))
    if (root / HOLIDAYS_FILE).is_file():  # the calendar of admission deadlines, beside qingdan.toml
        files.setdefault(HOLIDAYS_FILE, root / HOLIDAYS_FILE)
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
    stats = stat_keys(scope.files)
    config_stat = stat_keys({CONFIG_FILE: root / CONFIG_FILE})
    pins = _pins(scope.config)
    key = cache.signature(
        sorted(stats.items()), config_stat, day.isoformat(), sorted(scope.only or ()), _calendar_version(), pins
    )
    if use_cache:
        hit = cache.read(root, cache.REPORT)
        if hit.get("signature") == key:
            return _report_from_plain(hit["report"], root)
    from qingdan import repository

    loaded, report = _load_and_check(scope, stats, day, use_cache, progress)
    if use_cache:
        repository.save(loaded)
        cache.write(root, {"signature": key, "report": _report_to_plain(report)}, cache.REPORT)
    return report


def _load_and_check(
    scope: Scope, stats: dict[str, StatKey], day: date, use_cache: bool, progress: Progress | None = None
) -> tuple[Loaded, Report]:
    from qingdan import repository

    loaded = repository.load(scope.config, scope.files, stats, day, use_cache, progress)
    report = _check(loaded.repo, scope)
    unplaced = {f.file for f in report.findings if f.line == 0}
    if unplaced:  # read by the fast loader: read those files (and the ones they point at) with positions
        unplaced |= {str(f.args["other_file"]) for f in report.findings if "other_file" in f.args}
        loaded = loaded.with_positions(unplaced & set(scope.files))
        report = _check(loaded.repo, scope)
    return loaded, report


def report_of(scope: Scope, day: date) -> Report:
    """The report on ``scope`` as its configuration says (``qingdan sync --update`` compares two pins so),
    from the per-file cache where files did not change; no report cache is read or written."""
    return _load_and_check(scope, stat_keys(scope.files), day, True)[1]


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
    """The calendar package's version: a new one may know another year (holidays-year-unknown, -disagree)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chinesecalendar")
    except PackageNotFoundError:  # pragma: no cover
        return ""


def _report_to_plain(report: Report) -> tuple[Any, ...]:
    return (
        [cache.finding_to_plain(f) for f in report.findings],
        tuple(asdict(report.summary).values()),
        list(report.files),
    )


def _report_from_plain(plain: tuple[Any, ...], root: Path) -> Report:
    findings, summary, files = plain
    return Report(tuple(map(cache.finding_from_plain, findings)), Summary(*summary), root, tuple(files))


def _check(repo: Repository, scope: Scope) -> Report:
    raw = [f for result in repo.files for f in result.findings]
    for rule in RULES:
        raw.extend(rule.run(repo))
    raw.extend(_expired_waivers(repo))
    findings = _configure(raw, repo)
    if repo.upstream_files:  # upstream files are ancestors: no finding is about them, one says one is broken
        findings = [f for f in findings if f.file not in repo.upstream_files] + _upstream_problems(repo)
    if scope.only is not None:  # an unread list the named files refer to is said even so (their references wait)
        findings = [f for f in findings if f.file in scope.only or f.key == "references-unchecked"]
    findings.sort(key=lambda f: (f.file, f.line, f.column, f.rule, f.item or ""))
    files = [r for r in repo.files if not r.origin and (scope.only is None or r.file in scope.only)]
    return Report(
        tuple(_cap(findings)), _summary(findings, files), scope.config.root, tuple(sorted(r.file for r in files))
    )


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
            out.append(replace(f, item=None, key="findings-capped", args=args))
    return out


def _expired_waivers(repo: Repository) -> list[Finding]:
    from qingdan.rules.base import parse_date

    out = []
    for e in repo.entries:
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
    items = {(e.file, e.id): e for e in repo.entries if e.waivers}
    out = []
    for f in raw:
        severity = repo.config.severities.get(f.rule, BY_ID[f.rule].severity)
        if severity == "off":
            continue
        entry = items.get((f.file, f.item or ""))
        waived = entry is not None and f.rule != "waiver-expired" and f.rule in _live_waivers(entry, repo.today)
        out.append(replace(f, severity=severity, waived=waived))
    return out


def _summary(findings: list[Finding], files: list[FileResult]) -> Summary:
    counted = [f for f in findings if not f.waived]
    return Summary(
        files=len(files),
        items=sum(len(r.entries) for r in files),
        errors=sum(f.severity == "error" for f in counted),
        warnings=sum(f.severity == "warning" for f in counted),
        infos=sum(f.severity == "info" for f in counted),
        waived=sum(f.waived for f in findings),
    )
