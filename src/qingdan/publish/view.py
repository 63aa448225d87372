"""The view model every writer of ``qingdan build`` renders: lists as titled tables of display strings,
places as a tree with what they inherit. Pure data, no I/O beyond reading the repository; deterministic
order everywhere (file order of items, code order of places, path order of lists)."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from qingdan import vocabulary
from qingdan.config import Config
from qingdan.jurisdiction import NATIONAL, ancestors, depth, present_ancestors
from qingdan.paths import discover, read_inside, relative
from qingdan.publish.trend import TrendPoint
from qingdan.tables import columns as tabular
from qingdan.text import as_text as _text
from qingdan.text import citation_text, display_name

KIND_LABELS = {kind: label.zh for kind, label in vocabulary.LIST_KINDS.items()}
LEVELS = {depth: level.key for depth, level in vocabulary.LEVELS.items()}
INHERITED_KINDS = vocabulary.INHERITED_KINDS
LANDSCAPE_WIDTH = 13.0  # lists whose relative column widths add up to more are set landscape (PDF, Excel)
_NUMERALS = "一二三四五六七八九十"
_RESERVED_SLUGS = frozenset({"all", "index", "search", "stats"})

# Column key → (label, relative width). "resources" joins funding, powers and staffing (费随事转、权随责走、人随事转);
# "validity" joins valid_from and valid_until; "targets" shows place names.
_COLUMNS: dict[str, tuple[str, float]] = {
    "seq": ("序号", 0.5),
    "id": ("编号", 1.2),
    "name": ("事项名称", 2.5),
    "aliases": ("别名", 2.0),
    "category": ("类别", 1.0),
    "content": ("事项内容", 3.5),
    "owner": ("承担主体", 1.0),
    "department": ("主管部门", 1.5),
    "applicant": ("申请部门", 1.5),
    "admission": ("准入编号", 1.2),
    "status": ("状态", 1.4),
    "stance": ("出具意见", 1.8),
    "validity": ("有效期", 1.4),
    "targets": ("适用范围", 1.4),
    "purpose": ("办理用途", 2.0),
    "verification": ("核实方式", 2.0),
    "alternative": ("替代方式", 3.0),
    "conditions": ("使用条件", 3.0),
    "approval": ("审批程序", 1.8),
    "legal_basis": ("法律依据", 3.0),
    "resources": ("保障措施", 3.0),
}
_LABEL_OVERRIDES = {
    ("certificates", "aliases"): "包含事项",
    ("negative", "content"): "具体情形",
    ("negative", "department"): "相关部门",
    ("certificates", "department"): "索要部门",
    ("seal", "name"): "用章事项",
    ("certificates", "name"): "证明事项名称",
}
# Columns per kind, in print order; a column no item of the list fills is left out ("seq" and "name" never).
_KIND_COLUMNS: dict[str, tuple[str, ...]] = {
    "duties": ("seq", "name", "content", "owner", "department", "admission", "legal_basis", "resources"),
    "negative": ("seq", "name", "aliases", "category", "content", "department", "legal_basis"),
    "certificates": (
        "seq",
        "name",
        "stance",
        "aliases",
        "category",
        "purpose",
        "verification",
        "alternative",
        "department",
        "legal_basis",
    ),
    "seal": ("seq", "name", "category", "conditions", "approval", "legal_basis"),
    "admissions": ("seq", "id", "name", "applicant", "status", "validity", "targets", "legal_basis", "resources"),
}
_ALWAYS = ("seq", "name")
_RESOURCES = (("funding", "经费"), ("powers", "权限"), ("staffing", "人员"))
STATUS_TEXT = {status: label.zh for status, label in vocabulary.STATUSES.items()}
# 可以出具 / 不得出具 in words in every row: lists are printed in black and white, colour alone says nothing
STANCE_TEXT = {stance: label.zh for stance, label in vocabulary.STANCES.items()}
_GROUP_LABELS = {stance: label.zh for stance, label in vocabulary.STANCE_SECTIONS.items()}


@dataclass(frozen=True)
class Column:
    key: str  # "seq", "name", "aliases", "department", "legal_basis", ...
    label: str  # Chinese header: "序号", "事项名称", "别名", "主管部门", "法律依据", ...
    width: float  # relative width (typst fr / Excel column width hint); "seq" is narrow


@dataclass(frozen=True)
class Row:
    id: str  # item id, e.g. "XY-XZ-012"
    cells: tuple[str, ...]  # one display string per Column, already joined ("、" for lists); "序号" is 1-based
    status: str = ""  # "", "forbidden", "allowed", "revoked", ... (for styling)
    name: str = ""  # the item's name as written
    aliases: tuple[str, ...] = ()  # its aliases as written


@dataclass(frozen=True)
class Group:
    label: str  # e.g. "一、依法履职事项" / "二、协助政府工作事项"; "" when a list has a single group
    rows: tuple[Row, ...]
    # for a printed section (PDF): the positions of the list's columns some row of the group fills (序号 and the
    # name always), and their widths fitted to the group's own text; () until the list's columns are known
    columns: tuple[int, ...] = ()
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class ListView:
    slug: str  # unique ASCII file stem from the source path (pinyin for Chinese): "dongcheng-xiangyang-street-duties"
    source: str  # list file path relative to the repository root
    kind: str  # duties | negative | certificates | seal | admissions
    kind_label: str  # 职责清单 | 负面清单 | 证明事项清单 | 用章范围 | 准入记录
    jurisdiction: str  # code
    jurisdiction_name: str  # full chain name, e.g. "示例市东城区向阳街道"
    title: str  # document title (header title, or built from place + kind_label)
    issuer: str
    doc_number: str
    effective: str
    expires: str
    version: str  # "" when absent
    columns: tuple[Column, ...]
    groups: tuple[Group, ...]
    notes: str = ""  # the list's preamble (header ``notes``), "" when absent
    nationwide: bool = False  # a national list (000000000000): it applies everywhere
    former: str = ""  # the stem qingdan 0.1 gave it, when that differs (a hash for a Chinese path): redirected

    @property
    def issued(self) -> str:
        """Who issued it and where it applies: 民政部等六部门发布，全国适用 / 示例市民政局发布."""
        return vocabulary.issuer_line(self.issuer, self.jurisdiction_name, self.nationwide)

    @property
    def scope(self) -> str:
        """全国适用 for a national list, else ""."""
        return vocabulary.NATIONWIDE.zh if self.nationwide else ""

    legal_basis: str = ""  # the whole list's own basis (header ``legal_basis``), citations joined by ；

    @cached_property
    def rows(self) -> tuple[Row, ...]:
        """All rows in order."""
        return tuple(row for group in self.groups for row in group.rows)

    def column_index(self, key: str) -> int | None:
        """Position of the column ``key`` in ``columns`` (and so in every row's cells), None if absent."""
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        return None

    def texts(self) -> Iterator[tuple[str, str]]:
        """(where, text) of every string that will be rendered; where = "source-file: item id / field"."""
        for name in (
            "title",
            "issuer",
            "doc_number",
            "effective",
            "expires",
            "version",
            "kind_label",
            "jurisdiction_name",
            "notes",
            "issued",
            "legal_basis",
        ):
            value = getattr(self, name)
            if value:
                yield f"{self.source}: {name}", value
        for column in self.columns:
            yield f"{self.source}: {column.key}", column.label
        for group in self.groups:
            if group.label:
                yield f"{self.source}: {group.label}", group.label
            for row in group.rows:
                for column, cell in zip(self.columns, row.cells, strict=True):
                    if cell:
                        yield f"{self.source}: {row.id} / {column.key}", cell


@dataclass(frozen=True)
class PlaceView:
    code: str
    name: str
    level: str  # province | city | district | street | community
    chain: tuple[str, ...]  # codes root → this
    chain_names: tuple[str, ...]
    children: tuple[str, ...]  # child codes
    lists: tuple[str, ...]  # slugs of its own lists
    inherited: tuple[str, ...]  # slugs of lists of its ancestors that apply here

    @property
    def depth(self) -> int:
        return len(self.chain)

    @property
    def heading(self) -> str:
        """The place page's title: the names below the top of the tree (东城区向阳街道), the nation not counted."""
        names = self.chain_names[1:] if self.chain[0] == NATIONAL and len(self.chain) > 1 else self.chain_names
        return "".join(names[1:]) if len(names) > 1 else self.name


@dataclass(frozen=True)
class SiteView:
    title: str  # e.g. "示例市社区工作清单"
    source_revision: str  # git commit short id or "" (never a timestamp: builds are deterministic)
    places: tuple[PlaceView, ...]  # tree order
    lists: tuple[ListView, ...]
    _index: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # the last commits that touched the lists (at most [build] trend_commits), oldest first; () without git
    trend: tuple[TrendPoint, ...] = ()

    def list(self, slug: str) -> ListView:
        by_slug: dict[str, ListView] | None = self._index.get("lists")
        if by_slug is None:  # made once (setdefault would build the dict on every call)
            by_slug = self._index["lists"] = {v.slug: v for v in self.lists}
        return by_slug[slug]

    def place(self, code: str) -> PlaceView:
        by_code: dict[str, PlaceView] | None = self._index.get("places")
        if by_code is None:
            by_code = self._index["places"] = {p.code: p for p in self.places}
        return by_code[code]

    @property
    def data_date(self) -> str:
        """The date of the last commit that changed the lists (YYYY-MM-DD), "" without git history."""
        return self.trend[-1].date if self.trend else ""

    @property
    def roots(self) -> tuple[PlaceView, ...]:
        """Places without a parent among the places (the top of the tree)."""
        return tuple(p for p in self.places if len(p.chain) == 1)

    def texts(self) -> Iterator[tuple[str, str]]:
        """(where, text) of every string any writer renders: site title, place names, every list's texts."""
        yield "site: title", self.title
        for place in self.places:
            yield f"jurisdictions: {place.code}", place.name
        for view in self.lists:
            yield from view.texts()


def build_view(root: Path, config: Config, *, use_cache: bool = False) -> SiteView:
    """Read every list of the repository at ``root`` (full item data, through ``qingdan.load``). The files are
    read, parsed and made into rows on both cores when there is enough of them (``qingdan.parallel``); with
    ``use_cache``, what a file gave the last time is taken from ``.qingdan-cache/`` while the file has not changed
    (its size and modification time, as for validate). The result does not depend on either."""
    from qingdan import parallel
    from qingdan.load import no_gc, parse_bytes
    from qingdan.paths import stat_keys
    from qingdan.publish.trend import Tally, history
    from qingdan.upstream.store import upstream_files

    base = config.lists_dir if config.lists_dir.is_dir() else root
    names: dict[str, str] = {}  # code → name
    documents: list[tuple[str, Any]] = []  # (source, the list's body (``_body``) or its data when it needs names)
    tallies: dict[str, Tally] = {}  # git blob id → item counts: the trend reads unchanged files no more
    paths = {relative(path, root): path for path in discover([base])}
    stats = stat_keys(paths)
    read, stale = _cached(root, stats) if use_cache else ({}, False)
    jobs = [(str(path), source, str(root)) for source, path in paths.items() if source not in read]
    with no_gc():  # rows are plain tuples and strings without cycles: a collection would walk them all again
        fresh: dict[str, _Read | None] = dict(read)
        done: dict[str, _Read] = {}
        for job, result in parallel.run(_read_job, jobs, [max(0, stats[job[1]][1]) for job in jobs]):
            fresh[job[1]] = result
        for source, path in paths.items():
            job = (str(path), source, str(root))
            result = fresh[source]
            if result is None:  # it failed in a worker: again here, so that any error is raised as it would be
                result = _read_file(job)
            done[source] = result
            blob, counts, what, payload = result
            tallies[blob] = counts
            if what == "names":
                for code, name in payload:
                    names.setdefault(code, name)
            elif what:
                documents.append((source, (what, payload)))
        if use_cache and (stale or any(done[job[1]][2] != "data" for job in jobs)):  # (such a list is read anew)
            _keep(root, stats, done)
        own = len(documents)  # the repository's own lists; qingdan 0.1's page names (redirects) are only theirs
        for source, raw in upstream_files(config):  # the upstreams' lists: the ancestors' pages, inherited items
            data = parse_bytes(raw, source, positions=False).data
            what, payload = _contents(source, data)
            if what == "names":
                for code, name in payload:
                    names.setdefault(code, name)
            elif what:
                documents.append((source, (what, payload)))
        bodies = [
            (source, payload if what == "body" else _body(payload, names)) for source, (what, payload) in documents
        ]
        present = set(names) | {body[1] for _, body in bodies}
        codes = set(present)
        for _, body in bodies:
            codes.update(present_ancestors(body[1], present))
        top = _top([body[1] for _, body in bodies[: own or None]], present)  # whose site it is
        chain_name = _chain_namer(names, top, present)
        sources = [s for s, _ in bodies]
        prefix = relative(base, root) if base != root else ""
        slugs, former = _slugs(sources, prefix), _legacy_slugs(sources, prefix)
        views = [
            replace(_list_view(slug, source, body, chain_name), former=old if old not in slugs and n < own else "")
            for n, (slug, old, (source, body)) in enumerate(zip(slugs, former, bodies, strict=True))
        ]
    return SiteView(
        title=config.site_title or f"{names.get(top, top) if top else ''}社区工作清单",
        source_revision=_revision(root),
        places=_places(codes, names, views),
        lists=tuple(views),
        trend=history(root, base, config.trend_commits, tallies),
    )


# What reading one file gives: its git blob id, its tally for the trend, and what it holds: ("names", ((code,
# name), …)) for a jurisdictions file, ("body", _body(…)) for a list, ("data", data) for a list whose rows need
# the place names (an admission's 适用范围), ("", None) for anything else.
_Read = tuple[str, Any, str, Any]


VIEW_CACHE = "view.marshal"  # in the cache folder: per list file, its stat key and what reading it gave


def _cached(root: Path, stats: dict[str, tuple[int, int]]) -> tuple[dict[str, _Read], bool]:
    """What the files that did not change since the last build gave then (a list whose rows name places is read
    again: its rows depend on other files), and whether the cache holds files that changed or are gone."""
    from qingdan import cache

    kept = cache.read(root, VIEW_CACHE)
    files = kept.get("files") if kept.get("root") == str(root) else None
    if not isinstance(files, dict):
        return {}, True
    read: dict[str, _Read] = {
        source: tuple(entry[1])
        for source, entry in files.items()
        if source in stats and tuple(entry[0]) == stats[source] and stats[source][1] >= 0
    }
    return read, len(read) != len(files)


def _keep(root: Path, stats: dict[str, tuple[int, int]], read: dict[str, _Read]) -> None:
    from qingdan import cache

    settled = cache.settled(stats)  # a file changed in the last two seconds may change again unseen: not kept
    files = {
        source: (settled[source], result)
        for source, result in read.items()
        if settled[source][1] >= 0 and result[2] != "data"
    }
    cache.write(root, {"root": str(root), "files": files}, VIEW_CACHE)


def _read_file(job: tuple[str, str, str]) -> _Read:
    from qingdan.load import parse_bytes
    from qingdan.publish.trend import blob_id, tally

    path, source, root = job
    raw = read_inside(Path(path), Path(root), shown=source)
    data = parse_bytes(raw, source, positions=False).data
    return (blob_id(raw), tally(data), *_contents(source, data))


def _read_job(job: tuple[str, str, str]) -> _Read | None:
    """``_read_file`` in a worker process; None when it fails there (the main process does it again and raises
    what it raises)."""
    from qingdan.load import no_gc

    try:
        with no_gc():
            return _read_file(job)
    except Exception:  # noqa: BLE001 - raised again, as it is, by the main process
        return None


def _contents(source: str, data: Any) -> tuple[str, Any]:
    if not isinstance(data, dict):
        return "", None
    kind = data.get("kind")
    if kind == "jurisdictions":
        return "names", tuple(
            (_code(j["code"]), _text(j.get("name")))
            for j in data.get("jurisdictions") or []
            if isinstance(j, dict) and j.get("code") is not None
        )
    if kind in KIND_LABELS:
        if "targets" in _KIND_COLUMNS[str(kind)]:  # its rows name places: made once every name is known
            return "data", data
        return "body", _body(data, {})
    return "", None


def _code(value: Any) -> str:
    from qingdan.jurisdiction import code

    return code(value)


def _top(codes: list[str], present: set[str]) -> str:
    """The deepest code that is (or is an ancestor of) every list's jurisdiction: where chain names start.
    National lists do not count while there are others (a province's repository keeps its own title)."""
    common: tuple[str, ...] | None = None
    for code in [c for c in codes if c != NATIONAL] or codes:
        chain = (*reversed(present_ancestors(code, present)), code)
        if common is None:
            common = chain
        else:
            n = 0
            while n < min(len(common), len(chain)) and common[n] == chain[n]:
                n += 1
            common = common[:n]
    return common[-1] if common else ""


def _chain_namer(names: dict[str, str], top: str, present: set[str]) -> Any:
    def chain_name(code: str) -> str:
        chain = (*reversed(present_ancestors(code, present)), code)
        if top in chain:
            chain = chain[chain.index(top) :]
        if code != NATIONAL:  # 湖北省武汉市, never 全国湖北省武汉市
            chain = tuple(c for c in chain if c != NATIONAL)
        return "".join(names.get(c) or _place_fallback(c) for c in chain)

    return chain_name


def _place_fallback(code: str) -> str:
    """How a place without a name in the jurisdictions file is shown: the nation as 全国, others by code."""
    return vocabulary.NATION.zh if code == NATIONAL else code


# Windows will not create these as file names, whatever the extension (con.pdf, nul.xlsx).
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}
)
MAX_SLUG = 80  # characters; a longer stem is cut and made unique with a hash of its path


