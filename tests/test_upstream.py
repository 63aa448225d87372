"""Upstream lists (issue 18, item 1): three repositories kept by three offices — the nation's (民发〔2020〕20号
and the national negative list of tests/examples/national), a province's (示例省, which restates the national
batch) and a city's (示例市 and a community below it) — the city names the other two in qingdan.toml, pinned at a
commit, and is checked against them without copying a file. Local git repositories only: no network."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import EXAMPLES, invoke

NATIONAL = EXAMPLES / "national" / "lists"
PROVINCE_LIST = "lists/province/certificates.yaml"
COMMUNITY_CERTIFICATES = "lists/dongcheng/xiangyang-street/xiangyang/certificates.yaml"
COMMUNITY = "980102001001"  # 向阳社区 (fictional, tests/examples/national)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=测试", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def jurisdictions(*rows: str) -> str:
    return "format: 1\nkind: jurisdictions\njurisdictions:\n" + "".join(f"  - {r}\n" for r in rows)


def new_repo(path: Path, lists: dict[str, Path], places: str) -> None:
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    for rel, source in lists.items():
        target = path / "lists" / rel
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    (path / "lists" / "jurisdictions.yaml").write_text(places, encoding="utf-8")


@dataclass
class Repos:
    national: Path
    province: Path
    city: Path
    national_rev: str
    province_rev: str

    def cited(self, name: str, path: str, rev: str) -> str:
        return f"{name}:{path}@{rev[:12]}"


CONFIG = """# 示例市社区工作清单的配置
[rules]
forbidden-not-restated = "warning"

# 民政部的清单（国家级）
[[upstream]]
name = "全国"
path = "../national"
rev = "{national}"   # 民发〔2020〕20号 第一批

[[upstream]]
name = "示例省"
path = "../province"
rev = "{province}"
lists = "lists"
"""


@pytest.fixture
def repos(tmp_path: Path) -> Repos:
    return three_repositories(tmp_path)


def three_repositories(tmp_path: Path) -> Repos:
    """The nation's, the province's and the city's repositories side by side in ``tmp_path``, one commit each;
    the city's qingdan.toml pins the other two (not synced yet)."""
    national, province, city = tmp_path / "national", tmp_path / "province", tmp_path / "city"
    new_repo(
        national, {"national": NATIONAL / "national"}, jurisdictions('{code: "000000000000", name: 全国, level: 国家}')
    )
    new_repo(
        province, {"province": NATIONAL / "province"}, jurisdictions('{code: "980000000000", name: 示例省, level: 省}')
    )
    new_repo(
        city,
        {"city": NATIONAL / "city", "dongcheng": NATIONAL / "dongcheng"},
        jurisdictions(
            '{code: "980100000000", name: 示例市, level: 市}',
            '{code: "980102000000", name: 东城区, level: 区}',
            '{code: "980102001000", name: 向阳街道, level: 街道}',
            f'{{code: "{COMMUNITY}", name: 向阳社区, level: 社区}}',
        ),
    )
    national_rev, province_rev = commit(national, "民发〔2020〕20号"), commit(province, "示民发〔2021〕3号")
    (city / "qingdan.toml").write_text(CONFIG.format(national=national_rev, province=province_rev), encoding="utf-8")
    commit(city, "示例市")
    return Repos(national, province, city, national_rev, province_rev)


def allow_income_certificate(city: Path) -> None:
    """The community lists 收入证明 as a certificate it issues: the province and the nation forbid it (an alias
    of 居民财产证明)."""
    path = city / COMMUNITY_CERTIFICATES
    path.write_text(
        f"""format: 1
kind: certificates
jurisdiction: "{COMMUNITY}"
title: 向阳社区证明事项清单
items:
  - id: XY-ZM-A01
    name: 收入证明
    stance: allowed
    legal_basis: [《中华人民共和国城市居民委员会组织法》第三条]
""",
        encoding="utf-8",
    )


def validate(city: Path, *args: str) -> tuple[int, dict]:
    run = invoke(["validate", "--format", "json", *args], city)
    assert run.returncode in (0, 1), run
    return run.returncode, json.loads(run.stdout)


def drop_item(path: Path, item_id: str) -> None:
    text = path.read_text(encoding="utf-8")
    cut = re.sub(rf"  - id: {item_id}\n(?:    .*\n)+?(?=  - id|\Z)", "", text)
    assert cut != text
    path.write_text(cut, encoding="utf-8")


