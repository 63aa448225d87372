"""The State Council's annual holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知), read as published.

The notice gives one numbered line per festival::

    一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
    三、清明节：4月4日（周六）至6日（周一）放假，共3天。

A sentence with 放假 gives a day or a range of days off (``至``; the end may name its month, or its year
when the holiday starts in December of the year before), a sentence with 上班 the make-up working days.
Weekday annotations (周五, 星期五) are checked against the calendar and the stated length (共3天) against
the range; lunar annotations (农历腊月二十八) are not checked. Other sentences (鼓励各单位…) are remarks.
The year comes from the title. Every line that cannot be read is reported with its number and text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from qingdan.errors import InputError

TITLE = re.compile(r"关于(\d{4})年部分节假日安排的通知")
DOC_NUMBER = re.compile(r"国办发明电[〔\[(]\d{4}[〕\])]\d+号")
FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
WEEKDAY_NAMES = "一二三四五六日"

_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+|\d+)[、.．]")
_ITEM = re.compile(r"^(?:(?:[一二三四五六七八九十]+|\d+)[、.．])?([^:]{1,30}):(.*)$")
_DATE = r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日"
_END = r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日"
_NOTE = r"(?:\(([^)]*)\))?"
_OFF = re.compile(rf"^{_DATE}{_NOTE}(?:(?:至|到|-|—|~){_END}{_NOTE})?放假(.*)$")
_ON_DAY = re.compile(rf"{_DATE}{_NOTE}")
_STATED = re.compile(r"共(\d+)天|放假(\d+)天")
_WEEKDAY = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")
_LOOSE = re.compile(r"\d{1,2}月\d{1,2}日.*(?:放假|上班|调休)")


@dataclass(frozen=True)
class Problem:
    """One line that cannot be read: ``key`` names the catalogue sentence."""

    line: int
    text: str
    key: str
    args: dict[str, object] = field(default_factory=dict)


class NoticeError(InputError):
    """The notice has lines that cannot be read; ``problems`` lists each (the CLI prints them all)."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        super().__init__("holidays-notice-invalid", file=file, count=len(problems))
        self.problems = problems


@dataclass(frozen=True)
class Festival:
    name: str  # 元旦, 国庆节、中秋节 … as the notice names it
    line: int
    off: tuple[date, ...]  # every day off, in order
    on: tuple[date, ...]  # make-up working days
    stated: int | None  # 共N天 as the notice says it


@dataclass(frozen=True)
class Notice:
    year: int
    title: str
    doc_number: str
    festivals: tuple[Festival, ...]

    @property
    def source(self) -> str:
        return f"{self.title}（{self.doc_number}）" if self.doc_number else self.title

    @property
    def off(self) -> frozenset[date]:
        return frozenset(d for f in self.festivals for d in f.off)

    @property
    def on(self) -> frozenset[date]:
        return frozenset(d for f in self.festivals for d in f.on)


