"""jurisdiction-code: codes well-formed, unique, at the level they claim, under a listed parent."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan import jurisdiction as codes
from qingdan.model import Finding, Jurisdiction
from qingdan.repository import Repository


def _finding(j: Jurisdiction, key: str, **args: object) -> Finding:
    return Finding(
        "jurisdiction-code",
        j.file,
        j.line,
        j.column,
        item=j.code,
        key=key,
        args={"code": j.code, "name": j.name, **args},
    )


def jurisdiction_code(repo: Repository) -> Iterator[Finding]:
    seen: set[str] = set()
    known = {j.code for f in repo.files for j in f.jurisdictions}
    for f in repo.files:
        for j in f.jurisdictions:
            if j.code in seen:
                yield _finding(j, "jurisdiction-code-duplicate")
                continue
            seen.add(j.code)
            depth = codes.depth(j.code)
            if not codes.is_code(j.code):
                continue  # the schema already said so
            if depth == 0:
                yield _finding(j, "jurisdiction-code-malformed")
                continue
            expected = codes.LEVELS_BY_DEPTH[depth]
            if j.level and j.level not in expected and j.level != "国家":
                yield _finding(j, "jurisdiction-code-level", level=j.level, expected="/".join(expected))
            parent = codes.parent(j.code)
            if parent is not None and parent not in known:
                yield _finding(j, "jurisdiction-code-parent", parent=parent)
