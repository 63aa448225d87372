"""Files with findings that the fast loaders read without positions are read again for their places only
(``document.placed``): the result must be the one a full read with positions gives, whatever the file holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO
from qingdan.document import from_bytes, placed

THRESHOLD = 85.0
FILES = sorted([*EXAMPLES.rglob("*.yaml"), *(REPO / "lists").rglob("*.yaml")])


def _same(raw: bytes, name: str) -> bool:
    fast = from_bytes(raw, name, THRESHOLD, False)
    full = from_bytes(raw, name, THRESHOLD, True)
    again = placed(raw, name, THRESHOLD, fast)
    assert again == full, name
    return bool(full.entries) and full.entries[0].line > 0


def test_places_made_again_are_a_full_reads_on_every_corpus_file() -> None:
    placed_lists = sum(_same(path.read_bytes(), path.name) for path in FILES)
    assert placed_lists > 20  # lists with items: waivers, targets, admissions, certificates among them


def test_places_made_again_on_a_province(province: list[Path]) -> None:
    assert sum(_same(f.read_bytes(), f.name) for f in province) > len(province) * 0.9  # all but a few reference files


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("id: XY-YZ-002", "id: XY-YZ-099"),  # an id changed since the first read
        lambda t: t.replace("  - id: XY-YZ-002", "  - idx: XY-YZ-002"),  # an item less
        lambda t: t.replace("kind: seal", "kind: duties"),  # another kind
        lambda t: t.replace("items:", "items: 1\nold_items:"),  # no items at all
        lambda t: "items: [",  # not YAML any more
    ],
)
def test_a_file_changed_since_the_first_read_is_read_in_full(edit: object) -> None:
    path = REPO / "lists" / "dongcheng" / "xiangyang-street" / "xiangyang" / "seal.yaml"
    raw = path.read_bytes()
    first = from_bytes(raw, path.name, THRESHOLD, False)
    changed = edit(raw.decode()).encode()  # type: ignore[operator]
    assert placed(changed, path.name, THRESHOLD, first) == from_bytes(changed, path.name, THRESHOLD, True)
