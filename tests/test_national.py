"""The national level (全国, 000000000000) above every province, 直辖市 districts right below the
municipality, and who issued a list — through the real CLI on tests/examples/national: the national batch
of certificates communities must not issue (民发〔2020〕20号), a province and a city below it, 北京市."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from conftest import EXAMPLES, TODAY, invoke

NATIONAL = EXAMPLES / "national"
ISSUER = "民政部 国家发展改革委 公安部 司法部 人力资源社会保障部 国家卫生健康委"
PROVINCE = "lists/province/certificates.yaml"
BEIJING = "110101999001"  # 北京市东城区示例街道示例社区 (fictional street and community)


def copy(dest: Path) -> Path:
    shutil.copytree(NATIONAL, dest)
    return dest


def findings(repo: Path, *args: str) -> tuple[int, list[dict]]:
    run = invoke(["validate", "--today", TODAY, "--no-cache", "--format", "json", *args], repo)
    assert run.returncode in (0, 1), run
    return run.returncode, json.loads(run.stdout)["findings"]


def drop_item(path: Path, item_id: str) -> None:
    text = path.read_text(encoding="utf-8")
    cut = re.sub(rf"  - id: {item_id}\n(?:    .*\n)+?(?=  - id|\Z)", "", text)
    assert cut != text
    path.write_text(cut, encoding="utf-8")


def add_list(repo: Path, rel: str, text: str) -> None:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_national_repository_validates_clean() -> None:
    run = invoke(["validate", "--today", TODAY, "--no-cache", "--strict"], NATIONAL)
    assert run.returncode == 0 and "0 个错误，0 个警告" in run.stdout, run


def test_a_province_that_drops_a_national_item_is_reported_at_its_list(tmp_path: Path) -> None:
    repo = copy(tmp_path / "repo")
    drop_item(repo / PROVINCE, "SS-ZM-F11")  # 死亡证明
    code, found = findings(repo, "--strict")
    assert code == 1
    [hit] = [f for f in found if f["rule"] == "forbidden-not-restated"]
    assert hit["file"] == PROVINCE and hit["item"] == "MZ-2020-11", hit
    assert "死亡证明" in hit["message"] and "全国" in hit["message"], hit


def test_a_community_allowing_a_nationally_forbidden_certificate_is_an_error(tmp_path: Path) -> None:
    repo = copy(tmp_path / "repo")
    add_list(
        repo,
        "lists/dongcheng/xiangyang-street/xiangyang/certificates.yaml",
        """format: 1
kind: certificates
jurisdiction: "980102001001"
title: 向阳社区证明事项清单
items:
  - id: XY-ZM-A01
    name: 收入证明
    stance: allowed
    legal_basis: [《中华人民共和国城市居民委员会组织法》第三条]
""",
    )
    code, found = findings(repo)
    assert code == 1
    [hit] = [f for f in found if f["rule"] == "certificate-conflict"]
    assert hit["severity"] == "error" and hit["item"] == "XY-ZM-A01", hit
    # 收入证明 is covered by the province's restated item and by the national one: the nearest level answers
    assert "lists/province/certificates.yaml" in hit["message"] or "lists/national/certificates.yaml" in hit["message"]


def test_a_municipality_community_reaches_the_national_lists(tmp_path: Path) -> None:
    repo = copy(tmp_path / "repo")
    add_list(
        repo,
        "lists/beijing/certificates.yaml",
        f"""format: 1
kind: certificates
jurisdiction: "{BEIJING}"
title: 示例社区证明事项清单
items:
  - id: BJ-ZM-A01
    name: 死亡证明
    stance: allowed
    legal_basis: [《中华人民共和国城市居民委员会组织法》第三条]
""",
    )
    duties = repo / "lists/beijing/duties.yaml"
    duties.write_text(
        duties.read_text(encoding="utf-8")
        + """  - id: BJ-LZ-002
    name: 协税护税
    role: 依法履职
    legal_basis: [《中华人民共和国城市居民委员会组织法》第三条]
