"""``qingdan build`` as a library call: validate, build the view model once, render the chosen formats into a
temporary folder beside the output and swap it in. A failed build (findings, a missing glyph, a writer's
error) leaves the previous output as it was."""

from __future__ import annotations

import gc
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import TemplateError

from qingdan.check import Report, resolve_scope, validate_repository
from qingdan.config import DEFAULT_PDF_STANDARD, PDF_STANDARDS, Config, current_day
from qingdan.errors import InputError, UsageError, os_reason
from qingdan.files import new_folder_mode
from qingdan.paths import check_output_folder, inside
from qingdan.publish.view import ListView, SiteView, build_view

FORMATS = ("html", "pdf", "xlsx", "docx")
FOLDERS = {"html": "site", "pdf": "pdf", "xlsx": "xlsx", "docx": "docx"}
DEFAULT_OUT = "_site"
MARKER = ".qingdan-build"  # marks a folder as build output: only such a folder is ever replaced
NAMES = "names.json"  # each list's source file → its output file stem; the next build compares with it
TEMPLATES_DIR = "templates"

Progress = Callable[[str, int, int], None]  # (stage catalogue key, done, total)


@dataclass(frozen=True)
class Options:
    paths: tuple[Path, ...] = ()
    out: Path | None = None  # default: _site under the repository root
    only: tuple[str, ...] | None = None  # None: every format, PDF and Word only when their extras are installed
    font_dirs: tuple[Path, ...] = ()
    font_name: str | None = None  # Excel font; None: the workbook writer's default (仿宋_GB2312)
    today: date | None = None
    use_cache: bool = True
    docx_fonts: dict[str, str] = field(default_factory=dict)  # role → face for Word ([build] docx_fonts)
    pdf_standard: str | None = None  # --pdf-standard; None: [build] pdf_standard of qingdan.toml (default ua-1)


@dataclass(frozen=True)
class Written:
    format: str
    folder: Path
    files: int
    bytes: int


@dataclass(frozen=True)
class Result:
    report: Report  # the validation that came first
    out: Path | None  # None: validation failed and nothing was written
    written: tuple[Written, ...] = ()
    notes: tuple[str, ...] = ()  # catalogue keys ("build-pdf-skipped")
    lists: int = 0
    places: int = 0
    items: int = 0
    renamed: tuple[tuple[str, str, str], ...] = ()  # (source, old stem, new stem) of lists whose files changed name


def parse_pdf_standard(text: str | None) -> str | None:
    """``--pdf-standard a-2b`` → "a-2b"; a usage error for a standard qingdan does not write."""
    if text is None:
        return None
    value = text.strip().lower()
    if value not in PDF_STANDARDS:
        raise UsageError("pdf-standard-unknown", value=text, allowed=", ".join(PDF_STANDARDS))
    return value


def parse_only(text: str | None) -> tuple[str, ...] | None:
    """``--only html,pdf`` → ("html", "pdf"), in the canonical order; a usage error for anything else."""
    if text is None:
        return None
    wanted = {part.strip().lower() for part in text.split(",") if part.strip()}
    unknown = sorted(wanted - set(FORMATS))
    if unknown or not wanted:
        raise UsageError("unknown-format", value=",".join(unknown) or text, allowed=", ".join(FORMATS))
    return tuple(f for f in FORMATS if f in wanted)


