"""Community 协助政府工作 items must trace to a live admission record (准入).

assist-without-admission: no ``admission`` at all. admission-not-valid: the record is not admitted,
has expired, or its targets do not cover the community. (A reference to a missing record is
unknown-admission.)
"""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.jurisdiction import is_community
from qingdan.model import Entry, Finding
from qingdan.repository import Repository
from qingdan.rules.base import ASSIST, at, parse_date


def _community_assist(repo: Repository) -> Iterator[Entry]:
    return (e for e in repo.entries
            if e.kind == "duties" and e.get("role") == ASSIST and is_community(e.jurisdiction))


def without_admission(repo: Repository) -> Iterator[Finding]:
    for e in _community_assist(repo):
        if not e.get("admission"):
            yield at(e, "assist-without-admission", "name")


def not_valid(repo: Repository) -> Iterator[Finding]:
    for e in _community_assist(repo):
        ref = e.get("admission")
        record = repo.by_id.get(str(ref)) if ref else None
        if record is None or record.kind != "admissions":
            continue
        status = record.get("status")
        until = parse_date(record.get("valid_until"))
        targets = record.get("targets", ())
        if status != "admitted":
            yield at(e, "admission-not-valid", "admission", key="admission-status", ref=ref, status=status)
        elif until is not None and until < repo.today:
            yield at(e, "admission-not-valid", "admission", key="admission-expired", ref=ref, date=until.isoformat())
        elif targets and not set(repo.chain(e.jurisdiction)) & set(targets):
            yield at(e, "admission-not-valid", "admission", key="admission-target", ref=ref,
                     jurisdiction=repo.name_of(e.jurisdiction))
