"""The documentation shows real output: every plain output block in docs/rules.md is what the CLI
prints for the case named just before it. ``python tests/test_docs.py --update`` refreshes them."""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from conftest import EXAMPLES, REPO, TODAY, build_case, run_qingdan  # noqa: E402

RULES_DOC = REPO / "docs" / "rules.md"
_CASE = re.compile(r"案例 `([a-z0-9-]+)`")


def _case_output(name: str) -> str:
    case = EXAMPLES / "invalid" / name
    if not case.is_dir():
        case = EXAMPLES / "valid" / name
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        repo = build_case(case, Path(tmp) / "repo")
        for rel in spec.get("remove", []):
            (repo / rel).unlink()
        run = run_qingdan(["validate", "--no-cache", "--today", TODAY, *spec.get("args", [])], repo)
    return run.stdout


def blocks(text: str) -> list[tuple[int, int, str]]:
    """(start, end, case) of each output block (a fence with no language whose first line is a finding
    or a summary), with the case named last before it; start and end delimit the block's content."""
    out, offset, fence, start = [], 0, None, 0
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            if fence is None:
                fence, start = line.strip(), offset + len(line)
            else:
                body = text[start:offset]
                if fence == "```" and re.match(r"lists/|holidays\.yaml:|\d+ 个文件", body):
                    names = _CASE.findall(text, 0, start)
                    if names:
                        out.append((start, offset, names[-1]))
                fence = None
        offset += len(line)
    return out


def refreshed(text: str) -> str:
    parts, last = [], 0
    for start, end, name in blocks(text):
        parts += [text[last:start], _case_output(name)]
        last = end
    return "".join(parts) + text[last:]


def test_rules_doc_covers_every_rule() -> None:
    from qingdan.rules import RULES

    headings = set(re.findall(r"^## ([a-z0-9-]+)$", RULES_DOC.read_text(encoding="utf-8"), re.M))
    assert {r.id for r in RULES} <= headings


def test_rules_doc_output_is_real() -> None:
    text = RULES_DOC.read_text(encoding="utf-8")
    assert len(blocks(text)) >= 20
    for start, end, name in blocks(text):
        assert text[start:end] == _case_output(name), (
            f"docs/rules.md block for case {name} is stale: run python tests/test_docs.py --update"
        )


if __name__ == "__main__" and "--update" in sys.argv:
    RULES_DOC.write_text(refreshed(RULES_DOC.read_text(encoding="utf-8")), encoding="utf-8")