def normalise(line: str) -> str:
    """Full-width digits, brackets and colons as ASCII (NFKC), no spaces: text pasted from a web page."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", line))


def read_notice(text: str, file: str) -> Notice:
    """The arrangement of one year; NoticeError listing every line that cannot be read."""
    lines = text.splitlines()
    problems: list[Problem] = []
    year, title, doc_number = None, "", ""
    whole = "".join(normalise(line) for line in lines)  # the title is often set on two lines
    m = TITLE.search(whole)
    if m:
        year, title = int(m.group(1)), f"国务院办公厅{m.group(0)}"
    n = DOC_NUMBER.search(whole)
    if n:
        doc_number = re.sub(r"[\[(]", "〔", re.sub(r"[\])]", "〕", n.group(0)))
    if year is None:
        raise NoticeError(file, [Problem(0, "", "holidays-notice-no-title")])
    festivals: list[Festival] = []
    for number, raw in enumerate(lines, 1):
        flat = normalise(raw)
        if not flat or TITLE.search(flat):
            continue
        item = _ITEM.match(flat)
        names = item.group(1) if item else ""
        if item and any(f in names for f in FESTIVALS):
            try:
                festivals.append(_festival(names, item.group(2), number, year))
            except _Bad as bad:
                problems.append(Problem(number, raw.strip(), bad.key, bad.details))
        elif _NUMBERED.match(flat) or _LOOSE.search(flat):
            problems.append(Problem(number, raw.strip(), "holidays-notice-line"))
    if not festivals and not problems:
        problems.append(Problem(0, "", "holidays-notice-empty", {"year": year}))
    problems.extend(_overlaps(festivals, lines))
    if problems:
        raise NoticeError(file, problems)
    return Notice(year, title, doc_number, tuple(festivals))


class _Bad(Exception):
    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.details = args


def _day(year: str | None, month: str | None, day: str, default_year: int, default_month: int = 0) -> date:
    y = int(year) if year else default_year
    mo = int(month) if month else default_month
    text = f"{year + '年' if year else ''}{mo}月{day}日"
    try:
        return date(y, mo, int(day))
    except ValueError:
        raise _Bad("holidays-notice-date", date=text) from None


def _check_weekday(day: date, note: str | None) -> None:
    if not note:
        return
    m = _WEEKDAY.search(note)
    if m and WEEKDAYS[m.group(1)] != day.weekday():
        raise _Bad(
            "holidays-notice-weekday",
            date=f"{day.month}月{day.day}日",
            written=m.group(0),
            actual=f"周{WEEKDAY_NAMES[day.weekday()]}",
        )


def _festival(name: str, body: str, line: int, year: int) -> Festival:
    off: list[date] = []
    on: list[date] = []
    stated: int | None = None
    for sentence in filter(None, re.split(r"[。;；]", body)):
        if "放假" in sentence:
            if off:
                raise _Bad("holidays-notice-two-ranges")
            off, stated = _off(sentence, year)
        elif "上班" in sentence:
            on.extend(_on(sentence, year))
    if not off:
        raise _Bad("holidays-notice-no-days")
    both = sorted(set(off) & set(on))
    if both:
        raise _Bad("holidays-notice-off-and-on", date=both[0].isoformat())
    return Festival(name, line, tuple(off), tuple(on), stated)


def _off(sentence: str, year: int) -> tuple[list[date], int | None]:
    m = _OFF.match(sentence)
    if m is None:
        raise _Bad("holidays-notice-sentence", sentence=sentence)
    y1, mo1, d1, note1, y2, mo2, d2, note2, _ = m.groups()
    start = _day(y1, mo1, d1, year)
    _check_weekday(start, note1)
    end = start
    if d2 is not None:  # 至3日, 至10月8日, 至2019年1月1日
        next_year = mo2 is not None and int(mo2) < start.month
        end = _day(y2, mo2, d2, start.year + 1 if next_year else start.year, start.month)
        _check_weekday(end, note2)
    if end < start or (end - start).days > 30:
        raise _Bad("holidays-notice-range", start=start.isoformat(), end=end.isoformat())
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    s = _STATED.search(sentence)
    stated = int(s.group(1) or s.group(2)) if s else None
    if stated is not None and stated != len(days):
        raise _Bad("holidays-notice-count", stated=stated, counted=len(days))
    return days, stated


def _on(sentence: str, year: int) -> list[date]:
    head = sentence.split("上班", 1)[0]
    out = []
    for m in _ON_DAY.finditer(head):
        y, mo, d, note = m.groups()
        day = _day(y, mo, d, year)
        _check_weekday(day, note)
        out.append(day)
    if not out:
        raise _Bad("holidays-notice-sentence", sentence=sentence)
    return out


def _overlaps(festivals: list[Festival], lines: list[str]) -> list[Problem]:
    """A day named by two festivals, or both off and on."""
    out: list[Problem] = []
    seen: dict[date, Festival] = {}
    for f in festivals:
        for day in (*f.off, *f.on):
            first = seen.setdefault(day, f)
            if first is not f:
                out.append(
                    Problem(
                        f.line,
                        lines[f.line - 1].strip(),
                        "holidays-notice-twice",
                        {"date": day.isoformat(), "other": first.line},
                    )
                )
    return out