def _stem(source: str, prefix: str) -> str:
    source = re.sub(r"@[0-9a-f]{12}\Z", "", source)  # an upstream's list keeps its page when its pin moves
    stem = source[len(prefix) + 1 :] if prefix and source.startswith(prefix + "/") else source
    return re.sub(r"\.ya?ml\Z", "", stem)


def transliterate(text: str) -> str:
    """Chinese as pinyin without tones (ü as v), each word's syllables run together; other text as it is
    (full-width letters and digits made ASCII): 东城区/向阳社区/负面清单 → dongchengqu/xiangyangshequ/fumianqingdan."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text)
    if text.isascii():  # nothing to transliterate (lazy_pinyin keeps such text as it is): no 0.15 s of importing it
        return text
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(text, style=Style.NORMAL, errors="default"))


def _digest(source: str) -> str:
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:8]


def _slugs(sources: list[str], prefix: str) -> list[str]:
    """Unique file stems a resident can read and every system accepts, from the list paths:
    lists/dongcheng/heping-street/duties.yaml → dongcheng-heping-street-duties, lists/东城区/向阳社区/负面清单.yaml →
    dongchengqu-xiangyangshequ-fumianqingdan. Only a–z, 0–9 and "-" (safe in URLs and on Windows); a name Windows
    reserves gets "-list"; one that would be empty, reserved by the site, too long or taken gets a short hash of
    its path, so it stays the same from build to build."""
    out: list[str] = []
    taken: set[str] = set()
    for source in sources:
        slug = re.sub(r"[^a-z0-9]+", "-", transliterate(_stem(source, prefix)).lower()).strip("-")
        if slug in WINDOWS_RESERVED:
            slug += "-list"
        if len(slug) > MAX_SLUG:
            slug = f"{slug[:MAX_SLUG].rstrip('-')}-{_digest(source)}"
        if not slug or slug in _RESERVED_SLUGS or slug.startswith("place-") or slug in taken:
            slug = f"{slug}-{_digest(source)}" if slug else f"list-{_digest(source)}"
        while slug in taken:
            slug += "-x"
        taken.add(slug)
        out.append(slug)
    return out


def _legacy_slugs(sources: list[str], prefix: str) -> list[str]:
    """The stems qingdan 0.1 made (a Chinese path became its ASCII part and a hash: negative-a9279a09), so
    that the site can send old links on to the new names."""
    out: list[str] = []
    taken: set[str] = set()
    for source in sources:
        stem = _stem(source, prefix)
        slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
        if not slug or slug in _RESERVED_SLUGS or slug.startswith("place-") or slug in taken or not stem.isascii():
            slug = f"{slug}-{_digest(source)}" if slug else f"list-{_digest(source)}"
        while slug in taken:
            slug += "-x"
        taken.add(slug)
        out.append(slug)
    return out


def _revision(root: Path) -> str:
    from qingdan import git
    from qingdan.errors import QingdanError

    try:
        return git.resolve(root, "HEAD")[:10]
    except QingdanError:
        return ""


def _cell(key: str, item: dict[str, Any], names: dict[str, str]) -> str:
    if key == "resources":
        parts = [(label, tabular.cell_value(f, item.get(f))) for f, label in _RESOURCES]
        return "\n".join(f"{label}：{text}" for label, text in parts if text)
    if key == "validity":
        start, end = _text(item.get("valid_from")), _text(item.get("valid_until"))
        return f"{start} 至 {end}" if start and end else (f"{start} 起" if start else (f"至 {end}" if end else ""))
    if key == "targets":
        targets = item.get("targets")
        return (
            "、".join(names.get(_code(t), _code(t)) for t in targets if t is not None)
            if isinstance(targets, list)
            else ""
        )
    if key == "name":
        return display_name(_text(item.get("name")), item.get("qualifiers"))
    if key == "status":
        value = _text(item.get("status"))
        return STATUS_TEXT.get(value, value)
    if key == "stance":
        value = _text(item.get("stance"))
        return STANCE_TEXT.get(value, value)
    return tabular.cell_value(key, item.get(key))


def _group_key(kind: str, item: dict[str, Any]) -> str:
    if kind == "duties":
        return _text(item.get("role"))
    if kind == "certificates":
        return _text(item.get("stance"))
    return ""


def _group_label(kind: str, key: str) -> str:
    if kind == "duties":
        return f"{key}事项" if key else "其他事项"
    return _GROUP_LABELS.get(key, key)


# A list as plain data (it crosses from a worker process; dataclasses pickle several times slower): kind, place code,
# title as written, issuer, 文号, effective, expires, version, notes, the list's basis, its columns as (key, label,
# width) fitted to its rows, and its groups as (label, the columns the group fills, their fitted widths, rows as
# (id, cells, status, name, aliases)).
_Body = tuple[Any, ...]


def _body(data: dict[str, Any], names: dict[str, str]) -> _Body:
    """Everything of a list's view that depends on its file alone (and on the place names, for 适用范围): each
    cell worked out once."""
    kind = str(data["kind"])
    items = [i for i in data.get("items") or [] if isinstance(i, dict)]
    candidates = _KIND_COLUMNS[kind]
    table = [["" if k == "seq" else _cell(k, item, names) for k in candidates] for item in items]
    picks = [j for j, k in enumerate(candidates) if k in _ALWAYS or any(cells[j] for cells in table)]
    keys = [candidates[j] for j in picks]
    columns = tuple(Column(k, _LABEL_OVERRIDES.get((kind, k), _COLUMNS[k][0]), _COLUMNS[k][1]) for k in keys)
    seq = keys.index("seq") if "seq" in keys else -1
    grouped: dict[str, list[tuple[dict[str, Any], list[str]]]] = {}
    for item, cells in zip(items, table, strict=True):  # groups in order of their first item
        grouped.setdefault(_group_key(kind, item), []).append((item, cells))
    groups = []
    every: list[tuple[str, ...]] = []
    for n, (key, members) in enumerate(grouped.items()):
        rows = []
        texts = []
        for number, (item, full) in enumerate(members, 1):
            cells = [full[j] for j in picks]
            if seq >= 0:
                cells[seq] = str(number)
            row_cells = tuple(cells)
            texts.append(row_cells)
            aliases = item.get("aliases")
            rows.append(
                (
                    _text(item.get("id")),
                    row_cells,
                    _text(item.get("stance") or item.get("status")),
                    _text(item.get("name")),
                    tuple(_text(a) for a in aliases if a is not None) if isinstance(aliases, list) else (),
                )
            )
        every.extend(texts)
        number_word = _NUMERALS[n] if n < len(_NUMERALS) else str(n + 1)
        if len(grouped) > 1:
            label = f"{number_word}、{_group_label(kind, key)}"
        else:  # one group: a certificates list still says which (不得出具的证明事项), other lists need no heading
            label = _group_label(kind, key) if kind == "certificates" and key in _GROUP_LABELS else ""
        kept, widths = _section(columns, list(zip(*texts, strict=True)), len(texts))
        groups.append((label, kept, widths, tuple(rows)))
    fitted = _fitted(columns, list(zip(*every, strict=True)) if every else [], len(every))
    return (
        kind,
        _code(data.get("jurisdiction")),
        _text(data.get("title")),
        _text(data.get("issuer")),
        _text(data.get("doc_number")),
        _text(data.get("effective")),
        _text(data.get("expires")),
        _text(data.get("version")),
        _text(data.get("notes")).strip(),
        _basis(data.get("legal_basis")),
        tuple((c.key, c.label, c.width) for c in fitted),
        tuple(groups),
    )


def _list_view(slug: str, source: str, body: _Body, chain_name: Any) -> ListView:
    kind, code, title, issuer, doc_number, effective, expires, version, notes, basis, columns, groups = body
    place = chain_name(code)
    return ListView(
        slug=slug,
        source=source,
        kind=kind,
        kind_label=KIND_LABELS[kind],
        jurisdiction=code,
        jurisdiction_name=place,
        title=title or f"{place}{KIND_LABELS[kind]}",
        issuer=issuer,
        doc_number=doc_number,
        effective=effective,
        expires=expires,
        version=version,
        columns=tuple(Column(*c) for c in columns),
        groups=tuple(
            Group(label, tuple(Row(*row) for row in rows), kept, widths) for label, kept, widths, rows in groups
        ),
        notes=notes,
        nationwide=code == NATIONAL,
        legal_basis=basis,
    )


def _section(
    columns: tuple[Column, ...], texts: list[tuple[str, ...]], count: int
) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """The positions of the columns a group fills and their widths fitted to its rows (``texts``: the group's
    cells column by column): a printed section leaves out a column empty all through it (办理用途 and 核实方式 in a
    list's 不得出具 section)."""
    kept = tuple(i for i, column in enumerate(columns) if column.key in _ALWAYS or any(texts[i]))
    fitted = _fitted(tuple(columns[i] for i in kept), [texts[i] for i in kept], count)
    return kept, tuple(c.width for c in fitted)


def _basis(value: Any) -> str:
    return "；".join(citation_text(c) for c in value if c) if isinstance(value, list) else ""


FIT_RANGE = (0.7, 1.8)  # a column's fitted width stays between these multiples of its usual width
CHARS_PER_UNIT = 2.6  # Chinese characters (bold, with cell padding) per unit of relative width, on the narrowest page
KEEP_FULL_WIDTH = frozenset({"seq", "name"})  # the item's name is what a reader looks for: never narrower
# columns of one word (不得出具, 已准入): as wide as the longest on one line, never wrapped into 已准 / 入
WORD_COLUMNS = frozenset({"stance", "status"})


def _fitted(columns: tuple[Column, ...], texts: list[tuple[str, ...]], count: int) -> tuple[Column, ...]:
    """The usual widths shared out again by how much text each column holds in this list, so that a column of
    long 保障措施 is not squeezed beside a column of short department names. The total stays the same (it decides
    the page orientation of PDFs and workbooks); 序号 keeps its width; each column keeps between half and twice
    its usual width. Shares follow the square root of the text amount: long columns get more room without
    squeezing the short ones into one character per line. ``texts``: the cells of each column, ``count`` rows."""
    flexible = [i for i, c in enumerate(columns) if c.key != "seq"]
    if not count or len(flexible) < 2:
        return columns
    amount = {i: math.sqrt(_display_width("".join(texts[i])) / count + 1.0) for i in flexible}
    budget = sum(columns[i].width for i in flexible)
    low, high = FIT_RANGE
    floor = {
        i: max(
            columns[i].width * (1.0 if columns[i].key in KEEP_FULL_WIDTH else low),
            min((len(columns[i].label) + 0.5) / CHARS_PER_UNIT, columns[i].width * high),
        )  # header on one line
        for i in flexible
    }
    wanted = {
        i: min(max(budget * amount[i] / sum(amount.values()), floor[i]), columns[i].width * high) for i in flexible
    }
    for i in flexible:
        if columns[i].key in WORD_COLUMNS:
            longest = max(max(_display_width(cell) for cell in texts[i]), len(columns[i].label))
            wanted[i] = (longest + 0.6) / CHARS_PER_UNIT
    kept = {i for i in flexible if columns[i].key in KEEP_FULL_WIDTH | WORD_COLUMNS}
    rest = sum(w for i, w in wanted.items() if i not in kept)
    scale = (budget - sum(wanted[i] for i in kept)) / rest if rest else 1.0
    return tuple(
        replace(c, width=round(wanted[i] * (1.0 if i in kept else scale), 3)) if i in wanted else c
        for i, c in enumerate(columns)
    )


def _display_width(text: str) -> float:
    """Printed width in Chinese characters: a Latin letter or digit takes about half of one."""
    return len(text) - 0.45 * len(text.encode("ascii", "ignore"))  # in C: 100k items' cells in a few ms


def _places(codes: set[str], names: dict[str, str], views: list[ListView]) -> tuple[PlaceView, ...]:
    """Every jurisdiction (named or with lists, and their ancestors) in tree order: depth first, by code."""
    valid = sorted(c for c in codes if depth(c) is not None)
    children: dict[str, list[str]] = {c: [] for c in valid}
    roots: list[str] = []
    for c in valid:
        up = ancestors(c)
        parent = next((a for a in up if a in children), None)  # nearest ancestor present
        (children[parent] if parent is not None else roots).append(c)
    own: dict[str, list[str]] = {}
    passed_down: dict[str, list[str]] = {}  # code → slugs of its lists that apply below it
    for v in views:
        own.setdefault(v.jurisdiction, []).append(v.slug)
        if v.kind in INHERITED_KINDS:
            passed_down.setdefault(v.jurisdiction, []).append(v.slug)
    out: list[PlaceView] = []

    def walk(code: str, chain: tuple[str, ...]) -> None:
        chain = (*chain, code)
        inherited = [s for a in chain[:-1] for s in passed_down.get(a, [])]
        out.append(
            PlaceView(
                code,
                names.get(code) or _place_fallback(code),
                vocabulary.level_key(depth(code)),
                chain,
                tuple(names.get(c) or _place_fallback(c) for c in chain),
                tuple(children[code]),
                tuple(own.get(code, [])),
                tuple(inherited),
            )
        )
        for child in children[code]:
            walk(child, chain)

    for r in roots:
        walk(r, ())
    return tuple(out)
