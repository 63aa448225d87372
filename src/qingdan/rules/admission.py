"""Community 协助政府工作 items must trace to a live admission record (准入).

assist-without-admission: no ``admission`` at all. admission-not-valid: the record is not admitted,
expired, or its targets do not cover the community. admission-not-started: the record is admitted but
takes effect later (a warning: ``qingdan admit`` lists the item on the decision day, before the
start). (A reference to a missing record is unknown-admission.)
"""

from __future__ import annotations

from collections.abc import Iterator

from qingdan import facts
from qingdan.model import Entry, Finding
from qingdan.repository import Repository
from qingdan.rules.base import at, parse_date


def _community_assist(repo: Repository) -> list[Entry]:
    """The communities' 协助政府工作 items (``facts.community_assist``), gathered once for the three rules."""
    memo = repo.memo
    if "community-assist" not in memo:
        memo["community-assist"] = [f.entries[i] for f in repo.subject_files for i in facts.of(f).community_assist]
    found: list[Entry] = memo["community-assist"]
    return found


def without_admission(repo: Repository) -> Iterator[Finding]:
    for e in _community_assist(repo):
        if not e.admission:
            yield at(e, "assist-without-admission", "name")


Problem = tuple[str, dict[str, str]] | None


def _problem(repo: Repository, e: Entry, record: Entry) -> Problem:
    """What is wrong with ``record`` for ``e``'s community; judged once per community and record (every community
    list cites the same few records)."""
    memo: dict[tuple[str, str], Problem] = repo.memo.setdefault("admission-problem", {})
    at_place = (e.jurisdiction, record.id)
    if at_place not in memo:
        memo[at_place] = _judged(repo, e.jurisdiction, record)
    return memo[at_place]


def _judged(repo: Repository, jurisdiction: str, record: Entry) -> Problem:
    until = parse_date(record.valid_until)
    if record.status != "admitted":
        return "admission-status", {"status": f"status-{record.status}"}
    if until is not None and until < repo.today:
        return "admission-expired", {"date": until.isoformat()}
    if record.targets and not set(repo.chain(jurisdiction)) & set(record.targets):
        return "admission-target", {"jurisdiction": repo.name_of(jurisdiction)}
    return None


def not_valid(repo: Repository) -> Iterator[Finding]:
    for e in _community_assist(repo):
        record = repo.admissions_by_id.get(e.admission) if e.admission else None
        if record is None:
            continue
        problem = _problem(repo, e, record)
        if problem is not None:
            yield at(e, "admission-not-valid", "admission", problem[0], ref=e.admission, **problem[1])


def not_started(repo: Repository) -> Iterator[Finding]:
    for e in _community_assist(repo):
        record = repo.admissions_by_id.get(e.admission) if e.admission else None
        if record is None or _problem(repo, e, record) is not None:
            continue
        start = parse_date(record.valid_from)
        if start is not None and start > repo.today:
            yield at(e, "admission-not-started", "admission", ref=e.admission, date=start.isoformat())
