"""unknown-jurisdiction, unknown-department, unknown-admission: every reference resolves."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan import facts
from qingdan.model import Entry, Finding
from qingdan.repository import Repository
from qingdan.rules.base import Unchecked, at
from qingdan.text import key


def unknown_jurisdiction(repo: Repository) -> Iterator[Finding]:
    known = repo.jurisdictions
    unread = Unchecked(repo, "jurisdictions")
    for h in repo.subject_headers:
        if h.jurisdiction and h.jurisdiction not in known and not unread.skip():
            yield Finding("unknown-jurisdiction", h.file, *h.position, args={"code": h.jurisdiction})
    for f in repo.subject_files:
        for d in f.departments:
            if d.jurisdiction and d.jurisdiction not in known and not unread.skip():
                yield Finding("unknown-jurisdiction", d.file, d.line, d.column, args={"code": d.jurisdiction})
    for f in repo.subject_files:
        if all(code in known for code in facts.of(f).targets):
            continue
        for e in f.entries:
            for code in e.targets:
                if code not in known and not unread.skip():
                    yield at(e, "unknown-jurisdiction", "targets", code=code)
    yield from unread.summary("unknown-jurisdiction")


def unknown_department(repo: Repository) -> Iterator[Finding]:
    known = repo.departments
    unread = Unchecked(repo, "departments")
    checked: dict[str, bool] = {}
    for f in repo.subject_files:
        names = facts.of(f).departments  # a list's department names, each once: its items are read when one is unknown
        for name in names:
            if name not in checked:
                checked[name] = key(name) in known
        if all(checked[name] for name in names):
            continue
        for e in f.entries:
            for field, value in (("department", e.department), ("applicant", e.applicant)):
                if value and value.strip() and not checked[value] and not unread.skip():
                    yield at(e, "unknown-department", field, name=value)
    yield from unread.summary("unknown-department")


def unknown_admission(repo: Repository) -> Iterator[Finding]:
    unread = Unchecked(repo, "admissions")
    records = repo.admissions_by_id
    for f in repo.subject_files:
        if all(ref in records for ref in facts.of(f).admissions):
            continue
        yield from _unknown_admissions(repo, f.entries, unread)
    yield from unread.summary("unknown-admission")


def _unknown_admissions(repo: Repository, entries: tuple[Entry, ...], unread: Unchecked) -> Iterator[Finding]:
    for e in entries:
        if e.admission is None or e.admission in repo.admissions_by_id:
            continue
        # not an admission record: an id nothing has may be in the unread list, one a duty has may not
        if e.admission not in repo.by_id and unread.skip():
            continue
        yield at(e, "unknown-admission", "admission", ref=e.admission)
