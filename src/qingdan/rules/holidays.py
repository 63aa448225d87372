"""holidays.yaml: its days make sense, it agrees with the calendar package where both know a year, and the
years a review will need are known before they are needed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from qingdan.config import HOLIDAYS_FILE
from qingdan.i18n import Phrase
from qingdan.model import Finding

if TYPE_CHECKING:
    from qingdan.load import Parsed
    from qingdan.repository import Repository

WARN_FROM = (11, 1)  # from 1 November a review may already need next year (30 working days ahead)
SHOWN_DAYS = 5  # days named in a disagreement; the rest are counted


def _parsed(repo: Repository) -> Parsed | None:
    """holidays.yaml read with positions, when it is part of this run and has no schema or YAML errors."""
    if "holidays" not in repo.memo:
        result = next((f for f in repo.files if f.file == HOLIDAYS_FILE), None)
        parsed = None
        clean = result is not None and all(f.rule == "yaml11-ambiguous" for f in result.findings)
        if result is not None and result.kind == "holidays" and clean:
            from qingdan.load import parse_bytes

            parsed = parse_bytes((repo.root / HOLIDAYS_FILE).read_bytes(), HOLIDAYS_FILE)
        repo.memo["holidays"] = parsed
    found: Parsed | None = repo.memo["holidays"]
    return found


def dates(repo: Repository) -> Iterator[Finding]:
    """A date that does not exist, one outside its year, one both a holiday and a working day."""
    from qingdan.admission.workdays import problems

    parsed = _parsed(repo)
    if parsed is not None:
        yield from problems(parsed)


def _calendar(parsed: Parsed) -> Any:
    from qingdan.admission.workdays import Calendar, parse_years

    return Calendar(parse_years(parsed.data))


def disagree(repo: Repository) -> Iterator[Finding]:
    """A year both the file and the package know, where they say otherwise about a day."""
    from qingdan.admission.workdays import belongs, package_workday

    parsed = _parsed(repo)
    if parsed is None:
        return
    calendar = _calendar(parsed)
    for key in parsed.data["years"]:
        year = int(str(key))
        if package_workday(date(year, 1, 1)) is None:
            continue
        first = date(year - 1, 12, 1)
        days = [first + timedelta(days=n) for n in range((date(year, 12, 31) - first).days + 1)]
        named = calendar.years[year].off | calendar.years[year].on
        wrong = [
            d
            for d in days
            if (d.year == year or (belongs(d, year) and d in named))
            and package_workday(d) is not None
            and calendar.file_workday(d) != package_workday(d)
        ]
        if wrong:
            years = parsed.data["years"]
            line, column = parsed.marks.get(id(years), ((1, 1), {}))[1].get(key, parsed.locate(("years",)))
            shown = tuple(
                Phrase("holidays-day-on" if calendar.file_workday(d) else "holidays-day-off", {"date": d.isoformat()})
                for d in wrong[:SHOWN_DAYS]
            )
            yield Finding(
                "holidays-disagree",
                HOLIDAYS_FILE,
                line,
                column,
                args={"year": year, "days": shown, "count": len(wrong), "more": max(0, len(wrong) - SHOWN_DAYS)},
            )


def year_unknown(repo: Repository) -> Iterator[Finding]:
    """This year unknown to both calendars, or (from 1 November) next year."""
    from qingdan.admission.workdays import Calendar

    parsed = _parsed(repo)
    calendar = _calendar(parsed) if parsed is not None else Calendar()
    today = repo.today
    wanted = [today.year]
    if (today.month, today.day) >= WARN_FROM:
        wanted.append(today.year + 1)
    for year in wanted:
        if not calendar.knows(year):
            key = "holidays-year-unknown" if year == today.year else "holidays-year-unknown-next"
            yield Finding(
                "holidays-year-unknown",
                HOLIDAYS_FILE,
                1,
                1,
                key=key,
                args={"year": year, "known": calendar.known(), "file": HOLIDAYS_FILE},
            )
            return
