"""The per-list rules (rules.Rule.per_list) run in the workers that read the duties and seal lists, against the
lists of other kinds read first (repository.load, _check_listed); this process runs them only on the rest. The
report must be the one a single process gives, to the finding, line and message, on every case of the corpus and
on a province, and the workers' findings must be dropped when the lists of other kinds cannot be trusted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, REPO, TODAY, build_case, invoke
from qingdan import parallel, repository
from qingdan.rules import PER_LIST

CASES = sorted(p for kind in ("invalid", "valid") for p in (EXAMPLES / kind).iterdir() if p.is_dir())
ARGS = ["validate", "--no-cache", "--today", TODAY, "--format", "json"]


def _listed(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every load's per-list findings from the workers (list → rule → findings), as the run's loads give them."""
    seen: list[dict[str, Any]] = []
    real = repository.load

    def load(*args: Any, **kwargs: Any) -> repository.Loaded:
        loaded = real(*args, **kwargs)
        seen.append(loaded.listed)
        return loaded

    monkeypatch.setattr(repository, "load", load)
    return seen


def _in_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 0)  # any two lists are enough work for the workers


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_workers_find_what_one_process_finds(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    repo = build_case(case, tmp_path / "repo")
    for rel in spec.get("remove", []):
        (repo / rel).unlink()
    args = [*ARGS, *spec.get("args", [])]
    alone = invoke(args, repo)
    seen = _listed(monkeypatch)
    _in_workers(monkeypatch)
    both = invoke(args, repo)
    assert both.stdout == alone.stdout and both.returncode == alone.returncode, both
    expected = {f["rule"] for f in spec.get("findings", [])}
    if expected & {r.id for r in PER_LIST} and len(list((repo / "lists").rglob("*.yaml"))) > 1:
        # the workers found them (unless a list of another kind does not read: then this process does)
        found = {rule for listed in seen for per_rule in listed.values() for rule, got in per_rule.items() if got}
        unread = any(
            f["rule"] in {"yaml-syntax", "encoding", "document-shape"} for f in json.loads(alone.stdout)["findings"]
        )
        assert found & expected or unread or not any(seen), (seen, expected)


def test_the_workers_check_a_province_as_one_process(
    province: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generated province with a catch-all item of an unknown department added to one community's list: the same
    report, and the workers ran the rules on every duties list."""
    root = tmp_path / "province"
    shutil.copytree(next(p for p in province[0].parents if p.name == "lists").parent, root)
    lists = sorted((root / "lists").rglob("duties-*.yaml"))
    target = max(lists, key=lambda p: p.stat().st_size)
    text = target.read_text(encoding="utf-8")
    first = text.index("  - id:")
    item = text[first : text.index("  - id:", first + 1)]
    lines = [
        "    name: 其他交办事项" if line.startswith("    name: ") else line
        for line in item.replace("id: ", "id: X", 1).splitlines()
    ]
    lines = ["    department: 不存在的局" if line.startswith("    department: ") else line for line in lines]
    target.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")
    args = ARGS
    alone = invoke(args, root)
    seen = _listed(monkeypatch)
    _in_workers(monkeypatch)
    both = invoke(args, root)
    assert both.stdout == alone.stdout
    rules = {f["rule"] for f in json.loads(alone.stdout)["findings"]}
    assert {"catch-all-item", "unknown-department"} <= rules, rules
    listed = seen[0]
    assert len(listed) >= len(lists) and all(set(v) == {r.id for r in PER_LIST} for v in listed.values())


def test_a_list_of_another_kind_read_among_the_duties_lists_drops_the_workers_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The order of reading comes from a look at each file's first lines; when that was wrong (here: every file
    taken for a duties list), the lists of other kinds were not there for the workers: their findings are dropped
    and this process runs the rules, with the same report."""
    repo, _ = _bundled(tmp_path)
    alone = invoke(ARGS, repo)
    seen = _listed(monkeypatch)
    _in_workers(monkeypatch)
    monkeypatch.setattr(repository, "_peek_kind", lambda path: "duties")
    assert invoke(ARGS, repo).stdout == alone.stdout
    assert seen and not any(seen)


def test_an_unreadable_list_of_another_kind_leaves_the_rules_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A departments list that does not read: every unknown department would be counted against it once
    (references-unchecked), which no worker can do alone; the workers run no rules."""
    repo, _ = _bundled(tmp_path)
    (repo / "lists" / "departments.yaml").write_text("departments: [\n", encoding="utf-8")
    alone = invoke(ARGS, repo)
    seen = _listed(monkeypatch)
    _in_workers(monkeypatch)
    assert invoke(ARGS, repo).stdout == alone.stdout
    assert seen and not any(seen)


def test_the_bundled_lists_are_checked_in_the_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo, count = _bundled(tmp_path)
    alone = invoke(ARGS, repo)
    seen = _listed(monkeypatch)
    _in_workers(monkeypatch)
    assert invoke(ARGS, repo).stdout == alone.stdout
    assert len(seen[0]) == count  # every duties and seal list


def test_the_kind_is_peeked_only_when_the_first_lines_say_it_once(tmp_path: Path) -> None:
    cases = {
        "format: 1\nkind: duties\nitems: []\n": "duties",
        "kind: 'seal'  # 盖章\n": "seal",
        'kind: "negative"\r\n': "negative",
        "  kind: duties\n": None,  # not at the top level
        "kind: duties\nkind: seal\n": None,  # said twice: the reader will say which (duplicate-key)
        "title: x\n": None,
    }
    for n, (text, kind) in enumerate(cases.items()):
        path = tmp_path / f"{n}.yaml"
        path.write_bytes(text.encode())
        assert repository._peek_kind(path) == kind, text
    assert repository._peek_kind(tmp_path / "missing.yaml") is None


def _bundled(tmp_path: Path) -> tuple[Path, int]:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "lists", root / "lists")
    shutil.copy(REPO / "qingdan.toml", root / "qingdan.toml")
    leaf = sum(repository._peek_kind(p) in {"duties", "seal"} for p in (root / "lists").rglob("*.yaml"))
    return root, leaf