def test_the_city_is_checked_against_the_pinned_upstreams_without_copying_them(repos: Repos) -> None:
    sync = invoke(["sync"], repos.city)
    assert sync.returncode == 0, sync
    assert f"全国  {repos.national_rev[:12]}  已取得：3 个文件" in sync.stdout, sync
    assert f"示例省  {repos.province_rev[:12]}  已取得：2 个文件，21 个事项" in sync.stdout, sync
    assert not (repos.city / "lists" / "national").exists()  # nothing copied into the city's lists
    code, clean = validate(repos.city, "--strict")
    assert code == 0 and clean["summary"]["files"] == 3, clean  # only the city's own files are counted

    allow_income_certificate(repos.city)
    code, report = validate(repos.city)
    assert code == 1
    [conflict] = [f for f in report["findings"] if f["rule"] == "certificate-conflict"]
    assert conflict["file"] == COMMUNITY_CERTIFICATES and conflict["item"] == "XY-ZM-A01", conflict
    # the nearest level that forbids it answers, named by upstream, file and commit
    assert repos.cited("示例省", PROVINCE_LIST, repos.province_rev) in conflict["message"], conflict
    # the province restates the national batch; the community does not: warnings at the community's list, citing
    # the province — and none about the upstream files themselves (read-only ancestors)
    assert {f["file"] for f in report["findings"]} == {COMMUNITY_CERTIFICATES}, report["findings"]
    restated = [f for f in report["findings"] if f["rule"] == "forbidden-not-restated"]
    assert len(restated) == 21 and all("示例省:lists/province/certificates.yaml@" in f["message"] for f in restated)


def test_checks_work_offline_and_never_fetch(repos: Repos) -> None:
    before = invoke(["validate"], repos.city)
    assert before.returncode == 2, before
    assert "上游“全国”的固定提交" in before.stderr and "先运行 qingdan sync" in before.stderr, before
    assert "Traceback" not in before.stderr
    assert invoke(["sync"], repos.city).returncode == 0
    shutil.rmtree(repos.national)  # the upstream is gone (offline): what sync fetched is enough
    shutil.rmtree(repos.province)
    code, report = validate(repos.city)
    assert code == 0, report
    again = invoke(["sync"], repos.city)  # nothing to fetch: the pinned commits are here
    assert again.returncode == 0 and again.stdout.count("已在本机") == 2, again
    find = invoke(["find", "死亡证明", "--in", COMMUNITY, "--format", "json"], repos.city)
    matches = json.loads(find.stdout)["matches"]
    files = {m["id"]: m["file"] for m in matches}
    assert files["MZ-2020-11"] == repos.cited("全国", "lists/national/certificates.yaml", repos.national_rev), find
    assert files["SS-ZM-F11"] == repos.cited("示例省", PROVINCE_LIST, repos.province_rev), find
    english = invoke(["validate", "--lang", "en"], repos.city)
    assert english.returncode == 0, english


def test_moving_the_province_pin_shows_what_it_changed_and_the_findings_it_makes(repos: Repos) -> None:
    allow_income_certificate(repos.city)
    assert invoke(["sync"], repos.city).returncode == 0
    drop_item(repos.province / PROVINCE_LIST, "SS-ZM-F17")  # the province drops 居民财产证明（收入证明…）
    new = commit(repos.province, "删去居民财产证明")

    run = invoke(["sync", "--update", "示例省"], repos.city)
    assert run.returncode == 1, run  # the community still allows 收入证明: now the nation forbids it
    out = run.stdout
    assert f"上游“示例省”的固定提交：{repos.province_rev[:12]} → {new[:12]}（qingdan.toml 已更新）" in out, run
    assert "删除 SS-ZM-F17  居民财产证明" in out and "示例省 证明事项清单 21 → 20 (−1)" in out, run
    created, cleared = out.split("因此本仓库新出现的问题（2 个）：")[1].split("因此本仓库消除的问题（2 个）：")
    assert "MZ-2020-17" in created and "全国:lists/national/certificates.yaml@" in created, run
    assert "certificate-conflict [XY-ZM-A01]" in created and "SS-ZM-F17" in cleared, run

    config = (repos.city / "qingdan.toml").read_text(encoding="utf-8")
    assert f'rev = "{new}"' in config and repos.province_rev not in config
    assert "# 民政部的清单（国家级）" in config and "# 民发〔2020〕20号 第一批" in config  # comments kept
    code, report = validate(repos.city)
    conflict = next(f for f in report["findings"] if f["rule"] == "certificate-conflict")
    assert repos.cited("全国", "lists/national/certificates.yaml", repos.national_rev) in conflict["message"]

    same = invoke(["sync", "--update", "示例省"], repos.city)
    assert same.returncode == 0 and "没有变" in same.stdout, same


