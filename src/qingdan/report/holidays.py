"""``qingdan holidays import``: the notice as the clerk can check it — each festival, then a calendar of
the months that have holidays or make-up working days — and what was written."""

from __future__ import annotations

import calendar as months
import json
from datetime import date

from rich.cells import cell_len
from rich.text import Text

from qingdan import i18n
from qingdan.admission.holidays import Imported, year_days
from qingdan.admission.notice import WEEKDAY_NAMES, Festival
from qingdan.i18n import Phrase

CELL = 4  # display columns of one day: "31休"


def _day(d: date, lang: str) -> str:
    if lang == "en":
        return d.isoformat()
    return f"{d.month}月{d.day}日（周{WEEKDAY_NAMES[d.weekday()]}）"


def _festival(f: Festival, lang: str) -> str:
    first, last = f.off[0], f.off[-1]
    off = (
        _day(first, lang)
        if first == last
        else i18n.message("holidays-range", lang, start=_day(first, lang), end=_day(last, lang))
    )
    on = i18n.message("holidays-festival-on", lang, days=_sep(lang).join(_day(d, lang) for d in f.on)) if f.on else ""
    return i18n.message("holidays-festival", lang, name=f.name, off=off, days=len(f.off), on=on)


def _sep(lang: str) -> str:
    return ", " if lang == "en" else "、"


def _pad(text: str) -> str:
    return text + " " * max(0, CELL - cell_len(text))


def _month(year: int, month: int, off: frozenset[date], on: frozenset[date], lang: str) -> Text:
    out = Text(i18n.message("holidays-month", lang, year=year, month=month) + "\n", style="bold")
    out.append(" ".join(_pad(w) for w in i18n.message("holidays-weekdays", lang).split()) + "\n", style="dim")
    mark_off, mark_on = i18n.message("holidays-mark-off", lang), i18n.message("holidays-mark-on", lang)
    for week in months.Calendar().monthdatescalendar(year, month):
        for n, d in enumerate(week):
            if n:
                out.append(" ")
            if d.month != month:
                out.append(" " * CELL)
            elif d in off:
                out.append(_pad(f"{d.day:>2}{mark_off}"), style="bold red")
            elif d in on:
                out.append(_pad(f"{d.day:>2}{mark_on}"), style="bold blue")
            else:
                out.append(_pad(f"{d.day:>2}"), style="dim" if d.weekday() >= 5 else "")
        out.append("\n")
    return out


def _days(days: tuple[date, ...], lang: str, limit: int = 8) -> str:
    shown = _sep(lang).join(_day(d, lang) for d in days[:limit])
    return shown + ("……" if len(days) > limit else "")


def render_text(result: Imported, lang: str) -> Text:
    n = result.notice
    out = Text(i18n.message("holidays-title", lang, year=n.year, source=n.source) + "\n", style="bold")
    for f in n.festivals:
        out.append("  " + _festival(f, lang) + "\n")
    out.append("\n")
    off, on = n.off, n.on
    marked = sorted({(d.year, d.month) for d in (*off, *on)})
    for year, month in marked:
        out.append_text(_month(year, month, off, on, lang))
        out.append("\n")
    out.append(i18n.message("holidays-legend", lang) + "\n", style="dim")
    weekdays = sum(d.weekday() < 5 for d in off)
    out.append(i18n.message("holidays-totals", lang, off=len(off), weekdays=weekdays, on=len(on)) + "\n")
    if result.package is not None:
        if result.package:
            out.append(
                i18n.message(
                    "holidays-package-differs",
                    lang,
                    year=n.year,
                    count=len(result.package),
                    days=_days(result.package, lang),
                )
                + "\n",
                style="yellow",
            )
        else:
            out.append(i18n.message("holidays-package-same", lang, year=n.year) + "\n")
    if result.existed:
        if result.changed:
            text = i18n.message(
                "holidays-replaced",
                lang,
                file=result.file,
                year=n.year,
                count=len(result.changed),
                days=_days(result.changed, lang),
            )
            out.append(text + "\n", style="yellow")
        else:
            out.append(i18n.message("holidays-unchanged", lang, file=result.file, year=n.year) + "\n")
    if result.written:
        out.append(i18n.message("holidays-written", lang, file=result.file, year=n.year) + "\n", style="bold green")
        if result.kept:
            out.append(i18n.message("holidays-kept", lang, years=_sep(lang).join(map(str, result.kept))) + "\n")
    else:
        out.append(i18n.message("holidays-dry-run", lang, file=result.file) + "\n", style="bold")
    return out


def render_json(result: Imported, lang: str) -> str:
    n = result.notice
    doc = {
        "version": 1,
        "year": n.year,
        "source": n.source,
        "festivals": [
            {
                "name": f.name,
                "line": f.line,
                "holidays": [d.isoformat() for d in f.off],
                "workdays": [d.isoformat() for d in f.on],
            }
            for f in n.festivals
        ],
        "holidays": sorted(d.isoformat() for d in n.off),
        "workdays": sorted(d.isoformat() for d in n.on),
        "working_days": sum(
            1 for d in year_days(n) if d.year == n.year and (d in n.on or (d.weekday() < 5 and d not in n.off))
        ),
        "file": result.file,
        "written": result.written,
        "replaced": result.existed,
        "changed": [d.isoformat() for d in result.changed],
        "package_differs": None if result.package is None else [d.isoformat() for d in result.package],
        "kept": list(result.kept),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def problems_text(error: object, lang: str) -> str:
    """Every line of the notice that cannot be read, one a line with its text under it (stderr)."""
    from qingdan.admission.notice import NoticeError

    assert isinstance(error, NoticeError)
    out = []
    file = str(error.args_["file"])
    for p in error.problems:
        problem = Phrase(p.key, p.args)
        if p.line:
            out.append(i18n.message("holidays-notice-at", lang, file=file, line=p.line, problem=problem))
            out.append(f"    {p.text}")
        else:
            out.append(i18n.message("holidays-notice-whole", lang, file=file, problem=problem))
    return "\n".join(out) + "\n"
