"""qingdan diff reads the item texts two versions of a list share once (``diff._shared``): the comparison must be
the very one that reading each version whole gives, for every file, and the shortcut must step aside for any
file whose items it cannot cut apart safely."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, REPO
from qingdan import diff, git, snapshot
from qingdan.load import parse_bytes
from qingdan.snapshot import Snapshot

HEAD = 'kind: duties\njurisdiction: "980101001001"\ntitle: 示例社区工作事项清单\nversion: 2023版\n'
ITEMS = (
    "  - id: A-001\n    name: 协助开展高龄老人医疗保险登记\n    role: 协助政府工作\n"
    "  - id: A-002\n    name: 具体承办沿街商铺日常巡查\n    role: 依法履职\n    content: |\n"
    "      第一行\n\n      第二行\n"
    "  - id: A-003\n    name: 协助开展城市防汛应急避险人员转移\n    role: 协助政府工作\n"
)


def _snapshot(label: str, files: dict[str, str]) -> Snapshot:
    raw = {name: text.encode("utf-8") for name, text in files.items()}
    return Snapshot(label, {n: f"{label}:{hash(r)}" for n, r in raw.items()}, lambda names: {n: raw[n] for n in names})


def _both_roads(old: str, new: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, bool]:
    """The comparison of one file's two versions with the shared reading and without, and whether the
    shared reading was taken."""
    taken = diff._shared("lists/a.yaml", old.encode(), new.encode()) is not None
    shared = diff.compare(_snapshot("old", {"lists/a.yaml": old}), _snapshot("new", {"lists/a.yaml": new}))
    with monkeypatch.context() as m:
        m.setattr(diff, "_shared", lambda *args: None)
        whole = diff.compare(_snapshot("old", {"lists/a.yaml": old}), _snapshot("new", {"lists/a.yaml": new}))
    return shared, whole, taken


def _data(text: str) -> Any:
    return parse_bytes(text.encode(), "lists/a.yaml", positions=False).data


def _doc(items: str = ITEMS, head: str = HEAD, tail: str = "", line: str = "items:\n") -> str:
    return head + line + items + tail


def test_plain_lists_are_read_once_per_item_text_with_the_same_data(monkeypatch: pytest.MonkeyPatch) -> None:
    old = _doc(tail="notes: 附注\n")
    new = _doc(ITEMS.replace("日常巡查", "日常检查"), HEAD.replace("2023版", "2024版"), "notes: 附注\n")
    got = diff._shared("lists/a.yaml", old.encode(), new.encode())
    assert got == (_data(old), _data(new))
    assert got is not None and got[0]["items"][0] is got[1]["items"][0]  # the unchanged item was read once
    shared, whole, taken = _both_roads(old, new, monkeypatch)
    assert taken and shared == whole
    assert [(c.type, c.id) for c in shared.changes] == [("renamed", "A-002")]
    assert [f.field for h in shared.headers for f in h.fields] == ["version"]


LEFT = ITEMS.replace("\n  ", "\n")[2:]  # the items at column 0
ODD = ITEMS.replace("    role: 依法履职", "   role: 依法履职")
QUOTED = ITEMS.replace("    role: 依法履职", '    notes: "甲\n  - id: A-005\n    乙"\n    role: 依法履职')
NAN = ITEMS + "  - id: A-004\n    name: 甲乙丙丁\n    score: [.nan]\n"
TWICE = ITEMS.replace("    role: 依法履职", "    role: 依法履职\n    role: 依法履职")


@pytest.mark.parametrize(
    ("label", "old", "new", "cut"),
    [
        ("items at column 0", _doc(LEFT), _doc(LEFT.replace("巡查", "检查")), True),
        (
            "blank lines and comments",
            _doc(ITEMS.replace("  - id: A-003", "\n    # 备注\n\n  - id: A-003")),
            _doc(),
            True,
        ),
        ("keep-chomping block at the end", _doc(ITEMS + "    notes: |+\n      末尾\n\n"), _doc(ITEMS + "\n"), True),
        ("header moves the list", _doc(), _doc(head=HEAD.replace("980101001001", "980101001002")), True),
        ("kind changes", _doc(), _doc(head=HEAD.replace("duties", "negative")), True),
        (
            "duplicate ids",
            _doc(ITEMS + ITEMS.replace("协助", "配合")),
            _doc(ITEMS.replace("协助", "配合") + ITEMS),
            True,
        ),
        ("a key after the items", _doc(tail="notes: 甲\n"), _doc(tail="notes: 乙\n"), True),
        ("anchors and aliases", _doc(ITEMS + "  - &x {id: A-009, name: 甲乙丙丁戊己}\n  - *x\n"), _doc(), False),
        ("flow items", _doc("[{id: A-001, name: 协助开展高龄老人医疗保险登记}]\n", line="items: "), _doc(), False),
        ("items line with a comment", _doc(line="items: # 事项\n"), _doc(), False),
        ("carriage returns", _doc(), _doc().replace("\n", "\r\n"), False),
        ("a line separator", _doc(ITEMS.replace("巡查\n", "巡查\u2028  - id: A-007\n")), _doc(), False),
        ("a next-line character", _doc(ITEMS.replace("巡查\n", "巡查\x85- id: A-007\n")), _doc(), False),
        ("a line at an odd indentation", _doc(ODD), _doc(), False),
        ("a quoted text going on at the items' indentation", _doc(QUOTED), _doc(), False),
        ("a NaN", _doc(NAN), _doc(NAN), False),
        ("no final line break", _doc(), _doc()[:-1], False),
        ("a duplicate key in an item", _doc(TWICE), _doc(), False),
        ("no items", _doc(""), _doc(), False),
        ("items twice", _doc(tail="items:\n" + ITEMS), _doc(), False),
        ("not a list at all", "- 甲\n- 乙\n", _doc(), False),
    ],
)
def test_the_comparison_is_the_same_on_both_roads(
    label: str, old: str, new: str, cut: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared, whole, taken = _both_roads(old, new, monkeypatch)
    assert shared == whole, label
    assert taken == cut, label
    if taken:
        assert diff._shared("lists/a.yaml", old.encode(), new.encode()) == (_data(old), _data(new)), label


def _list_files() -> list[Path]:
    return sorted(p for base in (REPO / "lists", EXAMPLES) for p in base.rglob("*.yaml"))


def test_every_bundled_and_example_list_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each file against itself and against a version with one item edited: the data of both versions as the
    whole-file reading gives it, whenever the shared reading is taken (it is for the bundled lists)."""
    taken = 0
    for path in _list_files():
        raw = path.read_bytes()
        edited = raw.replace("事项".encode(), "工作".encode(), 1)
        for other in (raw, edited):
            got = diff._shared(path.name, raw, other)
            if got is not None:
                taken += 1
                assert got == (_data_of(raw, path), _data_of(other, path)), path
    assert taken >= 20