""",
        encoding="utf-8",
    )
    code, found = findings(repo)
    assert code == 1
    errors = {(f["rule"], f["item"]): f for f in found if f["severity"] == "error"}
    conflict = errors[("certificate-conflict", "BJ-ZM-A01")]
    assert "全国" in conflict["message"] and "lists/national/certificates.yaml" in conflict["message"], conflict
    negative = errors[("duty-on-negative-list", "BJ-LZ-002")]
    assert "lists/national/negative.yaml" in negative["message"], negative
    assert set(errors) == {("certificate-conflict", "BJ-ZM-A01"), ("duty-on-negative-list", "BJ-LZ-002")}, errors
    # the answer at the counter goes up the same chain: 示例社区 → 示例街道 → 东城区 → 北京市 → 全国
    find = invoke(["find", "死亡证明", "--in", BEIJING, "--format", "json"], repo)
    answer = json.loads(find.stdout)
    assert any(m["id"] == "MZ-2020-11" and m["jurisdiction"] == "000000000000" for m in answer["matches"]), find


def test_the_municipality_level_code_is_optional_but_the_municipality_is_not(tmp_path: Path) -> None:
    repo = copy(tmp_path / "repo")
    path = repo / "lists/jurisdictions.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('  - {code: "110000000000", name: 北京市, level: 直辖市}\n', ""), encoding="utf-8")
    code, found = findings(repo)
    assert code == 1
    [hit] = [f for f in found if f["rule"] == "jurisdiction-code"]
    assert hit["item"] == "110101000000" and "北京市（110000000000）不在" in hit["message"], hit
    # declaring the 市辖区 level as well is fine too (the statistical table's own layout)
    path.write_text(text + '  - {code: "110100000000", name: 市辖区, level: 市}\n', encoding="utf-8")
    code, found = findings(repo, "--strict")
    assert code == 0, found


def test_a_repository_without_the_nation_needs_none(tmp_path: Path) -> None:
    repo = copy(tmp_path / "repo")
    shutil.rmtree(repo / "lists/national")
    path = repo / "lists/jurisdictions.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('  - {code: "000000000000", name: 全国, level: 国家}\n', ""),
        encoding="utf-8",
    )
    code, found = findings(repo, "--strict")
    assert code == 0, found


def test_malformed_codes_say_what_is_wrong(tmp_path: Path) -> None:
    repo = copy(tmp_path / "repo")
    path = repo / "lists/jurisdictions.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + '  - {code: "980100001000", name: 新区街道, level: 街道}\n'
        + '  - {code: "9801020010", name: 短代码社区, level: 社区}\n'
        + '  - {code: "98010200100O", name: 字母社区, level: 社区}\n',
        encoding="utf-8",
    )
    for lang, words in (
        ("zh", ("区县段（第 5–6 位）为零，其后的街道乡镇段（第 7–9 位）却不为零", "是 10 位", "中有“O”")),
        ("en", ("the district segment (digits 5–6) is zero", "'9801020010' has 10", "contains 'O'")),
    ):
        run = invoke(["validate", "--today", TODAY, "--no-cache", "--lang", lang], repo)
        assert run.returncode == 1, run
        for word in words:
            assert word in run.stdout, (word, run)


def test_init_for_a_municipality_validates_clean(tmp_path: Path) -> None:
    run = invoke(
        [
            "init",
            "beijing",
            "--code",
            "110000000000",
            "--city",
            "北京市",
            "--province",
            "北京市",
            "--install-from",
            "qingdan==0.1.0",
        ],
        tmp_path,
    )
    assert run.returncode == 0, run
    assert "北京市是直辖市，按省级单位建库" in run.stdout and "不需要 110100000000 这一级" in run.stdout, run
    repo = tmp_path / "beijing"
    jurisdictions = (repo / "lists/jurisdictions.yaml").read_text(encoding="utf-8")
    assert 'code: "110000000000"' in jurisdictions and "level: 直辖市" in jurisdictions, jurisdictions
    assert '110100000000"' not in jurisdictions
    check = invoke(["validate", "--today", TODAY, "--strict", "--no-cache"], repo)
    assert check.returncode == 0 and "0 个错误，0 个警告" in check.stdout, check
    # a district added right below the municipality validates too
    with (repo / "lists/jurisdictions.yaml").open("a", encoding="utf-8") as f:
        f.write('  - code: "110101000000"\n    name: 东城区\n    level: 区\n')
    assert invoke(["validate", "--today", TODAY, "--strict", "--no-cache"], repo).returncode == 0
    # --province may be left out for a municipality, not for a city
    assert (
        invoke(
            ["init", "tj", "--code", "120000000000", "--city", "天津市", "--install-from", "qingdan==0.1.0"], tmp_path
        ).returncode
        == 0
    )
    other = invoke(
        ["init", "hb", "--code", "420000000000", "--city", "湖北省", "--install-from", "qingdan==0.1.0"], tmp_path
    )
    assert other.returncode == 2 and "直辖市用省级代码" in other.stderr and not (tmp_path / "hb").exists(), other


def test_the_issuer_line_for_reports() -> None:
    from qingdan.admission.context import issuer_line, issuer_of
    from qingdan.repository import load_repository

    repo = load_repository(NATIONAL, date(2025, 1, 1), use_cache=False)
    national = "lists/national/certificates.yaml"
    assert issuer_line(repo, national) == f"{ISSUER}发布，全国适用"
    assert issuer_line(repo, national, "en") == f"issued by {ISSUER}, applies nationwide"
    assert issuer_of(repo, national) == {
        "issuer": ISSUER,
        "jurisdiction": "000000000000",
        "place": "全国",
        "level": "national",
        "nationwide": True,
    }
    assert issuer_line(repo, PROVINCE) == "示例省民政厅发布"
    assert issuer_of(repo, PROVINCE)["level"] == "province"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = copy(tmp_path_factory.mktemp("national") / "repo")
    run = invoke(["build", "--only", "html,xlsx"], repo)
    assert run.returncode == 0, run
    return repo / "_site"


def test_the_site_says_who_issued_a_national_list(built: Path) -> None:
    page = (built / "site" / "list" / "national-certificates.html").read_text(encoding="utf-8")
    issuer = re.search(r"<dt>发布机关</dt><dd>(.*?)</dd>", page)
    assert issuer and re.sub(r"<[^>]+>", "", issuer.group(1)) == ISSUER, page[:3000]  # each body kept whole
    assert "<dt>适用范围</dt><dd>全国适用</dd>" in page, page[:3000]
    place = (built / "site" / "place" / f"{BEIJING}.html").read_text(encoding="utf-8")
    assert f"（{ISSUER}发布，全国适用）" in place  # the note above the inherited national list
    assert '<span class="tag tag-inherited">全国适用</span>' in place
    assert "全国发布" not in place and "继承自全国</span>" not in place
    # the province list is issued by the province's department; the breadcrumb goes 全国 › 北京市 › 东城区 …
    assert "（示例省民政厅发布）" in (built / "site" / "place" / "980102001001.html").read_text(encoding="utf-8")
    assert re.search(r"全国</a> › <a [^>]*>北京市</a> › <a [^>]*>东城区</a>", place), place[:2000]


def test_the_workbook_says_a_national_list_applies_nationwide(built: Path) -> None:
    import openpyxl

    sheet = openpyxl.load_workbook(built / "xlsx" / "national-certificates.xlsx").active
    assert sheet is not None
    meta = str(sheet["A2"].value)
    assert f"发布机关：{ISSUER}" in meta and "适用范围：全国适用" in meta, meta


@pytest.mark.skipif(
    importlib.util.find_spec("typst") is None or shutil.which("pdftotext") is None,
    reason="needs typst (pip install 'qingdan[pdf]') and poppler-utils",
)
def test_the_pdf_masthead_says_who_issued_a_national_list(tmp_path: Path) -> None:
    repo = copy(tmp_path / "repo")
    run = invoke(["build", "--only", "pdf"], repo)
    assert run.returncode == 0, run

    def text(name: str, *pages: str) -> str:
        out = subprocess.run(
            ["pdftotext", *pages, str(repo / "_site" / "pdf" / name), "-"], capture_output=True, text=True, check=True
        ).stdout
        return re.sub(r"\s+", "", out)

    first = text("national-certificates.pdf", "-f", "1", "-l", "1")
    assert ISSUER.replace(" ", "") in first and "（全国适用）" in first, first
    compilation = text(f"place-{BEIJING}.pdf")
    assert f"上级清单{ISSUER.replace(' ', '')}发布，全国适用" in compilation, compilation[:2000]
    assert "全国发布" not in compilation
