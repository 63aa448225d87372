"""Find the list repository's root and read ``qingdan.toml``."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qingdan.errors import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILE = "qingdan.toml"
LISTS_DIR = "lists"
LEVELS = ("error", "warning", "info", "off")
DEFAULT_FUZZY_THRESHOLD = 85.0
DEFAULT_TREND_COMMITS = 60  # commits the statistics page's trend reads at most
MAX_TREND_COMMITS = 1000


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


def load_config(root: Path, known_rules: set[str]) -> Config:
    path = root / CONFIG_FILE
    if not path.is_file():
        return Config(root)
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError("config-invalid", path=CONFIG_FILE, detail=str(exc)) from exc
    severities = {}
    for rule, level in (data.get("rules") or {}).items():
        if rule not in known_rules:
            raise InputError("config-unknown-rule", path=CONFIG_FILE, rule=rule)
        if level not in LEVELS:
            raise InputError("config-severity", path=CONFIG_FILE, rule=rule, value=level)
        severities[rule] = level
    threshold = (data.get("match") or {}).get("fuzzy_threshold", DEFAULT_FUZZY_THRESHOLD)
    if not isinstance(threshold, (int, float)) or not 0 < threshold <= 100:
        raise InputError("config-invalid", path=CONFIG_FILE, detail="match.fuzzy_threshold: 0 < x ≤ 100")
    build = data.get("build") or {}
    commits = build.get("trend_commits", DEFAULT_TREND_COMMITS)
    if not isinstance(commits, int) or isinstance(commits, bool) or not 2 <= commits <= MAX_TREND_COMMITS:
        raise InputError("config-invalid", path=CONFIG_FILE, detail=f"build.trend_commits: 2 ≤ n ≤ {MAX_TREND_COMMITS}")
    texts = {}
    for key in ("title", "xlsx_font"):
        value = build.get(key, "")
        if not isinstance(value, str) or len(value) > 100:
            raise InputError("config-invalid", path=CONFIG_FILE, detail=f"build.{key}: 1–100 个字的文字")
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
