"""The rule table: every rule's stable id, default severity and the function that checks it.

Rules with no function are reported while a file is read (YAML, encoding, schema). The table names
each function by its module so that reading it costs nothing: a run with nothing changed never
imports the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from qingdan.model import Finding
    from qingdan.repository import Repository


class Rule(NamedTuple):
    id: str
    severity: str
    check: str | None  # "module.function" under qingdan.rules, imported when the rule first runs
    title: str  # one line, Chinese; docs/rules.md has the full explanation

    def run(self, repo: Repository) -> Iterable[Finding]:
        if self.check is None:
            return ()
        module, function = self.check.rsplit(".", 1)
        found: Iterable[Finding] = getattr(import_module(f"qingdan.rules.{module}"), function)(repo)
        return found


RULES: tuple[Rule, ...] = (
    Rule("yaml-syntax", "error", None, "YAML 语法错误"),
    Rule("duplicate-key", "error", None, "同一层出现重复的键"),
    Rule("encoding", "error", None, "文件不是 UTF-8 编码（如 GBK）"),
    Rule("document-shape", "error", None, "空文件、顶层不是映射、多个文档或无法读取"),
    Rule("resource-limit", "error", None, "嵌套过深、别名炸弹、文件过大"),
    Rule("yaml11-ambiguous", "warning", None, "在 YAML 1.1 中含义不同的值（yes/no/on/off、前导零）"),
    Rule("schema", "error", None, "不符合清单格式（JSON Schema）"),
    Rule("duplicate-id", "error", "identity.duplicate_id", "事项编号重复"),
    Rule("unknown-jurisdiction", "error", "references.unknown_jurisdiction", "引用的区划不存在"),
    Rule("unknown-department", "error", "references.unknown_department", "引用的部门不存在"),
    Rule("unknown-admission", "error", "references.unknown_admission", "引用的准入记录不存在"),
    Rule("jurisdiction-code", "error", "jurisdictions.jurisdiction_code", "区划代码与层级、上级不一致"),
    Rule("certificate-conflict", "error", "certificates.conflict", "本级允许出具的证明被本级或上级列为不得出具"),
    Rule(
        "certificate-conflict-fuzzy",
        "warning",
        "certificates.conflict_fuzzy",
        "允许出具的证明与上级不得出具的证明名称相似",
    ),
    Rule("forbidden-not-restated", "warning", "certificates.not_restated", "上级不得出具的证明未在本级重申"),
    Rule("duty-on-negative-list", "error", "negative.on_negative_list", "事项在本级或上级负面清单中"),
    Rule("duty-negative-fuzzy", "warning", "negative.negative_fuzzy", "事项与负面清单事项相似"),
    Rule("assist-without-admission", "error", "admission.without_admission", "社区协助事项没有准入记录"),
    Rule("admission-not-valid", "error", "admission.not_valid", "准入记录未准入、已到期或不适用于本社区"),
    Rule("admission-not-started", "warning", "admission.not_started", "准入记录尚未生效（事项已列入社区清单）"),
    Rule(
        "assist-without-resources",
        "error",
        "resources.without_resources",
        "协助事项缺少经费或权限（费随事转、权随责走）",
    ),
    Rule("missing-legal-basis", "error", "legal_basis.missing", "事项缺少法律依据"),
    Rule("catch-all-item", "warning", "legal_basis.catch_all", "兜底条款（“其他……”）"),
    Rule("near-duplicate", "warning", "near_duplicate.near_duplicate", "同一区划同类清单中名称近似的事项"),
    Rule("list-expired", "warning", "validity.list_expired", "清单已过失效日期"),
    Rule("waiver-expired", "warning", None, "豁免已到期"),
    # holidays.yaml (issue 19)
    Rule("holidays-date", "error", "holidays.dates", "节假日文件中的日期不存在、不在所属年份，或同一天既放假又上班"),
    Rule("holidays-disagree", "error", "holidays.disagree", "节假日文件与日历库对同一年的安排不一致"),
    Rule("holidays-year-unknown", "warning", "holidays.year_unknown", "今年或（11 月 1 日起）明年的节假日安排还不知道"),
)

BY_ID = {rule.id: rule for rule in RULES}
