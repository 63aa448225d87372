"""qingdan fix: the diff first (exit 1 when something would change, 0 when nothing), --write through the one
transaction, the repository checked after; a valid file is never changed, a fixed one needs no second fix."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BASE, EXAMPLES, REPO, TODAY, build_case, invoke, run_qingdan
from qingdan.files import repository_lock
from qingdan.fix import fix_text
from qingdan.load import parse_text

SP = "\u3000"
COMMUNITY = (BASE / "lists" / "community.yaml").read_text(encoding="utf-8")


def _typed_with_the_ime(text: str) -> str:
    """The base community list as a clerk typed it: full-width spaces for indentation, a full-width colon."""
    return text.replace("    name: 召集居民会议", f"{SP}{SP}name：召集居民会议").replace(
        "    role: 依法履职\n    legal_basis: [《中华人民共和国城市居民委员会组织法》第四条]",
        f"  {SP}role: 依法履职\n    legal_basis: [《中华人民共和国城市居民委员会组织法》第四条]",
    )


def _repo(tmp_path: Path, community: str) -> Path:
    repo = build_case(tmp_path / "none", tmp_path / "repo")
    (repo / "lists" / "community.yaml").write_text(community, encoding="utf-8")
    return repo


def test_each_mistake_is_one_finding_and_fix_write_repairs_it(tmp_path: Path) -> None:
    repo = _repo(tmp_path, _typed_with_the_ime(COMMUNITY))
    before = invoke(["validate", "--no-cache", "--today", TODAY], repo)
    assert before.returncode == 1, before
    lines = [line for line in before.stdout.splitlines() if line.startswith("lists/")]
    assert lines == [
        "lists/community.yaml:18:1 错误 yaml-syntax 这里是全角空格（U+3000，中文输入法打出的空格），"
        "YAML 的缩进、“-”和“:”后面只能用半角空格",
        "lists/community.yaml:18:7 错误 yaml-syntax “name”后面是全角冒号“：”（U+FF1A），YAML 只认半角冒号：应写成“name: 值”",
        "lists/community.yaml:19:3 错误 yaml-syntax 这里是全角空格（U+3000，中文输入法打出的空格），"
        "YAML 的缩进、“-”和“:”后面只能用半角空格",
    ], before

    dry = invoke(["fix"], repo)
    assert dry.returncode == 1, dry
    assert f"\n-{SP}{SP}name：召集居民会议\n" in dry.stdout and "\n+    name: 召集居民会议\n" in dry.stdout, dry
    assert "lists/community.yaml:18:7 “name”后面的全角冒号（U+FF1A）换成了“: ”" in dry.stdout, dry
    assert "尚未写入" in dry.stdout, dry
    assert (repo / "lists" / "community.yaml").read_text(encoding="utf-8") == _typed_with_the_ime(COMMUNITY)

    wrote = invoke(["fix", "--write", "--today", TODAY], repo)
    assert wrote.returncode == 0, wrote
    assert "已修复 1 个文件，共 3 处" in wrote.stdout and "修复后检查通过：0 个错误" in wrote.stdout, wrote
    assert (repo / "lists" / "community.yaml").read_text(encoding="utf-8") == COMMUNITY
    again = invoke(["fix"], repo)
    assert again.returncode == 0 and "没有需要自动修复的地方" in again.stdout, again


def test_look_alikes_names_and_ids(tmp_path: Path) -> None:
    text = COMMUNITY.replace('effective: "2023-07-01"', "effective: 2023-07-01").replace(
        "  - id: XY-LZ-001\n    name: 召集居民会议", "  - name: 召集 居民会议(每季度)"
    )
    repo = _repo(tmp_path, text)
    run = invoke(["fix", "--write", "--today", TODAY], repo)
    assert run.returncode == 0, run
    after = (repo / "lists" / "community.yaml").read_text(encoding="utf-8")
    assert 'effective: "2023-07-01"' in after
    assert "  - id: XY-XZ-002\n    name: 召集居民会议（每季度）\n" in after, after


def test_a_file_that_still_does_not_parse_is_said(tmp_path: Path) -> None:
    repo = _repo(tmp_path, COMMUNITY + '  - id: "X\n')
    run = invoke(["fix"], repo)
    assert run.returncode == 1, run
    assert "lists/community.yaml 不是有效的 YAML，自动修复之后也不是" in run.stdout, run


def test_in_english(tmp_path: Path) -> None:
    repo = _repo(tmp_path, _typed_with_the_ime(COMMUNITY))
    run = invoke(["fix", "--lang", "en"], repo)
    assert run.returncode == 1, run
    assert "lists/community.yaml:18:7 the full-width colon (U+FF1A) after 'name' became ': '" in run.stdout, run
    assert "1 file can be repaired, 3 changes (shown above, not written)" in run.stdout, run


def test_write_while_another_qingdan_changes_the_repository_is_refused(tmp_path: Path) -> None:
    """The lock is held by this process, so only a second process sees it taken."""
    repo = _repo(tmp_path, _typed_with_the_ime(COMMUNITY))
    with repository_lock(repo):
        run = run_qingdan(["fix", "--write"], cwd=repo)
    assert run.returncode == 2 and "Traceback" not in run.stderr, run
    assert (repo / "lists" / "community.yaml").read_text(encoding="utf-8") == _typed_with_the_ime(COMMUNITY)


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    repo = _repo(tmp_path, COMMUNITY)
    run = invoke(["fix", "lists/nope.yaml"], repo)
    assert run.returncode == 2 and "lists/nope.yaml" in run.stderr and "Traceback" not in run.stderr, run


def test_never_writes_outside_the_repository(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(_typed_with_the_ime(COMMUNITY), encoding="utf-8")
    repo = build_case(tmp_path / "none", tmp_path / "repo")
    (repo / "lists" / "community.yaml").unlink()
    (repo / "lists" / "community.yaml").symlink_to(outside)
    run = invoke(["fix", "--write", "--today", TODAY], repo)
    assert outside.read_text(encoding="utf-8") == _typed_with_the_ime(COMMUNITY), run
    assert (repo / "lists" / "community.yaml").is_symlink()


def test_valid_files_are_never_changed() -> None:
    """The bundled lists and the valid corpus come out byte for byte, except the case that is about unquoted
    dates: valid, and fix quotes them (other YAML tools would read them as dates)."""
    valid = [*(REPO / "lists").rglob("*.yaml"), *(EXAMPLES / "valid").rglob("lists/*.yaml"), *BASE.rglob("*.yaml")]
    changed = {}
    for path in sorted(valid):
        text = path.read_text(encoding="utf-8-sig")
        fixed = fix_text(text, path.name)
        if fixed.after != text:
            changed[path.relative_to(REPO).as_posix()] = {r.key for r in fixed.repairs}
    assert changed == {
        "tests/examples/valid/unquoted-dates/lists/admissions.yaml": {"fix-quoted"},
        "tests/examples/valid/unquoted-dates/lists/community.yaml": {"fix-quoted"},
    }


_LINES = COMMUNITY.split("\n")
_INDENTED = [i for i, line in enumerate(_LINES) if line.startswith("    ") and ":" in line]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_INDENTED), st.sampled_from(["space", "tab", "colon"])), max_size=5))
def test_a_fixed_file_parses_and_a_second_fix_finds_nothing(mistakes: list[tuple[int, str]]) -> None:
    lines = list(_LINES)
    for number, kind in mistakes:
        line = lines[number]
        if kind == "space" and line.startswith("    "):
            lines[number] = SP + SP + line[4:]
        elif kind == "tab" and line.startswith("    "):
            lines[number] = "\t" + line[4:]
        elif kind == "colon" and ": " in line:
            lines[number] = line.replace(": ", "：", 1)
    typed = "\n".join(lines)
    once = fix_text(typed, "community.yaml")
    assert once.parses and parse_text(once.after, "community.yaml").ok, once.after
    assert once.after == COMMUNITY, once.after
    twice = fix_text(once.after, "community.yaml")
    assert twice.after == once.after and not twice.repairs


def test_the_bom_and_crlf_line_ends_are_kept(tmp_path: Path) -> None:
    typed = _typed_with_the_ime(COMMUNITY).replace("\n", "\r\n")
    repo = build_case(tmp_path / "none", tmp_path / "repo")
    (repo / "lists" / "community.yaml").write_bytes(b"\xef\xbb\xbf" + typed.encode("utf-8"))
    run = invoke(["fix", "--write", "--today", TODAY], repo)
    assert run.returncode == 0, run
    assert (repo / "lists" / "community.yaml").read_bytes() == b"\xef\xbb\xbf" + COMMUNITY.replace(
        "\n", "\r\n"
    ).encode()


def test_crlf_survives_the_round_trip_of_names_and_ids() -> None:
    text = COMMUNITY.replace("  - id: XY-LZ-001\n    name: 召集居民会议", "  - name: 召集 居民会议").replace(
        "\n", "\r\n"
    )
    fixed = fix_text(text, "community.yaml")
    assert "\r\n    name: 召集居民会议\r\n" in fixed.after and "\n" not in fixed.after.replace("\r\n", ""), fixed.after
