"""Laws of the semantic diff, on generated lists (hypothesis)."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from qingdan.diff import compare
from qingdan.snapshot import Snapshot

NAMES = [
    "召集居民会议",
    "调解民间纠纷",
    "协助开展人口普查",
    "组织文体活动",
    "协助做好优抚工作",
    "居务公开",
    "社区协商议事",
    "协助开展禁毒宣传",
]
ROLES = ["依法履职", "协助政府工作"]


def _snapshot(items: list[dict], label: str = "v") -> Snapshot:
    doc = {"format": 1, "kind": "duties", "jurisdiction": "980102001001", "title": "测试清单", "items": items}
    raw = yaml.safe_dump(doc, allow_unicode=True).encode()
    ident = str(hash(raw))
    return Snapshot(label, {"lists/a.yaml": ident}, lambda names: {n: raw for n in names})


@st.composite
def item_lists(draw: st.DrawFn) -> list[dict]:
    names = draw(st.lists(st.sampled_from(NAMES), unique=True, max_size=len(NAMES)))
    return [
        {
            "id": f"XY-{i:03d}",
            "name": n,
            "role": draw(st.sampled_from(ROLES)),
            "notes": draw(st.sampled_from(["", "每季度一次", "按需开展"])),
        }
        for i, n in enumerate(names)
    ]


@settings(max_examples=80, deadline=None)
@given(item_lists())
def test_a_version_never_differs_from_itself(items: list[dict]) -> None:
    assert compare(_snapshot(items), _snapshot(items)).changes == ()


@settings(max_examples=80, deadline=None)
@given(item_lists(), item_lists())
def test_swapping_versions_swaps_added_and_removed(a: list[dict], b: list[dict]) -> None:
    forward, backward = compare(_snapshot(a), _snapshot(b)), compare(_snapshot(b), _snapshot(a))
    assert {c.id for c in forward.changes if c.type == "added"} == {
        c.id for c in backward.changes if c.type == "removed"
    }
    assert {c.id for c in forward.changes if c.type == "removed"} == {
        c.id for c in backward.changes if c.type == "added"
    }
    assert {(c.old_id, c.new_id) for c in forward.changes if c.type == "id-changed"} == {
        (c.new_id, c.old_id) for c in backward.changes if c.type == "id-changed"
    }


@settings(max_examples=80, deadline=None)
@given(item_lists().filter(bool), st.data())
def test_an_id_change_is_one_change(items: list[dict], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(items) - 1))
    renumbered = [dict(it) for it in items]
    renumbered[index]["id"] = "NEW-999"
    changes = compare(_snapshot(items), _snapshot(renumbered)).changes
    assert [(c.type, c.old_id, c.new_id) for c in changes] == [("id-changed", items[index]["id"], "NEW-999")]


_WIDE = str.maketrans({"，": ",", "、": ",", "（": "(", "）": ")"})


@settings(max_examples=80, deadline=None)
@given(item_lists().filter(bool), st.data())
def test_formatting_only_edits_are_never_modifications(items: list[dict], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(items) - 1))
    edited = [dict(it) for it in items]
    name = edited[index]["name"]
    edited[index]["name"] = data.draw(st.sampled_from([f" {name} ", name.translate(_WIDE) + "。", "　".join(name)]))
    edited[index]["notes"] = (edited[index]["notes"] + " ").replace("次", "次，")
    changes = compare(_snapshot(items), _snapshot(edited)).changes
    assert all(c.type == "formatting" for c in changes), changes
