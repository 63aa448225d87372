"""The list repository as the admission commands read it (review, find, admit): loaded and checked
like ``validate`` does (through the cache), plus the full text of the few items a report quotes."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from qingdan import vocabulary
from qingdan.jurisdiction import NATIONAL, ancestors, depth, is_community
from qingdan.model import Entry, Header
from qingdan.repository import Repository


def find_repository(start: Path, cwd: Path) -> Path:
    """The list repository around ``start`` (a request may also sit outside it: then around ``cwd``)."""
    from qingdan.config import CONFIG_FILE, LISTS_DIR, find_root
    from qingdan.errors import InputError

    for place in (start, cwd):
        root = find_root(place)
        if (root / LISTS_DIR).is_dir() or (root / CONFIG_FILE).is_file():
            return root
    raise InputError("no-lists", path=str(cwd))


def communities(repo: Repository, targets: tuple[str, ...]) -> list[str]:
    """The communities a request's targets cover: a community itself, or every community below a
    street or district, in code order."""
    out: set[str] = set()
    for target in targets:
        if is_community(target):
            out.add(target)
        else:
            out.update(c for c in repo.jurisdictions if is_community(c) and target in ancestors(c))
    return sorted(out)


def header(repo: Repository, file: str) -> Header | None:
    return next((h for h in repo.headers if h.file == file), None)


def document_label(repo: Repository, file: str) -> str:
    """How a report names a list: its title and document number (文号)."""
    h = header(repo, file)
    if h is None:
        return file
    return f"《{h.title}》{h.doc_number}" if h.doc_number else f"《{h.title}》"


def issuer_of(repo: Repository, file: str) -> dict[str, Any]:
    """Who issued a list and where it applies, as a report's JSON carries it: ``issuer`` (the header's
    issuer, "" when none), ``jurisdiction`` and ``place`` (its name), ``level`` (national, province …) and
    ``nationwide`` (a national list applies everywhere)."""
    h = header(repo, file)
    code = h.jurisdiction if h is not None else ""
    return {
        "issuer": h.issuer if h is not None else "",
        "jurisdiction": code,
        "place": place_name(repo, code),
        "level": vocabulary.level_key(depth(code)),
        "nationwide": code == NATIONAL,
    }


def issuer_line(repo: Repository, file: str, lang: str = "zh") -> str:
    """How a report says who issued a list: 民政部等六部门发布，全国适用 / 示例市民政局发布 (the list's place
    when it names no issuer; a national list is never said to be issued by 全国)."""
    who = issuer_of(repo, file)
    return vocabulary.issuer_line(who["issuer"], who["place"], who["nationwide"], lang)


def place_name(repo: Repository, code: str) -> str:
    """A jurisdiction's name; the nation is 全国 even where no jurisdictions file names it."""
    if code == NATIONAL and code not in repo.jurisdictions:
        return vocabulary.NATION.zh
    return repo.name_of(code)


def item_data(repo: Repository, entry: Entry) -> dict[str, Any]:
    """The item as written in its file (alternative routes, legal basis, content …)."""
    return _items(repo.root / entry.file).get(entry.id, ({}, 0))[0]


def item_line(repo: Repository, entry: Entry) -> int:
    """The line of the item in its file (entries read by the fast loader carry none)."""
    return _items(repo.root / entry.file).get(entry.id, ({}, 0))[1]


@lru_cache(maxsize=64)
def _items(path: Path) -> dict[str, tuple[dict[str, Any], int]]:
    from qingdan.load import parse_bytes
    from qingdan.paths import Refused, read_inside

    try:
        parsed = parse_bytes(read_inside(path, None), str(path))
    except Refused:
        return {}
    items = parsed.data.get("items") if isinstance(parsed.data, dict) else None
    return {str(i.get("id")): (i, parsed.position_of(i)[0]) for i in items or () if isinstance(i, dict)}
