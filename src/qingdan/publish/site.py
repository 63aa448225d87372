"""The static site: index of places, a page per list and per place, the certificate search page and the
statistics page. Jinja2 with autoescaping; a list repository's ``templates/`` overrides any template by
name (``site/list.html.j2`` …). No network: the stylesheet, the script and the search index are local
files, linked relatively, so the site works from a file share (``file://``)."""

from __future__ import annotations

import functools
import json
import marshal
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from qingdan import text, vocabulary
from qingdan.paths import Refused, inside
from qingdan.publish import chart, search
from qingdan.publish.view import KIND_LABELS, ListView, PlaceView, SiteView

ASSETS = ("site/assets/site.css", "site/assets/search.js", "site/assets/finder.js", "site/assets/wrap.js")
LEVEL_LABELS = {level.key: level.label.zh for level in vocabulary.LEVELS.values()}
STATUS_LABELS = {key: label.zh for key, label in (*vocabulary.STANCES.items(), *vocabulary.STATUSES.items())}


class _RepositoryLoader(FileSystemLoader):
    """A repository's ``templates/``: only regular files inside the folder (a template that is a symlink to
    a file elsewhere would publish that file)."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        from jinja2.loaders import split_template_path

        for folder in self.searchpath:  # checked before Jinja opens it
            candidate = Path(folder, *split_template_path(template))
            if os.path.lexists(candidate):
                if not inside(candidate, Path(folder)):
                    raise Refused("file-outside", path=str(candidate), target=os.path.realpath(candidate))
                if not candidate.is_file():
                    raise Refused("file-not-regular", path=str(candidate), what="word-file-special")
                if candidate.stat().st_size > MAX_TEMPLATE_BYTES:
                    size = round(candidate.stat().st_size / 2**20, 1)
                    raise Refused("file-too-large", path=str(candidate), size=size, limit=1)
                break
        return super().get_source(environment, template)


MAX_TEMPLATE_BYTES = 1024 * 1024


def environment(template_dirs: Sequence[Path]) -> Environment:
    """Templates from the given folders first (a list repository's ``templates/``), then the package's.

    A repository's templates come from whoever can change the repository (a pull request, too), so with
    them the whole site is rendered in Jinja's sandbox: a template can use the values it is given, but not
    reach Python through them (``{{ ''.__class__.__mro__ }}`` stops the build with a clear error)."""
    loaders: list[Any] = [_RepositoryLoader([str(d) for d in template_dirs])] if template_dirs else []
    loaders.append(PackageLoader("qingdan", "templates"))
    kind = SandboxedEnvironment if template_dirs else Environment
    env = kind(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(level_labels=LEVEL_LABELS, status_labels=STATUS_LABELS, kind_labels=KIND_LABELS)
    return env


def write_site(
    view: SiteView,
    out: Path,
    *,
    template_dirs: Sequence[Path] = (),
    progress: Callable[[int], None] | None = None,
    downloads: Sequence[str] = (),
    search_index: Callable[[], dict[str, Any]] | None = None,
) -> list[Path]:
    """Write ``out/site/…``; ``downloads`` names the other formats built beside it ("pdf", "xlsx", "docx"), linked
    from each list page. ``progress`` is told of every list and place page written. ``search_index`` makes the
    search page's index (``publish.search.index`` of the validated repository; None: an index of nothing): it is
    called by the process that writes the scripts, while the other writes pages. Returns the files."""
    env = environment(template_dirs)
    env.globals["phrased"] = phraser(view)
    site = out / "site"
    writer = _Writer(site)
    common = {"site": view, "revision": view.source_revision, "downloads": tuple(downloads)}
    table = env.get_template("site/_table.html.j2")
    own_table = not _overridden(template_dirs, TABLE_TEMPLATE)

    def render_table(lst: ListView) -> Markup:  # each table once: on its list page and every place it applies to
        return table_html(lst) if own_table else Markup(table.render(lst=lst))

    tables: dict[str, Markup]
    if not any(_overridden(template_dirs, name) for name in PAGE_TEMPLATES):
        # the package's pages put each table in as it is: they are rendered with a short mark in its place and
        # written with the table's UTF-8 bytes, made and encoded once (by the process that first writes a page
        # with it), where the mark is (a place page repeats the tables of every list it inherits: most of the
        # site's 200 MB at 100,000 items)
        marks = _Marks(view.lists, render_table)
        tables, writer.marks = marks.stand_ins, marks
    else:
        tables = {lst.slug: render_table(lst) for lst in view.lists}

    page = env.get_template("site/list.html.j2")
    pages: Pages = [
        (
            f"list/{lst.slug}.html",
            functools.partial(
                page.render,
                common,
                root="../",
                lst=lst,
                table=tables[lst.slug],
                place=_place_or_none(view, lst.jurisdiction),
            ),
        )
        for lst in view.lists
    ]
    page = env.get_template("site/place.html.j2")
    pages += [
        (
            f"place/{place.code}.html",
            functools.partial(
                page.render,
                common,
                root="../",
                place=place,
                own=_lists(view, place.lists),
                inherited=_lists(view, place.inherited),
                tables=tables,
                parents=_parents(view, place),
            ),
        )
        for place in view.places
    ]

    def scripts() -> None:  # the search index and the places' finder (pinyin): independent of the pages
        index = search_index() if search_index is not None else {}
        writer.write("assets/search-index.js", search.script(index))
        writer.write("assets/places.js", places_script(view))
        for name, script in search.shard_scripts(index).items():
            writer.write(name, script)

    _write_pages(writer, pages, scripts, progress)
    writer.write("index.html", env.get_template("site/index.html.j2").render(common, root="", tree=_tree(view)))
    writer.write(
        "search.html",
        env.get_template("site/search.html.j2").render(
            common, root="", default=_default_place(view), index_variable=search.INDEX_VARIABLE
        ),
    )
    writer.write("stats.html", env.get_template("site/stats.html.j2").render(common, root="", **stats(view)))
    for name in ASSETS:
        source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        writer.write(name.removeprefix("site/"), source)
    return writer.written


TABLE_TEMPLATE = "site/_table.html.j2"
# the templates that make the list and place pages: when a repository has none of its own, its tables go in as marks
PAGE_TEMPLATES = (
    "site/base.html.j2",
    "site/list.html.j2",
    "site/place.html.j2",
    "site/_header.html.j2",
    "site/_toc_sections.html.j2",
)


class _Marks:
    """Stand-ins for the tables while a page is rendered, and the page's bytes with the tables put back. A mark is
    a NUL, a random word made for this build and the table's number: text from the lists cannot hold one."""

    def __init__(self, lists: Sequence[ListView], render: Callable[[ListView], Markup]) -> None:
        import secrets

        self.lead = f"\x00{secrets.token_hex(8)}"
        self.stand_ins = {lst.slug: Markup(f"{self.lead}{n:07d}\x00") for n, lst in enumerate(lists)}
        self.lists, self.render = lists, render
        self.encoded: list[bytes | None] = [None] * len(lists)  # a table's bytes once a page has needed them

    def bytes(self, page: str) -> bytes:
        pieces = page.split(self.lead)
        out = [pieces[0].encode("utf-8")]
        for piece in pieces[1:]:
            n = int(piece[:7])
            table = self.encoded[n]
            if table is None:
                table = self.encoded[n] = str(self.render(self.lists[n])).encode("utf-8")
            out.append(table)
            out.append(piece[8:].encode("utf-8"))
        return b"".join(out)


def _overridden(template_dirs: Sequence[Path], name: str) -> bool:
    """Whether a repository's templates folder has its own ``name``."""
    return any(os.path.lexists(Path(folder, *name.split("/"))) for folder in template_dirs)


def _escaped(value: str) -> str:
    """``value`` as Jinja's autoescape writes it (markupsafe: & < > ' ")."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "'" in value:
        value = value.replace("'", "&#39;")
    if '"' in value:
        value = value.replace('"', "&#34;")
    return value


def table_html(lst: ListView) -> Markup:
    """The list's table exactly as the package's ``site/_table.html.j2`` renders it, in plain Python: the
    template costs about 40 µs a row in Jinja (most of a large site's time), this about a tenth of it. A
    repository that has its own ``_table.html.j2`` gets it rendered by Jinja as before."""
    columns = lst.columns
    total = sum(c.width for c in columns)
    out = [
        f'<table class="list-table kind-{_escaped(lst.kind)}">\n<colgroup>',
        *(f'<col class="col-{_escaped(c.key)}" style="width: {100 * c.width / total:.1f}%">' for c in columns),
        "</colgroup>\n<thead><tr>",
        *(f'<th class="col-{_escaped(c.key)}" scope="col">{_escaped(c.label)}</th>' for c in columns),
        "</tr></thead>\n",
    ]
    heads = [f'<td class="col-{_escaped(c.key)}" data-label="{_escaped(c.label)}">' for c in columns]
    slug = _escaped(lst.slug)
    for n, group in enumerate(lst.groups, 1):
        out.append("<tbody>\n")
        if group.label:
            out.append(
                f'<tr class="group" id="{slug}_{n}"><th colspan="{len(columns)}" scope="rowgroup">'
                f"{_escaped(group.label)}</th></tr>\n"
            )
        for row in group.rows:
            status = f' class="status-{_escaped(row.status)}"' if row.status else ""
            cells = "".join([f"{head}{_escaped(cell)}</td>" for head, cell in zip(heads, row.cells, strict=False)])
            out.append(f'<tr id="item-{_escaped(row.id)}"{status}>{cells}</tr>\n')
        out.append("</tbody>\n")
    out.append("</table>\n")
    return Markup("".join(out))


class _Writer:
    def __init__(self, base: Path) -> None:
        self.base = base
        self.written: list[Path] = []
        self._dirs: set[Path] = set()
        self.marks: _Marks | None = None  # while pages are written whose tables are marks

    def write(self, name: str, text: str) -> None:
        path = self.base / name
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        path.write_bytes(text.encode("utf-8") if self.marks is None else self.marks.bytes(text))
        self.written.append(path)


PAGES_BESIDE = 200  # from this many list and place pages on, a forked copy writes the scripts and some pages
Pages = list[tuple[str, Callable[[], str]]]  # (file name in the site, what renders it)
Progress = Callable[[int], None] | None


def _write_pages(writer: _Writer, pages: Pages, scripts: Callable[[], None], progress: Progress) -> None:
    """Render and write the pages (name, render) with the tables as marks, and ``scripts()`` without. On a large
    site a forked copy of this process writes the scripts first (the search index, the places' pinyin: 1–1.5 s at
    100,000 items), then pages, while this one writes pages from the start: both take the next pages as they are
    free (``parallel.tickets``), so neither waits for the other however the work divides. The copy's pages are
    counted when it is done. Where there is no second core or the copy fails, this process writes every page it
    did not take itself, and the scripts (and raises their error)."""
    before = list(writer.written)

    def write(part: Iterable[int], tick: bool) -> None:
        for at in part:
            name, render = pages[at]
            writer.write(name, render())
            if tick:
                _tick(progress)

    def plain_scripts() -> None:
        marks, writer.marks = writer.marks, None
        scripts()
        writer.marks = marks

    if len(pages) < PAGES_BESIDE:
        write(range(len(pages)), True)
        plain_scripts()
    else:
        _share(len(pages), write, plain_scripts, writer, progress)
    writer.marks = None
    writer.written = before + sorted(writer.written[len(before) :])


def _share(
    count: int,
    write: Callable[[Iterable[int], bool], None],
    scripts: Callable[[], None],
    writer: _Writer,
    progress: Progress,
) -> None:
    """``_write_pages`` on two cores: this process and its forked copy take the pages' tickets."""
    from qingdan import parallel

    shared, runs = parallel.tickets(count)
    try:

        def take(tick: bool) -> set[int]:
            taken: set[int] = set()
            while (run := parallel.take(shared, runs)) is not None:
                write(run, tick)
                taken.update(run)
            return taken

        def child() -> bytes:
            start = len(writer.written)
            scripts()
            take(False)
            return marshal.dumps([str(p) for p in writer.written[start:]])

        sent, mine = parallel.beside(child, lambda: take(True))
    finally:
        os.close(shared)
    if sent is None:
        write((at for at in range(count) if at not in mine), True)
        scripts()
        return
    for _ in range(count - len(mine)):
        _tick(progress)
    writer.written.extend(Path(p) for p in marshal.loads(sent))


def _tick(progress: Callable[[int], None] | None) -> None:
    if progress is not None:
        progress(1)


def _lists(view: SiteView, slugs: Sequence[str]) -> list[ListView]:
    return [view.list(s) for s in slugs]


def _place_or_none(view: SiteView, code: str) -> PlaceView | None:
    try:
        return view.place(code)
    except KeyError:
        return None


def _parents(view: SiteView, place: PlaceView) -> list[PlaceView]:
    return [view.place(c) for c in place.chain[:-1]]


def _tree(view: SiteView) -> list[dict[str, Any]]:
    """Places as nested dicts (jinja's recursive loop walks them): place, its lists, its children."""
    nodes: dict[str, dict[str, Any]] = {
        p.code: {"place": p, "lists": _lists(view, p.lists), "children": []} for p in view.places
    }
    roots: list[dict[str, Any]] = []
    for p in view.places:
        parent = p.chain[-2] if len(p.chain) > 1 else ""
        (nodes[parent]["children"] if parent in nodes else roots).append(nodes[p.code])
    return roots


def phraser(view: SiteView) -> Callable[[str], Markup]:
    """The ``phrased`` filter of the templates: a title with each place name in it kept whole on a phone
    (``<span class="name">``, a break allowed between names); the same title is rendered once per build."""
    names = text.names_pattern(p.name for p in view.places)
    done: dict[str, Markup] = {}

    def phrased(title: str) -> Markup:
        if title not in done:
            done[title] = Markup("").join(
                Markup('<span class="name">%s</span><wbr>') % piece if is_name else escape(piece)
                for piece, is_name in text.name_phrases(title, names)
            )
        return done[title]

    return phrased


def places_script(view: SiteView) -> str:
    """``assets/places.js``: every place for the index's finder — name, code, level, the names above it, and
    its name in pinyin and pinyin initials (向阳社区: xiangyangshequ, xysq), so a resident can type either."""
    from pypinyin import Style, lazy_pinyin

    rows = []
    for p in view.places:
        full = "".join(lazy_pinyin(p.name, style=Style.NORMAL, errors="ignore")).lower()
        initials = "".join(lazy_pinyin(p.name, style=Style.FIRST_LETTER, errors="ignore")).lower()
        above = [n for n in p.chain_names[:-1] if n]
        rows.append([p.code, p.name, LEVEL_LABELS.get(p.level, ""), " › ".join(above), full, initials])
    return "window.QINGDAN_PLACES = " + json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + ";\n"


def _default_place(view: SiteView) -> str:
    """The search page starts at the first community (the level whose counter staff ask), else the deepest."""
    communities = [p for p in view.places if p.level == "community"]
    if communities:
        return communities[0].code
    return max(view.places, key=lambda p: p.depth).code if view.places else ""


def stats(view: SiteView) -> dict[str, Any]:
    """Counts for the statistics page and the bars of its inline SVG charts."""
    levels = {p.code: p.level for p in view.places}
    by_level: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    table: Counter[tuple[str, str]] = Counter()
    for lst in view.lists:
        n = len(lst.rows)
        level = levels.get(lst.jurisdiction, "")
        by_level[level] += n
        by_kind[lst.kind] += n
        table[(level, lst.kind)] += n
    level_order = [lv for lv in LEVEL_LABELS if by_level[lv]]
    kind_order = [k for k in KIND_LABELS if by_kind[k]]
    return {
        "total_items": sum(by_kind.values()),
        "total_lists": len(view.lists),
        "total_places": len(view.places),
        "level_chart": _bars([(LEVEL_LABELS[lv], by_level[lv]) for lv in level_order]),
        "kind_chart": _bars([(KIND_LABELS[k], by_kind[k]) for k in kind_order]),
        "matrix": {
            "levels": [(LEVEL_LABELS[lv], [table[(lv, k)] for k in kind_order]) for lv in level_order],
            "kinds": [KIND_LABELS[k] for k in kind_order],
        },
        "trend": view.trend,
        "trend_sections": chart.sections(view.trend, LEVEL_LABELS),
        "trend_box": chart.BOX,
    }


def _bars(pairs: list[tuple[str, int]]) -> list[dict[str, Any]]:
    """One bar a row (drawn in HTML, so its label stays text at the page's size on a phone): its share of
    the longest bar, 0–1."""
    top = max((n for _, n in pairs), default=0) or 1
    return [{"label": label, "value": n, "share": round(n / top, 4)} for label, n in pairs]
