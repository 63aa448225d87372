"""qingdan._fastrows (C) gives the columns document._entries makes in Python: the same texts, interned, and the
same filled bits, for every kind of value a loader can give."""

from __future__ import annotations

import datetime
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qingdan import document
from qingdan.model import FILLED
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