def test_update_json_and_a_named_revision(repos: Repos) -> None:
    assert invoke(["sync"], repos.city).returncode == 0
    git(repos.province, "switch", "-q", "-c", "draft")
    drop_item(repos.province / PROVINCE_LIST, "SS-ZM-F21")
    draft = commit(repos.province, "草稿")
    git(repos.province, "switch", "-q", "main")

    run = invoke(["sync", "--update", "示例省", "--rev", "draft", "--format", "json"], repos.city)
    assert run.returncode == 0, run
    doc = json.loads(run.stdout)
    assert doc["version"] == 1 and doc["name"] == "示例省" and doc["moved"] is True
    assert doc["source"] == "../province"  # as qingdan.toml writes it, not this machine's folder
    assert (doc["old"], doc["new"]) == (repos.province_rev, draft)  # a branch is resolved and pinned as its commit
    [change] = doc["diff"]["changes"]
    assert change["type"] == "removed" and change["id"] == "SS-ZM-F21", change
    assert doc["created"] == [] and doc["cleared"] == [] and doc["summary"] == {"errors": 0, "warnings": 0}
    assert f'rev = "{draft}"' in (repos.city / "qingdan.toml").read_text(encoding="utf-8")

    sync = json.loads(invoke(["sync", "-f", "json"], repos.city).stdout)
    assert [u["source"] for u in sync["upstreams"]] == ["../national", "../province"]
    assert [(u["name"], u["rev"], u["fetched"], u["problem"]) for u in sync["upstreams"]] == [
        ("全国", repos.national_rev, False, None),
        ("示例省", draft, False, None),
    ]


def test_an_upstream_that_does_not_validate_is_one_finding_naming_it(repos: Repos) -> None:
    path = repos.province / PROVINCE_LIST
    path.write_text(path.read_text(encoding="utf-8").replace("stance: forbidden", "stance: 禁止", 3), encoding="utf-8")
    broken = commit(repos.province, "改坏了")
    config = repos.city / "qingdan.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(repos.province_rev, broken), encoding="utf-8")

    sync = invoke(["sync"], repos.city)
    assert sync.returncode == 1 and "上游的清单未通过检查：3 个错误" in sync.stdout, sync
    code, report = validate(repos.city)
    assert code == 1
    [finding] = report["findings"]
    assert finding["file"] == "qingdan.toml" and finding["line"] == 11 and finding["rule"] == "schema", finding
    assert "上游“示例省”" in finding["message"] and "3 个错误" in finding["message"], finding
    assert (
        f"示例省:{PROVINCE_LIST}@{broken[:12]}" in finding["message"]
        and "qingdan sync --update 示例省" in finding["hint"]
    )


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (lambda rev: rev[:12], "不是完整的提交编号"),
        (lambda rev: "main", "不是完整的提交编号"),
        (lambda rev: "0" * 40, "没有 qingdan.toml 固定的提交"),
    ],
    ids=["short-rev", "branch", "commit-not-upstream"],
)
def test_a_pin_that_is_not_a_commit_of_the_upstream_is_a_clear_error(repos: Repos, edit, said: str) -> None:
    config = repos.city / "qingdan.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(repos.province_rev, edit(repos.province_rev)), encoding="utf-8"
    )
    run = invoke(["sync"], repos.city)
    assert run.returncode == 2 and said in run.stderr and "示例省" in run.stderr, run
    assert "Traceback" not in run.stderr


def test_an_unreachable_upstream_and_an_unknown_name(repos: Repos) -> None:
    config = repos.city / "qingdan.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("../province", "../moved-away"), encoding="utf-8")
    run = invoke(["sync"], repos.city)
    assert run.returncode == 2 and "无法访问上游“示例省”" in run.stderr, run
    run = invoke(["sync", "--update", "湖北省"], repos.city, env={"QINGDAN_LANG": "en"})
    assert run.returncode == 2 and "names no upstream '湖北省' (it has: 全国 and 示例省)" in run.stderr, run


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ('git = "--upload-pack=touch /tmp/qingdan-pwned"', "不能用作仓库地址"),
        ('git = "ext::sh -c touch% /tmp/qingdan-pwned"', "外部传输方式"),
        ('git = "https://example.org/x.git"\npath = "../x"', "只写一个"),
    ],
    ids=["option-injection", "ext-transport", "two-sources"],
)
def test_a_dangerous_source_is_refused_before_git_runs(repos: Repos, source: str, said: str) -> None:
    config = repos.city / "qingdan.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('path = "../province"', source), encoding="utf-8")
    run = invoke(["sync"], repos.city)
    assert run.returncode == 2 and said in run.stderr, run
    assert not Path("/tmp/qingdan-pwned").exists()


