"""Incremental validate (qingdan.incremental) gives the report a cold run gives, whatever was edited (issue 15).

A validate after an edit of one 职责清单 checks that list, the lists it shares a place and kind with and the
reference lists, and takes every other list's findings from the last run. The law: for any sequence of edits,
``qingdan validate`` with its cache prints exactly what ``qingdan validate --no-cache`` prints. The edits are
the ones that move findings between lists: a name copied from another list (near-duplicates, negative-list and
certificate conflicts), an id copied from another list (duplicate ids, admission records), an admission
reference changed, an item removed, a list broken, a list's place changed, a list removed and restored,
reference lists (negative, certificates, admissions, jurisdictions) edited the same ways.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, TODAY, invoke
from qingdan import incremental

LISTS = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "lists").rglob("*.yaml"))
LEAF = [n for n in LISTS if re.search(r"^kind: (duties|seal)\s*$", (REPO / n).read_text("utf-8"), re.M)]
ARGS = ["validate", "--format", "json", "--today", TODAY]


def _values(field: str) -> list[str]:
    """Every value of ``field`` in the bundled lists (item fields, two spaces and a dash or four spaces in)."""
    pattern = re.compile(rf"^(?:  - |    ){field}: (.+)$", re.M)
    return sorted({m.group(1) for n in LISTS for m in pattern.finditer((REPO / n).read_text("utf-8"))})


NAMES, IDS, ADMISSIONS = _values("name"), _values("id"), _values("admission")
PLACES = sorted(
    {m.group(1) for n in LISTS if (m := re.search(r"^jurisdiction: (.+)$", (REPO / n).read_text("utf-8"), re.M))}
)


def _replace_nth(text: str, field: str, n: int, value: str) -> str:
    pattern = re.compile(rf"^((?:  - |    ){field}: ).+$", re.M)
    found = list(pattern.finditer(text))
    if not found:
        return text
    m = found[n % len(found)]
    return text[: m.start()] + m.group(1) + value + text[m.end() :]


def _remove_item(text: str, n: int) -> str:
    starts = [m.start() for m in re.finditer(r"^  - ", text, re.M)]
    if len(starts) < 2:
        return text
    i = n % (len(starts) - 1)
    return text[: starts[i]] + text[starts[i + 1] :]


EDITS = ("name", "id", "admission", "remove-item", "comment", "break", "place", "delete", "restore")
COMMON = ("name", "name", "name", "id", "admission", "admission", "remove-item", "comment", "restore")


@st.composite
def edits(draw: st.DrawFn) -> list[tuple[str, str, int, int]]:
    """A few edits: (what, which list, which item, which value). Mostly the everyday ones to 职责清单, which a run
    answers incrementally; sometimes any edit to any list, which makes it check everything."""
    everyday = st.tuples(st.sampled_from(COMMON), st.sampled_from(LEAF))
    anything = st.tuples(st.sampled_from(EDITS), st.sampled_from(LISTS))
    what, name = draw(st.one_of(everyday, everyday, everyday, anything))
    item, pick = draw(st.integers(0, 60)), draw(st.integers(0, 10_000))
    return [
        (what, name, item, pick),
        *draw(
            st.lists(
                st.tuples(st.sampled_from(COMMON), st.sampled_from(LEAF), st.integers(0, 60), st.integers(0, 10_000)),
                max_size=2,
            )
        ),
    ]


def _apply(repo: Path, edit: tuple[str, str, int, int]) -> None:
    what, name, item, pick = edit
    path = repo / name
    if what == "restore":
        shutil.copyfile(REPO / name, path)
        return
    if not path.exists():
        return
    if what == "delete":
        path.unlink()
        return
    text = path.read_text("utf-8")
    if what == "name":
        text = _replace_nth(text, "name", item, NAMES[pick % len(NAMES)])
    elif what == "id":
        text = _replace_nth(text, "id", item, IDS[pick % len(IDS)])
    elif what == "admission":
        choices = [*ADMISSIONS, "XC-ZR-2099-99"]
        text = _replace_nth(text, "admission", item, choices[pick % len(choices)])
    elif what == "remove-item":
        text = _remove_item(text, item)
    elif what == "comment":
        text += f"# 备注 {pick}\n"
    elif what == "break":
        text += "  - id: [未闭合\n"
    elif what == "place":
        text = re.sub(r"^jurisdiction: .+$", f"jurisdiction: {PLACES[pick % len(PLACES)]}", text, count=1, flags=re.M)
    path.write_text(text, "utf-8")


def _age(repo: Path, when: float) -> None:
    """Every list's time stamp in the past: a stamp of the last two seconds is never trusted (cache.settled)."""
    for path in repo.rglob("*.yaml"):
        os.utime(path, (when, when))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(edits(), min_size=1, max_size=4))
