"""The repository's cheap indexes answer as ``by_id`` does: ``unique_ids`` without building it, and
``admissions_by_id`` (the admission rules' look-ups) without a look at a province's other items, duplicate
ids included — where a duty comes first with an admission's id, that id is no admission record, as before."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from hypothesis import given, settings
from hypothesis import strategies as st

from qingdan.model import Entry, FileResult
from qingdan.repository import Repository

KINDS = ("duties", "admissions", "certificates")
# (file, id, kind) of each item: ids from a small alphabet so that some repeat, across files and kinds
ITEMS = st.lists(st.tuples(st.integers(0, 3), st.sampled_from("abcdefgh"), st.sampled_from(KINDS)), max_size=30)


def _repository(items: list[tuple[int, str, str]]) -> Repository:
    files = []
    for n in range(4):
        entries = tuple(Entry(i, f"名称{i}", kind, "110101", f"lists/{n}.yaml", 0, 0) for f, i, kind in items if f == n)
        files.append(FileResult(f"lists/{n}.yaml", "duties", entries=entries))
    return Repository(cast(Any, None), files, date(2026, 12, 3))


@settings(max_examples=300, deadline=None)
@given(ITEMS, st.booleans())
def test_the_cheap_indexes_answer_as_by_id(items: list[tuple[int, str, str]], built_first: bool) -> None:
    repo = _repository(items)
    if built_first:  # by_id already there: unique_ids takes its length
        repo.by_id  # noqa: B018
    by_id = _repository(items).by_id
    assert repo.unique_ids == (len(by_id) == len(repo.entries))
    for i in "abcdefgh":
        first = by_id.get(i)
        assert repo.admissions_by_id.get(i) == (first if first is not None and first.kind == "admissions" else None)


def test_an_admission_id_a_duty_took_first_is_not_an_admission_record() -> None:
    repo = _repository([(0, "a", "duties"), (1, "a", "admissions"), (1, "b", "admissions")])
    assert not repo.unique_ids
    assert "a" not in repo.admissions_by_id
    assert repo.admissions_by_id["b"].kind == "admissions"
