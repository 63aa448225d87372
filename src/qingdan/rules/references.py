"""unknown-jurisdiction, unknown-department, unknown-admission: every reference resolves."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.model import Finding
from qingdan.repository import Repository
from qingdan.rules.base import at
from qingdan.text import key

DEPARTMENT_FIELDS = ("department", "applicant")


def unknown_jurisdiction(repo: Repository) -> Iterator[Finding]:
    known = repo.jurisdictions
    for h in repo.headers:
        if h.jurisdiction and h.jurisdiction not in known:
            yield Finding("unknown-jurisdiction", h.file, *h.position, args={"code": h.jurisdiction})
    for f in repo.files:
        for d in f.departments:
            if d.jurisdiction and d.jurisdiction not in known:
                yield Finding("unknown-jurisdiction", d.file, d.line, d.column, args={"code": d.jurisdiction})
    for e in repo.entries:
        for code in e.get("targets", ()):
            if code not in known:
                yield at(e, "unknown-jurisdiction", "targets", code=code)


def unknown_department(repo: Repository) -> Iterator[Finding]:
    known = repo.departments
    for e in repo.entries:
        for field in DEPARTMENT_FIELDS:
            name = e.get(field)
            if isinstance(name, str) and name.strip() and key(name) not in known:
                yield at(e, "unknown-department", field, name=name)


def unknown_admission(repo: Repository) -> Iterator[Finding]:
    for e in repo.entries:
        ref = e.get("admission")
        if ref is None:
            continue
        record = repo.by_id.get(str(ref))
        if record is None or record.kind != "admissions":
            yield at(e, "unknown-admission", "admission", ref=ref)