# The output folder's own front page, so that a web server (GitHub or GitLab Pages) serving the whole folder
# opens the site; PDFs and workbooks stay beside it where the site's download links point.
ROOT_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=site/index.html">
<title>清单</title></head><body><p><a href="site/index.html">打开清单网站</a></p></body></html>
"""


def build(options: Options, *, cwd: Path, progress: Progress | None = None) -> Result:
    """Validate the repository around ``options.paths`` and, when it passes, write the chosen formats."""
    root = resolve_scope(list(options.paths), cwd).config.root
    reading = (lambda done, total: progress("progress-reading", done, total)) if progress else None
    report = validate_repository([root], cwd=cwd, today=options.today, use_cache=options.use_cache, progress=reading)
    if report.failed():
        return Result(report, None)
    formats, notes = _formats(options.only)
    out = (cwd / options.out) if options.out is not None else root / DEFAULT_OUT
    _check_out(out, None if options.out is not None else root)
    from qingdan.config import load_config
    from qingdan.rules import RULES

    config = load_config(root, {rule.id for rule in RULES})
    view = build_view(root, config, use_cache=options.use_cache)
    gc.freeze()  # the view lives to the end: collections need not walk its 100,000s of rows again and again
    try:
        return _build(options, root, out, formats, notes, config, view, report, progress)
    finally:
        gc.unfreeze()


def _build(
    options: Options,
    root: Path,
    out: Path,
    formats: tuple[str, ...],
    notes: list[str],
    config: Config,
    view: SiteView,
    report: Report,
    progress: Progress | None,
) -> Result:
    if not options.docx_fonts and config.docx_fonts:
        options = replace(options, docx_fonts=dict(config.docx_fonts))
    index: Callable[[], dict[str, Any]] | None = None
    if "html" in formats:
        from qingdan.publish import search
        from qingdan.repository import load_repository

        day, use_cache = options.today or current_day(), options.use_cache

        def index() -> dict[str, Any]:
            """Made beside the pages (publish.site._write_pages), the repository read there too. validate_repository
            above has just kept its files' results, so this reads them and writes nothing, unless a list changed
            in between: then its result is kept as any run keeps one (one atomic write, no list touched)."""
            return search.index(view, load_repository(root, day, use_cache))

    if not options.font_name and config.xlsx_font:
        options = replace(options, font_name=config.xlsx_font)
    if options.pdf_standard is None:
        options = replace(options, pdf_standard=config.pdf_standard)
    if "pdf" in formats:
        _check_glyphs(view, options.font_dirs)
    kept = tuple(f for f in FORMATS if f not in formats and (out / FOLDERS[f]).is_dir())
    renamed = _renamed(view, out)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    except OSError as exc:
        raise InputError("build-os-error", path=str(out), reason=os_reason(exc)) from None
    try:
        os.chmod(tmp, new_folder_mode())  # mkdtemp makes it 0700: a web server or a colleague could not read it
        (tmp / MARKER).write_text("qingdan build\n", encoding="utf-8")
        (tmp / "index.html").write_text(ROOT_PAGE, encoding="utf-8")
        moved = _moved(view, out, renamed)
        names = {
            "version": 1,
            "lists": {v.source: v.slug for v in sorted(view.lists, key=lambda v: v.source)},
            "identities": {v.source: _identity(v) for v in sorted(view.lists, key=lambda v: v.source)},
            "redirects": moved,
        }
        (tmp / NAMES).write_text(json.dumps(names, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        _render(view, tmp, formats, kept, options, root, progress, index)
        if "html" in formats:
            _redirects(view, tmp / FOLDERS["html"], moved)
        _swap(tmp, out, [FOLDERS[f] for f in kept])
    except OSError as exc:  # a full disk, a busy or read-only folder: the old output is still there
        shutil.rmtree(tmp, ignore_errors=True)
        raise InputError("build-os-error", path=str(out), reason=os_reason(exc)) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    written = tuple(_measure(f, out / FOLDERS[f]) for f in formats)
    return Result(
        report,
        out,
        written,
        tuple(notes),
        len(view.lists),
        len(view.places),
        sum(len(v.rows) for v in view.lists),
        renamed,
    )


def _identity(v: ListView) -> str:
    """What makes a list the same list after its file moved: kind, place and title."""
    return f"{v.kind} {v.jurisdiction} {v.title}"


def _renamed(view: SiteView, out: Path) -> tuple[tuple[str, str, str], ...]:
    """Lists whose output files get another name than in the output there is: by that output's names.json (a
    list whose file moved is found by its kind, place and title), or, for output an earlier qingdan wrote
    without one, by the names it gave (where those files are there)."""
    try:
        names = json.loads((out / NAMES).read_text(encoding="utf-8"))
        before: dict[str, str] = dict(names["lists"])
        identities: dict[str, str] = dict(names.get("identities") or {})
    except (OSError, ValueError, KeyError, TypeError):
        identities = {}
        before = {
            v.source: v.former
            for v in view.lists
            if v.former
            and any(
                (out / f).is_file()
                for f in (f"site/list/{v.former}.html", f"pdf/{v.former}.pdf", f"xlsx/{v.former}.xlsx")
            )
        }
    sources = {v.source for v in view.lists}
    gone: dict[str, list[str]] = {}
    for source, identity in identities.items():
        if source not in sources and source in before:
            gone.setdefault(identity, []).append(source)
    out_: list[tuple[str, str, str]] = []
    for v in sorted(view.lists, key=lambda v: v.source):
        old = before.get(v.source)
        if old is None and len(gone.get(_identity(v), ())) == 1:
            old = before[gone[_identity(v)][0]]
        if old is not None and old != v.slug:
            out_.append((v.source, str(old), v.slug))
    return tuple(out_)


REDIRECT_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url={new}.html">
<link rel="canonical" href="{new}.html"><meta name="robots" content="noindex"><title>{title}</title></head>
<body><p>本清单的网址已改为 <a href="{new}.html">{new}.html</a>。</p></body></html>
"""


