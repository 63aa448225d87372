"""assist-without-resources: 费随事转、权随责走 — a 协助政府工作 item brings funding and powers."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan import facts
from qingdan.model import Finding
from qingdan.repository import Repository
from qingdan.rules.base import at


def without_resources(repo: Repository) -> Iterator[Finding]:
    for f in repo.subject_files:
        for i in facts.of(f).unfunded:
            e = f.entries[i]
            missing = tuple(f"word-{word}" for word in ("funding", "powers") if not e.has(word))
            yield at(e, "assist-without-resources", "name", missing=missing)
