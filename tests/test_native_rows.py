"""qingdan._fastrows (C) gives the columns document._entries makes in Python: the same texts, interned, and the
same filled bits, for every kind of value a loader can give; and the entries cache.result_from_plain makes."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qingdan import cache, document
from qingdan.model import FILLED, Entry
from qingdan.native import _modules, module


class Text(str):
    """A str subclass: the Python columns take str() of it, and a blank one counts as filled."""


_VALUES = st.one_of(
    st.none(),
    st.text(alphabet=st.sampled_from([" ", "\u3000", "\t", "\n", "\u2028", "a", "证", "\x85"]), max_size=4),
    st.text(max_size=6),
    st.builds(Text, st.sampled_from(["", " ", "x"])),
    st.integers(-(10**20), 10**20),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2030, 1, 1)),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
)
_KEYS = st.sampled_from([*document._TEXT, *FILLED, "id", "name"])
_ROWS = st.lists(st.dictionaries(_KEYS, _VALUES, max_size=8), max_size=20)


def _native() -> Any:
    native = module("_fastrows")
    if native is None:
        pytest.skip("qingdan._fastrows was not built here (tests/test_native_built.py says whether it should be)")
    return native


def _python(rows: list[dict[str, Any]]) -> tuple[list[list[str | None]], list[int]]:
    saved = module("_fastrows")
    _modules["_fastrows"] = None
    try:
        columns: tuple[list[list[str | None]], list[int]] = document._columns(rows)
        return columns
    finally:
        _modules["_fastrows"] = saved


@settings(max_examples=300, deadline=None)
@given(_ROWS)
def test_the_columns_are_the_same_in_c_and_python(rows: list[dict[str, Any]]) -> None:
    _native()
    texts, filled = document._columns(rows)
    assert (texts, filled) == _python(rows)
    assert all(type(v) is str or v is None for column in texts for v in column)
    assert all(v is sys.intern(v) for column in texts for v in column if v is not None)


def test_blank_texts_and_empty_collections_are_not_filled() -> None:
    _native()
    rows: list[dict[str, Any]] = [
        {"powers": " \u3000\n"},
        {"powers": []},
        {"powers": {}},
        {"powers": 0},
        {"powers": Text(" ")},
        {},
    ]
    bit = 1 << FILLED.index("powers")
    assert document._columns(rows)[1] == [0, 0, 0, bit, bit, 0] == _python(rows)[1]


def test_what_is_not_rows_is_refused() -> None:
    native = _native()
    with pytest.raises(TypeError):
        native.texts([{"a": 1}, ["not a dict"]], ("a",))
    with pytest.raises(TypeError):
        native.filled([{"a": 1}], ["a"])
    with pytest.raises(TypeError):
        native.texts([{"a": 1}], (1,))
    with pytest.raises(ValueError):
        native.filled([{}], tuple(f"k{i}" for i in range(63)))
    assert native.texts([], ("a", "b")) == [[], []] and native.filled([], ("a",)) == []


_ENTRY_ROWS = st.lists(
    st.tuples(
        *(
            st.one_of(st.none(), st.text(max_size=3), st.integers(), st.tuples(st.text(max_size=2)))
            for _ in Entry._fields
        )
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(_ENTRY_ROWS)
def test_entries_made_in_c_are_the_named_tuples_python_makes(rows: list[tuple[Any, ...]]) -> None:
    native = _native()
    made = native.made(Entry, rows, len(Entry._fields))
    assert type(made) is tuple and all(type(e) is Entry for e in made)
    assert made == tuple(map(Entry._make, rows))
    assert [e.name for e in made] == [r[1] for r in rows] and [e._asdict() for e in made] == [
        Entry._make(r)._asdict() for r in rows
    ]


_WIDTH = len(Entry._fields)
_AT = {f: Entry._fields.index(f) for f in ("name", "aliases", "keys", "cores")}
# rows that often share a name without aliases, with the same or other keys: what a province's lists repeat
_LIKE_ROWS = st.lists(
    st.fixed_dictionaries(
        {
            "name": st.sampled_from(["甲", "乙", "丙"]) | st.integers(0, 1),
            "aliases": st.sampled_from([(), ("别名",), None]),
            "keys": st.sampled_from([("甲",), ("乙",), ("甲", "别名")]),
            "cores": st.sampled_from([(), ("甲证明",)]),
        }
    ).map(lambda d: tuple(d[f] if f in d else None for f in Entry._fields)),
    max_size=40,
)


def _fresh(v: Any) -> Any:
    """An equal object of its own (a file's result is decoded into objects of its own)."""
    if isinstance(v, str):
        return (v + "x")[:-1]
    return tuple(map(_fresh, v)) if isinstance(v, tuple) else v


@settings(max_examples=300, deadline=None)
@given(_LIKE_ROWS, st.booleans())
def test_entries_made_with_shared_names_are_the_same_and_share_them(rows: list[tuple[Any, ...]], kept: bool) -> None:
    """With ``shared``, every entry is still the one Python makes; an entry of a name without aliases whose keys
    and derived keys are those kept for the name (by the first such row, here or in an earlier call) holds the
    kept objects."""
    native = _native()
    shared: dict[Any, tuple[Any, ...]] = {}
    if kept:  # an earlier file's name
        native.made(
            Entry, [_fresh(Entry("i", "甲", *(None,) * 5, (), ("甲",))[:])], _WIDTH, shared, cache._SHARED_FIELDS
        )
    made = native.made(Entry, [_fresh(r) for r in rows], _WIDTH, shared, cache._SHARED_FIELDS)
    assert made == tuple(map(Entry._make, rows))
    for e in made:
        if isinstance(e.name, str) and e.aliases == ():
            name, keys, cores = shared[e.name]
            if (e.keys, e.cores) == (keys, cores):
                assert e.name is name and e.keys is keys and e.cores is cores
    assert all(isinstance(n, str) for n in shared)  # a name that is not a text is left alone


def test_shared_fields_must_be_indexes_of_the_row() -> None:
    native = _native()
    row = (None,) * _WIDTH
    for fields in ((), (1,), (1, _WIDTH), (1, -1, 2), ("name", 7)):
        with pytest.raises(ValueError):
            native.made(Entry, [row], _WIDTH, {}, fields)
    with pytest.raises(TypeError):
        native.made(Entry, [row], _WIDTH, [], (1, 7))  # not a dict


def test_a_result_read_back_is_the_same_with_and_without_c(province: list[Path]) -> None:
    _native()
    blobs = [cache.result_to_blob(document.from_bytes(f.read_bytes(), f.name, 85.0)) for f in province[:40]]
    with_c = [cache.result_from_blob(b) for b in blobs]
    saved = module("_fastrows")
    _modules["_fastrows"] = None
    try:
        without = [cache.result_from_blob(b) for b in blobs]
    finally:
        _modules["_fastrows"] = saved
    assert with_c == without and sum(len(r.entries) for r in with_c) > 100


def test_what_is_not_entries_is_refused() -> None:
    native = _native()
    width = len(Entry._fields)
    row = (None,) * width
    for cls, rows in ((tuple, [row]), (dict, [row]), (Entry, [row[:-1]]), (Entry, [list(row)])):
        with pytest.raises(TypeError):
            native.made(cls, rows, width)
    with pytest.raises(TypeError):
        native.made(Entry, (row,), width)  # a tuple of rows, not a list
    assert native.made(Entry, [], width) == ()
