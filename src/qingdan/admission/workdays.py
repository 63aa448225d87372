"""Working days (工作日) by the official Chinese holiday calendar, including make-up working days (调休).

The calendar comes from the maintained ``chinesecalendar`` package; a list repository's
``holidays.yaml`` adds years the package does not know yet (or corrects one). A date in a year that
neither knows is an error, never a guess: a deadline computed from weekends alone would be wrong by
a week around the Spring Festival or National Day. ``qingdan holidays import`` writes a year into the
file from the State Council's notice (``admission/notice.py``).

A year of the file lists its days off and its make-up working days. Like the notice it comes from, it
may also name days at the end of the year before (a New Year holiday from 30 December): a day named
in the file is what the file says, whichever year's entry names it; any other day of a year the file
has is a working day from Monday to Friday.

Counting follows the usual rule for administrative time limits: the day a period starts from is not
counted (``shift(d, 15)`` is the 15th working day after ``d``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from qingdan.config import HOLIDAYS_FILE
from qingdan.errors import InputError

MAX_SHIFT = 2000  # working days; a period longer than about eight years is a typing error
__all__ = [
    "HOLIDAYS_FILE",
    "Calendar",
    "Year",
    "load_calendar",
    "package_workday",
    "package_years",
    "read_calendar_file",
]


@dataclass(frozen=True)
class Year:
    """One year from holidays.yaml: days off and make-up working days (some may fall in the year before)."""

    off: frozenset[date] = frozenset()
    on: frozenset[date] = frozenset()
    source: str = ""


@cache
def package_years() -> tuple[int, int]:
    """The first and last year the calendar package knows."""
    from chinese_calendar import constants

    years = sorted({d.year for d in constants.holidays} | {d.year for d in constants.workdays})
    return years[0], years[-1]


def package_workday(day: date) -> bool | None:
    """What the package says about ``day``; None for a year it does not know."""
    first, last = package_years()
    if not first <= day.year <= last:
        return None
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


@dataclass(frozen=True)
class Calendar:
    years: dict[int, Year] = field(default_factory=dict)  # from holidays.yaml; they win over the package
    source: str = HOLIDAYS_FILE

    def __post_init__(self) -> None:
        marks: dict[date, bool] = {}
        for year in self.years.values():
            marks.update(dict.fromkeys(year.off, False))
            marks.update(dict.fromkeys(year.on, True))
        object.__setattr__(self, "_marks", marks)

    def file_workday(self, day: date) -> bool | None:
        """What holidays.yaml says about ``day``; None for a day of a year it does not have."""
        mark: bool | None = self._marks.get(day)  # type: ignore[attr-defined]
        if mark is not None:
            return mark
        return day.weekday() < 5 if day.year in self.years else None

    def knows(self, year: int) -> bool:
        first, last = package_years()
        return year in self.years or first <= year <= last

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` is a working day; InputError for a year nobody knows."""
        own = self.file_workday(day)
        if own is not None:
            return own
        package = package_workday(day)
        if package is None:
            raise InputError("calendar-unknown-year", year=day.year, known=self.known(), file=self.source)
        return package

    def known(self) -> str:
        """The years this calendar knows, as text (for messages)."""
        first, last = package_years()
        own = sorted(y for y in self.years if not first <= y <= last)
        text = f"{first}–{last}"
        return text + (f"、{'、'.join(map(str, own))}" if own else "")

    def shift(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (before it when ``count`` is negative)."""
        if abs(count) > MAX_SHIFT:
            raise InputError("calendar-too-far", count=abs(count))
        step = timedelta(days=1 if count > 0 else -1)
        left = abs(count)
        while left:
            day += step
            left -= self.is_workday(day)
        return day

    def between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier)."""
        sign = 1 if end >= start else -1
        low, high = (start, end) if sign > 0 else (end, start)
        if (high - low).days > MAX_SHIFT * 2:
            raise InputError("calendar-too-far", count=(high - low).days)
        days = sum(self.is_workday(low + timedelta(days=n)) for n in range(1, (high - low).days + 1))
        return sign * days


def load_calendar(root: Path) -> Calendar:
    """The calendar of a list repository: the package plus ``holidays.yaml`` at its root, if any."""
    path = root / HOLIDAYS_FILE
    if not os.path.lexists(path):  # a FIFO or a dangling link is not "no file": read_inside names it
        return Calendar()
    return read_calendar_file(path, HOLIDAYS_FILE, root)


def read_calendar_file(path: Path, shown: str, root: Path | None = None) -> Calendar:
    """The package plus the holidays file at ``path`` (``shown`` is its name in messages; read only inside
    ``root`` when given). A file that does not match its schema (or names a day twice, or one outside its
    year) is an InputError naming the first problem with its line and column, as ``qingdan validate``
    reports it."""
    from qingdan import schema
    from qingdan.config import CONFIG_BYTES
    from qingdan.i18n import Phrase
    from qingdan.load import parse_bytes
    from qingdan.paths import read_inside

    parsed = parse_bytes(read_inside(path, root, CONFIG_BYTES, shown=shown), shown)
    findings = list(parsed.findings)
    if parsed.ok and not findings:
        kind = parsed.data.get("kind") if isinstance(parsed.data, dict) else None
        findings = schema.validate(parsed) if kind == "holidays" else []
        if kind != "holidays":
            line, column = parsed.locate(("kind",))
            raise InputError(
                "calendar-file-invalid",
                file=shown,
                detail=Phrase("calendar-file-kind", {"line": line, "column": column}),
            )
    if not findings:
        findings = problems(parsed)
    if findings:
        f = findings[0]
        detail = Phrase(
            "calendar-file-problem", {"line": f.line, "column": f.column, "problem": Phrase(f.message_key, f.args)}
        )
        raise InputError("calendar-file-invalid", file=shown, detail=detail)
    return Calendar(parse_years(parsed.data), shown)


def parse_years(data: dict[str, Any]) -> dict[int, Year]:
    """The years of a schema-valid holidays document (dates that do not parse are left out: ``problems``
    reports them)."""
    out = {}
    for key, value in (data.get("years") or {}).items():
        year = int(str(key))
        out[year] = Year(
            frozenset(_dates(value.get("holidays"))),
            frozenset(_dates(value.get("workdays"))),
            str(value.get("source") or ""),
        )
    return out


def _dates(values: Any) -> list[date]:
    out = []
    for text in values or ():
        try:
            out.append(date.fromisoformat(str(text)))
        except ValueError:
            continue
    return out


def belongs(day: date, year: int) -> bool:
    """Whether a year's entry may name ``day``: its own year, or December of the year before (a New Year
    holiday or make-up day the notice of ``year`` arranges, as the 2019 notice did for 2018-12-29…31)."""
    return day.year == year or (day.year == year - 1 and day.month == 12)


def problems(parsed: Any) -> list[Any]:
    """Findings (rule holidays-date) for days a schema-valid file gets wrong: a date that does not exist,
    one outside its year, one named twice with different meanings."""
    from qingdan.model import Finding

    out: list[Finding] = []
    seen: dict[date, tuple[str, str]] = {}  # day → (year key, "holidays"/"workdays") where it was named first
    for key, value in (parsed.data.get("years") or {}).items():
        year = int(str(key))
        for group in ("holidays", "workdays"):
            for index, text in enumerate(value.get(group) or ()):
                line, column = parsed.locate(("years", key, group, index))
                try:
                    day = date.fromisoformat(str(text))
                except ValueError:
                    out.append(
                        Finding(
                            "holidays-date",
                            parsed.file,
                            line,
                            column,
                            key="holidays-date-invalid",
                            args={"value": str(text)},
                        )
                    )
                    continue
                if not belongs(day, year):
                    out.append(
                        Finding(
                            "holidays-date",
                            parsed.file,
                            line,
                            column,
                            key="holidays-date-year",
                            args={"date": day.isoformat(), "year": year},
                        )
                    )
                    continue
                first = seen.setdefault(day, (str(key), group))
                if first[1] != group:
                    out.append(
                        Finding(
                            "holidays-date",
                            parsed.file,
                            line,
                            column,
                            key="holidays-date-twice",
                            args={"date": day.isoformat(), "year": first[0]},
                        )
                    )
    return out
