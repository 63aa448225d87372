"""Working days (工作日) by the official Chinese holiday calendar, including make-up working days (调休).

The calendar comes from the maintained ``chinesecalendar`` package; a list repository's
``holidays.yaml`` adds years the package does not know yet (or corrects one). A date in a year that
neither knows is an error, never a guess: a deadline computed from weekends alone would be wrong by
a week around the Spring Festival or National Day.

Counting follows the usual rule for administrative time limits: the day a period starts from is not
counted (``shift(d, 15)`` is the 15th working day after ``d``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from qingdan.errors import InputError

HOLIDAYS_FILE = "holidays.yaml"
MAX_SHIFT = 2000  # working days; a period longer than about eight years is a typing error


@dataclass(frozen=True)
class Year:
    """One year from holidays.yaml: days off on weekdays and make-up working days on weekends."""

    off: frozenset[date] = frozenset()
    on: frozenset[date] = frozenset()


@dataclass(frozen=True)
class Calendar:
    years: dict[int, Year] = field(default_factory=dict)  # from holidays.yaml; they win over the package
    source: str = HOLIDAYS_FILE

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` is a working day; InputError for a year nobody knows."""
        own = self.years.get(day.year)
        if own is not None:
            return day in own.on or (day.weekday() < 5 and day not in own.off)
        import chinese_calendar

        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            raise InputError("calendar-unknown-year", year=day.year, known=self.known(), file=self.source) from None

    def known(self) -> str:
        """The years this calendar knows, as text (for messages)."""
        from chinese_calendar import constants

        package = sorted({d.year for d in constants.holidays})
        own = sorted(self.years)
        text = f"{package[0]}–{package[-1]}"
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
    from qingdan.config import CONFIG_BYTES
    from qingdan.load import parse_bytes
    from qingdan.paths import read_inside

    parsed = parse_bytes(read_inside(path, root, CONFIG_BYTES, shown=HOLIDAYS_FILE), HOLIDAYS_FILE)
    if not parsed.ok or parsed.findings:
        detail = parsed.findings[0].message_key if parsed.findings else "?"
        raise InputError("calendar-file-invalid", file=HOLIDAYS_FILE, detail=detail)
    data = parsed.data
    if not isinstance(data, dict) or data.get("kind") != "holidays" or not isinstance(data.get("years"), dict):
        raise InputError("calendar-file-invalid", file=HOLIDAYS_FILE, detail="kind: holidays, years: {…}")
    return Calendar({_year(k): _days(_year(k), v) for k, v in data["years"].items()})


def _year(value: Any) -> int:
    text = str(value).strip()
    if not (text.isdigit() and len(text) == 4):
        raise InputError("calendar-file-invalid", file=HOLIDAYS_FILE, detail=f"years: {text}")
    return int(text)


def _days(year: int, value: Any) -> Year:
    if not isinstance(value, dict):
        raise InputError("calendar-file-invalid", file=HOLIDAYS_FILE, detail=f"{year}: holidays, workdays")
    return Year(_dates(year, value.get("holidays")), _dates(year, value.get("workdays")))


def _dates(year: int, value: Any) -> frozenset[date]:
    out = set()
    for text in value or ():
        try:
            day = date.fromisoformat(str(text))
        except ValueError:
            raise InputError("calendar-file-invalid", file=HOLIDAYS_FILE, detail=str(text)) from None
        if day.year != year:
            raise InputError("calendar-file-invalid", file=HOLIDAYS_FILE, detail=f"{year}: {text}")
        out.add(day)
    return frozenset(out)