def _data_of(raw: bytes, path: Path) -> Any:
    return parse_bytes(raw, path.name, positions=False).data


# The unchanged files of the places that changed are looked for (git grep) while the changed files are read, and
# what git grep found in a blob is kept for the next run: the early search must answer exactly as find does.


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.invalid"}
    env.update(GIT_COMMITTER_NAME="测试", GIT_COMMITTER_EMAIL="t@example.invalid")
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def test_the_early_search_finds_what_find_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QINGDAN_CACHE_DIR", raising=False)
    lists = tmp_path / "lists"
    (lists / "sub dir").mkdir(parents=True)
    heads = {
        "a.yaml": 'kind: duties\njurisdiction: "980101001001"\n',
        "b.yaml": "kind: negative\njurisdiction: 980101001001\n",
        "sub dir/c.yaml": "kind: duties\njurisdiction:   '980101001002'\n",
        "d.yaml": 'kind: duties\njurisdiction: "9801010010"\n',
        "e.yaml": 'kind: duties\nnotes: x\njurisdiction: "980101001003"\njurisdiction: "980101001001"\n',
        "f.yaml": 'kind: duties\x00\njurisdiction: "980101001002"\n',  # git takes it for a binary file
    }
    for name, text in heads.items():
        (lists / name).write_text(text + "items: []\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "grep.lineNumber", "true")  # a user's settings do not change what is read
    _git(tmp_path, "config", "grep.column", "true")
    _git(tmp_path, "config", "color.grep", "always")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "v1")
    version = snapshot.commit(tmp_path, "HEAD")
    questions = [
        {"980101001001"},
        {"980101001002"},
        {"980101001001", "980101001003"},
        {"980101001009"},
        {"9801010010"},  # not twelve digits: find itself
        {"980101001001", "9801010010"},
        {""},
        set(),
    ]
    cold = [_asked(version, codes) for codes in questions]  # each time with no cache, or one of the first answers
    assert version.find({"980101001001"}) == ["lists/a.yaml", "lists/b.yaml", "lists/e.yaml"]
    assert version.find({"980101001002"}) == ["lists/f.yaml", "lists/sub dir/c.yaml"]
    stopped = version.find_soon()
    stopped.stop()  # not asked: the git grep ends, and asking afterwards still answers
    assert stopped.result({"980101001002"}) == ["lists/f.yaml", "lists/sub dir/c.yaml"]

    assert (tmp_path / ".qingdan-cache" / snapshot.HEADERS_CACHE).is_file()
    monkeypatch.setattr(git, "grep_soon", _no_grep)  # every blob seen before: no git grep at all
    assert [_asked(version, codes) for codes in questions] == cold

    (lists / "g.yaml").write_text(
        'kind: duties\njurisdiction: "980101001001"\ntitle: 新\nitems: []\n', encoding="utf-8"
    )
    (lists / "a.yaml").write_text('kind: duties\njurisdiction: "980101001004"\nitems: []\n', encoding="utf-8")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "v2")
    named: list[list[str]] = []
    monkeypatch.setattr(git, "grep_soon", lambda *args: named.append(args[3]) or GREP_SOON(*args))
    second = snapshot.commit(tmp_path, "HEAD")
    assert _asked(second, {"980101001001"}) == ["lists/b.yaml", "lists/e.yaml", "lists/g.yaml"]
    assert named == [[":(literal)lists/a.yaml", ":(literal)lists/g.yaml"]]  # only the two new blobs
    assert _asked(second, {"980101001004"}) == ["lists/a.yaml"]
    monkeypatch.setenv(
        "LC_ALL", "C" if snapshot._locale() != "C" else "C.UTF-8"
    )  # git's [[:space:]] is the locale's: another locale, another look
    assert _asked(second, {"980101001001"}) == ["lists/b.yaml", "lists/e.yaml", "lists/g.yaml"]
    assert len(named) == 2 and len(named[-1]) == len(second.ids) == 7  # every file looked at again


GREP_SOON = git.grep_soon


def _no_grep(*args: Any) -> Any:
    raise AssertionError("git grep ran")


def _asked(version: snapshot.Snapshot, codes: set[str]) -> list[str]:
    search = version.find_soon()
    try:
        answer = search.result(codes)
    finally:
        search.stop()
    assert answer == version.find(codes), codes
    return answer
