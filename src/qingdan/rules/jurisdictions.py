"""jurisdiction-code: codes well-formed, unique, at the level they claim, under a listed parent.

The nation (000000000000, level 国家) is optional above the provinces; a 直辖市's 市-level code
(110100000000) is optional between it and its districts.
"""

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


def _level_fits(code: str, depth: int, level: str) -> bool:
    if level not in codes.LEVELS_BY_DEPTH[depth]:
        return False
    units = codes.PROVINCE_WORDS.get(level)
    return units is None or code[:2] in units  # 直辖市 / 自治区 only where there is one


def jurisdiction_code(repo: Repository) -> Iterator[Finding]:
    seen: set[str] = set()
    known = {j.code for f in repo.files for j in f.jurisdictions}
    for f in repo.subject_files:
        for j in f.jurisdictions:
            if j.code in seen:
                yield _finding(j, "jurisdiction-code-duplicate")
                continue
            seen.add(j.code)
            if not codes.is_code(j.code):
                continue  # the schema already said so
            depth = codes.depth(j.code)
            if depth is None:
                wrong = codes.problem(j.code)
                yield _finding(j, "jurisdiction-code-malformed", **(wrong.args if wrong else {}))
                continue
            if j.level and not _level_fits(j.code, depth, j.level):
                national = j.code == codes.NATIONAL or j.level in codes.LEVELS_BY_DEPTH[0]
                yield _finding(
                    j,
                    "jurisdiction-code-national" if national else "jurisdiction-code-level",
                    level=j.level,
                    expected="/".join(w for w in codes.LEVELS_BY_DEPTH[depth] if _level_fits(j.code, depth, w)),
                )
            parent = codes.required_parent(j.code, known)
            if parent is not None and parent not in known:
                municipal = codes.is_municipality(j.code) and parent == j.code[:2] + "0" * 10
                if municipal:
                    city = codes.MUNICIPALITIES[j.code[:2]]
                    yield _finding(j, "jurisdiction-code-parent-municipality", parent=parent, municipality=city)
                else:
                    yield _finding(j, "jurisdiction-code-parent", parent=parent)