def test_the_store_is_named_by_a_hash_and_git_refuses_other_transports(repos: Repos, tmp_path: Path) -> None:
    from qingdan import git as qgit
    from qingdan.errors import GitError, UsageError

    assert invoke(["sync"], repos.city).returncode == 0
    stores = sorted(p.name for p in (repos.city / ".qingdan-cache" / "upstream").iterdir())
    assert len(stores) == 2 and all(re.fullmatch(r"[0-9a-f]{20}", s) for s in stores), stores
    with pytest.raises(UsageError):  # git.py refuses remote helpers and options itself, past the configuration
        qgit.remote_commit(f"ext::sh -c touch% {tmp_path}/pwned", "HEAD", tmp_path)
    with pytest.raises(UsageError):
        qgit.fetch_commit(tmp_path, "--upload-pack=touch pwned", "0" * 40)
    assert not (tmp_path / "pwned").exists()
    with pytest.raises(GitError) as refused:  # and git itself allows https, http, ssh and local folders only
        qgit.remote_commit("git://127.0.0.1/lists.git", "HEAD", tmp_path)
    assert "not allowed" in refused.value.args_["detail"]


def test_the_site_shows_the_inherited_upstream_items(repos: Repos, tmp_path: Path) -> None:
    assert invoke(["sync"], repos.city).returncode == 0
    out = tmp_path / "public"
    run = invoke(["build", "--out", str(out), "--only", "html"], repos.city)
    assert run.returncode == 0, run
    index = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>示例市社区工作清单" in index  # the city's site, not the province's
    community = (out / "site" / "place" / f"{COMMUNITY}.html").read_text(encoding="utf-8")
    assert "死亡证明" in community and "协税护税" in community  # the province's and the nation's items apply here
    page = (out / "site" / "list" / "shilisheng-lists-province-certificates.html").read_text(encoding="utf-8")
    assert repos.cited("示例省", PROVINCE_LIST, repos.province_rev) in page


def test_a_force_pushed_upstream_says_so_and_its_pin_can_be_moved(repos: Repos) -> None:
    git(repos.national, "commit", "-q", "--amend", "-m", "改写了历史")
    git(repos.national, "reflog", "expire", "--expire=now", "--all")
    git(repos.national, "gc", "-q", "--prune=now")
    head = git(repos.national, "rev-parse", "HEAD")
    run = invoke(["sync"], repos.city)
    assert run.returncode == 2 and f"上游现在的 HEAD 是 {head}" in run.stderr, run
    moved = invoke(["sync", "--update", "全国"], repos.city)  # fetches 示例省 too: the findings need it
    assert moved.returncode == 0 and "已不在上游" in moved.stdout and "新增 MZ-2020-11  死亡证明" in moved.stdout, moved
    assert invoke(["validate"], repos.city).returncode == 0


def test_an_upstream_admission_record_is_read_only_here(repos: Repos) -> None:
    # the province keeps an admissions list (the bundled 西城区 records stand in for one): the city may not revoke them
    shutil.copyfile(
        EXAMPLES.parent.parent / "lists" / "xicheng" / "admissions.yaml", repos.province / "lists" / "a.yaml"
    )
    rev = commit(repos.province, "准入记录")
    config = repos.city / "qingdan.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(repos.province_rev, rev), encoding="utf-8")
    assert invoke(["sync"], repos.city).returncode == 0
    before = config.read_bytes()
    run = invoke(["revoke", "XC-ZR-2023-01", "--reason", "不再需要"], repos.city)
    assert run.returncode == 2 and "上游的清单只读" in run.stderr, run
    assert config.read_bytes() == before and not list(repos.city.glob("示例省*"))  # nothing written anywhere


def test_sync_without_upstreams_and_rev_without_update(repos: Repos) -> None:
    run = invoke(["sync", "--rev", repos.province_rev], repos.city)
    assert run.returncode == 2 and "--rev 要与 --update" in run.stderr, run
    (repos.city / "qingdan.toml").write_text('[rules]\nforbidden-not-restated = "warning"\n', encoding="utf-8")
    run = invoke(["sync"], repos.city, env={"QINGDAN_LANG": "en"})
    assert run.returncode == 2 and "qingdan.toml has no [[upstream]]" in run.stderr, run
