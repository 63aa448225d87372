"""The documentation shows real output: every plain output block in docs/rules.md is what the CLI
prints for the case named just before it. ``python tests/test_docs.py --update`` refreshes them."""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from conftest import EXAMPLES, REPO, build_case, invoke  # noqa: E402

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
        run = invoke(["validate", "--no-cache", *spec.get("args", [])], repo)
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
                if fence == "```" and re.match(r"lists/|\d+ 个文件", body):
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


def _readme_test_commands() -> list[str]:
    section = (REPO / "README.md").read_text(encoding="utf-8").split("## Run the tests\n", 1)[1]
    block = section.split("```console\n", 1)[1].split("```", 1)[0]
    return [line[2:] for line in block.splitlines() if line.startswith("$ ")]


def test_ci_runs_the_readme_test_commands() -> None:
    """README's "Run the tests" is what .ci/run runs: the same commands in the same order (CI makes its venv
    apart and installs quietly). A guard added to one and not the other fails here."""
    setup, *commands = _readme_test_commands()
    assert setup == "python3 -m venv .venv && . .venv/bin/activate && pip install '.[test,fast,pdf]'", setup
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    install = script.index("pip install --quiet '.[test,fast,pdf]'")
    assert {"python3 -m venv .venv", ". .venv/bin/activate"} <= set(script[:install]), script
    assert [line for line in script[install + 1 :] if line and not line.startswith("#")] == commands
