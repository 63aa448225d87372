"""Find the list repository's root and read ``qingdan.toml``."""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from qingdan.errors import InputError, UsageError
from qingdan.i18n import Phrase
from qingdan.paths import read_inside

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILE = "qingdan.toml"
HOLIDAYS_FILE = "holidays.yaml"  # at the root: years of holidays and 调休 the calendar package does not know
LISTS_DIR = "lists"
LEVELS = ("error", "warning", "info", "off")
DEFAULT_FUZZY_THRESHOLD = 85.0
DEFAULT_TREND_COMMITS = 60  # commits the statistics page's trend reads at most
MAX_TREND_COMMITS = 1000
PDF_STANDARDS = ("ua-1", "a-2b", "none")  # [build] pdf_standard: tagged PDF/UA-1, PDF/A-2b (and UA-1), untagged
DEFAULT_PDF_STANDARD = "ua-1"
CONFIG_BYTES = 1024 * 1024  # qingdan.toml, holidays.yaml: a few kilobytes in practice
TODAY_ENV = "QINGDAN_TODAY"


def current_day() -> date:
    """The day expiry, deadlines and the calendar warnings are judged by when no ``--today`` is given:
    ``QINGDAN_TODAY`` (YYYY-MM-DD; reproducible CI runs and hooks), else the system's date."""
    value = os.environ.get(TODAY_ENV, "").strip()
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError("today-env-invalid", name=TODAY_ENV, value=value) from None


class Upstream(NamedTuple):
    """One ``[[upstream]]`` of qingdan.toml: another office's list repository, pinned at one commit."""

    name: str  # what findings call it: 湖北省
    source: str  # the git URL as written, or the local path resolved against the repository's root
    rev: str  # the pinned commit: 40 hex digits, lower case
    lists: str = LISTS_DIR  # the lists folder inside it
    local: bool = False  # written as path = "…" (a folder on this machine), not git = "…"
    line: int = 1  # of its [[upstream]] line in qingdan.toml, where a finding about it is placed
    written: str = ""  # the URL or path as qingdan.toml writes it: what reports show (not this machine's folders)


class Config(NamedTuple):  # a named tuple, as qingdan.model's records are (a warm run imports no dataclasses)
    root: Path
    path: Path | None = None
    severities: Mapping[str, str] = {}  # shared and read-only (Mapping): no instance writes it
    fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD
    trend_commits: int = DEFAULT_TREND_COMMITS
    site_title: str = ""  # [build] title: the published site's name; default "<top place>社区工作清单"
    xlsx_font: str = ""  # [build] xlsx_font: the Chinese font named in workbooks; default 仿宋_GB2312
    pdf_standard: str = DEFAULT_PDF_STANDARD  # [build] pdf_standard: one of PDF_STANDARDS
    docs_url: str = ""  # [report] docs_url: where docs/ is published (ends with /); reports link rules.md#RULE there
    upstreams: tuple[Upstream, ...] = ()  # [[upstream]]: other offices' repositories whose lists are ancestors
    docx_fonts: Mapping[str, str] = {}  # read-only, shared; [build.docx_fonts]: role → face the Word files name

    @property
    def lists_dir(self) -> Path:
        return self.root / LISTS_DIR


def find_root(start: Path) -> Path:
    """The nearest directory at or above ``start`` with a qingdan.toml or a lists/ folder."""
    start = start.resolve()
    for candidate in (start, *start.parents):
        if (candidate / CONFIG_FILE).is_file() or (candidate / LISTS_DIR).is_dir():
            return candidate
    return start


def table(data: dict[str, Any], key: str) -> dict[str, Any]:
    """The ``[key]`` table of qingdan.toml ({} when absent); any other value there is a configuration error."""
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError("config-invalid", path=CONFIG_FILE, detail=Phrase("config-not-table", {"key": key}))
    return value