def test_incremental_validate_reports_what_a_cold_run_reports(
    tmp_path_factory: object, steps: list[list[tuple[str, str, int, int]]]
) -> None:
    repo = tmp_path_factory.mktemp("repo")  # type: ignore[attr-defined]
    shutil.copytree(REPO / "lists", repo / "lists")
    shutil.copy(REPO / "qingdan.toml", repo / "qingdan.toml")
    when = time.time() - 86_400
    _age(repo, when)
    assert invoke(ARGS, repo).returncode in (0, 1)
    for step, group in enumerate(steps, 1):
        for edit in group:
            _apply(repo, edit)
            if (repo / edit[1]).exists():
                os.utime(repo / edit[1], (when + step, when + step))
        cached, cold = invoke(ARGS, repo), invoke([*ARGS, "--no-cache"], repo)
        assert not cached.stderr, cached
        assert (cached.returncode, cached.stdout) == (cold.returncode, cold.stdout), (group, cached, cold)


def test_an_edited_list_is_checked_with_its_neighbours_only(tmp_path: Path, monkeypatch: object) -> None:
    """The edit of one community list loads the reference lists, that list and the other lists of its community
    and kind (near-duplicates across them), not the rest; the report is the cold one."""
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "lists", repo / "lists")
    shutil.copy(REPO / "qingdan.toml", repo / "qingdan.toml")
    when = time.time() - 86_400
    _age(repo, when)
    assert invoke(ARGS, repo).returncode == 0
    plans: list[frozenset[str]] = []
    real = incremental.Plan.loaded

    def spy(self: incremental.Plan) -> frozenset[str]:
        plans.append(real(self))
        return plans[-1]

    monkeypatch.setattr(incremental.Plan, "loaded", spy)  # type: ignore[attr-defined]
    edited = "lists/dongcheng/heping-street/heping/assist.yaml"
    path = repo / edited
    path.write_text(_replace_nth(path.read_text("utf-8"), "name", 3, "居民最低生活保障申请受理"), "utf-8")
    os.utime(path, (when + 1, when + 1))
    cached, cold = invoke(ARGS, repo), invoke([*ARGS, "--no-cache"], repo)
    assert (cached.returncode, cached.stdout) == (cold.returncode, cold.stdout), (cached, cold)
    assert len(plans) == 1, "the run did not take the incremental path"
    loaded = plans[0]
    assert edited in loaded and "lists/dongcheng/heping-street/heping/self-governance.yaml" in loaded
    assert "lists/xicheng/xinhua-street/xinhua/assist.yaml" not in loaded
    assert "lists/dongcheng/admissions.yaml" in loaded and "lists/city/negative.yaml" in loaded


def test_a_duplicate_cites_the_other_item_with_its_line_after_the_other_list_changed(tmp_path: Path) -> None:
    """Found by the law above (in the code before the incremental validate, too): the list holding an id first
    was edited, so it was read again by the fast loader (no positions), and the duplicate in the unchanged list
    said "已在 …/heping/assist.yaml:0 使用"."""
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "lists", repo / "lists")
    shutil.copy(REPO / "qingdan.toml", repo / "qingdan.toml")
    when = time.time() - 86_400
    _age(repo, when)
    first = repo / "lists/dongcheng/heping-street/heping/assist.yaml"
    first.write_text(_replace_nth(first.read_text("utf-8"), "id", 0, "GM-XZ-011"), "utf-8")
    os.utime(first, (when + 1, when + 1))
    assert invoke(ARGS, repo).returncode == 1
    first.write_text(_replace_nth(first.read_text("utf-8"), "name", 0, "社区居民委员会换届选举"), "utf-8")
    os.utime(first, (when + 2, when + 2))
    cached, cold = invoke(ARGS, repo), invoke([*ARGS, "--no-cache"], repo)
    assert "heping/assist.yaml:12 使用" in cached.stdout, cached
    assert (cached.returncode, cached.stdout) == (cold.returncode, cold.stdout), (cached, cold)
