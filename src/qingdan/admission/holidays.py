"""``qingdan holidays import NOTICE``: one year of the State Council's notice into ``holidays.yaml``.

The notice is read (``notice.read_notice``), compared with what the calendar package and the file already
say about that year, and written into the file as one year entry, keeping the other years (and their
comments) as they are. The file is written atomically and only after the notice was read without a
problem; ``dry_run`` writes nothing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from qingdan import dump
from qingdan.admission.notice import Festival, Notice, read_notice
from qingdan.admission.workdays import HOLIDAYS_FILE, Calendar, Year, package_workday, read_calendar_file
from qingdan.config import find_root
from qingdan.errors import InputError, UsageError
from qingdan.files import write_atomic
from qingdan.paths import relative

HEADER = (
    "# 法定节假日和调休上班日：日历库（chinesecalendar）还不知道的年份，或要更正的年份。\n"
    "# 按国务院办公厅每年的《关于××××年部分节假日安排的通知》填写，可用\n"
    "#   qingdan holidays import 通知.txt\n"
    "# 从通知原文写入；格式见 docs/review.md。\n"
)


@dataclass(frozen=True)
class Imported:
    notice: Notice
    file: str  # holidays.yaml as the user names it (relative to the current folder where possible)
    written: bool
    existed: bool  # the year was in the file already
    changed: tuple[date, ...]  # days the file said otherwise before (when ``existed``)
    package: tuple[date, ...] | None  # None: the package does not know the year; else the days it says otherwise
    kept: tuple[int, ...]  # the other years of the file, kept as they were


def read_text(source: Path) -> str:
    """A notice saved from a browser or a word processor: UTF-8 (with or without BOM) or GBK/GB18030."""
    if not source.is_file():
        raise UsageError("path-missing", path=str(source))
    raw = source.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("holidays-notice-encoding", file=str(source))


def import_notice(source: Path, *, cwd: Path, output: Path | None = None, dry_run: bool = False) -> Imported:
    """Read the notice at ``source`` and write its year into ``output`` (default: holidays.yaml at the root
    of the list repository around ``cwd``)."""
    notice = read_notice(read_text(source), str(source))
    path = output if output is not None else find_root(cwd) / HOLIDAYS_FILE
    shown = relative(path, cwd) if path.is_absolute() else str(path)
    before = read_calendar_file(path, shown) if path.is_file() else Calendar()
    mine = Calendar({notice.year: Year(notice.off, notice.on, notice.source)})
    days = year_days(notice)
    existed = notice.year in before.years
    changed = tuple(d for d in days if existed and before.file_workday(d) != mine.file_workday(d))
    package = None
    if package_workday(date(notice.year, 1, 1)) is not None:
        package = tuple(
            d for d in days if package_workday(d) is not None and package_workday(d) != mine.file_workday(d)
        )
    kept = tuple(sorted(y for y in before.years if y != notice.year))
    if not dry_run:
        try:
            write_atomic(path, _merged(path, notice))
        except OSError as exc:
            raise InputError("holidays-write-failed", file=shown, detail=exc.strerror or str(exc)) from None
    return Imported(notice, shown, not dry_run, existed, changed, package, kept)


def year_days(notice: Notice) -> list[date]:
    """Every day of the notice's year, from the first day of December before it the notice names."""
    first = min([date(notice.year, 1, 1), *notice.off, *notice.on])
    last = date(notice.year, 12, 31)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _entry(notice: Notice) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Q

    def seq(pairs: list[tuple[date, Festival]], what: str) -> Any:
        out = CommentedSeq(Q(d.isoformat()) for d, _ in pairs)
        for index, (day, festival) in enumerate(pairs):
            out.yaml_add_eol_comment(f"{festival.name}{what}（周{'一二三四五六日'[day.weekday()]}）", index, column=0)
        return out

    entry = CommentedMap()
    entry["source"] = notice.source
    entry["holidays"] = seq(sorted((d, f) for f in notice.festivals for d in f.off), "")
    on = sorted((d, f) for f in notice.festivals for d in f.on)
    if on:
        entry["workdays"] = seq(on, "调休上班")
    return entry


def _merged(path: Path, notice: Notice) -> str:
    """The file's text with the notice's year in it: the other years, comments and order as they were; a new
    year goes in its place by number."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Q

    y = dump.editor()
    if path.is_file():
        data = y.load(path.read_text(encoding="utf-8-sig"))
        head = ""
    else:
        data = CommentedMap([("format", 1), ("kind", "holidays"), ("years", CommentedMap())])
        head = HEADER
    years = data["years"]
    key = next((k for k in years if str(k) == str(notice.year)), None)
    if key is not None:
        years[key] = _entry(notice)
    else:
        at = sum(1 for k in years if str(k) < str(notice.year))
        years.insert(at, Q(str(notice.year)), _entry(notice))
    out = io.StringIO()
    y.dump(data, out)
    return head + out.getvalue()
