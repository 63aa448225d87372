"""Find the list repository's root and read ``qingdan.toml``."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

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


@dataclass(frozen=True)
class Config:
    root: Path
    path: Path | None = None
    severities: dict[str, str] = field(default_factory=dict)
    fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD
    trend_commits: int = DEFAULT_TREND_COMMITS
    site_title: str = ""  # [build] title: the published site's name; default "<top place>社区工作清单"
    xlsx_font: str = ""  # [build] xlsx_font: the Chinese font named in workbooks; default 仿宋_GB2312
    docs_url: str = ""  # [report] docs_url: where docs/ is published (ends with /); reports link rules.md#RULE there

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
    docs_url = _docs_url((data.get("report") or {}).get("docs_url", ""))
    return Config(root, path, severities, float(threshold), commits, texts["title"], texts["xlsx_font"], docs_url)


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
