"""assist-without-resources: 费随事转、权随责走 — a 协助政府工作 item brings funding and powers."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.model import FILLED_BIT, Finding
from qingdan.repository import Repository
from qingdan.rules.base import at
from qingdan.vocabulary import ASSIST


def without_resources(repo: Repository) -> Iterator[Finding]:
    both = FILLED_BIT["funding"] | FILLED_BIT["powers"]
    for e in repo.subjects:
        if e.filled & both == both or e.kind != "duties" or e.role != ASSIST:
            continue
        missing = tuple(f"word-{word}" for word in ("funding", "powers") if not e.has(word))
        if missing:
            yield at(e, "assist-without-resources", "name", missing=missing)
