"""paths.listed names a repository's list files as ``relative`` names each one that ``discover`` finds (the warm
validate's scope): nested and hidden folders, other suffixes, the root itself and a folder outside it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from qingdan.paths import discover, listed, relative

_PARTS = st.sampled_from(["lists", "区", ".git", "a b", "sub", ".hidden", "x.yaml"])
_FILES = st.lists(
    st.tuples(st.lists(_PARTS, max_size=3), st.sampled_from(["a.yaml", "b.yml", "c.txt", "清单.yaml", ".d.yaml"])),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(_FILES, st.sampled_from(["root", "lists", "outside"]))
def test_listed_names_what_discover_finds_as_relative_names_it(files: list[tuple[list[str], str]], where: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        root = base / "repo"
        (root / "lists").mkdir(parents=True)
        (base / "outside").mkdir()
        for folders, name in files:
            top = base / "outside" if where == "outside" else root
            folder = top.joinpath(*folders)
            if folder.is_file():
                continue
            folder.mkdir(parents=True, exist_ok=True)
            if not (folder / name).is_dir():
                (folder / name).write_text("format: 1\n", encoding="utf-8")
        folder = {"root": root, "lists": root / "lists", "outside": base / "outside"}[where]
        expected = {relative(p, root): str(p) for p in discover([folder])}
        got = listed(folder, root)
        assert got == expected and list(got) == list(expected)
        one = next(iter(expected.values()), None)
        if one is not None:
            assert listed(Path(one), root) == {relative(Path(one), root): one}