def load_config(root: Path, known_rules: set[str]) -> Config:
    path = root / CONFIG_FILE
    if not os.path.lexists(path):  # a FIFO or a dangling link is not "no configuration": read_inside names it
        return Config(root)
    try:
        raw = read_inside(path, root, CONFIG_BYTES, shown=CONFIG_FILE)
        data: dict[str, Any] = tomllib.loads(raw.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError("config-invalid", path=CONFIG_FILE, detail=str(exc)) from exc
    severities = {}
    for rule, level in table(data, "rules").items():
        if rule not in known_rules:
            raise InputError("config-unknown-rule", path=CONFIG_FILE, rule=rule)
        if level not in LEVELS:
            raise InputError("config-severity", path=CONFIG_FILE, rule=rule, value=level)
        severities[rule] = level
    threshold = table(data, "match").get("fuzzy_threshold", DEFAULT_FUZZY_THRESHOLD)
    if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or not 0 < threshold <= 100:
        raise InputError("config-invalid", path=CONFIG_FILE, detail="match.fuzzy_threshold: 0 < x ≤ 100")
    build = table(data, "build")
    commits = build.get("trend_commits", DEFAULT_TREND_COMMITS)
    if not isinstance(commits, int) or isinstance(commits, bool) or not 2 <= commits <= MAX_TREND_COMMITS:
        raise InputError("config-invalid", path=CONFIG_FILE, detail=f"build.trend_commits: 2 ≤ n ≤ {MAX_TREND_COMMITS}")
    texts = {}
    for key in ("title", "xlsx_font"):
        value = build.get(key, "")
        if not isinstance(value, str) or len(value) > 100:
            raise InputError(
                "config-invalid", path=CONFIG_FILE, detail=Phrase("config-detail-text", {"key": f"build.{key}"})
            )
        texts[key] = value.strip()
    standard = build.get("pdf_standard", DEFAULT_PDF_STANDARD)
    if standard not in PDF_STANDARDS:
        raise InputError(
            "config-invalid",
            path=CONFIG_FILE,
            detail=Phrase("config-pdf-standard", {"value": str(standard), "allowed": ", ".join(PDF_STANDARDS)}),
        )
    docs_url = _docs_url((data.get("report") or {}).get("docs_url", ""))
    upstreams = _upstreams(data.get("upstream", []), raw.decode("utf-8-sig"), root)
    config = Config(
        root,
        path,
        severities,
        float(threshold),
        commits,
        texts["title"],
        texts["xlsx_font"],
        standard,
        docs_url,
        upstreams,
    )
    return config._replace(docx_fonts=_docx_fonts(table(build, "docx_fonts")))


_FULL_COMMIT = re.compile(r"[0-9a-fA-F]{40}")
_TRANSPORT = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*::")  # git's remote-helper form (ext::…, fd::…)
_UPSTREAM_LINE = re.compile(r"^[ \t]*\[\[[ \t]*upstream[ \t]*\]\]", re.MULTILINE)
MAX_UPSTREAMS = 20


def _upstreams(value: Any, text: str, root: Path) -> tuple[Upstream, ...]:
    """``[[upstream]]`` tables: a name, ``git`` (a URL) or ``path`` (a folder, relative to the root), ``rev`` (a
    full commit id: a branch or a short id would move or be ambiguous) and ``lists`` (default ``lists``)."""
    if not isinstance(value, list) or not all(isinstance(t, dict) for t in value) or len(value) > MAX_UPSTREAMS:
        raise InputError("config-invalid", path=CONFIG_FILE, detail=Phrase("upstream-config-table", {}))
    lines = [text.count("\n", 0, m.start()) + 1 for m in _UPSTREAM_LINE.finditer(text)]
    out: list[Upstream] = []
    for n, t in enumerate(value):
        name = t.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > 50 or any(c in name for c in ":@/\\"):
            raise InputError("config-invalid", path=CONFIG_FILE, detail=Phrase("upstream-config-name", {"n": n + 1}))
        name = name.strip()
        bad = functools.partial(_bad_upstream, name)
        unknown = sorted(set(t) - {"name", "git", "path", "rev", "lists"})
        if unknown:
            raise bad("upstream-config-unknown", field=unknown[0])
        if any(u.name == name for u in out):
            raise bad("upstream-config-twice")
        git, folder = t.get("git"), t.get("path")
        if (git is None) == (folder is None):
            raise bad("upstream-config-source")
        where = git if git is not None else folder
        if not isinstance(where, str) or not where.strip() or where.startswith("-") or _unsafe(where):
            raise bad("upstream-config-url", value=str(where))
        if git is not None and _TRANSPORT.match(where):
            raise bad("upstream-config-transport", value=where)
        rev = t.get("rev")
        if not isinstance(rev, str) or not _FULL_COMMIT.fullmatch(rev):
            raise bad("upstream-config-rev", value=str(rev))
        lists = t.get("lists", LISTS_DIR)
        parts = lists.replace("\\", "/").split("/") if isinstance(lists, str) else [".."]
        if not isinstance(lists, str) or lists.startswith(("/", "-")) or ".." in parts or _unsafe(lists):
            raise bad("upstream-config-lists", value=str(lists))
        source = where if git is not None else str((root / where).resolve())
        line = lines[n] if n < len(lines) else 1
        out.append(Upstream(name, source, rev.lower(), lists.strip("/") or ".", git is None, line, where))
    return tuple(out)


def _bad_upstream(name: str, key: str, **args: Any) -> InputError:
    return InputError("config-invalid", path=CONFIG_FILE, detail=Phrase(key, {"name": name, **args}))


def _unsafe(text: str) -> bool:
    return any(ord(c) < 32 or c == "\x7f" for c in text)


# branch docx: the faces the Word files name, by role (publish/word.py has the defaults)
DOCX_FONT_ROLES = ("title", "title_fallback", "heading", "body", "page", "latin")


def _docx_fonts(value: dict[str, Any]) -> dict[str, str]:
    """``[build.docx_fonts]``: known roles only, each a font name of 1–100 characters."""
    fonts = {}
    for role, name in value.items():
        if role not in DOCX_FONT_ROLES:
            detail = Phrase("config-docx-font-role", {"role": role, "roles": ", ".join(DOCX_FONT_ROLES)})
            raise InputError("config-invalid", path=CONFIG_FILE, detail=detail)
        if not isinstance(name, str) or not name.strip() or len(name) > 100:
            key = f"build.docx_fonts.{role}"
            raise InputError("config-invalid", path=CONFIG_FILE, detail=Phrase("config-detail-text", {"key": key}))
        fonts[role] = name.strip()
    return fonts


def _docs_url(value: Any) -> str:
    """``[report] docs_url``: an absolute http(s) URL of the folder that holds rules.md (a / is added)."""
    from urllib.parse import urlsplit

    if not isinstance(value, str):
        raise InputError("config-invalid", path=CONFIG_FILE, detail="report.docs_url: https://…/docs/ 形式的网址")
    if value == "":
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.netloc or parts.query or parts.fragment:
        raise InputError("config-invalid", path=CONFIG_FILE, detail="report.docs_url: https://…/docs/ 形式的网址")
    if any(c.isspace() for c in value):
        raise InputError("config-invalid", path=CONFIG_FILE, detail="report.docs_url: 网址中不能有空格")
    return value if value.endswith("/") else value + "/"


_TABLE_LINE = re.compile(r"^[ \t]*\[", re.MULTILINE)
_REV_LINE = re.compile(r"^([ \t]*rev[ \t]*=[ \t]*)([\"'])[0-9A-Fa-f]{40}\2", re.MULTILINE)


def repinned(text: str, root: Path, name: str, rev: str) -> str | None:
    """``qingdan.toml``'s text with upstream ``name`` pinned at ``rev``, comments and everything else kept as
    they are; None when its ``rev = "…"`` line is not where a plain edit can change it (then nothing is
    written). The edit is checked by reading the result back: only that one value may differ."""
    heads = [m.start() for m in _UPSTREAM_LINE.finditer(text)]
    before = _upstreams(tomllib.loads(text).get("upstream", []), text, root)
    index = next((n for n, up in enumerate(before) if up.name == name), None)
    if index is None or index >= len(heads):
        return None
    start = heads[index]
    following = _TABLE_LINE.search(text, text.index("\n", start) + 1 if "\n" in text[start:] else len(text))
    end = following.start() if following else len(text)
    block, count = _REV_LINE.subn(lambda m: f"{m.group(1)}{m.group(2)}{rev}{m.group(2)}", text[start:end], count=1)
    if count != 1:
        return None
    edited = text[:start] + block + text[end:]
    try:
        after = _upstreams(tomllib.loads(edited).get("upstream", []), edited, root)
    except (tomllib.TOMLDecodeError, InputError):
        return None
    expected = tuple(up._replace(rev=rev) if up.name == name else up for up in before)
    return edited if after == expected else None
