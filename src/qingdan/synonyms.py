"""Common names (俗称): what residents and departments say → the names lists use.

qingdan ships a vocabulary (``data/synonyms.yaml``); a list repository adds its own in files of
``kind: synonyms`` under ``lists/`` (checked by the schema like every other kind). find, review and the
site's search use both; a synonym only ever points at a name, never adds an item.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from qingdan import schema
from qingdan.load import parse_bytes
from qingdan.repository import Repository
from qingdan.text import Synonyms

BUNDLED = "synonyms.yaml"


def pairs(data: Any) -> list[tuple[str, str]]:
    """(what is said, the list name it means) of one parsed ``kind: synonyms`` document."""
    rows = data.get("synonyms") if isinstance(data, dict) else None
    out: list[tuple[str, str]] = []
    for row in rows if isinstance(rows, list) else ():
        if isinstance(row, dict) and isinstance(row.get("means"), str) and isinstance(row.get("says"), list):
            out.extend((str(said), row["means"]) for said in row["says"] if isinstance(said, str))
    return out


@cache
def bundled() -> tuple[tuple[str, str], ...]:
    raw = resources.files("qingdan").joinpath("data", BUNDLED).read_bytes()
    return tuple(pairs(parse_bytes(raw, BUNDLED).data))


def repository_pairs(repo: Repository) -> list[tuple[str, str]]:
    """The repository's own synonyms (files of ``kind: synonyms``), in file order."""
    out: list[tuple[str, str]] = []
    for f in repo.files:
        if f.kind != "synonyms":
            continue
        try:
            data = parse_bytes((repo.root / f.file).read_bytes(), f.file).data
        except OSError:
            continue
        if isinstance(data, dict) and schema.is_valid(data):  # an invalid file is validate's to report
            out.extend(pairs(data))
    return out


def load(repo: Repository | None = None) -> Synonyms:
    """qingdan's vocabulary plus the repository's."""
    return Synonyms([*bundled(), *(repository_pairs(repo) if repo is not None else [])])