def _moved(view: SiteView, out: Path, renamed: tuple[tuple[str, str, str], ...]) -> dict[str, str]:
    """Old stem → the current stem of the same list, for every rename this output has seen (kept in names.json
    from build to build), so that an old address keeps working; a stem in use again is no longer redirected."""
    try:
        earlier = json.loads((out / NAMES).read_text(encoding="utf-8")).get("redirects") or {}
    except (OSError, ValueError, AttributeError):
        earlier = {}
    current = {v.slug for v in view.lists}
    moved = {str(k): str(v) for k, v in earlier.items() if isinstance(k, str)}
    moved.update({old: new for _, old, new in renamed})
    now = {old: new for _, old, new in renamed}
    resolved = {old: now.get(new, new) for old, new in moved.items()}  # old → mid → new is old → new
    return {old: new for old, new in sorted(resolved.items()) if old not in current and new in current}


def _redirects(view: SiteView, site: Path, moved: dict[str, str]) -> None:
    """A page at each list's old address (a name qingdan 0.1 gave it, or one an earlier build used) that sends
    the reader on to the new one."""
    from html import escape

    folder = site / "list"
    titles = {v.slug: v.title for v in view.lists}
    pages = {**moved, **{v.former: v.slug for v in view.lists if v.former}}
    for old, new in sorted(pages.items()):
        if not (folder / f"{old}.html").exists():
            (folder / f"{old}.html").write_text(
                REDIRECT_PAGE.format(new=new, title=escape(titles[new])), encoding="utf-8"
            )


def _formats(only: tuple[str, ...] | None) -> tuple[tuple[str, ...], list[str]]:
    """The formats to render and notes about the ones left out. PDF needs the ``pdf`` extra (typst, pikepdf), Word
    the ``docx`` extra (python-docx): asked for with ``--only``, a missing one is a usage error; in a plain build
    it is left out with a note."""
    formats = only or FORMATS
    notes = []
    for fmt, available in (("pdf", _pdf_available), ("docx", _docx_available)):
        if fmt in formats and not available():
            if only is not None:
                raise UsageError(f"build-{fmt}-missing")
            formats = tuple(f for f in formats if f != fmt)
            notes.append(f"build-{fmt}-skipped")
    return formats, notes


def _pdf_available() -> bool:
    try:
        import pikepdf  # noqa: F401
        import typst  # noqa: F401
    except ImportError:
        return False
    return True


def _docx_available() -> bool:
    try:
        import docx  # noqa: F401
    except ImportError:
        return False
    return True


def _check_out(out: Path, root: Path | None) -> None:
    """Only an absent or empty folder, or one an earlier build wrote, may be replaced; never a symlink (it
    would be replaced by a folder, or the build written to wherever it points). The default ``_site`` must
    also be inside the repository (``root``)."""
    check_output_folder(out, root)
    if out.exists() and not out.is_dir():
        raise UsageError("build-out-not-folder", path=str(out))
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UsageError("build-out-foreign", path=str(out))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError("build-os-error", path=str(out), reason=os_reason(exc)) from None


