"""Geometry of the statistics page's trend (the template draws it as inline SVG): one small step chart per
series — the total, each kind, each duty role, each level — each on its own vertical scale with its lowest and
highest value written beside it, commits evenly spaced oldest to newest with dates under them; and a table per
section with every point's counts and the change against the point before, so the page reads without colour
and prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from qingdan import vocabulary
from qingdan.publish.trend import TrendPoint
from qingdan.publish.view import KIND_LABELS

WIDTH, HEIGHT = 320, 140  # SVG viewBox of one panel
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 12, 34  # margins: value labels on the left, dates below
BOX = {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": HEIGHT - BOTTOM}
MARK_SPACE = 10  # markers are drawn when commits are at least this far apart (up to 26 commits)
DATE_SPACE = 110  # a 12px date is about 68 units wide: the middle one needs this much from either end
ROLE_NONE = vocabulary.NO_ROLE.zh
MINUS = "\u2212"


@dataclass(frozen=True)
class Panel:
    title: str  # 合计, 职责清单, 协助政府工作, 社区村级 …
    last: str  # the newest value, formatted
    change: str  # newest against oldest: "+12", "−3", "±0"
    path: str  # SVG path of the step line
    points: tuple[tuple[float, float, str], ...]  # marker x, y and its tooltip (date, commit, value)
    ticks: tuple[tuple[float, str], ...]  # y and label of the lowest and highest value
    dates: tuple[tuple[float, str, str], ...]  # x, label, text-anchor
    marked: bool  # markers drawn; with many commits they would bead the line, so they only answer the pointer


@dataclass(frozen=True)
class Cell:
    value: str  # "12,345"
    delta: str  # against the row before: "+3", "−2", "" when unchanged or the first row


@dataclass(frozen=True)
class TableRow:
    date: str
    commit: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Section:
    title: str
    panels: tuple[Panel, ...]
    columns: tuple[str, ...]  # the panels' titles, as table headers
    rows: tuple[TableRow, ...]  # oldest first


def sections(trend: tuple[TrendPoint, ...], level_labels: dict[str, str]) -> tuple[Section, ...]:
    """By kind (with the total), duties by role, by level; empty below two points (no trend to draw)."""
    if len(trend) < 2:
        return ()
    first = trend[0]
    by_kind = [("合计", [p.total for p in trend])] + [
        (KIND_LABELS[k], [p.kinds[k] for p in trend]) for k in first.kinds
    ]
    by_role = [(r or ROLE_NONE, [p.roles[r] for p in trend]) for r in first.roles]
    by_level = [(level_labels.get(lv, "其他"), [p.levels[lv] for p in trend]) for lv in first.levels]
    titled = (
        ("事项总数与各类清单", by_kind),
        ("职责清单按角色（依法履职 / 协助政府工作）", by_role),
        ("各层级事项数", by_level),
    )
    return tuple(_section(title, series, trend) for title, series in titled if series)


def _section(title: str, series: list[tuple[str, list[int]]], trend: tuple[TrendPoint, ...]) -> Section:
    panels = tuple(_panel(name, values, trend) for name, values in series)
    rows = tuple(
        TableRow(
            p.date,
            p.commit,
            tuple(Cell(f"{values[i]:,}", _signed(values[i] - values[i - 1]) if i else "") for _, values in series),
        )
        for i, p in enumerate(trend)
    )
    return Section(title, panels, tuple(name for name, _ in series), rows)


def _signed(n: int, zero: str = "") -> str:
    return f"+{n:,}" if n > 0 else (f"{MINUS}{-n:,}" if n < 0 else zero)


def _panel(title: str, values: list[int], trend: tuple[TrendPoint, ...]) -> Panel:
    lo, hi = min(values), max(values)
    span = hi - lo
    bottom, top = (lo - span * 0.08, hi + span * 0.08) if span else (lo - 1.0, hi + 1.0)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return round(LEFT + plot_w * i / (len(values) - 1), 1)

    def y(v: int) -> float:
        return round(TOP + plot_h * (top - v) / (top - bottom), 1)

    path = [f"M{x(0)} {y(values[0])}"]
    for i in range(1, len(values)):  # the count holds until the next commit changes it: a step
        path.append(f"H{x(i)}" + (f"V{y(values[i])}" if values[i] != values[i - 1] else ""))
    points = tuple(
        (x(i), y(v), f"{p.date} {p.commit}：{v:,}") for i, (v, p) in enumerate(zip(values, trend, strict=True))
    )
    ticks = ((y(hi), f"{hi:,}"),) + (((y(lo), f"{lo:,}"),) if span else ())
    return Panel(
        title,
        f"{values[-1]:,}",
        _signed(values[-1] - values[0], "±0"),
        " ".join(path),
        points,
        ticks,
        _dates(trend, x),
        plot_w / (len(values) - 1) >= MARK_SPACE,
    )


def _dates(trend: tuple[TrendPoint, ...], x: Callable[[int], float]) -> tuple[tuple[float, str, str], ...]:
    """The first and last date, and the middle one when it fits between them without touching."""
    n = len(trend)
    out = [(x(0), trend[0].date, "start"), (x(n - 1), trend[-1].date, "end")]
    middle = n // 2
    if 0 < middle < n - 1 and x(middle) - x(0) >= DATE_SPACE and x(n - 1) - x(middle) >= DATE_SPACE:
        out.insert(1, (x(middle), trend[middle].date, "middle"))
    return tuple(out)
