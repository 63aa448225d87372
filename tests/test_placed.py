"""Files with findings that the fast loaders read without positions are read again for their places only
(``document.placed``): the result must be the one a full read with positions gives, whatever the file holds."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO, TODAY, invoke
from qingdan import document
from qingdan.document import from_bytes, item_places, placed, with_place

THRESHOLD = 85.0
ARGS = ["validate", "--format", "json", "--today", TODAY]
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


# --- the places of a few items (document.item_places, load.items_only): a finding in a list of 50,000 items ---


def _places_of_some(raw: bytes, name: str, wanted: list[int]) -> bool:
    """item_places on the indices ``wanted`` of the file's items gives the full read's header and places for
    them; False when it declined (the file is not in the C reader's dialect)."""
    fast = from_bytes(raw, name, THRESHOLD, False)
    full = from_bytes(raw, name, THRESHOLD, True)
    assert fast.kind is not None
    got = item_places(raw, name, fast.kind, len(fast.entries), [(i, fast.entries[i].id) for i in wanted])
    if got is None:
        return False
    header, places = got
    assert header == full.header, name
    assert [with_place(fast.entries[i], p) for i, p in zip(wanted, places, strict=True)] == [
        full.entries[i] for i in wanted
    ], name
    return True


def _subsets(n: int, seed: int) -> list[list[int]]:
    rng = random.Random(seed)
    picks = [[], list(range(n)), [0], [n - 1]] if n else [[]]
    picks += [sorted(rng.sample(range(n), rng.randint(1, n))) for _ in range(3)] if n else []
    return picks


def test_the_places_of_some_items_are_a_full_reads_on_every_corpus_list() -> None:
    done = 0
    for path in FILES:
        raw = path.read_bytes()
        fast = from_bytes(raw, path.name, THRESHOLD, False)
        if fast.header is None or fast.findings or not fast.entries or fast.entries[0].line:
            continue  # not a list the fast loader read
        done += all(_places_of_some(raw, path.name, w) for w in _subsets(len(fast.entries), len(path.name)))
    assert done > 20


def test_the_places_of_some_items_on_a_province(province: list[Path]) -> None:
    lists = [f for f in province if b"\nitems:" in f.read_bytes()]
    placed_lists = sum(
        all(_places_of_some(f.read_bytes(), f.name, w) for w in _subsets(f.read_bytes().count(b"\n  - id:"), 7))
        for f in lists
    )
    assert placed_lists == len(lists)


ASSIST = REPO / "lists" / "dongcheng" / "xiangyang-street" / "xiangyang" / "assist.yaml"  # the C reader reads it


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("\n  - ", "\n- ").replace("\n    ", "\n  "),  # the items at the key's own indentation
        lambda t: t.replace("\n  - id:", "\n\n# 以下一项\n      # 缩进的注释\n  - id:"),  # comments between items
        lambda t: t.replace("\nitems:\n", "\nitems:   # 事项\n\n"),  # a comment after the key, a blank line
        lambda t: t + "legal_basis:\n  - 《城乡社区服务体系建设规划》\n",  # a header key after the items
        lambda t: t.replace("\n  - ", "\n- ").replace("\n    ", "\n  ") + "expires: '2030-01-01'\n",  # both
        lambda t: t.replace(
            "  - id: XY-XZ-002\n",
            "  - id: XY-XZ-002\n    waivers:\n      - rule: near-duplicate\n        reason: 两项不同\n",
        ),  # a waiver, whose place is kept too
    ],
)
def test_the_places_of_some_items_in_other_layouts(edit: object) -> None:
    raw = edit(ASSIST.read_text(encoding="utf-8")).encode()  # type: ignore[operator]
    count = len(from_bytes(raw, ASSIST.name, THRESHOLD, False).entries)
    assert count > 3
    assert all(_places_of_some(raw, ASSIST.name, w) for w in _subsets(count, 3))


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("id: XY-XZ-002", "id: XY-XZ-099"),  # another id at that index
        lambda t: t.replace("  - id: XY-XZ-002", "  - idx: XY-XZ-002\n    id: XY-XZ-002"),  # not "- id" first: same
        lambda t: t.replace("kind: duties", "kind: seal"),  # another kind
        lambda t: t.replace("\n  - id: XY-XZ-002", "\n  - id: XY-XZ-002\n    note: |\n      两行\n      文字"),  # block
        lambda t: t.replace("\nitems:\n", "\nitems:\n  - id: X-1\n    name: 多一项\n"),  # an item more
        lambda t: t.replace("\r", "").replace("\n", "\r\n"),  # Windows line ends: not the C reader's
        lambda t: t.replace("items:", "items: []\nold_items:"),  # no items block
    ],
)
def test_the_places_of_some_items_decline_what_they_cannot_place(edit: object) -> None:
    raw = ASSIST.read_bytes()
    first = from_bytes(raw, ASSIST.name, THRESHOLD, False)
    changed = edit(raw.decode()).encode()  # type: ignore[operator]
    wanted = [(i, e.id) for i, e in enumerate(first.entries)]
    got = item_places(changed, ASSIST.name, "duties", len(first.entries), wanted)
    if got is not None:  # only an edit that leaves every place as it was may be answered
        full = from_bytes(changed, ASSIST.name, THRESHOLD, True)
        assert got[0] == full.header
        assert [with_place(first.entries[i], p) for (i, _), p in zip(wanted, got[1], strict=True)] == list(full.entries)


@pytest.mark.parametrize("cited", [False, True])
def test_validate_places_a_finding_in_a_list_read_without_positions_as_the_builder_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cited: bool
) -> None:
    """A near-duplicate in a list the C reader reads: the report is the builder's, to the line and column, and
    the list is not read again in full (only the items with findings). With a duplicate id, whose finding says
    where the first one is, it is read in full, and the report is the builder's too."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "lists", root / "lists")
    shutil.copy(REPO / "qingdan.toml", root / "qingdan.toml")
    assist = root / ASSIST.relative_to(REPO)
    text = assist.read_text(encoding="utf-8")
    first = text[text.index("  - id: XY-XZ-001") : text.index("  - id: XY-XZ-002")]
    copy = first if cited else first.replace("XY-XZ-001", "XY-XZ-901")
    assist.write_text(text + copy, encoding="utf-8")
    full: list[str] = []
    real = document.placed

    def counted(raw: bytes, name: str, threshold: float, old: object) -> object:
        full.append(name)
        return real(raw, name, threshold, old)  # type: ignore[arg-type]

    monkeypatch.setattr(document, "placed", counted)
    fast = invoke([*ARGS, "--no-cache"], root)
    builder = invoke([*ARGS, "--no-cache"], root, env={"QINGDAN_LOADER": "builder"})
    assert fast.stdout == builder.stdout and fast.returncode == builder.returncode
    findings = json.loads(fast.stdout)["findings"]
    rules = {f["rule"] for f in findings if f["file"].endswith("xiangyang/assist.yaml")}
    assert rules == ({"near-duplicate", "duplicate-id"} if cited else {"near-duplicate"})
    assert all(f["line"] > 0 for f in findings)
    assert any(n.endswith("xiangyang/assist.yaml") for n in full) == cited
