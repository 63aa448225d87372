"""The core never prints and never imports typer or rich: only the command line (cli.py, launch.py, __main__.py) and the
reporters under report/ talk to the terminal. A library call stays usable from other programs and tests."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "qingdan"
TERMINAL = ("typer", "rich")


def _core_modules() -> list[Path]:
    return [
        p
        for p in sorted(PACKAGE.rglob("*.py"))
        if p.name not in ("cli.py", "launch.py", "__main__.py") and "report" not in p.relative_to(PACKAGE).parts
    ]


def _offences(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in TERMINAL]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in TERMINAL:
            found.append(node.module)
        elif isinstance(node, ast.ImportFrom) and node.module in ("qingdan", None):
            found += [a.name for a in node.names if a.name == "cli"]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("qingdan.cli"):
            found.append(node.module)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "sys":
            found += [f"sys.{node.attr}"] if node.attr in ("stdout", "stderr") else []
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
            found.append("print()")
    return found


@pytest.mark.parametrize("path", _core_modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_core_does_not_talk_to_the_terminal(path: Path) -> None:
    offences = _offences(ast.parse(path.read_text(encoding="utf-8"), str(path)))
    assert not offences, f"{path.relative_to(PACKAGE)}: {offences} (return data; a reporter or cli.py prints it)"


def test_the_check_sees_an_offence() -> None:
    code = (
        "import sys\nfrom rich.console import Console\nfrom qingdan.cli import app\nsys.stdout.write('x')\nprint(1)\n"
    )
    code += "proc = run(); proc.stdout.decode()\n"  # a process's captured output is data, not the terminal
    assert sorted(_offences(ast.parse(code))) == ["print()", "qingdan.cli", "rich.console", "sys.stdout"]
