"""Admission time limits: the policy of a jurisdiction and the deadlines of one request in working days.

Published practice (北京西城 2018): apply at least 30 working days before the work starts; the
decision is due within 15 working days. A jurisdiction may set its own in ``qingdan.toml``::

    [admission]                 # defaults for the whole repository
    lead_days = 30
    decision_days = 15
    max_years = 5

    [admission.980103000000]    # 西城区 and everything below it
    lead_days = 20

The nearest configured level of the request's first target wins, key by key.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from qingdan.admission.workdays import Calendar
from qingdan.config import CONFIG_BYTES, CONFIG_FILE, table
from qingdan.errors import InputError
from qingdan.i18n import Phrase
from qingdan.jurisdiction import ancestors, is_code
from qingdan.paths import read_inside

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SECTION = "admission"


@dataclass(frozen=True)
class Policy:
    lead_days: int = 30
    decision_days: int = 15
    max_years: int = 5
    source: str = ""  # the jurisdiction code whose settings apply ("" = defaults)
    source_name: str = ""  # its name, for people (filled in where the repository is known)


@dataclass(frozen=True)
class Deadlines:
    """Dates of one request; ``None`` where the request lacks the date it follows from."""

    policy: Policy
    today: date
    applied: date | None = None
    start: date | None = None
    latest_application: date | None = None  # lead_days working days before start
    earliest_start: date | None = None  # lead_days working days after the application
    decision_due: date | None = None  # decision_days working days after the application
    days_left: int | None = None  # working days from today to decision_due (negative: overdue)

    @property
    def on_time(self) -> bool | None:
        if self.applied is None or self.latest_application is None:
            return None
        return self.applied <= self.latest_application


_KEYS = ("lead_days", "decision_days", "max_years")


def _settings(table: dict[str, Any], where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k in _KEYS:
        if k in table:
            v = table[k]
            if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 1000:
                raise InputError("config-invalid", path=CONFIG_FILE, detail=f"{where}.{k}: 0 ≤ n ≤ 1000")
            out[k] = v
    return out


def load_policy(root: Path, code: str | None) -> Policy:
    """The admission policy that applies to ``code`` (a request's first target)."""
    path = root / CONFIG_FILE
    if not os.path.lexists(path):
        return Policy()
    try:
        section = tomllib.loads(read_inside(path, root, CONFIG_BYTES, shown=CONFIG_FILE).decode("utf-8-sig"))
        section = table(section, SECTION)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError("config-invalid", path=CONFIG_FILE, detail=str(exc)) from exc
    policy = replace(Policy(), **_settings(section, SECTION))
    levels = {k: v for k, v in section.items() if isinstance(v, dict)}
    for k in levels:
        if not is_code(k):
            raise InputError(
                "config-invalid", path=CONFIG_FILE, detail=Phrase("config-detail-code", {"section": f"{SECTION}.{k}"})
            )
    chain = (code, *ancestors(code)) if code and is_code(code) else ()
    for level in reversed(chain):  # the province first, the nearest level last (it wins)
        if level in levels:
            policy = replace(policy, **_settings(levels[level], f"{SECTION}.{level}"), source=level)
    return policy


def compute(
    applied: date | None, start: date | None, policy: Policy, calendar: Calendar, today: date, pending: bool = True
) -> Deadlines:
    """Every deadline that follows from the dates given (working days, holidays and 调休 included);
    the working days left until the decision is due only while the request is ``pending``."""
    out = Deadlines(policy, today, applied, start)
    if start is not None:
        out = replace(out, latest_application=calendar.shift(start, -policy.lead_days))
    if applied is not None:
        due = calendar.shift(applied, policy.decision_days)
        out = replace(
            out,
            earliest_start=calendar.shift(applied, policy.lead_days),
            decision_due=due,
            days_left=calendar.between(today, due) if pending else None,
        )
    return out
