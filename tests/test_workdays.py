"""Working days by the official calendar: holidays, make-up working days (调休), holidays.yaml, unknown years."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qingdan.admission.workdays import Calendar, load_calendar
from qingdan.errors import InputError

CAL = Calendar()


def test_national_day_2025_with_its_make_up_days() -> None:
    # 2025: 10-01 … 10-08 off; Sunday 09-28 and Saturday 10-11 are working days.
    assert not CAL.is_workday(date(2025, 10, 3))
    assert CAL.is_workday(date(2025, 9, 28)) and CAL.is_workday(date(2025, 10, 11))
    # 15 working days after Thursday 2025-09-25: weekends alone would give 10-16, holidays without 调休 10-24.
    assert CAL.shift(date(2025, 9, 25), 15) == date(2025, 10, 22)
    assert CAL.shift(date(2025, 10, 22), -15) == date(2025, 9, 25)


def test_unknown_year_is_an_error_not_a_guess() -> None:
    with pytest.raises(InputError) as caught:
        CAL.is_workday(date(2031, 3, 3))
    assert caught.value.key == "calendar-unknown-year" and caught.value.args_["year"] == 2031


def test_holidays_file_adds_a_year(tmp_path: Path) -> None:
    (tmp_path / "holidays.yaml").write_text(
        'format: 1\nkind: holidays\nyears:\n  "2031":\n    holidays: ["2031-01-01"]\n    workdays: ["2031-01-04"]\n',
        encoding="utf-8",
    )
    cal = load_calendar(tmp_path)
    assert not cal.is_workday(date(2031, 1, 1))  # a Wednesday off
    assert cal.is_workday(date(2031, 1, 4))  # a Saturday worked
    assert cal.shift(date(2030, 12, 31), 1) == date(2031, 1, 2)  # 2030 comes from the package
    assert "2031" in cal.known()


def test_holidays_file_with_a_date_of_another_year_is_refused(tmp_path: Path) -> None:
    (tmp_path / "holidays.yaml").write_text(
        'format: 1\nkind: holidays\nyears:\n  "2031":\n    holidays: ["2032-01-01"]\n', encoding="utf-8"
    )
    with pytest.raises(InputError):
        load_calendar(tmp_path)


days = st.dates(min_value=date(2005, 1, 1), max_value=date(2025, 12, 1))


@given(days, st.integers(1, 40))
def test_shift_and_between_agree(start: date, n: int) -> None:
    end = CAL.shift(start, n)
    assert CAL.between(start, end) == n and CAL.is_workday(end)
    assert CAL.between(end, start) == -n


@given(days, st.integers(1, 40))
def test_back_and_forth_lands_on_the_last_working_day_not_after(start: date, n: int) -> None:
    back = CAL.shift(CAL.shift(start, n), -n)
    assert back <= start and all(
        not CAL.is_workday(back + timedelta(days=k)) for k in range(1, (start - back).days + 1)
    )
