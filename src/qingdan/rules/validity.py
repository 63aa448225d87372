"""list-expired: a list whose ``expires`` date has passed."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.model import Finding
from qingdan.repository import Repository
from qingdan.rules.base import parse_date


def list_expired(repo: Repository) -> Iterator[Finding]:
    for h in repo.subject_headers:
        until = parse_date(h.expires)
        if until is not None and until < repo.today:
            yield Finding("list-expired", h.file, *h.expires_position, args={"date": until.isoformat()})
