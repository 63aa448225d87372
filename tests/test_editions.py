"""A new edition of a published list imported over the old one keeps the items' ids: matched by name (the
matching engine), never by position; renames, additions and removals are reported, and ``qingdan diff``
between the two editions shows only the real changes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import BASE, invoke
from qingdan.tables.edition import KEPT, LIKELY, match_edition
from qingdan.text import key

DISTRICT = "980102000000"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "测试",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "测试",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
}

# Shaped like the certificate lists districts publish as an annex (序号, 证明事项名称, 替代方式, 备注; a
# merged title with the edition's year). The items are typical of such lists, not copied from one.
EDITION_2022 = [
    ("居民财产证明（经济状况证明、收入证明）", "由相关部门通过数据共享核验"),
    ("居民身份信息证明", "由公安机关出具"),
    ("无犯罪记录证明", "由公安机关出具"),
    ("婚姻状况证明", "由民政部门婚姻登记机关查询"),
    ("独生子女证明", "由卫生健康部门核实"),
    ("出生证明", "凭出生医学证明办理"),
    ("死亡证明", "由医疗机构或公安机关出具"),
    ("健在证明", "通过养老金资格认证系统核验"),
    ("亲属关系证明", "凭户口簿、结婚证等核实"),
    ("户籍证明", "由公安机关出具"),
    ("房屋产权证明", "由不动产登记机构查询"),
    ("居民就业状况证明", "由人力资源社会保障部门查询"),
    ("参加社会保险证明", "由社会保险经办机构出具"),
    ("残疾等级证明", "凭残疾人证核实"),
    ("病残儿医学鉴定证明", "由卫生健康部门组织鉴定"),
    ("个人信用状况证明", "由中国人民银行征信中心出具"),
    ("学历证明", "通过学信网查询"),
    ("政治面貌证明", "由所在党组织出具"),
]
_ALT = dict(EDITION_2022)
# The next edition: reordered; three names written differently (half-width brackets and a comma, a space
# — both gone on import — and a full stop); one real rename; one changed 替代方式; 健在证明 gone; two new items.
EDITION_2024 = [
    ("居民财产证明(经济状况证明，收入证明)", _ALT["居民财产证明（经济状况证明、收入证明）"]),
    ("无犯罪记录 证明", _ALT["无犯罪记录证明"]),
    ("居民身份信息证明", _ALT["居民身份信息证明"]),
    ("户籍证明", _ALT["户籍证明"]),
    ("婚姻状况证明", "由民政部门通过婚姻登记信息系统查询"),
    ("独生子女证明", _ALT["独生子女证明"]),
    ("出生证明", _ALT["出生证明"]),
    ("死亡证明", _ALT["死亡证明"]),
    ("亲属关系证明。", _ALT["亲属关系证明"]),
    ("房屋产权证明", _ALT["房屋产权证明"]),
    ("居民就业失业状况证明", _ALT["居民就业状况证明"]),
    ("残疾等级证明", _ALT["残疾等级证明"]),
    ("参加社会保险证明", _ALT["参加社会保险证明"]),
    ("病残儿医学鉴定证明", _ALT["病残儿医学鉴定证明"]),
    ("学历证明", _ALT["学历证明"]),
    ("个人信用状况证明", _ALT["个人信用状况证明"]),
    ("政治面貌证明", _ALT["政治面貌证明"]),
    ("退役军人身份证明", "由退役军人事务部门核实"),
    ("水电气费用缴纳证明", "由供水、供电、供气企业出具"),
]


def annex(path: Path, year: int, rows: list[tuple[str, str]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "证明事项"
    ws.append([f"东城区社区不应出具的证明事项清单（{year}年版）"])
    ws.merge_cells("A1:D1")
    ws.append(["序号", "证明事项名称", "替代方式", "备注"])
    for n, (name, alternative) in enumerate(rows, start=1):
        ws.append([n, name, alternative, ""])
    wb.save(path)
    return path


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, env={**os.environ, **GIT_ENV}
    ).stdout


def _items(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["items"]


LIST = "lists/dongcheng/certificates.yaml"
IMPORT = ["-k", "certificates", "-j", DISTRICT, "--stance", "forbidden", "-o", LIST]


def _first_edition(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    annex(repo / "2022.xlsx", 2022, EDITION_2022)
    annex(repo / "2024.xlsx", 2024, EDITION_2024)
    first = invoke(["import", "2022.xlsx", *IMPORT, "--id-prefix", "DC-ZM-"], repo)
    assert first.returncode == 0, first
    # what a clerk adds by hand after the first import: the issuing notice, a department, a waiver
    path = repo / LIST
    text = path.read_text(encoding="utf-8")
    text = text.replace("items:\n", "issuer: 东城区民政局\ndoc_number: 东民发〔2022〕5号\nitems:\n", 1)
    text = text.replace(
        "    name: 出生证明\n",
        "    name: 出生证明\n"
        "    waivers:\n      - {rule: near-duplicate, reason: 与出生医学证明不是同一证明, expires: '2030-01-01'}\n",
    )
    text = text.replace("    name: 参加社会保险证明\n", "    name: 参加社会保险证明\n    department: 东城区医保局\n")
    path.write_text(text, encoding="utf-8")
    assert invoke(["validate", "--no-cache"], repo).returncode == 0
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "2022年版")
    return repo


def test_next_edition_keeps_ids_and_diff_shows_only_real_changes(tmp_path: Path) -> None:
    repo = _first_edition(tmp_path)
    before = {i["name"]: i["id"] for i in _items(repo / LIST)}
    assert before["居民财产证明"] == "DC-ZM-001" and before["政治面貌证明"] == "DC-ZM-018"

    run = invoke(["import", "2024.xlsx", *IMPORT, "--force"], repo)
    assert run.returncode == 0, run
    out = run.stdout
    assert f"与上一版 {LIST} 逐项对照（按名称，不按行的顺序）：" in out, run
    assert "沿用 16 个（其中 1 个名称只有格式不同），改名 1 个（其中 1 个请核对），新增 2 个，删除 1 个" in out, run
    assert (
        "可能改名 DC-ZM-012：居民就业状况证明 → 居民就业失业状况证明（第 13 行，名称相似，相似度 88.9）："
        "编号沿用，请核对；若是新事项，加 --as-new 居民就业失业状况证明 重新导入" in out
    ), run
    assert "新增 DC-ZM-019：退役军人身份证明（第 20 行）" in out and "新增 DC-ZM-020：水电气费用缴纳证明" in out, run
    assert "删除 DC-ZM-008：健在证明（新版中没有；加 --keep-removed 可保留在文件中）" in out, run
    assert "沿用上一版的字段（表格中没有这些列）：waivers（1），department（1）" in out, run
    assert "沿用上一版的清单信息：issuer、doc_number" in out, run

    after = {i["name"]: i for i in _items(repo / LIST)}
    for name, ident in before.items():  # every unchanged item keeps its id, whatever its row now
        if name in after:
            assert after[name]["id"] == ident, name
    assert after["无犯罪记录证明"]["id"] == before["无犯罪记录证明"]  # "无犯罪记录 证明": spacing only
    assert after["亲属关系证明。"]["id"] == before["亲属关系证明"]  # punctuation only
    assert after["居民就业失业状况证明"]["id"] == before["居民就业状况证明"]
    assert "健在证明" not in after
    assert after["参加社会保险证明"]["department"] == "东城区医保局" and after["出生证明"]["waivers"][0]["rule"]
    assert invoke(["validate", "--no-cache"], repo).returncode == 0

    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "2024年版")
    diff = invoke(["diff", "HEAD~1", "HEAD"], repo)
    assert diff.returncode == 0, diff
    assert diff.stdout == (
        "清单变更：HEAD~1 → HEAD\n"
        "\n"
        f"东城区 · 证明事项清单  {LIST}\n"
        "  ~ 修改 DC-ZM-004  婚姻状况证明\n"
        "      alternative: 由民政部门婚姻登记机关查询 → 由民政部门通过婚姻登记信息系统查询\n"
        "  - 删除 DC-ZM-008  健在证明\n"
        "  ✎ 改名 DC-ZM-012  居民就业状况证明 → 居民就业失业状况证明\n"
        "  + 新增 DC-ZM-019  退役军人身份证明\n"
        "  + 新增 DC-ZM-020  水电气费用缴纳证明\n"
        "\n"
        "清单信息变更\n"
        f"  {LIST}\n"
        "      title: 东城区社区不应出具的证明事项清单（202[-2-]{+4+}年版）\n"
        "\n"
        "事项数量\n"
        "  示例市 东城区 证明事项清单 18 → 19 (+1)\n"
        "\n"
        "5 项变更：新增 2，删除 1，修改 1，改名 1\n"
        "另有 1 项仅格式变更（全角半角、空格、标点），加 --all 显示。\n"
    ), diff


def test_position_never_decides(tmp_path: Path) -> None:
    """The same edition with its rows reversed: the same ids, no change at all."""
    repo = _first_edition(tmp_path)
    annex(repo / "reversed.xlsx", 2022, EDITION_2022[::-1])
    run = invoke(["import", "reversed.xlsx", *IMPORT, "--force"], repo)
    assert run.returncode == 0, run
    assert "沿用 18 个，改名 0 个，新增 0 个，删除 0 个" in run.stdout
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "倒序")
    diff = invoke(["diff", "HEAD~1", "HEAD", "--exit-code"], repo)
    assert diff.returncode == 0 and "没有变更" in diff.stdout, diff


def test_dry_run_keep_removed_and_as_new(tmp_path: Path) -> None:
    repo = _first_edition(tmp_path)
    original = (repo / LIST).read_text(encoding="utf-8")
    dry = invoke(["import", "2024.xlsx", *IMPORT, "--dry-run", "--format", "json"], repo)
    assert dry.returncode == 0, dry
    doc = json.loads(dry.stdout)
    assert doc["written"] is False and doc["dry_run"] is True
    edition = doc["edition"]
    assert [r["id"] for r in edition["removed"]] == ["DC-ZM-008"], edition
    assert [(a["id"], a["row"], a["name"]) for a in edition["added"]] == [
        ("DC-ZM-019", 20, "退役军人身份证明"),
        ("DC-ZM-020", 21, "水电气费用缴纳证明"),
    ]
    assert edition["likely_renamed"][0] == {
        "id": "DC-ZM-012",
        "row": 13,
        "old_name": "居民就业状况证明",
        "name": "居民就业失业状况证明",
        "grade": "similar",
        "similarity": 88.9,
        "formatting": False,
        "carried": [],
    }
    assert len(edition["kept"]) == 16 and edition["header_carried"] == ["issuer", "doc_number"]
    assert (repo / LIST).read_text(encoding="utf-8") == original  # nothing written

    run = invoke(
        ["import", "2024.xlsx", *IMPORT, "--update", LIST, "--keep-removed", "--as-new", "居民就业失业状况证明"], repo
    )
    assert run.returncode == 0, run
    assert "新版中没有 DC-ZM-008：健在证明（按 --keep-removed 保留在文件中）" in run.stdout, run
    items = {i["name"]: i["id"] for i in _items(repo / LIST)}
    assert items["健在证明"] == "DC-ZM-008"
    assert items["居民就业失业状况证明"] == "DC-ZM-019"  # a new item now: a new id, never a reused one
    assert "新版中没有 DC-ZM-012：居民就业状况证明" in run.stdout, run
    assert "near-duplicate" in run.stdout, run  # the kept old item and the new one are near each other


def test_update_must_be_the_same_kind_and_place(tmp_path: Path) -> None:
    repo = _first_edition(tmp_path)
    wrong = invoke(["import", "2024.xlsx", "-k", "negative", "-j", DISTRICT, "--update", LIST], repo)
    assert wrong.returncode == 2 and "是 certificates 清单，不是 negative" in wrong.stderr, wrong
    other = invoke(
        ["import", "2024.xlsx", "-k", "certificates", "-j", "980102001001", "--stance", "forbidden", "--update", LIST],
        repo,
    )
    assert other.returncode == 2 and "属于区划 980102000000，不是 980102001001" in other.stderr, other


def test_alias_and_core_names_keep_the_id() -> None:
    old = [
        {"id": "A-1", "name": "居民财产证明", "aliases": ["经济状况证明", "收入证明"]},
        {"id": "A-2", "name": "住房证明", "qualifiers": ["无房"]},
        {"id": "A-3", "name": "住房证明", "qualifiers": ["租房"]},
    ]
    new = [
        {"name": "住房证明", "qualifiers": ["租房"]},
        {"name": "经济状况证明"},  # the old alias is now the name
        {"name": "住房证明", "qualifiers": ["无房"]},
    ]
    edition = match_edition(old, new, (2, 3, 4), threshold=85.0, table_fields=frozenset({"name"}))
    assert [i["id"] for i in new] == ["A-3", "A-1", "A-2"]  # the same qualifiers decide between two of one name
    assert [(m.id, m.how, m.grade) for m in edition.matches] == [
        ("A-3", KEPT, "name"),
        ("A-1", "renamed", "alias"),
        ("A-2", KEPT, "name"),
    ]


# ------------------------------------------------------------------------------------------- property
NAMES = [n for n, _ in EDITION_2022] + [
    "居住证明",
    "低保家庭证明",
    "特困人员证明",
    "养老保险缴纳证明",
    "计划生育情况证明",
    "收养关系证明",
    "监护关系证明",
    "遗产继承证明",
    "房屋租赁证明",
    "子女入学证明",
    "迁移户口证明",
    "失业登记证明",
]
FORMATTING = [
    lambda s: s.replace("（", "(").replace("）", ")").replace("、", "，"),
    lambda s: s[:2] + " " + s[2:],
    lambda s: s + "。",
    lambda s: s.replace("证明", "證明"),
    lambda s: s.replace("证", "证 "),
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(3, len(EDITION_2022)),
    data=st.data(),
)
def test_surviving_items_keep_their_ids(size: int, data: st.DataObject) -> None:
    """Any edition made from the old one by reordering, rewriting names (width, spacing, traditional
    characters, punctuation), removing items and adding new ones: every surviving item keeps its id, no
    added item takes an old id, and every removed one is reported."""
    from qingdan.tables.columns import split_name

    chosen = data.draw(st.permutations(NAMES[: len(EDITION_2022)]))[:size]
    old = []
    for n, cell in enumerate(chosen, start=1):
        name, aliases, _ = split_name(cell)
        old.append({"id": f"X-{n:03d}", "name": name, **({"aliases": aliases} if aliases else {})})
    survivors = data.draw(st.lists(st.sampled_from(range(size)), unique=True, max_size=size))
    spare = [n for n in NAMES[len(EDITION_2022) :]]
    additions = data.draw(st.lists(st.sampled_from(spare), unique=True, max_size=4))
    rows: list[tuple[str, str | None]] = []
    for i in survivors:
        cell = chosen[i]
        if data.draw(st.booleans()):
            cell = data.draw(st.sampled_from(FORMATTING))(cell)
        rows.append((cell, old[i]["id"]))
    rows += [(name, None) for name in additions]
    order = data.draw(st.permutations(range(len(rows))))
    rows = [rows[k] for k in order]
    assume(len({key(split_name(c)[0]) for c, _ in rows}) == len(rows))
    new = []
    for cell, _ in rows:
        name, aliases, _ = split_name(cell)
        new.append({"name": name, **({"aliases": aliases} if aliases else {})})
    edition = match_edition(old, new, tuple(range(2, 2 + len(new))), threshold=85.0, table_fields=frozenset({"name"}))
    for item, (_, expected) in zip(new, rows, strict=True):
        if expected is not None:
            assert item.get("id") == expected, (item, expected)
        else:
            assert "id" not in item, item  # an added item gets a new id from assign_ids, never an old one
    assert not edition.of(LIKELY)
    assert {r.id for r in edition.removed} == {old[i]["id"] for i in range(size) if i not in survivors}