def _check_glyphs(view: SiteView, font_dirs: Sequence[Path]) -> None:
    from qingdan.publish.fonts import check_glyphs

    missing = check_glyphs(view, font_dirs)
    if missing:
        chars = "、".join(f"{m.char}（{m.codepoint}）" for m in missing)
        where = "；".join(f"{m.char}：{'，'.join(m.where)}" for m in missing[:10])
        raise InputError("build-missing-glyphs", chars=chars, where=where, count=len(missing))


def _render(
    view: SiteView,
    tmp: Path,
    formats: Sequence[str],
    kept: Sequence[str],
    options: Options,
    root: Path,
    progress: Progress | None,
    index: Callable[[], dict[str, Any]] | None = None,
) -> None:
    """Write each format into ``tmp``; ``index`` makes the site's search index (None: an index of nothing)."""
    # steps each writer reports: a page or PDF per list and place; a workbook per list and all.xlsx; a Word
    # document per list and per place that has lists
    steps = {
        "html": len(view.lists) + len(view.places),
        "pdf": len(view.lists) + len(view.places),
        "xlsx": len(view.lists) + 1,
        "docx": len(view.lists) + sum(1 for p in view.places if p.lists or p.inherited),
    }
    total = sum(steps[f] for f in formats)
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress("progress-building", min(done, total), total)

    if "xlsx" in formats:
        from qingdan.publish.workbook import write_workbooks

        if options.font_name:
            write_workbooks(view, tmp, font_name=options.font_name, progress=advance)
        else:
            write_workbooks(view, tmp, progress=advance)
    if "pdf" in formats:
        from qingdan.publish.pdf import write_pdfs

        standard = options.pdf_standard or DEFAULT_PDF_STANDARD
        write_pdfs(view, tmp, font_dirs=options.font_dirs, standard=standard, progress=advance)
    if "docx" in formats:
        from qingdan.publish.word import Fonts, write_documents

        write_documents(view, tmp, fonts=Fonts.of(options.docx_fonts), progress=advance)
    if "html" in formats:
        from qingdan.publish.site import write_site

        templates = root / TEMPLATES_DIR
        downloads = [f for f in ("pdf", "xlsx", "docx") if f in formats or f in kept]
        template_dirs = [templates] if templates.is_dir() else []
        try:
            write_site(
                view, tmp, template_dirs=template_dirs, progress=advance, downloads=downloads, search_index=index
            )
        except TemplateError as exc:
            if not template_dirs:
                raise  # the package's own templates: a bug
            raise InputError("build-template", where=_template_place(exc, templates), detail=_one_line(exc)) from None


def _template_place(exc: BaseException, folder: Path) -> str:
    """The repository template (and line) where rendering failed, from the traceback Jinja gives."""
    from qingdan.paths import relative

    if getattr(exc, "filename", None) and getattr(exc, "lineno", None):  # a syntax error names itself
        return f"{relative(Path(exc.filename), folder.parent)}:{exc.lineno}"  # type: ignore[attr-defined]
    place = str(folder.name) + "/"
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if inside(Path(name), folder) and Path(name).is_file():
            place = f"{relative(Path(name), folder.parent)}:{tb.tb_lineno}"
        tb = tb.tb_next
    return place


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0].rstrip("。.") if text else type(exc).__name__


def _swap(tmp: Path, out: Path, keep: Sequence[str]) -> None:
    """Put ``tmp`` where ``out`` is, bringing along the folders of formats not rebuilt this time."""
    if not out.exists():
        os.replace(tmp, out)
        return
    moved = []
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    try:
        for folder in keep:
            os.replace(out / folder, tmp / folder)
            moved.append(folder)
        os.replace(out, old)
    except OSError:
        for folder in moved:
            os.replace(tmp / folder, out / folder)
        raise
    try:
        os.replace(tmp, out)
    except OSError:
        os.replace(old, out)
        for folder in moved:
            os.replace(tmp / folder, out / folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _measure(fmt: str, folder: Path) -> Written:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return Written(fmt, folder, len(files), sum(p.stat().st_size for p in files))
