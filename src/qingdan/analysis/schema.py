"""The Parquet dataset's schema, versioned: which tables, which columns, their types and what they mean.

This is the one definition: the exporter builds its Arrow schemas from it, ``qingdan query`` types its empty
tables with it, and docs/analysis.md lists the same columns (a test holds them together). A change that
renames or retypes a column raises SCHEMA_VERSION; adding a column at the end does not (readers use
``union_by_name``).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from qingdan.errors import UsageError
from qingdan.vocabulary import LIST_KINDS

SCHEMA_VERSION = 1
VERSION_KEY = b"qingdan.schema_version"
TABLE_KEY = b"qingdan.table"
PARTITION = "province"  # hive-style folder: <table>/province=42/<source>@<snapshot>.parquet


class Column(NamedTuple):
    name: str
    type: str  # string, int32, bool, date32, timestamp, list<string>
    doc: str  # what it holds (Chinese, as the documentation shows it)


# Every table starts with where its rows come from: which repository, which state of it.
SNAPSHOT = (
    Column("source", "string", "来源：导出的仓库（默认为仓库最上一级清单的区划代码，可用 --source 指定）"),
    Column("snapshot", "string", "快照：提交号前 12 位；工作区有未提交的修改时加 -dirty；不在 git 中为 worktree"),
    Column("snapshot_date", "date32", "快照日期：提交日期；有未提交的修改或不在 git 中时为导出当天"),
    Column("commit", "string", "完整提交号（不在 git 中为空）"),
    Column("commit_time", "timestamp", "提交时间（UTC）"),
    Column("dirty", "bool", "lists/ 有未提交的修改：导出的是工作区的内容"),
)
# The place a row belongs to: its code, the chain of codes and names above it, and each level by name.
PLACE = (
    Column("jurisdiction", "string", "区划代码（12 位统计用区划代码）"),
    Column("jurisdiction_name", "string", "区划名称（jurisdictions.yaml 中的名称）"),
    Column("level", "string", "层级：national、province、city、district、street、community"),
    Column("chain_codes", "list<string>", "从上到下的区划代码链（全国为 000000000000，仓库中有时才列入）"),
    Column("chain_names", "list<string>", "与 chain_codes 对应的名称（仓库中没有的区划为空）"),
    Column("province_code", "string", "所在省级区划代码"),
    Column("province_name", "string", "所在省级区划名称"),
    Column("city_code", "string", "所在市级区划代码"),
    Column("city_name", "string", "所在市级区划名称"),
    Column("district_code", "string", "所在区县代码"),
    Column("district_name", "string", "所在区县名称"),
    Column("street_code", "string", "所在街道乡镇代码"),
    Column("street_name", "string", "所在街道乡镇名称"),
    Column("community_code", "string", "所在社区村代码"),
    Column("community_name", "string", "所在社区村名称"),
)
ITEM = (
    *SNAPSHOT,
    Column("kind", "string", "清单类型：duties、negative、certificates、seal、admissions"),
    Column("file", "string", "清单文件（相对仓库根目录）"),
    Column("position", "int32", "在清单中的序号（从 1 起）"),
    Column("list_title", "string", "清单标题"),
    Column("list_issuer", "string", "发布机关"),
    Column("list_doc_number", "string", "文号"),
    Column("list_version", "string", "版本，如 2023版、第一批"),
    Column("list_effective", "date32", "清单施行日期"),
    Column("list_expires", "date32", "清单失效日期"),
    *PLACE,
    Column("id", "string", "事项编号"),
    Column("name", "string", "事项名称（核心名称）"),
    Column("aliases", "list<string>", "别名（涵盖的同类名称）"),
    Column("qualifiers", "list<string>", "限定语（用途、范围、条件）"),
    Column("category", "string", "类别"),
    Column("content", "string", "事项内容"),
    Column("department", "string", "主管部门"),
    Column("owner", "string", "承担主体（职责清单）"),
    Column("role", "string", "承担方式（职责清单）：依法履职、协助政府工作、主体责任、配合"),
    Column("stance", "string", "出具意见（证明事项清单）：allowed 可以出具、forbidden 不得出具"),
    Column("admission", "string", "准入记录编号（职责清单的协助事项）"),
    Column("status", "string", "准入状态（准入记录）：admitted、rejected、revoked、pending"),
    Column("applicant", "string", "申请部门（准入记录）"),
    Column("applied", "date32", "申请日期（准入记录）"),
    Column("decided", "date32", "决定日期（准入记录）"),
    Column("valid_from", "date32", "有效期起（准入记录）"),
    Column("valid_until", "date32", "有效期止（准入记录）"),
    Column("targets", "list<string>", "准入适用的区划代码（准入记录）"),
    Column("legal_basis", "list<string>", "法律依据，每条一项（《…》第…条 文号）"),
    Column("has_funding", "bool", "写明了经费保障（费随事转）"),
    Column("has_powers", "bool", "写明了权限保障（权随责走）"),
    Column("has_staffing", "bool", "写明了人员保障"),
)
JURISDICTION = (
    *SNAPSHOT,
    Column("file", "string", "区划文件（相对仓库根目录）"),
    *PLACE,
    Column("declared_level", "string", "文件中写的层级：省、市、区、街道、社区、村 …"),
    Column("aliases", "list<string>", "别名"),
    Column("parent_code", "string", "上一级区划代码"),
)
FINDING = (
    *SNAPSHOT,
    Column("file", "string", "问题所在文件"),
    Column("line", "int32", "行（从 1 起；0 为整个文件）"),
    Column("column", "int32", "列（从 1 起）"),
    Column("rule", "string", "规则编号（docs/rules.md）"),
    Column("severity", "string", "级别：error、warning、info"),
    Column("item", "string", "事项编号"),
    Column("message_zh", "string", "说明（中文）"),
    Column("message_en", "string", "说明（英文）"),
    Column("waived", "bool", "已豁免"),
    Column("jurisdiction", "string", "问题所在清单的区划代码"),
    Column("province_code", "string", "所在省级区划代码"),
)

ITEM_TABLES = tuple(LIST_KINDS)  # one table per list kind, all with the ITEM columns
TABLES: dict[str, tuple[Column, ...]] = {
    **{kind: ITEM for kind in ITEM_TABLES},
    "jurisdictions": JURISDICTION,
    "findings": FINDING,
}


def arrow() -> Any:
    """pyarrow, or a usage error naming the extra that brings it."""
    try:
        import pyarrow
    except ImportError:
        raise UsageError("analysis-needs-extra", module="pyarrow") from None
    return pyarrow


def arrow_schema(table: str) -> Any:
    """The Arrow schema of ``table``, with the schema version and the table's name in its metadata."""
    pa = arrow()
    types = {
        "string": pa.string(),
        "int32": pa.int32(),
        "bool": pa.bool_(),
        "date32": pa.date32(),
        "timestamp": pa.timestamp("s", tz="UTC"),
        "list<string>": pa.list_(pa.string()),
    }
    fields = [pa.field(c.name, types[c.type]) for c in TABLES[table]]
    return pa.schema(fields, metadata={VERSION_KEY: str(SCHEMA_VERSION).encode(), TABLE_KEY: table.encode()})
