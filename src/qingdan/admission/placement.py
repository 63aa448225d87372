"""Where an admission is written: the admissions list at or above the targets, and the 协助 list of each
target community — created with a proper header when the community has none yet — with the ids of the
new items numbered as ``qingdan import`` numbers them.

A missing admissions list is not created: which body keeps the register (区 or 街道) and under which
文号 is a decision of the government, not something to guess from ``--by``. The error names the file
to create instead. A missing 协助 list is created: its place is fixed by the repository (the
community's folder) and its issuer is the body recording the decision.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from qingdan import i18n
from qingdan.config import LISTS_DIR
from qingdan.errors import InputError, UsageError
from qingdan.ids import assign_ids
from qingdan.jurisdiction import ancestors, depth
from qingdan.model import Header
from qingdan.repository import Repository
from qingdan.vocabulary import ASSIST

ASSIST_FILE = "assist.yaml"  # the example repository's name for a community's 协助 list
ADMISSIONS_FILE = "admissions.yaml"


@dataclass(frozen=True)
class Placement:
    """Where one community's new item goes: ``file`` (repository-relative), created or appended to."""

    community: str
    file: str
    item_id: str
    created: bool


def _covers(repo: Repository, code: str, targets: tuple[str, ...]) -> bool:
    return all(code in repo.chain(t) for t in targets)


def admissions_header(repo: Repository, targets: tuple[str, ...]) -> Header:
    """The admissions list of the nearest level at or above every target; an error naming the file to
    create (at the district above the targets) when there is none."""
    if not targets:
        raise UsageError("decision-no-targets")
    common = [c for c in repo.chain(targets[0]) if _covers(repo, c, targets)]
    for code in common:
        for h in repo.subject_headers:  # this repository's own lists: an upstream's are read-only
            if h.kind == "admissions" and h.jurisdiction == code:
                return h
    level = next((c for c in common if 0 < (depth(c) or 0) <= 3), common[0] if common else targets[0])
    name = repo.name_of(level)
    raise InputError(
        "decision-no-admissions",
        place=repo.name_of(targets[0]),
        code=level,
        file=str(_folder(repo, level, nest=False) / ADMISSIONS_FILE),
        title=i18n.message("placement-admissions-title", "zh", name=name),
    )


def _folder(repo: Repository, code: str, nest: bool = True) -> PurePosixPath:
    """The folder of a jurisdiction's lists: where its own files are; else, with ``nest``, a folder named
    by its code inside the nearest ancestor's folder; else the folder all lists below it share."""
    own = Counter(PurePosixPath(h.file).parent for h in repo.subject_headers if h.jurisdiction == code)
    if own:
        return own.most_common(1)[0][0]
    if nest:
        for a in ancestors(code):
            above = Counter(PurePosixPath(h.file).parent for h in repo.subject_headers if h.jurisdiction == a)
            if above:
                return above.most_common(1)[0][0] / code
    below = [h.file for h in repo.subject_headers if code in ancestors(h.jurisdiction)]
    if below:
        return PurePosixPath(os.path.commonpath([str(PurePosixPath(f).parent) for f in below]))
    return PurePosixPath(LISTS_DIR) / code


def _assist_file(repo: Repository, community: str) -> str | None:
    """The community's 协助 list: the duties file with most 协助 items, or an empty one titled 协助."""
    counts = Counter(e.file for e in repo.subject_by_place.get(("duties", community), ()) if e.role == ASSIST)
    if counts:
        return counts.most_common(1)[0][0]
    return next(
        (
            h.file
            for h in repo.subject_headers
            if h.kind == "duties" and h.jurisdiction == community and "协助" in h.title
        ),
        None,
    )


def _new_file(repo: Repository, community: str) -> str:
    folder = _folder(repo, community)
    path = folder / ASSIST_FILE
    if (repo.root / path).exists():
        path = folder / f"assist-{community}.yaml"
    return str(path)


def _prefix(repo: Repository, community: str) -> str | None:
    """For a community without 协助 items: its own id segment (HP-LZ-001 → HP, else its code) and the
    code the repository's 协助 items use (XZ). None (no 协助 items anywhere) leaves it to the importer."""
    own = Counter(p[0] for e in repo.entries if e.jurisdiction == community and len(p := e.id.split("-")) >= 3)
    codes = Counter(p[1] for e in repo.entries if e.role == ASSIST and len(p := e.id.split("-")) >= 3)
    if not codes:
        return None
    segment = own.most_common(1)[0][0] if own else community
    return f"{segment}-{codes.most_common(1)[0][0]}-"


def place(repo: Repository, communities: list[str]) -> list[Placement]:
    """The 协助 list and the new item id for every community (ids unique across all of them)."""
    existing = [(e.kind, e.jurisdiction, e.stance or e.role or "", e.id) for e in repo.entries]
    out = []
    for community in communities:
        file = _assist_file(repo, community)
        has_assist = any(e.role == ASSIST for e in repo.by_place.get(("duties", community), ()))
        [item_id] = assign_ids(
            [{"role": ASSIST}], existing, "duties", community, None if has_assist else _prefix(repo, community)
        )
        existing.append(("duties", community, ASSIST, item_id))
        out.append(Placement(community, file or _new_file(repo, community), item_id, file is None))
    return out


def assist_header(repo: Repository, community: str, issuer: str, day: date, record: str) -> dict[str, Any]:
    """The header of a new 协助 list (the data is Chinese, as every list is)."""
    name = repo.name_of(community)
    village = name.endswith("村") or (community in repo.jurisdictions and repo.jurisdictions[community].level == "村")
    committee = "村民委员会" if village else "居民委员会"
    return {
        "format": 1,
        "kind": "duties",
        "jurisdiction": community,
        "title": i18n.message("placement-assist-title", "zh", name=name, committee=committee),
        "issuer": issuer,
        "effective": day.isoformat(),
        "version": i18n.message("placement-version", "zh", year=day.year),
        "owner": "村委会" if village else "居委会",
        "notes": i18n.message("placement-notes", "zh", record=record, date=day.isoformat()),
        "items": [],
    }
