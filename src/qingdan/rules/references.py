"""unknown-jurisdiction, unknown-department, unknown-admission: every reference resolves."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.model import Finding
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
    for e in repo.subjects:
        for code in e.targets:
            if code not in known and not unread.skip():
                yield at(e, "unknown-jurisdiction", "targets", code=code)
    yield from unread.summary("unknown-jurisdiction")


def unknown_department(repo: Repository) -> Iterator[Finding]:
    known = repo.departments
    unread = Unchecked(repo, "departments")
    checked: dict[str, bool] = {}
    for e in repo.subjects:
        for field, name in (("department", e.department), ("applicant", e.applicant)):
            if not name or not name.strip():
                continue
            if name not in checked:
                checked[name] = key(name) in known
            if not checked[name] and not unread.skip():
                yield at(e, "unknown-department", field, name=name)
    yield from unread.summary("unknown-department")


def unknown_admission(repo: Repository) -> Iterator[Finding]:
    unread = Unchecked(repo, "admissions")
    for e in repo.subjects:
        if e.admission is None:
            continue
        if e.admission in repo.admissions_by_id:
            continue
        # not an admission record: an id nothing has may be in the unread list, one a duty has may not
        if e.admission not in repo.by_id and unread.skip():
            continue
        yield at(e, "unknown-admission", "admission", ref=e.admission)
    yield from unread.summary("unknown-admission")
