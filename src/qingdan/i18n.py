"""Message catalogues. Every user-facing sentence lives here, in Chinese (default) and English."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from qingdan import vocabulary

LANGS = ("zh", "en")


class Phrase(NamedTuple):
    """A catalogue sentence used as an argument of another, rendered in the reader's language when the
    outer sentence is (a schema problem inside a review check, a finding inside an error)."""

    key: str
    args: Mapping[str, Any] = {}  # shared and read-only (Mapping): no phrase writes it


# key → (zh, en)
MESSAGES: dict[str, tuple[str, str]] = {
    # loading
    "yaml-syntax": ("YAML 语法错误：{detail}", "YAML syntax error: {detail}"),
    "yaml-tab": (
        "这里用 Tab 键缩进了，YAML 只能用空格缩进（{detail}）",
        "this line is indented with a tab; YAML indents with spaces only ({detail})",
    ),
    "yaml-unclosed-quote": (
        "这里的引号没有关上，后面的内容都被当成了这段文字（{detail}）",
        "this quote is never closed, so everything after it became part of the text ({detail})",
    ),
    "yaml-colon": (
        "这里不应出现“键: 值”：可能是缩进不对，或文字里的冒号后面多了空格（{detail}）",
        "a 'key: value' is not allowed here: the indentation is off, or a colon inside text is followed by a space ({detail})",
    ),
    "yaml-no-colon": (
        "这里缺少“键: 值”中的冒号，或冒号后面少了空格（{detail}）",
        "a colon is missing here, or the space after it ({detail})",
    ),
    "yaml-tab-indent": (
        "这里用 Tab 键（制表符）缩进了，YAML 的缩进只能用半角空格",
        "this line is indented with a tab; YAML indents with half-width spaces only",
    ),
    "yaml-fullwidth-space": (
        "这里是全角空格（{code}，中文输入法打出的空格），YAML 的缩进、“-”和“:”后面只能用半角空格",
        "this is a full-width space ({code}, typed by a Chinese input method); YAML indents, and separates '-' and ':' from what follows, with half-width spaces only",
    ),
    "yaml-fullwidth-colon": (
        "“{key}”后面是全角冒号“：”（{code}），YAML 只认半角冒号：应写成“{key}: 值”",
        "'{key}' is followed by a full-width colon '：' ({code}); YAML only knows the half-width colon: write '{key}: value'",
    ),
    "yaml-fullwidth-dash": (
        "列表项以“{char}”（{code}）开头，YAML 的列表项要以半角短横“-”加一个空格开头",
        "this list entry starts with '{char}' ({code}); a YAML list entry starts with a half-width hyphen '-' and a space",
    ),
    "word-yaml-bad-start": ("这里有 YAML 不能识别的字符", "found a character that cannot start any token"),
    "word-yaml-tab": ("这里有 Tab 字符", "found a tab character"),
    "word-yaml-end": ("到了文件末尾", "found the end of the file"),
    "word-yaml-mapping-values": ("这里不允许“键: 值”", "mapping values are not allowed here"),
    "word-yaml-no-colon": ("找不到“:”", "could not find the expected ':'"),
    "word-yaml-no-key": ("这一行的缩进与上面的键对不齐", "did not find the expected key (the indentation is off)"),
    "word-yaml-no-dash": ("列表中间出现了不以“- ”开头的行", "did not find the expected '-' of a list entry"),
    "word-yaml-no-content": ("这里缺少值", "did not find the expected value"),
    "word-yaml-no-bracket": ("方括号 [ ] 没有关上，或缺少逗号", "did not find the expected ',' or ']'"),
    "word-yaml-no-brace": ("花括号 {{ }} 没有关上，或缺少逗号", "did not find the expected ',' or '}}'"),
    "word-yaml-dash-here": ("这里不允许以“- ”开头的列表项", "a list entry ('- ') is not allowed here"),
    "word-yaml-escape": (
        "双引号里的反斜杠“\\”后面不是有效的转义",
        "an unknown escape after a backslash inside double quotes",
    ),
    "word-yaml-document-start": ("“...”之后又有内容", "content after the document end '...'"),
    "word-yaml-control": ("这里有不可见的控制字符", "a control character that is not allowed"),
    "word-yaml-directive": ("以“%”开头的行不是有效的 YAML 指令", "a line starting with '%' is not a valid directive"),
    "word-yaml-block-scalar": ("“|”或“>”后面的写法不对", "a block scalar ('|' or '>') is written wrongly"),
    "word-yaml-anchor": ("“&”或“*”后面的名称不对", "the name after '&' or '*' is wrong"),
    "word-yaml-tag": ("“!”开头的标签写法不对", "a tag starting with '!' is written wrongly"),
    "word-yaml-other": ("其他写法问题", "another syntax problem"),
    "word-file-jurisdictions": ("区划表", "jurisdictions"),
    "word-file-departments": ("部门表", "departments"),
    "references-unchecked": (
        "这份{kind}没有读取成功，{count} 处引用它的内容无法核对（没有逐条报告）",
        "this {kind} file could not be read, so {count} {count?reference|references} to it could not be checked (not reported one by one)",
    ),
    "yaml-tag": (
        "不支持 YAML 标签 {tag}，该值按文字处理",
        "YAML tag {tag} is not supported; the value is read as text",
    ),
    "duplicate-key": (
        "键“{key}”在同一层重复出现，前面的值被覆盖",
        "key '{key}' appears twice at this level; the earlier value is lost",
    ),
    "encoding-gbk": ("文件是 GBK/GB18030 编码，不是 UTF-8", "the file is GBK/GB18030-encoded, not UTF-8"),
    "encoding-unknown": (
        "文件不是有效的 UTF-8 文本，此处有无法识别的字节",
        "the file is not valid UTF-8; an unreadable byte is here",
    ),
    "encoding-utf16": ("文件是 UTF-16 编码，不是 UTF-8", "the file is UTF-16-encoded, not UTF-8"),
    "document-empty": ("文件是空的", "the file is empty"),
    "document-not-mapping": (
        "文件顶层应是“键: 值”的映射，而不是列表或单个值",
        "the top level must be a mapping of keys, not a list or a single value",
    ),
    "document-multiple": (
        "一个文件只能有一个 YAML 文档，“---”之后的内容被忽略",
        "one file holds one YAML document; everything after '---' is ignored",
    ),
    "resource-depth": (
        "嵌套超过 {limit} 层，停止读取此文件",
        "nesting deeper than {limit} {limit?level|levels}; the file was not read further",
    ),
    "resource-aliases": (
        "别名（&/*）展开后超过 {limit} 个节点，疑似“别名炸弹”，停止读取此文件",
        "aliases (&/*) expand to more than {limit} {limit?node|nodes} (an alias bomb); the file was not read further",
    ),
    "resource-complex-key": ("键必须是文字，不能是列表或映射", "keys must be text, not lists or mappings"),
    "resource-size": (
        "文件有 {size} MB，超过上限 {limit} MB，未读取",
        "the file is {size} MB, over the {limit} MB limit; not read",
    ),
    "yaml11-ambiguous": (
        "“{value}”在其他 YAML 工具中会被读成布尔值或数字，本工具按文字处理",
        "'{value}' reads as a boolean or number in other YAML tools; qingdan reads it as text",
    ),
    "file-unreadable": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    # schema
    "schema-required": ("缺少必填字段“{field}”（{title}）", "required field '{field}' ({title}) is missing"),
    "schema-type": (
        "“{field}”（{title}）应为{expected}，实际是{actual}",
        "'{field}' ({title}) should be {expected}, not {actual}",
    ),
    "schema-enum": (
        "“{field}”（{title}）的值“{value}”不在允许范围内：{allowed}",
        "'{field}' ({title}): '{value}' is not one of {allowed}",
    ),
    "schema-additional": ("未知字段“{field}”", "unknown field '{field}'"),
    "schema-pattern": ("“{field}”（{title}）的格式不正确：“{value}”", "'{field}' ({title}) is malformed: '{value}'"),
    "schema-length": ("“{field}”（{title}）的长度不符合要求", "'{field}' ({title}) has the wrong length"),
    "schema-unique": ("“{field}”（{title}）中有重复的值", "'{field}' ({title}) holds a value twice"),
    "schema-kind": (
        "未知的清单类型 kind: “{value}”，应为 {allowed}",
        "unknown list kind '{value}'; expected one of {allowed}",
    ),
    "schema-other": (
        "“{field}”（{title}）不符合格式要求：{detail}",
        "'{field}' ({title}) does not match the format: {detail}",
    ),
    # references and ids
    "duplicate-id": ("编号“{id}”重复，已在 {other} 使用", "id '{id}' is used twice; also at {other}"),
    "unknown-jurisdiction": (
        "区划代码 {code} 不在 jurisdictions.yaml 中",
        "jurisdiction code {code} is not in jurisdictions.yaml",
    ),
    "unknown-department": (
        "部门“{name}”不在 departments.yaml 中（按名称和别名查找）",
        "department '{name}' is not in departments.yaml (names and aliases)",
    ),
    "unknown-admission": ("准入记录“{ref}”不存在", "admission record '{ref}' does not exist"),
    "jurisdiction-code-level": (
        "区划“{name}”的层级“{level}”与代码 {code} 不符，代码表示{expected}",
        "jurisdiction '{name}': level '{level}' does not fit code {code}, which is a {expected} code",
    ),
    "jurisdiction-code-parent": (
        "区划“{name}”（{code}）的上级 {parent} 不在 jurisdictions.yaml 中",
        "the parent {parent} of '{name}' ({code}) is not in jurisdictions.yaml",
    ),
    "jurisdiction-code-duplicate": ("区划代码 {code} 重复出现", "jurisdiction code {code} appears twice"),
    "jurisdiction-code-malformed": (
        "区划代码 {code} 不合规：{zero}（第 {zero_digits} 位）为零，其后的{later}（第 {later_digits} 位）却不为零",
        "jurisdiction code {code} is malformed: the {zero} (digits {zero_digits}) is zero but the {later} after it (digits {later_digits}) is not",
    ),
    # chain rules
    "certificate-conflict": (
        "证明“{name}”在本级允许出具，但{level_name}的{document}（{other_file}:{other_line}）将“{other_name}”列为不得出具",
        "certificate '{name}' is allowed here but {level_name} forbids '{other_name}' in {document} ({other_file}:{other_line})",
    ),
    "certificate-conflict-fuzzy": (
        "证明“{name}”与{level_name}的{document}（{other_file}:{other_line}）不得出具的“{other_name}”相似（相似度 {similarity}）",
        "certificate '{name}' resembles '{other_name}', forbidden by {level_name} in {document} ({other_file}:{other_line}; similarity {similarity})",
    ),
    "certificate-conflict-contains": (
        "证明“{name}”包含{level_name}的{document}（{other_file}:{other_line}）不得出具的“{other_name}”",
        "certificate '{name}' contains '{other_name}', forbidden by {level_name} in {document} ({other_file}:{other_line})",
    ),
    "forbidden-not-restated": (
        "{level}（{level_name}）的{document}不得出具的证明“{name}”（{other_file}:{other_line}）未在本级证明清单中重申",
        "'{name}' ({other_file}:{other_line}), forbidden at {level} level by {level_name} in {document}, is not restated in this certificate list",
    ),
    "forbidden-not-restated-near": (
        "{level}（{level_name}）的{document}不得出具的证明“{name}”（{other_id}，{other_file}:{other_line}）未在本级证明清单中按原名重申；可能已以“{near_name}”（{near_id}）列入",
        "'{name}' ({other_id}, {other_file}:{other_line}), forbidden at {level} level by {level_name} in {document}, is not restated under that name; it may be listed here as '{near_name}' ({near_id})",
    ),
    "duty-on-negative-list": (
        "事项“{name}”属于{level_name}的负面清单{document}中的“{other_name}”（{other_file}:{other_line}）",
        "item '{name}' is on the negative list of {level_name}, {document}, as '{other_name}' ({other_file}:{other_line})",
    ),
    "duty-negative-contains": (
        "事项“{name}”包含{level_name}的负面清单{document}中的“{other_name}”（{other_file}:{other_line}）",
        "item '{name}' contains '{other_name}' from the negative list of {level_name}, {document} ({other_file}:{other_line})",
    ),
    "duty-negative-fuzzy": (
        "事项“{name}”与{level_name}的负面清单{document}中的“{other_name}”（{other_file}:{other_line}）相似（相似度 {similarity}）",
        "item '{name}' resembles '{other_name}' on the negative list of {level_name}, {document} ({other_file}:{other_line}; similarity {similarity})",
    ),
    "assist-without-admission": (
        "社区协助政府工作事项“{name}”没有准入记录",
        "community assist item '{name}' has no admission record",
    ),
    "admission-status": (
        "事项“{name}”引用的准入记录 {ref} 状态为“{status}”，不是已准入",
        "item '{name}' relies on admission record {ref}, whose status is '{status}', not admitted",
    ),
    "admission-not-started": (
        "事项“{name}”引用的准入记录 {ref} 要到 {date} 才生效",
        "item '{name}' relies on admission record {ref}, which only takes effect on {date}",
    ),
    "admission-expired": (
        "事项“{name}”引用的准入记录 {ref} 已于 {date} 到期",
        "item '{name}' relies on admission record {ref}, which expired on {date}",
    ),
    "admission-target": (
        "准入记录 {ref} 的适用范围不包括本社区（{jurisdiction}）",
        "admission record {ref} does not cover this community ({jurisdiction})",
    ),
    "assist-without-resources": ("协助政府工作事项“{name}”缺少{missing}", "assist item '{name}' lacks {missing}"),
    "missing-legal-basis": (
        "事项“{name}”没有法律依据（legal_basis）",
        "item '{name}' has no legal basis (legal_basis)",
    ),
    "catch-all-item": ("事项“{name}”是兜底条款，内容不具体", "item '{name}' is a catch-all and says nothing specific"),
    "near-duplicate-same": (
        "事项“{name}”与同一区划同类清单中的“{other_name}”（{other_id}）名称相同",
        "item '{name}' has the same name as '{other_name}' ({other_id}) in the same jurisdiction and kind",
    ),
    "near-duplicate": (
        "事项“{name}”与同一区划同类清单中的“{other_name}”（{other_id}）名称近似（相似度 {similarity}）",
        "item '{name}' is close to '{other_name}' ({other_id}) in the same jurisdiction and kind (similarity {similarity})",
    ),
    "waiver-expired": (
        "对规则 {waived_rule} 的豁免已于 {date} 到期，不再生效",
        "the waiver of rule {waived_rule} expired on {date} and no longer applies",
    ),
    "list-expired": ("清单已于 {date} 失效", "the list expired on {date}"),
    # words used inside messages
    "word-funding": ("经费保障（funding）", "funding"),
    "word-powers": ("权限保障（powers）", "powers"),
    "word-and": ("和", " and "),
    "status-None": ("未填写", "not given"),
    "type-string": ("文字", "text"),
    "type-integer": ("整数", "an integer"),
    "type-number": ("数字", "a number"),
    "type-boolean": ("是/否", "true/false"),
    "type-array": ("列表", "a list"),
    "type-object": ("映射（键: 值）", "a mapping"),
    "type-null": ("空值", "empty"),
    # diff
    "change-added": ("新增", "added"),
    "change-removed": ("删除", "removed"),
    "change-modified": ("修改", "modified"),
    "change-renamed": ("改名", "renamed"),
    "change-moved": ("移动", "moved"),
    "change-id-changed": ("编号变更", "id changed"),
    "change-formatting": ("仅格式", "formatting only"),
    "label-@worktree": ("工作区", "working tree"),
    "diff-title": ("清单变更：{old} → {new}", "List changes: {old} → {new}"),
    "diff-none": ("没有变更。", "No changes."),
    "diff-unreadable": (
        "无法读取 {path}（YAML 有误？请先运行 qingdan validate），其中的事项未参与比较",
        "cannot read {path} (bad YAML? run qingdan validate); its items were not compared",
    ),
    "diff-headers-only": (
        "没有事项变更；{count} 份清单的信息（标题、文号、日期、版本）有变更。",
        "No item changed; the header (title, number, dates, version) of {count} {count?list|lists} changed.",
    ),
    "diff-summary": ("{total} 项变更：{parts}", "{total} {total?change|changes}: {parts}"),
    "diff-counts": ("事项数量", "Item counts"),
    "diff-headers": ("清单信息变更", "List header changes"),
    "diff-formatting-hidden": (
        "另有 {count} 项仅格式变更（全角半角、空格、标点），加 --all 显示。",
        "{count} more formatting-only changes (width, spacing, punctuation); --all shows them.",
    ),
    "col-jurisdiction": ("区划", "jurisdiction"),
    "col-kind": ("清单类型", "list"),
    "col-before": ("变更前", "before"),
    "col-after": ("变更后", "after"),
    "col-delta": ("增减", "change"),
    "col-id": ("编号", "id"),
    "col-change": ("变更", "change"),
    "col-old": ("原内容", "old"),
    "col-new": ("新内容", "new"),
    "col-field": ("字段", "field"),
    "git-missing": ("没有找到 git 命令", "git is not installed"),
    "git-failed": ("git {command} 失败：{detail}", "git {command} failed: {detail}"),
    "git-not-repository": ("{path} 不在 git 仓库中", "{path} is not inside a git repository"),
    "git-bad-revision": ("git 中没有版本“{rev}”", "unknown git revision '{rev}'"),
    "git-no-merge-base": ("{a} 和 {b} 没有共同的祖先版本", "{a} and {b} have no common ancestor"),
    "diff-args": (
        "参数应为：无、一个版本、A..B、A...B，或两个目录",
        "give nothing, one revision, A..B, A...B or two folders",
    ),
    "log-none": ("没有找到编号为 {id} 的事项的历史", "no history found for item {id}"),
    # init
    "init-city-code": (
        "{code} 不是市级区划代码：市级代码形如 430100000000（后 8 位为 0，第 3–4 位不为 0）；直辖市用省级代码，例如北京 110000000000",
        "{code} is not a city-level code: a city code looks like 430100000000 (last 8 digits zero, digits 3–4 not); a municipality uses its province-level code, e.g. 110000000000 for Beijing",
    ),
    "init-exists": (
        "{path} 中已经有清单仓库（qingdan.toml 或 lists/），没有写入任何文件",
        "{path} already holds a list repository (qingdan.toml or lists/); nothing was written",
    ),
    "init-done": (
        "已在 {path} 中写入 {count} 个文件。下一步：cd 进入该目录，运行 qingdan validate。",
        "wrote {count} {count?file|files} in {path}. Next: cd into it and run qingdan validate.",
    ),
    # import / export
    "import-old-format": (
        "{path} 是旧版或其他软件的表格格式，不能直接导入：请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（*.xlsx）”或“CSV UTF-8”后再导入",
        "{path} is an older or other program's spreadsheet format: open it in Excel or WPS and save it as an Excel workbook (*.xlsx) or CSV UTF-8, then import that",
    ),
    "import-not-xlsx": (
        "{path} 不是有效的 .xlsx 工作簿（可能是改了扩展名的旧版 .xls 文件，或文件已损坏）：请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（*.xlsx）”后再导入",
        "{path} is not a valid .xlsx workbook (perhaps an old .xls file renamed, or a damaged file): open it in Excel or WPS and save it as an Excel workbook (*.xlsx), then import that",
    ),
    "import-file-type": (
        "无法导入 {path}：只支持 {allowed} 文件",
        "cannot import {path}: only {allowed} files are supported",
    ),
    "import-sheet-csv": ("CSV 文件没有工作表，不能使用 --sheet", "a CSV file has no sheets; --sheet does not apply"),
    "import-sheet": (
        "工作簿中没有工作表“{sheet}”，已有：{allowed}",
        "the workbook has no sheet '{sheet}'; it has: {allowed}",
    ),
    "import-encoding": (
        "无法按 {encoding} 读取文件：请在 Excel 或 WPS 中另存为“CSV UTF-8”",
        "cannot read the file as {encoding}: save it from Excel or WPS as 'CSV UTF-8'",
    ),
    "import-unreadable": ("无法打开表格 {path}：{detail}", "cannot open the spreadsheet {path}: {detail}"),
    "import-no-header": (
        "前 {rows} 行中没有找到表头（需要有“事项名称”或“名称”等列）；可用 --map 列名=name 指定",
        "no header row in the first {rows} {rows?row|rows} (a column such as 事项名称 is needed); name it with --map COLUMN=name",
    ),
    "import-map-syntax": (
        "--map 的写法应为 列名=字段，例如 --map 证明材料名称=name，而不是“{value}”",
        "--map takes COLUMN=field, e.g. --map 证明材料名称=name, not '{value}'",
    ),
    "import-map-field": (
        "--map 中的字段“{value}”不存在，可选：{allowed}",
        "--map: there is no field '{value}'; choose one of {allowed}",
    ),
    "import-id-prefix": (
        "编号前缀“{value}”只能由字母、数字和 - _ . 组成",
        "id prefix '{value}' may hold only letters, digits and - _ .",
    ),
    "import-exists": ("{path} 已存在；要覆盖请加 --force", "{path} already exists; add --force to overwrite it"),
    "import-stance-kind": (
        "--stance 只用于证明事项清单（--kind certificates）",
        "--stance applies to certificate lists only (--kind certificates)",
    ),
    "import-stance": (
        "--stance 应为 allowed（可以出具）或 forbidden（不得出具），而不是“{value}”",
        "--stance is allowed or forbidden, not '{value}'",
    ),
    "import-role-kind": ("--role 只用于职责清单（--kind duties）", "--role applies to duty lists only (--kind duties)"),
    "import-column-unknown": ("列名不认识", "unknown column name"),
    "import-column-duplicate": (
        "与前面的列对应同一字段，未导入",
        "maps to the same field as an earlier column; not imported",
    ),
    "import-column-kind": ("这类清单没有这个字段，未导入", "this kind of list has no such field; not imported"),
    "import-row-above-header": ("表头上方的说明", "a note above the header"),
    "import-row-group-header": (
        "表头的上一层（分组表头），各列按下一行的列名导入",
        "the upper layer of a two-row header; columns are read by the row below",
    ),
    "import-row-heading": ("分组标题行", "a section heading"),
    "import-row-no-name": ("没有事项名称", "no item name"),
    "import-read": (
        "读取 {source}（{where}），表头在第 {row} 行，标题：{title}",
        "read {source} ({where}); header in row {row}; title: {title}",
    ),
    "import-where-sheet": ("工作表“{sheet}”", "sheet '{sheet}'"),
    "import-where-csv": ("编码 {encoding}", "encoding {encoding}"),
    "import-columns": ("列：{columns}", "columns: {columns}"),
    "import-column-ignored": ("忽略", "ignored"),
    "import-unmapped-column": (
        "未导入的列 {letter}“{header}”：{reason}",
        "column {letter} '{header}' not imported: {reason}",
    ),
    "import-unmapped-row": ("未导入第 {row} 行（{reason}）：{text}", "row {row} not imported ({reason}): {text}"),
    "import-blank-rows": ("跳过空行：第 {rows} 行", "blank rows skipped: {rows}"),
    "import-formula": (
        "第 {row} 行 {column} 列是公式 {text}：按公式文字导入，未计算，请核对",
        "row {row}, column {column} holds the formula {text}: imported as that text, not calculated; please check",
    ),
    "import-split": (
        "第 {row} 行“{cell}”拆为名称“{name}”和别名：{aliases}",
        "row {row}: '{cell}' split into the name '{name}' and aliases: {aliases}",
    ),
    "import-qualifiers": (
        "第 {row} 行“{cell}”括号中的“{qualifiers}”是限定（用途、范围或条件），不是别名：名称“{name}”，限定写入 qualifiers",
        "row {row}: '{qualifiers}' in the brackets of '{cell}' qualifies the item (purpose, scope, condition), it is no alias: name '{name}', qualifiers in 'qualifiers'",
    ),
    "import-ids": ("新编号 {count} 个：{first} … {last}", "{count} new ids: {first} … {last}"),
    "import-written": ("已写入 {path}：{items} 个事项。", "wrote {path}: {items} {items?item|items}."),
    "import-forced": (
        "已按 --force 写入 {path}（{items} 个事项），但它没有通过检查。",
        "wrote {path} ({items} {items?item|items}) because of --force, although it does not pass the checks.",
    ),
    "import-refused": (
        "未写入 {path}：导入结果没有通过检查（见上）。改正表格后重新导入，或加 --force 强制写入。",
        "did not write {path}: the result does not pass the checks (above). Fix the table and import again, or add --force.",
    ),
    "export-unreadable": ("无法读取（请先运行 qingdan validate）", "unreadable (run qingdan validate)"),
    "export-kind": ("这类文件不导出为表格", "this kind of file is not exported as a table"),
    "export-written": ("{source} → {target}（{items} 个事项）", "{source} → {target} ({items} {items?item|items})"),
    "export-dropped": (
        "    表格中没有的字段未导出：{fields}",
        "    fields a table does not hold were left out: {fields}",
    ),
    "export-skipped": ("跳过 {source}：{reason}", "skipped {source}: {reason}"),
    "export-summary": ("已导出 {count} 份清单。", "exported {count} {count?list|lists}."),
    # admission review, decisions and find (issue 6)
    "calendar-unknown-year": (
        "{year} 年的法定节假日和调休安排未知（日历库已知 {known} 年）：请在清单仓库根目录的 {file} 中补上 {year} 年的放假和调休日期（格式见 docs/review.md），或改正日期",
        "the public holidays and make-up working days of {year} are unknown (the calendar knows {known}): add {year} to {file} at the repository root (format in docs/review.md), or correct the date",
    ),
    "calendar-file-invalid": (
        "节假日文件 {file} 有误：{detail}（格式见 docs/review.md）",
        "the holiday file {file} is invalid: {detail} (format in docs/review.md)",
    ),
    "calendar-too-far": (
        "期限 {count} 天太长，请检查日期",
        "a period of {count} {count?day|days} is too long; check the dates",
    ),
    "request-unreadable": (
        "无法读取申请文件 {file}（第 {line} 行第 {column} 列）：{detail}",
        "cannot read the request {file} (line {line}, column {column}): {detail}",
    ),
    "request-kind": (
        "{file} 不是准入申请：申请文件应写 kind: request（可用 qingdan review --template 生成）",
        "{file} is not an admission request: it needs kind: request (qingdan review --template writes one)",
    ),
    "review-threshold": (
        "--threshold 应在 0 到 100 之间，而不是 {value}",
        "--threshold must be between 0 and 100, not {value}",
    ),
    "request-none": (
        "请给出申请文件，或用 --template 输出空白申请",
        "name a request file, or print a blank one with --template",
    ),
    "find-unknown-place": (
        "找不到区划“{place}”：请写 jurisdictions.yaml 中的名称或 12 位代码",
        "no jurisdiction '{place}': use a name or 12-digit code from jurisdictions.yaml",
    ),
    "find-empty": ("请写要查的证明或事项名称", "name the certificate or work item to look up"),
    "find-everywhere": ("所有区划", "all jurisdictions"),
    "find-question": ("“{query}”在 {place}：", "'{query}' in {place}: "),
    "find-answer-forbidden": ("不得出具 / 不得交给社区", "forbidden: the community must refuse it"),
    "find-answer-allowed": ("可以（列在清单中）", "allowed (it is on the lists)"),
    "find-answer-unknown": (
        "清单中没有同名事项，不能据此答复；下面的相关事项名称不同，请核对后再答复，或咨询街道",
        "no item of this name on the lists, so no answer; the related items below have other names: check them, or ask the street office",
    ),
    "find-answer-unlisted": (
        "清单中没有找到相关事项。未列入清单的证明事项，社区原则上不予出具；请向要求提供证明的单位确认是否确需此证明",
        "nothing on the lists matches. A certificate that is not listed is as a rule not issued by the community; ask whoever wants it whether it is really needed",
    ),
    "find-answer-allowed-since": (
        "自 {date} 起可以（准入生效后）",
        "allowed from {date} (when its admission takes effect)",
    ),
    "find-answer-allowed-until": ("可以（准入有效期至 {date}）", "allowed (its admission runs until {date})"),
    "find-related": (
        "相关事项，请核对（名称不同，不作为答复）：",
        "Related items to check (other names, not an answer):",
    ),
    "find-validity": ("准入有效期：{since} 至 {until}", "admission valid {since} to {until}"),
    "find-how-alias": ("（别名“{matched}”）", " (alias '{matched}')"),
    "find-how-core": (
        "（按清单名称及其括号中列出的名称判断；括号中的用途、条件不影响判断）",
        " (by the listed name and the names in its brackets; purposes and conditions in brackets do not change it)",
    ),
    "find-how-synonym": ("（“{via}”即清单中的“{matched}”）", " ('{via}' is what the lists call '{matched}')"),
    "find-how-contains": (
        "（名称与所查文字互相包含，相似度 {similarity}）",
        " (one name contains the other, similarity {similarity})",
    ),
    "find-how-typo": (
        "（名称只差一两个字，相似度 {similarity}，是否写错？）",
        " (a character or two apart, similarity {similarity}: a typo?)",
    ),
    "find-how-similar": ("（名称相似，相似度 {similarity}）", " (similar name, similarity {similarity})"),
    "find-alternative": ("替代办法：{text}", "instead: {text}"),
    "find-basis": ("依据：{text}", "basis: {text}"),
    "find-stance-certificates-forbidden": ("不得出具的证明", "certificate, forbidden"),
    "find-stance-certificates-allowed": ("可以出具的证明", "certificate, allowed"),
    "find-stance-negative-forbidden": ("负面清单", "negative list"),
    "find-stance-duties-allowed": ("职责清单", "duty list"),
    "find-stance-seal-allowed": ("用印范围", "seal use"),
    "decision-no-targets": (
        "申请没有写适用范围（targets），无法确定写入哪份准入记录和哪些社区清单",
        "the request has no targets, so there is no admissions list or community list to write to",
    ),
    "decision-no-admissions": (
        '{place}及其上级没有准入记录清单（kind: admissions），准入记录无处可写：请新建 {file}，写上 format: 1、kind: admissions、jurisdiction: "{code}"、title: {title}、issuer: （审批机构）和 items: []，再用 --id 指定第一条记录的编号重新运行',
        'there is no admissions list (kind: admissions) for {place} or above it, so the record has nowhere to go: create {file} with format: 1, kind: admissions, jurisdiction: "{code}", title: {title}, issuer: (the deciding body) and items: [], then run again with --id naming the first record',
    ),
    "decision-id-needed": (
        "无法从 {file} 已有的编号推出新编号，请用 --id 指定",
        "cannot derive a new id from those in {file}; give one with --id",
    ),
    "decision-id-taken": ("编号 {id} 已被使用", "id {id} is already used"),
    "decision-already": (
        "{file} 已经作出决定（准入记录 {record}），不能重复记录",
        "{file} was already decided (admission record {record})",
    ),
    "decision-unknown-record": ("准入记录 {id} 不存在", "there is no admission record {id}"),
    "decision-not-admitted": (
        "准入记录 {id} 的状态是“{status}”，只有已准入的记录才能撤销",
        "admission record {id} is '{status}'; only admitted records can be revoked",
    ),
    "decision-reason-needed": (
        "审核没有发现问题，不予准入时请用 --reason 写明理由",
        "the review found no problem: give the reason for rejecting with --reason",
    ),
    "decision-invalid": (
        "写入后的清单没有通过检查，已全部恢复原样：{detail}",
        "the edited lists do not validate, so every file was put back: {detail}",
    ),
    "decision-refused": (
        "审核结论不是准入，没有写入任何文件；确需准入（例如审批机构另有决定）请加 --force",
        "the review does not admit the request, so nothing was written; add --force if the deciding body decided otherwise",
    ),
    # text written into list files (official documents: Chinese in both languages)
    "decision-revoked-comment": (
        "准入记录 {record} 已于 {date} 撤销（{reason}）：本事项应退出社区清单",
        "准入记录 {record} 已于 {date} 撤销（{reason}）：本事项应退出社区清单",
    ),
    "placement-admissions-title": ("{name}社区工作事项准入记录", "{name}社区工作事项准入记录"),
    "placement-assist-title": (
        "{name}{committee}依法协助政府工作事项清单",
        "{name}{committee}依法协助政府工作事项清单",
    ),
    "placement-version": ("{year}版", "{year}版"),
    "placement-notes": (
        "由 qingdan admit 根据准入记录 {record} 于 {date} 新建；正式印发后请补上文号（doc_number）并核对生效日期。",
        "由 qingdan admit 根据准入记录 {record} 于 {date} 新建；正式印发后请补上文号（doc_number）并核对生效日期。",
    ),
    "config-detail-code": ("[{section}]：应为 12 位区划代码", "[{section}]: must be a 12-digit division code"),
    "config-detail-text": ("{key}：应为 1–100 个字的文字", "{key}: must be text of 1–100 characters"),
    "decision-admitted": ("已准入：准入记录 {record}", "admitted: admission record {record}"),
    "decision-rejected": ("已记录不予准入：准入记录 {record}", "rejection recorded: admission record {record}"),
    "decision-revoked": ("已撤销准入记录 {record}", "admission record {record} revoked"),
    "decision-item": ("  {place}：{file} 新增 {id}", "  {place}: {file} gains {id}"),
    "decision-marked": (
        "  {place}：{file} 的 {id} 依赖该记录，已加注释；请将其退出清单（qingdan validate 会报告）",
        "  {place}: {id} in {file} relies on it and was marked; take it off the list (qingdan validate reports it)",
    ),
    "decision-file": ("  写入 {file}", "  wrote {file}"),
    "review-title": ("准入审核：{file}", "admission review: {file}"),
    "review-item": (
        "事项：{name}（{applicant}，{applied} 申请）",
        "work item: {name} ({applicant}, applied {applied})",
    ),
    "review-recorded": ("已作出决定，准入记录 {record}", "decided; admission record {record}"),
    "review-verdict": ("结论：", "verdict: "),
    "verdict-admit": ("准入（admit）", "admit (准入)"),
    "verdict-reject": ("不予准入（reject）", "reject (不予准入)"),
    "verdict-incomplete": ("需补正（incomplete）", "incomplete (需补正)"),
    "review-via-alias": ("（“{alias}”是它的别名）", " ('{alias}' is one of its aliases)"),
    "review-evidence": ("依据：", "evidence: "),
    "review-similarity": ("（相似度 {value}）", " (similarity {value})"),
    "review-column-message": ("说明", "explanation"),
    "review-deadlines": (
        "期限（按工作日计算，已扣除法定节假日、计入调休上班日；规则：提前 {lead} 个工作日申请，{decision} 个工作日内决定，期限不超过 {years} 年，来源：{source}）",
        "time limits (working days, public holidays and make-up working days included; rules: apply {lead} working days ahead, decide within {decision}, at most {years} {years?year|years}; from: {source})",
    ),
    "review-latest": (
        "  最晚申请日：{date}（开始日期 {start} 前第 {days} 个工作日）",
        "  latest application date: {date} ({days} working days before the start on {start})",
    ),
    "review-earliest": (
        "  按申请日期最早可开始：{date}（申请后第 {days} 个工作日）",
        "  earliest start for this application: {date} ({days} working days after it)",
    ),
    "review-due": (
        "  决定期限：{date}（申请后第 {days} 个工作日）",
        "  decision due: {date} ({days} working days after the application)",
    ),
    "review-days-left": ("  截至 {today} 还剩 {days} 个工作日", "  {days} working days left as of {today}"),
    "review-days-overdue": (
        "  截至 {today} 已超过决定期限 {days} 个工作日",
        "  {days} working days past the decision due date as of {today}",
    ),
    "word-default-policy": ("默认（公开做法）", "default (published practice)"),
    "review-format-pass": ("申请文件格式正确", "the request file is well-formed"),
    "review-format-fail": ("第 {line} 行第 {column} 列：{detail}", "line {line}, column {column}: {detail}"),
    "review-materials-pass": (
        "申请材料齐全：申请部门、联系人、事项内容、适用范围、法律依据、经费、权限、人员和起止日期都已写明",
        "the application is complete: applicant, contact, content, targets, legal basis, funding, powers, staffing and dates are all given",
    ),
    "review-materials-missing": ("缺少申请材料：{missing}", "materials missing: {missing}"),
    "review-funding-parts": (
        "经费保障（费随事转）要写明每年金额（amount）和经费来源（source），缺少：{missing}",
        "funding must state the yearly amount and its source; missing: {missing}",
    ),
    "review-funding-text": (
        "经费保障只写了一段文字：请写成 amount（每年金额，元）和 source（来源），便于核对",
        "funding is free text; give amount (yuan a year) and source so it can be checked",
    ),
    "review-references-pass": (
        "申请部门“{applicant}”已登记；适用社区：{places}",
        "applicant '{applicant}' is registered; communities: {places}",
    ),
    "review-unknown-applicant": (
        "申请部门“{applicant}”不在 departments.yaml 中：请使用登记的部门全称或别名",
        "applicant '{applicant}' is not in departments.yaml: use a registered name or alias",
    ),
    "review-unknown-target": (
        "适用范围中的区划代码 {code} 不在 jurisdictions.yaml 中",
        "target code {code} is not in jurisdictions.yaml",
    ),
    "review-no-community": (
        "适用范围 {place}（{code}）下没有登记的社区",
        "there is no registered community under the target {place} ({code})",
    ),
    "review-negative-pass": (
        "与负面清单（{places}）中的事项不相同、不相似",
        "not the same as or similar to any negative-list item ({places})",
    ),
    "review-negative-exact": (
        "“{name}”就是{level_name}负面清单{doc}中的“{other_name}”（{other_id}）{via}：负面清单中的工作不得交给社区承担",
        "'{name}' is '{other_name}' ({other_id}) on the negative list of {level_name} {doc}{via}: such work must not be put on communities",
    ),
    "review-negative-contains": (
        "“{name}”包含{level_name}负面清单{doc}中的“{other_name}”（{other_id}）：请确认是否属于不得交给社区的工作",
        "'{name}' contains '{other_name}' ({other_id}) from the negative list of {level_name} {doc}: check whether it is work communities must not be given",
    ),
    "review-negative-fuzzy": (
        "“{name}”与{level_name}负面清单{doc}中的“{other_name}”（{other_id}）相似（相似度 {similarity}）：请确认是否是同一工作",
        "'{name}' resembles '{other_name}' ({other_id}) on the negative list of {level_name} {doc} (similarity {similarity}): check whether it is the same work",
    ),
    "review-certificate-pass": (
        "不是本级或上级（{places}）列为社区不得出具的证明",
        "not a certificate that communities must refuse ({places})",
    ),
    "review-certificate-exact": (
        "“{name}”是{level_name}列为社区不得出具的证明“{other_name}”{via}（{other_id}，{doc}）：社区不得出具。替代办法：{alternative}",
        "'{name}' is the certificate '{other_name}' ({other_id}, {doc}) that {level_name} forbids communities to issue{via}. Instead: {alternative}",
    ),
    "review-certificate-contains": (
        "“{name}”包含{level_name}不得出具的证明“{other_name}”（{other_id}，{doc}）：请确认是否是同一证明",
        "'{name}' contains the certificate '{other_name}' ({other_id}, {doc}) forbidden by {level_name}: check whether it is the same",
    ),
    "review-certificate-fuzzy": (
        "“{name}”与{level_name}不得出具的证明“{other_name}”（{other_id}）相似（相似度 {similarity}）：请确认是否是同一证明",
        "'{name}' resembles '{other_name}' ({other_id}), forbidden by {level_name} (similarity {similarity}): check whether it is the same",
    ),
    "review-duplicate-pass": (
        "目标社区（{places}）的清单和已准入记录中没有相同或相似的事项",
        "no same or similar item on the lists or admitted records of {places}",
    ),
    "review-duplicate-exact": (
        "该事项已在{level_name}的清单中，编号 {other_id}“{other_name}”（{doc}）：无需重复申请准入；如需调整，请申请修改原事项",
        "this work is already on the list of {level_name} as {other_id} '{other_name}' ({doc}): no new admission is needed; apply to change that item instead",
    ),
    "review-duplicate-contains": (
        "事项名称包含{level_name}清单中已有的“{other_name}”（{other_id}）：请确认是否重复",
        "the name contains '{other_name}' ({other_id}), already on the list of {level_name}: check for a duplicate",
    ),
    "review-duplicate-fuzzy": (
        "与{level_name}清单中已有的 {other_id}“{other_name}”相似（相似度 {similarity}）：请确认是否重复申请",
        "resembles {other_id} '{other_name}' already on the list of {level_name} (similarity {similarity}): check for a duplicate",
    ),
    "review-duplicate-record-exact": (
        "已有准入记录 {other_id}“{other_name}”（{doc}）：无需重复申请准入",
        "admission record {other_id} '{other_name}' ({doc}) already covers this: no new admission is needed",
    ),
    "review-duplicate-record-contains": (
        "事项名称包含已准入的 {other_id}“{other_name}”：请确认是否重复申请",
        "the name contains the admitted {other_id} '{other_name}': check for a duplicate",
    ),
    "review-duplicate-record-fuzzy": (
        "与已准入的 {other_id}“{other_name}”相似（相似度 {similarity}）：请确认是否重复申请",
        "resembles the admitted {other_id} '{other_name}' (similarity {similarity}): check for a duplicate",
    ),
    "review-validity-pass": (
        "期限 {start} 至 {end}，不超过 {max_years} 年",
        "period {start} to {end}, within {max_years} {max_years?year|years}",
    ),
    "review-validity-long": (
        "期限 {start} 至 {end} 超过允许的 {max_years} 年（{source}）：请缩短期限，到期后重新申请",
        "period {start} to {end} is longer than the {max_years} {max_years?year|years} allowed ({source}): shorten it and apply again when it ends",
    ),
    "review-validity-order": (
        "结束日期 {end} 早于开始日期 {start}",
        "the end date {end} is before the start date {start}",
    ),
    "review-lead-pass": (
        "{applied} 申请，不晚于最晚申请日 {latest}（开始日期 {start} 前 {days} 个工作日）",
        "applied on {applied}, no later than {latest} ({days} working days before the start on {start})",
    ),
    "review-lead-late": (
        "申请晚了：开始日期 {start} 须在 {latest} 前申请（提前 {days} 个工作日）；按 {applied} 的申请，最早可于 {earliest} 开始，请推迟开始日期",
        "applied too late: a start on {start} needs an application by {latest} ({days} working days ahead); applied on {applied}, the work can start on {earliest} at the earliest: move the start date",
    ),
    "review-lead-order": (
        "申请日期 {applied} 晚于开始日期 {start}：事项不得先进入社区再申请准入",
        "the application ({applied}) is after the start ({start}): work may not enter a community before it is admitted",
    ),
    "review-lead-emergency": (
        "紧急事项（{reason}）：免于提前 {days} 个工作日申请，事后仍须补办准入手续",
        "emergency ({reason}): exempt from applying {days} working days ahead; the admission must still be completed afterwards",
    ),
    # admission review follow-up (issue 6): banned work found in the content, request field labels, new 协助 lists
    "word-comma": ("、", ", "),
    "word-field-id": ("申请编号", "request number"),
    "word-field-applicant": ("申请部门", "applying department"),
    "word-field-contact": ("联系人", "contact person"),
    "word-field-applied": ("申请日期", "date of application"),
    "word-field-name": ("事项名称", "name of the work"),
    "word-field-aliases": ("别名", "other names"),
    "word-field-content": ("事项内容", "description of the work"),
    "word-field-category": ("事项类别", "kind of work"),
    "word-field-community_role": ("社区承担方式", "community's role"),
    "word-field-targets": ("适用范围", "target communities"),
    "word-field-legal_basis": ("法律依据", "legal basis"),
    "word-field-funding": ("经费保障", "funding for the work"),
    "word-field-powers": ("权限保障", "powers given with the work"),
    "word-field-staffing": ("人员保障", "staff provided with the work"),
    "word-field-start": ("开始日期", "start date"),
    "word-field-end": ("结束日期", "end date"),
    "word-field-emergency": ("紧急事由", "emergency reason"),
    "word-field-notes": ("备注", "notes"),
    "word-field-record": ("准入记录", "admission record"),
    "word-field-funding.amount": ("每年金额", "yearly amount"),
    "word-field-funding.source": ("经费来源", "source of the money"),
    "word-field-contact.name": ("姓名", "name"),
    "word-field-contact.phone": ("电话", "phone"),
    "review-material": ("{label}（{field}）", "{label} ({field})"),
    "word-ban-investment": ("招商引资", "attracting investment (招商引资)"),
    "word-ban-tax": ("协税护税", "tax collection (协税护税)"),
    "word-ban-revenue": ("经济创收", "revenue generation (经济创收)"),
    "word-ban-enforcement": ("执法", "law enforcement (执法)"),
    "word-ban-demolition": ("拆迁拆违", "demolition and removal of illegal buildings (拆迁拆违)"),
    "word-ban-urban": ("城市管理", "urban management (城市管理)"),
    "word-ban-environment": ("环境整治", "environmental clean-up (环境整治)"),
    "review-banned-pass": (
        "名称、类别和事项内容中没有禁止交给社区的工作（招商引资、协税护税、经济创收指标；社区牵头执法、拆迁拆违、环境整治、城市管理；另行考核评比）",
        "name, category and content show no work banned for communities (investment, tax and revenue targets; the community leading enforcement, demolition, clean-ups or urban management; separate assessments)",
    ),
    "review-banned-named": (
        "{field}“{words}”属于{term}：{basis} 已取消社区的招商引资、协税护税、经济创收等任务指标，此类工作不得交给社区",
        "the {field} '{words}' is {term}: {basis} abolished investment, tax and revenue targets for communities; such work must not be given to them",
    ),
    "review-banned-quota": (
        "{field}中“{words}”是给社区下达{term}的“{cue}”：{basis} 已取消社区的招商引资、协税护税、经济创收等任务指标，此类工作不得交给社区",
        "the {field} says '{words}': a target ('{cue}') for {term} set on the community. {basis} abolished investment, tax and revenue targets for communities; such work must not be given to them",
    ),
    "review-banned-mention": (
        "{field}中“{words}”提到{term}：社区不得承担{term}的任务、指标或考核（{basis}）；请确认没有给社区下达指标，或删去这部分内容",
        "the {field} mentions {term} ('{words}'): a community may not be given tasks, quotas or assessments for it ({basis}); make sure none is set, or take this part out",
    ),
    "review-banned-lead": (
        "{field}中“{words}”由社区“{cue}”{term}：{basis} 规定社区不得作为执法、拆迁拆违、环境整治、城市管理的责任主体；应由部门牵头，社区只能协助",
        "the {field} puts the community in charge ('{cue}') of {term}: '{words}'. Under {basis} a community may not be responsible for enforcement, demolition, environmental clean-ups or urban management; a department leads, the community may only assist",
    ),
    "review-banned-role": (
        "社区承担方式（community_role）写的是“牵头”，而事项涉及{term}：{basis} 规定社区不得牵头执法、拆迁拆违、环境整治、城市管理；请改为协助，由部门牵头",
        "community_role is 牵头 (lead) while the work involves {term}: under {basis} a community may not lead enforcement, demolition, environmental clean-ups or urban management; make it 协助 (assist) with a department in the lead",
    ),
    "review-banned-assist": (
        "{field}中“{words}”：社区只是“{cue}”{term}，不是责任主体，可以（{basis} 只禁止社区牵头）",
        "the {field} says '{words}': the community only assists ('{cue}') with {term} and is not responsible for it, which is allowed ({basis} only bans the community leading it)",
    ),
    "review-banned-other-lead": (
        "{field}中“{words}”：{term}由部门“{cue}”，社区不是责任主体（{basis}）",
        "the {field} says '{words}': a department, not the community, is in charge ('{cue}') of {term} ({basis})",
    ),
    "review-banned-assist-unnamed": (
        "{field}中“{words}”：社区“{cue}”{term}，只能协助（如发现报告），不能作为责任主体（{basis}）；请写明由哪个部门牵头",
        "the {field} says '{words}': the community assists ('{cue}') with {term}; it may only assist (e.g. report), never be responsible ({basis}): name the department that leads",
    ),
    "review-banned-unclear": (
        "{field}中“{words}”涉及{term}，但没有写清社区是协助还是牵头：社区不能作为{term}的责任主体（{basis}）；请在事项内容中写明由哪个部门牵头、社区协助做什么",
        "the {field} involves {term} ('{words}') without saying whether the community assists or leads: it may not be responsible for {term} ({basis}); say in the content which department leads and how the community assists",
    ),
    "review-banned-assessed": (
        "{field}中“{words}”要对社区“{cue}”：准入事项由申请部门落实保障，不得另行对社区考核、评比、排名（{basis}）",
        "the {field} says '{words}': the community would be assessed ('{cue}'); admitted work may not be the subject of a separate assessment, rating or ranking of the community ({basis})",
    ),
    "review-banned-assessment-mention": (
        "{field}中“{words}”提到“{cue}”：如果是对社区考核评比，不得准入（{basis}）；若考核的是其他对象，请写清楚",
        "the {field} mentions '{cue}' ('{words}'): if the community is to be assessed, the request cannot be admitted ({basis}); if something else is assessed, say so",
    ),
    "review-column-status": ("结果", "result"),
    "review-column-rule": ("检查项", "check"),
    "review-summary": (
        "{failed} 项不通过，{warned} 项警告，{passed} 项通过",
        "{failed} failed, {warned} {warned?warning|warnings}, {passed} passed",
    ),
    "decision-invalid-finding": ("{file}:{line} {message}", "{file}:{line} {message}"),
    "decision-new-assist-list": (
        "  {place}：还没有协助政府工作事项清单，已新建 {file}（发文机关 {issuer}；正式印发后请补上文号 doc_number）",
        "  {place}: had no list of assist items; created {file} (issuer {issuer}; add the document number doc_number once it is issued)",
    ),
    # build: site, PDF and Excel (issue 5)
    "build-invalid": (
        "检查未通过，没有生成发布文件；原有的输出保持不变。",
        "the checks failed; nothing was published and the previous output is unchanged.",
    ),
    "build-warnings": (
        "检查通过，有 {warnings} 个警告（qingdan validate 可查看）。",
        "the checks passed with {warnings} {warnings?warning|warnings} (see qingdan validate).",
    ),
    "build-written": (
        "{format}：{files} 个文件，{size}，在 {path}",
        "{format}: {files} {files?file|files}, {size}, in {path}",
    ),
    "build-format-html": ("网站", "site"),
    "build-format-pdf": ("PDF", "PDF"),
    "build-format-xlsx": ("Excel", "Excel"),
    "build-done": (
        "已发布 {lists} 份清单（{items} 个事项，{places} 个区划）到 {path}",
        "published {lists} {lists?list|lists} ({items} {items?item|items}, {places} {places?place|places}) to {path}",
    ),
    "build-open": ("网站首页：{path}（可直接用浏览器打开）", "site home page: {path} (open it in a browser)"),
    "build-pdf-missing": (
        "没有安装 PDF 组件（typst、pikepdf）：请运行 pip install 'qingdan[pdf]'，或用 --only html,xlsx 不生成 PDF",
        "the PDF extra (typst, pikepdf) is not installed: run pip install 'qingdan[pdf]', or leave PDF out with --only html,xlsx",
    ),
    "build-pdf-skipped": (
        "没有安装 PDF 组件（typst、pikepdf），本次未生成 PDF；安装 qingdan[pdf] 后即可生成。",
        "the PDF extra (typst, pikepdf) is not installed, so no PDFs were made; install qingdan[pdf] to get them.",
    ),
    "build-missing-glyphs": (
        "PDF 字体中没有 {count} 个字：{chars}。出现在：{where}。请用 --font-dir 指定含有这些字的字体目录（可重复），或改正文字；暂不生成 PDF 可用 --only html,xlsx。没有写入任何文件",
        "the PDF fonts lack {count} character(s): {chars}. They occur in: {where}. Add a folder of fonts that have them with --font-dir (repeatable), or correct the text; to publish without PDFs for now, use --only html,xlsx. Nothing was written",
    ),
    "build-out-foreign": (
        "输出目录 {path} 已有其他文件，不是 qingdan build 生成的：为免覆盖，没有写入。请换一个目录（--out）或先清空它",
        "the output folder {path} holds other files that qingdan build did not write; nothing was written to avoid replacing them. Choose another folder (--out) or empty it",
    ),
    "build-out-not-folder": ("输出位置 {path} 是一个文件，不是目录", "the output {path} is a file, not a folder"),
    "progress-building": ("生成发布文件", "publishing"),
    # build: PDF fonts and Excel (issue 5, part C)
    "font-dir-missing": ("字体目录 {path} 不存在", "the font folder {path} does not exist"),
    "font-unreadable": ("无法读取字体文件 {path}：{detail}", "cannot read the font file {path}: {detail}"),
    "pdf-render": ("PDF 排版失败：{detail}", "typesetting a PDF failed: {detail}"),
    # command-line
    "summary": (
        "{files} 个文件，{items} 个事项：{errors} 个错误，{warnings} 个警告，{infos} 个提示，{waived} 个已豁免",
        "{files} {files?file|files}, {items} {items?item|items}: {errors} {errors?error|errors}, {warnings} {warnings?warning|warnings}, {infos} {infos?note|notes}, {waived} waived",
    ),
    "clean": ("检查通过。", "All checks passed."),
    "error-prefix": ("错误", "error"),
    "progress-reading": ("读取清单文件", "reading list files"),
    "path-missing": ("路径不存在：{path}", "no such path: {path}"),
    "no-lists": ("在 {path} 中没有找到清单文件（lists/**/*.yaml）", "no list files (lists/**/*.yaml) found in {path}"),
    "config-invalid": ("配置文件 {path} 有误：{detail}", "configuration {path} is invalid: {detail}"),
    "config-severity": (
        "配置文件 {path}：规则 {rule} 的级别“{value}”无效，应为 error、warning、info 或 off",
        "configuration {path}: '{value}' is not a valid level for rule {rule} (error, warning, info, off)",
    ),
    "config-unknown-rule": ("配置文件 {path}：未知规则 {rule}", "configuration {path}: unknown rule {rule}"),
    "bad-date": ("日期“{value}”无效，应为 YYYY-MM-DD", "'{value}' is not a date (YYYY-MM-DD)"),
    "unknown-kind": ("未知的类型“{kind}”，可选：{allowed}", "unknown kind '{kind}'; choose one of {allowed}"),
    "unknown-format": ("未知的输出格式“{value}”，可选：{allowed}", "unknown format '{value}'; choose one of {allowed}"),
    "internal-error": (
        "内部错误：{detail}。请加 --debug 重新运行并把输出报告给维护者。",
        "internal error: {detail}. Run again with --debug and report the output.",
    ),
    # branch national: the national level, 直辖市, what is wrong with a code, who issued a list
    "word-segment-province": ("省级段", "province segment"),
    "word-segment-city": ("市级段", "city segment"),
    "word-segment-district": ("区县段", "district segment"),
    "word-segment-street": ("街道乡镇段", "street segment"),
    "word-segment-community": ("社区村段", "community segment"),
    "schema-code-problem-length": (
        "“{field}”（区划代码）应为 12 位数字，“{value}”是 {length} 位",
        "'{field}' (jurisdiction code) must have 12 digits; '{value}' has {length}",
    ),
    "schema-code-problem-digits": (
        "“{field}”（区划代码）只能由数字组成，“{value}”中有“{chars}”",
        "'{field}' (jurisdiction code) may hold digits only; '{value}' contains '{chars}'",
    ),
    "jurisdiction-code-national": (
        "区划“{name}”的层级“{level}”与代码 {code} 不符：该代码的层级应为{expected}；国家级（全国）只用代码 000000000000、层级“国家”",
        "jurisdiction '{name}': level '{level}' does not fit code {code}, whose level is {expected}; the nation (全国) is code 000000000000 with level 国家",
    ),
    "jurisdiction-code-parent-municipality": (
        "区划“{name}”（{code}）在直辖市{municipality}中，但{municipality}（{parent}）不在 jurisdictions.yaml 中",
        "'{name}' ({code}) is in the municipality {municipality}, but {municipality} ({parent}) is not in jurisdictions.yaml",
    ),
    "init-municipality": (
        "{city}是直辖市，按省级单位建库：区直接列在 {code} 之下（例如 {example}），不需要 {middle} 这一级。",
        "{city} is a municipality, the province-level unit: list its districts right below {code} (e.g. {example}); the level {middle} is not needed.",
    ),
    "init-province-missing": (
        "请用 --province 写明省级名称，例如 --province 湖南省（直辖市可以省略）",
        "name the province with --province, e.g. --province 湖南省 (a municipality may leave it out)",
    ),
    # issue19 (branch issue19): holidays.yaml, qingdan holidays import, validate's calendar rules
    "calendar-file-kind": (
        "第 {line} 行第 {column} 列：kind 应为 holidays",
        "line {line}, column {column}: kind must be holidays",
    ),
    "calendar-file-problem": ("第 {line} 行第 {column} 列：{problem}", "line {line}, column {column}: {problem}"),
    "holidays-date-invalid": ("日期“{value}”不存在", "there is no date '{value}'"),
    "holidays-date-year": (
        "{date} 不属于 {year} 年（一年的安排只能列该年的日子，或上一年 12 月跨年放假、上班的日子）",
        "{date} is not in {year} (a year lists its own days, or days of the December before it)",
    ),
    "holidays-date-twice": (
        "{date} 既列为放假又列为调休上班（另见 {year} 年）",
        "{date} is listed both as a holiday and as a working day (see also {year})",
    ),
    "holidays-disagree": (
        "{year} 年有 {count} 天与日历库（chinesecalendar）的安排不一致：{days}",
        "{count} days of {year} disagree with the calendar package (chinesecalendar): {days}",
    ),
    "holidays-day-on": ("{date}（文件：上班，日历库：休息）", "{date} (file: working day, package: day off)"),
    "holidays-day-off": ("{date}（文件：休息，日历库：上班）", "{date} (file: day off, package: working day)"),
    "holidays-year-unknown": (
        "今年（{year} 年）的法定节假日和调休安排未知（日历库已知 {known} 年）：qingdan review 无法计算今年的期限",
        "this year's ({year}) public holidays and make-up working days are unknown (the calendar knows {known}): qingdan review cannot compute this year's deadlines",
    ),
    "holidays-year-unknown-next": (
        "明年（{year} 年）的法定节假日和调休安排未知（日历库已知 {known} 年）：通知公布后运行 qingdan holidays import 通知.txt，写入 {file}",
        "next year's ({year}) public holidays and make-up working days are unknown (the calendar knows {known}): once the notice is published, run qingdan holidays import NOTICE.txt to add it to {file}",
    ),
    "holidays-notice-invalid": (
        "通知 {file} 中有 {count} 处无法识别，没有写入任何文件",
        "{count} places in the notice {file} cannot be read; nothing was written",
    ),
    "holidays-notice-at": ("{file} 第 {line} 行：{problem}", "{file} line {line}: {problem}"),
    "holidays-notice-whole": ("{file}：{problem}", "{file}: {problem}"),
    "holidays-notice-no-title": (
        "找不到标题“国务院办公厅关于××××年部分节假日安排的通知”，无法确定年份：请把通知连同标题一起复制",
        "no title 'Notice of the General Office of the State Council on the arrangement of some holidays in YYYY' (国务院办公厅关于××××年部分节假日安排的通知): copy the notice with its title",
    ),
    "holidays-notice-empty": (
        "没有找到 {year} 年各节日的安排（“一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。”这样的行）",
        "no holiday lines for {year} (lines like '一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。')",
    ),
    "holidays-notice-line": (
        "这一行像是放假安排，但读不出节日名称（应为“一、元旦：……”，节日为元旦、春节、清明节、劳动节、端午节、中秋节、国庆节）",
        "this line looks like an arrangement, but names no festival ('一、元旦：…'; festivals: 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节)",
    ),
    "holidays-notice-sentence": ("读不出“{sentence}”中的日期", "cannot read the dates in '{sentence}'"),
    "holidays-notice-date": ("没有 {date} 这一天", "there is no day {date}"),
    "holidays-notice-weekday": (
        "{date}是{actual}，通知写的是{written}",
        "{date} is a {actual}, the notice says {written}",
    ),
    "holidays-notice-range": (
        "放假的起止日期颠倒或相隔太远：{start} 至 {end}",
        "the holiday's first and last day are reversed or too far apart: {start} to {end}",
    ),
    "holidays-notice-count": (
        "写的是共 {stated} 天，起止日期之间是 {counted} 天",
        "it says {stated} days, but the first and last day span {counted}",
    ),
    "holidays-notice-two-ranges": ("一个节日写了两段放假日期", "two ranges of days off for one festival"),
    "holidays-notice-no-days": ("没有放假日期（应有“……放假”）", "no days off ('…放假')"),
    "holidays-notice-off-and-on": ("{date} 既放假又上班", "{date} is both a day off and a working day"),
    "holidays-notice-twice": ("{date} 已在第 {other} 行出现", "{date} already appears on line {other}"),
    "holidays-notice-encoding": (
        "无法识别通知 {file} 的编码：请另存为 UTF-8 文本",
        "cannot tell the encoding of the notice {file}: save it as UTF-8 text",
    ),
    "holidays-title": ("{year} 年节假日安排：{source}", "Holidays of {year}: {source}"),
    "holidays-festival": ("{name}：{off}放假，共 {days} 天{on}", "{name}: off {off}, {days} days{on}"),
    "holidays-festival-on": ("；{days}上班", "; working {days}"),
    "holidays-range": ("{start}至{end}", "{start} to {end}"),
    "holidays-month": ("{year} 年 {month} 月", "{month}/{year}"),
    "holidays-weekdays": ("一 二 三 四 五 六 日", "Mo Tu We Th Fr Sa Su"),
    "holidays-mark-off": ("休", "H"),
    "holidays-mark-on": ("班", "W"),
    "holidays-legend": (
        "休 = 放假，班 = 调休上班；没有列出的月份只有周末休息。",
        "H = holiday, W = make-up working day; months not shown have only weekends off.",
    ),
    "holidays-totals": (
        "共放假 {off} 天（其中 {weekdays} 天是周一至周五），调休上班 {on} 天。",
        "{off} days off ({weekdays} of them Monday to Friday), {on} make-up working days.",
    ),
    "holidays-package-same": (
        "日历库（chinesecalendar）已有 {year} 年的安排，与通知一致。",
        "The calendar package (chinesecalendar) knows {year} already and agrees with the notice.",
    ),
    "holidays-package-differs": (
        "注意：日历库（chinesecalendar）的 {year} 年安排有 {count} 天与通知不同：{days}。文件以通知为准；qingdan validate 会报告 holidays-disagree。",
        "Note: the calendar package (chinesecalendar) differs from the notice on {count} days of {year}: {days}. The file follows the notice; qingdan validate reports holidays-disagree.",
    ),
    "holidays-replaced": (
        "{file} 中原有 {year} 年的安排，{count} 天有变化：{days}",
        "{file} had {year} already; {count} days change: {days}",
    ),
    "holidays-unchanged": (
        "{file} 中原有的 {year} 年安排与通知相同。",
        "{file} has the same arrangement for {year} already.",
    ),
    "holidays-written": ("已写入 {file}：{year} 年。", "Wrote {year} to {file}."),
    "holidays-kept": ("保留了文件中的其他年份：{years}。", "Kept the file's other years: {years}."),
    "review-banned-enforcers": (
        "{field}中“{words}”：{term}由“{cue}”进行，社区不是责任主体（{basis}）",
        "the {field} says '{words}': {term} is done by '{cue}', the community is not responsible for it ({basis})",
    ),
    "build-renamed": (
        "{count} 份清单的输出文件改了名（旧 → 新；网站的旧网址会转到新网址，PDF 和 Excel 的链接请更新）：",
        "{count} lists' output files have new names (old → new; the site's old addresses lead on to the new ones, update links to PDFs and workbooks):",
    ),
    "build-renamed-one": ("  {source}：{old} → {new}", "  {source}: {old} → {new}"),
    "holidays-write-failed": (
        "无法写入 {file}：{detail}（没有改动）",
        "cannot write {file}: {detail} (nothing changed)",
    ),
    "holidays-dry-run": ("试运行（--dry-run）：没有写入 {file}。", "Dry run (--dry-run): {file} was not written."),
    # hardening branch (issue 14): locks and journal, the repository boundary, exit codes by cause
    "repository-locked": (
        "另一个 qingdan 正在修改本仓库（进程 {pid}）：请等它结束后再运行。仓库：{path}",
        "another qingdan is changing this repository (process {pid}); run again when it has finished. Repository: {path}",
    ),
    "lock-unavailable": (
        "无法创建仓库锁文件 {path}：{detail}",
        "cannot create the repository lock {path}: {detail}",
    ),
    "journal-unreadable": (
        "上次中断的写入留下的记录 {path} 无法读取（{detail}）：请用 git status 核对清单文件后删除它",
        "the record {path} an interrupted write left cannot be read ({detail}); check the lists with git status, then delete it",
    ),
    "path-symlink": ("{path} 是符号链接，为安全起见不使用", "{path} is a symbolic link; not used, for safety"),
    "decision-unreadable": (
        "无法编辑 {file}：{detail}。请先用 qingdan validate 检查并改正该文件",
        "cannot edit {file}: {detail}. Check and correct it with qingdan validate first",
    ),
    "file-outside": (
        "{path} 指向仓库之外（{target}），为安全起见不读取",
        "{path} points outside the repository ({target}); not read, for safety",
    ),
    "file-not-regular": ("{path} 是{what}，不是普通文件，不读取", "{path} is {what}, not a regular file; not read"),
    "file-too-large": (
        "{path} 有 {size} MB，超过上限 {limit} MB，不读取",
        "{path} is {size} MB, over the {limit} MB limit; not read",
    ),
    "file-unreadable-path": ("无法读取 {path}：{detail}", "cannot read {path}: {detail}"),
    "word-file-folder": ("目录", "a folder"),
    "word-file-fifo": ("命名管道（FIFO）", "a named pipe (FIFO)"),
    "word-file-socket": ("套接字", "a socket"),
    "word-file-device": ("设备文件", "a device"),
    "word-file-special": ("特殊文件", "a special file"),
    "output-symlink": (
        "输出位置 {path} 是符号链接（指向 {target}），不写入：请指定一个真实的目录",
        "the output {path} is a symbolic link (to {target}); not written: name a real folder",
    ),
    "output-not-folder": ("输出位置 {path} 是一个文件，不是目录", "the output {path} is a file, not a folder"),
    "output-outside": (
        "{path} 在仓库 {root} 之外（经符号链接），不写入",
        "{path} is outside the repository {root} (through a symbolic link); not written",
    ),
    "interrupted": ("已中断，未完成的写入已撤销。", "Interrupted; unfinished writes were undone."),
    "init-folder": (
        "--folder “{folder}” 不能用：应是 lists/ 下的相对目录名，不含 ..、开头的 / 或 Windows 不允许的名称和字符",
        "--folder '{folder}' cannot be used: name a relative folder under lists/, without .., a leading /, or names and characters Windows forbids",
    ),
    "init-outside": (
        "{path} 已存在或在新仓库 {root} 之外（经符号链接），不写入任何文件",
        "{path} already exists or is outside the new repository {root} (through a symbolic link); nothing was written",
    ),
    "unknown-lang": ("未知的界面语言“{value}”，可选：{allowed}", "unknown language '{value}'; choose one of {allowed}"),
    "os-error": (
        "{path}：{reason}。没有留下写了一半的文件，原有的文件保持不变",
        "{path}: {reason}. Nothing was left half-written; the existing files are unchanged",
    ),
    "os-error-unnamed": (
        "{reason}。没有留下写了一半的文件，原有的文件保持不变",
        "{reason}. Nothing was left half-written; the existing files are unchanged",
    ),
    "os-enospc": ("磁盘已满（或超出配额）", "the disk is full (or the quota is used up)"),
    "os-eacces": ("没有权限", "permission denied"),
    "os-erofs": ("所在的文件系统是只读的", "the file system is read-only"),
    "os-ebusy": ("正被其他程序占用", "it is in use by another program"),
    "os-enoent": ("不存在", "it does not exist"),
    "os-eisdir": ("这是一个目录，不是文件", "it is a folder, not a file"),
    "os-enotdir": ("路径中有一段不是目录", "a part of the path is not a folder"),
    "os-enametoolong": ("文件名太长", "the file name is too long"),
    "os-emfile": ("同时打开的文件太多", "too many files are open"),
    "os-eio": ("读写设备出错（磁盘或网络共享有故障）", "an input/output error (a failing disk or network share)"),
    "os-ebadf": ("标准输出已关闭，结果无处可写", "standard output is closed; there is nowhere to write the result"),
    "os-other": ("{detail}", "{detail}"),
    "build-os-error": (
        "无法写入输出目录 {path}：{reason}。没有生成发布文件，原有的输出保持不变",
        "cannot write the output folder {path}: {reason}. Nothing was published; the previous output is unchanged",
    ),
    "import-csv-field": (
        "{path} 第 {line} 行有一格超过 {limit} 个字符，无法导入；请检查表格（可能引号没有成对）",
        "{path} line {line} has a cell over {limit} characters and cannot be imported; check the table (perhaps a quote is not closed)",
    ),
    "import-csv-broken": (
        "{path} 第 {line} 行无法按 CSV 读取：{detail}",
        "{path} line {line} cannot be read as CSV: {detail}",
    ),
    "import-too-big": (
        "{path} 超过 {rows} 行或 {cells} 个单元格，不导入：请把表格拆分后分别导入",
        "{path} has more than {rows} rows or {cells} cells; not imported: split the table and import the parts",
    ),
    "import-inflated": (
        "{path} 解压后有 {size} MB，超过上限 {limit} MB，不导入（可能不是正常的表格文件）",
        "{path} unzips to {size} MB, over the {limit} MB limit; not imported (it may not be an ordinary workbook)",
    ),
    "import-encrypted": (
        "{path} 设有打开密码（已加密），无法读取：请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再导入",
        "{path} is password-protected (encrypted) and cannot be read: remove the password in Excel or WPS, save as .xlsx and import again",
    ),
    "log-cut": (
        "只查看了最近的 {count} 次提交；更早的变化请加 --max-commits 查看",
        "only the newest {count} commits were read; add --max-commits to see earlier changes",
    ),
    "log-none-cut": (
        "最近的 {count} 次提交中没有事项 {id} 的变化；更早的请加 --max-commits 查看",
        "item {id} did not change in the newest {count} commits; add --max-commits to look further back",
    ),
    "log-max-commits": (
        "--max-commits 应是正整数，不是 {value}",
        "--max-commits must be a positive number, not {value}",
    ),
    "validate-file-checked": ("检查了 {file}", "checked {file}"),
    "serve-started": (
        "预览：{address}（仓库 {folder}；按 Ctrl-C 停止）",
        "Preview: {address} (repository {folder}; Ctrl-C stops it)",
    ),
    "serve-not-local": (
        "注意：预览在 {host} 上监听，同一网络中的其他电脑也能打开",
        "note: the preview listens on {host}; other computers on the network can open it",
    ),
    "serve-stopped": ("预览已停止。", "Preview stopped."),
    "serve-built": (
        "已检查并更新预览（{seconds} 秒）：{errors} 个错误，{warnings} 个警告，{infos} 个提示",
        "Checked and updated the preview ({seconds} s): {errors} errors, {warnings} warnings, {infos} notes",
    ),
    "serve-failed": (
        "检查未通过，预览仍是上一版（{seconds} 秒）：{errors} 个错误，{warnings} 个警告，{infos} 个提示",
        "The check failed; the preview still shows the last good version ({seconds} s): {errors} errors, {warnings} warnings, {infos} notes",
    ),
    "serve-error": ("预览没有更新：{detail}", "The preview was not updated: {detail}"),
    "serve-waiting": (
        "清单网站还没有生成：检查通过后这里会自动打开网站",
        "The site has not been built yet: it opens here once the check passes",
    ),
    "serve-address": (
        "无法在 {host}:{port} 上启动预览：{detail}。换一个端口（--port），或用 --port 0 任选一个",
        "cannot start the preview on {host}:{port}: {detail}. Choose another port (--port), or --port 0 for any free one",
    ),
    "serve-needs-watchfiles": (
        "预览需要 watchfiles 来发现文件的修改：请运行 pip install 'qingdan[serve]'",
        "the preview needs watchfiles to notice changes: run pip install 'qingdan[serve]'",
    ),
    "cli-no-such-option": ("没有选项 {option}", "there is no option {option}"),
    "cli-did-you-mean": ("（是不是 {options}？）", " (did you mean {options}?)"),
    "cli-missing": ("缺少 {name}", "{name} is missing"),
    "cli-bad-value": ("{name} 的值不对：{detail}", "{name} has a wrong value: {detail}"),
    "cli-needs-value": ("选项 {option} 后面要写一个值", "the option {option} needs a value"),
    "cli-no-such-command": ("没有命令“{name}”", "there is no command '{name}'"),
    "cli-extra-arguments": ("多余的参数：{args}", "unexpected extra arguments: {args}"),
    "cli-usage-other": ("用法有误：{detail}", "usage error: {detail}"),
    "cli-see-help": ("用法见 {command} --help", "see {command} --help"),
    "today-env-invalid": (
        "环境变量 {name} 应为日期 YYYY-MM-DD，不是“{value}”",
        "the environment variable {name} must be a date YYYY-MM-DD, not '{value}'",
    ),
    "config-not-table": ("{key}: 应为表 [{key}]", "{key}: should be a table [{key}]"),
    "findings-capped": (
        "本文件还有 {count} 个同类问题（{rule}）未列出，共 {total} 个",
        "{count} more problems of this kind ({rule}) in this file are not listed, {total} in all",
    ),
    "path-is-folder": ("{path} 是一个目录，不是文件", "{path} is a folder, not a file"),
    "decision-lists-unread": (
        "仓库中有清单无法读取（{files}）：请先改正，再记录决定，以免在别处新建重复的清单",
        "some lists of the repository cannot be read ({files}); correct them before recording a decision, so that no duplicate list is made",
    ),
    "build-template": (
        "仓库模板 {where} 出错：{detail}。模板在沙箱中运行，只能使用提供给它的值；原有输出保持不变",
        "the repository template {where} failed: {detail}. Templates run in a sandbox and may only use the values they are given; the previous output is unchanged",
    ),
    # branch ecosystem: init --install-from (pinned installs in CI), baselines, reports for CI tools
    "install-from-missing": (
        "无法确定 CI 中怎样安装 qingdan：当前的 qingdan 不是从一个已推送到远程仓库的 git 提交安装的，而写一个不固定版本的 pip install qingdan 不安全（任何人都可以用这个名字发布软件包）。请用 --install-from 指定来源，例如 --install-from 'git+https://git.example.org/org/qingdan.git@<40 位提交号>'、--install-from 'qingdan==0.1.0'（可加 --hash=sha256:…）或 --install-from vendor/qingdan-0.1.0-py3-none-any.whl",
        "cannot tell how CI should install qingdan: the running qingdan was not installed from a git commit pushed to a remote, and an unpinned 'pip install qingdan' is unsafe (anyone can publish a package under that name). Name the source with --install-from, e.g. --install-from 'git+https://git.example.org/org/qingdan.git@<40-digit commit>', --install-from 'qingdan==0.1.0' (optionally with --hash=sha256:…) or --install-from vendor/qingdan-0.1.0-py3-none-any.whl",
    ),
    "install-from-range": (
        "--install-from “{value}” 没有固定版本：请写 包名==确切版本，例如 qingdan==0.1.0（不要用 >=、~=、* 或只写包名）",
        "--install-from '{value}' is not pinned: write NAME==EXACT-VERSION, e.g. qingdan==0.1.0 (not >=, ~=, * or a bare name)",
    ),
    "install-from-hash": (
        "--install-from “{value}”：版本后面只能跟 --hash=sha256:（64 位十六进制）形式的校验值",
        "--install-from '{value}': after the version only --hash=sha256:<64 hex digits> may follow",
    ),
    "install-from-vcs": (
        "--install-from “{value}” 没有固定到提交：git 地址后面请写 @ 和完整的提交号（40 位十六进制），不要写分支或标签（它们会变）",
        "--install-from '{value}' is not pinned to a commit: end the git URL with @ and the full commit id (40 hex digits), not a branch or tag (they move)",
    ),
    "install-from-vcs-scheme": (
        "--install-from “{value}”：git 地址只能用 https:// 或 ssh://（CI 取不到本机路径，{scheme} 不可用）",
        "--install-from '{value}': a git URL must use https:// or ssh:// (CI cannot reach a local path; {scheme} will not do)",
    ),
    "install-from-credentials": (
        "--install-from 的地址中含有用户名或密码，不能写进 CI 文件：请去掉，改用 CI 的凭据设置（例如 {value}）",
        "the --install-from URL carries a user name or password, which must not be written into CI files: drop it and use the CI's credential settings (e.g. {value})",
    ),
    "install-from-wheel": (
        "--install-from “{value}”：wheel 须是清单仓库内的相对路径（不以 / 开头、不含 ..），文件名形如 qingdan-0.1.0-py3-none-any.whl",
        "--install-from '{value}': a wheel must be a path inside the list repository (relative, no ..), named like qingdan-0.1.0-py3-none-any.whl",
    ),
    "md-findings-header": ("| 级别 | 规则 | 位置 | 事项 | 说明 |", "| severity | rule | place | item | message |"),
    "md-findings-more": (
        "另有 {count} 个问题未列出（见作业日志）。",
        "{count} more findings are not listed (see the job log).",
    ),
    "job-summary-unwritable": (
        "无法写入运行摘要 {path}，问题只显示为注释",
        "cannot write the job summary {path}; findings are shown as annotations only",
    ),
    "summary-baselined": ("，{count} 个已列入基线（未显示）", ", {count} baselined (not shown)"),
    "baseline-missing": (
        "没有找到基线文件 {path}：先运行 qingdan validate --update-baseline 建立基线",
        "baseline file {path} not found: create it first with qingdan validate --update-baseline",
    ),
    "baseline-invalid": (
        "基线文件 {path} 无法读取或格式不对（{detail}）；可以删除它，再运行 qingdan validate --update-baseline 重新建立",
        "baseline file {path} cannot be read or is malformed ({detail}); delete it and run qingdan validate --update-baseline",
    ),
    "baseline-partial": (
        "--update-baseline 要检查整个仓库：不要同时指定个别文件或目录",
        "--update-baseline checks the whole repository: do not name single files or folders with it",
    ),
    "baseline-written": ("已把 {count} 个问题写入基线 {path}", "wrote {count} findings to the baseline {path}"),
    "baseline-stale": (
        "基线 {path} 中有 {count} 个问题已经不再出现（已改正）；运行 qingdan validate --update-baseline 更新基线",
        "{count} findings in the baseline {path} no longer occur (fixed); run qingdan validate --update-baseline to update it",
    ),
    "schema-write-kind": (
        "--write 写入所有类型的模式，不要同时指定类型",
        "--write writes the schemas of all kinds; do not name a kind with it",
    ),
    "schema-write-not-dir": (
        "{path} 不是目录，无法写入模式文件",
        "{path} is not a folder; cannot write the schema files there",
    ),
    "install-from-form": (
        "无法识别 --install-from “{value}”：可写 包名==版本、git+https://…@提交号，或 .whl 文件在仓库中的相对路径",
        "cannot read --install-from '{value}': write NAME==VERSION, git+https://…@COMMIT, or the path of a .whl file in the repository",
    ),
    # branch pdfstd: tagged PDF (PDF/UA-1), PDF/A-2b for archives
    "config-pdf-standard": (
        "build.pdf_standard：应为 {allowed} 之一，不是“{value}”（ua-1 带标签，供读屏软件；a-2b 用于归档；none 不带标签）",
        "build.pdf_standard: must be one of {allowed}, not '{value}' (ua-1 tagged for screen readers; a-2b for archives; none untagged)",
    ),
    "pdf-standard-unknown": (
        "无法识别 --pdf-standard “{value}”：可选 {allowed}（ua-1 带标签，供读屏软件；a-2b 用于归档；none 不带标签）",
        "unknown --pdf-standard '{value}': choose one of {allowed} (ua-1 tagged for screen readers; a-2b for archives; none untagged)",
    ),
}
MESSAGES.update(vocabulary.catalogue())  # kinds, statuses, stances, levels: one definition

HINTS: dict[str, tuple[str, str]] = {
    "yaml-syntax": (
        "检查缩进（用空格，不要用 Tab）、冒号后是否有空格、引号和括号是否成对。",
        "Check indentation (spaces, not tabs), the space after each colon, and that quotes and brackets pair up.",
    ),
    "yaml-tab": (
        "把这一行开头的 Tab 换成空格（建议在编辑器中打开“用空格代替 Tab”）。",
        "Replace the tab at the start of the line with spaces.",
    ),
    "yaml-unclosed-quote": (
        "在文字结尾补上对应的引号，或去掉开头的引号。",
        "Close the quote at the end of the text, or remove the opening quote.",
    ),
    "yaml-colon": (
        "检查这一行和上一行的缩进；文字里有“: ”时给整段文字加引号。",
        "Check this line's indentation; quote text that contains ': '.",
    ),
    "yaml-no-colon": ("写成“键: 值”，冒号后面加一个空格。", "Write 'key: value' with a space after the colon."),
    "yaml-tab-indent": (
        "把行首的 Tab 换成半角空格，与上下行对齐（建议在编辑器中打开“用空格代替 Tab”）；qingdan fix --write 可以自动改正。",
        "Replace the tab at the start of the line with half-width spaces lined up with the lines around it; qingdan fix --write does it for you.",
    ),
    "yaml-fullwidth-space": (
        "删掉全角空格，改打半角空格（按 Shift 切换到英文输入，或把输入法切换成半角）；qingdan fix --write 可以自动改正。",
        "Delete the full-width space and type half-width spaces (switch the input method to English or half-width); qingdan fix --write does it for you.",
    ),
    "yaml-fullwidth-colon": (
        "把“：”换成半角冒号“:”，冒号后面加一个半角空格；qingdan fix --write 可以自动改正。",
        "Replace '：' with a half-width colon ':' followed by a space; qingdan fix --write does it for you.",
    ),
    "yaml-fullwidth-dash": (
        "把“{char}”换成半角短横“-”（英文输入状态下的减号键）；qingdan fix --write 可以自动改正。",
        "Replace '{char}' with a half-width hyphen '-' (the minus key with English input); qingdan fix --write does it for you.",
    ),
    "references-unchecked": (
        "先改正这个文件的语法错误，再次检查时会核对这些引用。",
        "Fix this file's syntax errors first; checking again checks those references.",
    ),
    "yaml-tag": (
        "删除“!”开头的标签，直接写出值；清单文件不需要 YAML 标签。",
        "Remove the tag starting with '!' and write the value itself; list files need no YAML tags.",
    ),
    "admission-not-started": (
        "准入生效之前社区不承担该事项：到生效日期再开始工作；如日期有误，请改正准入记录的 valid_from。",
        "The community does not take the work on before the admission takes effect; correct valid_from if the date is wrong.",
    ),
    "duty-negative-contains": (
        "确认该事项是否属于负面清单中的工作；若不是，请改写名称以免误解。",
        "Check whether the item is work the negative list forbids; if not, reword the name.",
    ),
    "duplicate-key": (
        "删除或合并重复的键；多个事项应写成列表中的多项（每项以“- ”开头）。",
        "Delete or merge the repeated key; several items go in a list, each starting with '- '.",
    ),
    "encoding-gbk": (
        "在记事本或 WPS 中“另存为”，编码选 UTF-8，再提交。",
        "Save the file again as UTF-8 (e.g. Notepad: Save as → Encoding: UTF-8).",
    ),
    "encoding-unknown": ("把文件另存为 UTF-8 编码。", "Save the file as UTF-8."),
    "encoding-utf16": ("把文件另存为 UTF-8 编码。", "Save the file as UTF-8."),
    "document-empty": ("写入清单内容，或删除这个文件。", "Add the list's content or delete the file."),
    "document-not-mapping": (
        "文件应以 format: 1、kind: … 等键开头。",
        "Start the file with keys such as 'format: 1' and 'kind: …'.",
    ),
    "document-multiple": ("每个清单单独保存为一个文件。", "Keep each list in a file of its own."),
    "resource-depth": (
        "清单不需要这么深的嵌套，请检查文件是否损坏。",
        "Lists never nest this deep; check whether the file is damaged.",
    ),
    "resource-aliases": (
        "不要使用 YAML 别名（& 和 *），直接写出内容。",
        "Do not use YAML aliases (& and *); write the content out.",
    ),
    "resource-complex-key": ("把键写成简单的文字。", "Write keys as plain text."),
    "resource-size": ("把大清单拆分成多个文件。", "Split the list into several files."),
    "yaml11-ambiguous": ('给值加上引号，例如 "{value}"。', 'Quote the value, e.g. "{value}".'),
    "schema-required": ("补上“{field}”字段。", "Add the field '{field}'."),
    "schema-type": (
        "日期和代码请加引号；列表中每一项以“- ”开头。",
        "Quote dates and codes; each element of a list starts with '- '.",
    ),
    "schema-enum": ("从允许的值中选一个。", "Choose one of the allowed values."),
    "schema-additional": ("检查拼写；允许的字段：{allowed}", "Check the spelling; allowed fields: {allowed}"),
    "schema-pattern": ("{description}", "{description}"),
    "schema-kind": ("kind 写明文件类型，例如 kind: duties。", "Set kind to the file's type, e.g. kind: duties."),
    "duplicate-id": (
        "给其中一个事项换一个新编号；编号在整个仓库内必须唯一。",
        "Give one of the items a new id; ids are unique in the whole repository.",
    ),
    "unknown-jurisdiction": (
        "在 lists/jurisdictions.yaml 中补上该区划，或改正代码。",
        "Add the jurisdiction to lists/jurisdictions.yaml or correct the code.",
    ),
    "unknown-department": (
        "使用 departments.yaml 中的部门全称或别名，或在其中补上该部门。",
        "Use a name or alias from departments.yaml, or add the department there.",
    ),
    "unknown-admission": (
        "填写 admissions 清单中已有的准入记录编号。",
        "Use the id of an existing record in an admissions list.",
    ),
    "jurisdiction-code-level": ("改正层级或代码。", "Correct the level or the code."),
    "jurisdiction-code-parent": (
        "先在 jurisdictions.yaml 中列出上级区划。",
        "List the parent jurisdiction in jurisdictions.yaml first.",
    ),
    "jurisdiction-code-duplicate": ("每个区划只列一次。", "List each jurisdiction once."),
    "jurisdiction-code-malformed": (
        "某一段为零时，其后各段也必须为零：核对代码是否漏抄或错位了一段，例如街道代码形如 980102001000。",
        "Once a segment is zero, every segment after it is zero too: check for a missing or shifted segment; a street code looks like 980102001000.",
    ),
    "certificate-conflict": (
        "同一证明已被本级或上级列为不得出具，不能同时允许；删除该事项，或修改不得出具的清单。",
        "This level or an ancestor forbids the certificate, so it cannot be allowed here: remove the item or change the list that forbids it.",
    ),
    "certificate-conflict-fuzzy": (
        "确认二者是否为同一证明；若是，删除本级事项或把名称写入上级事项的别名。",
        "Check whether both are the same certificate; if so, remove it here or add the name to the ancestor's aliases.",
    ),
    "certificate-conflict-contains": (
        "本级名称中含有本级或上级不得出具的证明：若只是加了“个人”“居民”等字样，它就是同一证明，应删除本级事项；若确是另一种证明，写豁免说明区别。",
        "The name here holds a certificate this level or an ancestor forbids: if only words such as 个人 or 居民 were added it is the same certificate and should go; if it really is another, waive the finding and say how they differ.",
    ),
    "forbidden-not-restated": (
        "在本级证明清单中加入该事项（stance: forbidden），或在 qingdan.toml 中关闭此规则。",
        "Add the item (stance: forbidden) to this list, or turn the rule off in qingdan.toml.",
    ),
    "forbidden-not-restated-near": (
        "若是同一证明，把上级的名称写入该事项的 aliases；否则在本级清单中加入上级的事项（stance: forbidden）。",
        "If it is the same certificate, add the ancestor's name to this item's aliases; otherwise add the ancestor's item (stance: forbidden).",
    ),
    "duty-on-negative-list": (
        "负面清单中的工作不得交由社区承担；删除该事项。",
        "Work on a negative list must not be put on communities; remove the item.",
    ),
    "duty-negative-fuzzy": (
        "确认该事项是否属于负面清单中的工作。",
        "Check whether the item is work the negative list forbids.",
    ),
    "assist-without-admission": (
        "经准入程序批准后，在 admission 字段填写准入记录编号。",
        "Have the work admitted, then put the record id in the 'admission' field.",
    ),
    "admission-status": ("只有已准入（admitted）的事项才能进入社区。", "Only admitted work may enter a community."),
    "admission-expired": (
        "重新申请准入，或将该事项退出社区清单。",
        "Apply for admission again or take the item off the community list.",
    ),
    "admission-target": (
        "在准入记录的 targets 中加入本社区或其上级，或改正引用。",
        "Add this community (or an ancestor) to the record's targets, or correct the reference.",
    ),
    "assist-without-resources": (
        "费随事转、权随责走：补上 funding 和 powers。",
        "Funds and powers follow the work: add 'funding' and 'powers'.",
    ),
    "missing-legal-basis": (
        "在 legal_basis 中列出法律、法规或政策依据，写明文件名称和条款。",
        "List the laws or policies in legal_basis, with the article.",
    ),
    "catch-all-item": (
        "把兜底条款改写成具体事项，或加上豁免说明理由。",
        "Rewrite the catch-all as specific items, or add a waiver with a reason.",
    ),
    "near-duplicate": (
        "若是同一事项，请合并并把另一个名称写入 aliases。",
        "If they are the same item, merge them and put the other name in aliases.",
    ),
    "waiver-expired": (
        "处理该问题，或更新豁免的到期日和理由。",
        "Fix the problem, or renew the waiver with a new date and reason.",
    ),
    "list-expired": ("发布新版清单，或更新 expires。", "Publish a new edition or update 'expires'."),
    # branch national
    "schema-code-problem-length": (
        '12 位统计用区划代码：省2位+市2位+区县2位+街道3位+社区3位，例如 "980102001001"；全国为 "000000000000"。请加引号，以免开头的 0 被丢掉。',
        'The 12-digit statistical division code: 2 province + 2 city + 2 district + 3 street + 3 community digits, e.g. "980102001001"; the nation is "000000000000". Quote it so that leading zeros are kept.',
    ),
    "schema-code-problem-digits": (
        '区划代码只含数字 0–9（不含字母、空格或全角数字），例如 "980102001001"。',
        'A jurisdiction code holds the digits 0–9 only (no letters, spaces or full-width digits), e.g. "980102001001".',
    ),
    "jurisdiction-code-national": (
        '全国写作 {{code: "000000000000", name: 全国, level: 国家}}；其他区划按代码写层级。',
        'Write the nation as {{code: "000000000000", name: 全国, level: 国家}}; other places take the level their code says.',
    ),
    "jurisdiction-code-parent-municipality": (
        '在 jurisdictions.yaml 中列出该直辖市（例如 {{code: "{parent}", name: {municipality}, level: 直辖市}}）；直辖市的市辖区代码（第 3–4 位为 01 或 02）可以不列。',
        'List the municipality in jurisdictions.yaml (e.g. {{code: "{parent}", name: {municipality}, level: 直辖市}}); its 市辖区 code (digits 3–4 are 01 or 02) may be left out.',
    ),
    # issue19 (branch issue19): holidays.yaml
    "holidays-date-invalid": ("改正日期（YYYY-MM-DD）。", "Correct the date (YYYY-MM-DD)."),
    "holidays-date-year": (
        "把日期移到它所属的年份下，或改正年份。",
        "Move the date under its own year, or correct the year.",
    ),
    "holidays-date-twice": ("核对通知原文，删去错的一处。", "Check the notice and remove the wrong one."),
    "holidays-disagree": (
        '核对通知原文：文件写错了就用 qingdan holidays import 通知.txt 重新写入该年；文件是有意更正日历库，就在 qingdan.toml 的 [rules] 中把 holidays-disagree 设为 "warning"。',
        'Check the notice: if the file is wrong, write the year again with qingdan holidays import NOTICE.txt; if the file corrects the package on purpose, set holidays-disagree = "warning" under [rules] in qingdan.toml.',
    ),
    "holidays-year-unknown": (
        "把《国务院办公厅关于{year}年部分节假日安排的通知》全文存为文本文件，运行 qingdan holidays import 通知.txt；或升级 chinesecalendar。",
        "Save the notice 国务院办公厅关于{year}年部分节假日安排的通知 as a text file and run qingdan holidays import NOTICE.txt, or upgrade chinesecalendar.",
    ),
    "holidays-year-unknown-next": (
        "国务院办公厅通常在 10 月底至 11 月公布下一年的安排；公布后把全文存为文本文件，运行 qingdan holidays import 通知.txt。",
        "The State Council usually publishes next year's arrangement in late October or November; save it as a text file and run qingdan holidays import NOTICE.txt.",
    ),
    # hardening branch (issue 14)
    "findings-capped": (
        "先处理已列出的问题，再次检查时会列出其余的；总数见最后一行的统计。",
        "Deal with the problems listed; checking again lists the rest. The last line counts them all.",
    ),
}


def message(key: str, lang: str = "zh", /, **args: Any) -> str:
    """The catalogue sentence ``key`` in ``lang`` with ``args`` filled in."""
    pair = MESSAGES.get(key)
    if pair is None:
        if os.environ.get("QINGDAN_STRICT_I18N"):  # the test suite runs so: a missing sentence is a failure
            raise KeyError(f"no catalogue entry {key!r}")
        return key
    return _fill(pair[1 if lang == "en" else 0], args, lang)


def hint(key: str, lang: str = "zh", /, **args: Any) -> str:
    pair = HINTS.get(key)
    if pair is None:
        return ""
    return _fill(pair[1 if lang == "en" else 0], args, lang)


class _Safe(dict):  # type: ignore[type-arg]
    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


def _word(value: Any, lang: str) -> Any:
    if isinstance(value, Phrase):
        return message(value.key, lang, **value.args)
    if (
        isinstance(value, str)
        and value.startswith(("word-", "type-", "status-", "level-", "kind-", "stance-"))
        and value in MESSAGES
    ):
        return message(value, lang)
    if isinstance(value, (tuple, list)):
        words = [str(_word(v, lang)) for v in value]
        head = message("word-comma", lang).join(words[:-1])  # A、B和C / A, B and C
        return message("word-and", lang).join([head, words[-1]] if head else words)
    return value


_PLURAL = re.compile(r"\{(\w+)\?([^|{}]*)\|([^{}]*)\}")  # {count?file|files}: the word for one, for more


def _fill(template: str, args: dict[str, Any], lang: str) -> str:
    counted = _PLURAL.sub(lambda m: m.group(2) if args.get(m.group(1)) == 1 else m.group(3), template)
    return counted.format_map(_Safe({k: _word(v, lang) for k, v in args.items()}))


# --- branch annexes (issue 13): new editions, document-level facts, Word annexes, findings at the table's cells ---
MESSAGES.update(
    {
        "import-update-unreadable": (
            "{path} 不是可以读取的清单文件（请先运行 qingdan validate 改正它），不能作为上一版对照",
            "{path} is not a readable list file (run qingdan validate and fix it first); it cannot be the previous edition",
        ),
        "import-update-kind": (
            "{path} 是 {kind} 清单，不是 {wanted}：新版本要导入到同一类清单",
            "{path} is a {kind} list, not {wanted}: a new edition goes into a list of the same kind",
        ),
        "import-update-jurisdiction": (
            "{path} 属于区划 {code}，不是 {wanted}：新版本要导入到同一区划的清单",
            "{path} belongs to {code}, not {wanted}: a new edition goes into the same place's list",
        ),
        "import-edition": (
            "与上一版 {path} 逐项对照（按名称，不按行的顺序）：",
            "compared item by item with the previous edition {path} (by name, not by row order):",
        ),
        "import-edition-counts": (
            "  沿用 {kept} 个{formatting}，改名 {renamed} 个{likely}，新增 {added} 个，删除 {removed} 个",
            "  kept {kept}{formatting}, renamed {renamed}{likely}, added {added}, removed {removed}",
        ),
        "import-edition-formatting": ("（其中 {count} 个名称只有格式不同）", " ({count} written differently only)"),
        "import-edition-to-confirm": ("（其中 {count} 个请核对）", " ({count} to confirm)"),
        "import-edition-renamed": (
            "  改名 {id}：{old} → {new}（第 {row} 行，{why}）",
            "  renamed {id}: {old} → {new} (row {row}, {why})",
        ),
        "import-edition-likely": (
            "  可能改名 {id}：{old} → {new}（第 {row} 行，{why}，相似度 {score}）：编号沿用，请核对；若是新事项，加 --as-new {new} 重新导入",
            "  likely renamed {id}: {old} → {new} (row {row}, {why}, similarity {score}): the id is kept, please check; if it is a new item, import again with --as-new {new}",
        ),
        "import-edition-added": ("  新增 {id}：{name}（第 {row} 行）", "  added {id}: {name} (row {row})"),
        "import-edition-removed": (
            "  删除 {id}：{name}（新版中没有；加 --keep-removed 可保留在文件中）",
            "  removed {id}: {name} (not in the new edition; --keep-removed keeps it in the file)",
        ),
        "import-edition-removed-kept": (
            "  新版中没有 {id}：{name}（按 --keep-removed 保留在文件中）",
            "  not in the new edition {id}: {name} (kept in the file because of --keep-removed)",
        ),
        "import-edition-carried": (
            "  沿用上一版的字段（表格中没有这些列）：{fields}",
            "  fields kept from the previous edition (the table has no such columns): {fields}",
        ),
        "import-edition-header": (
            "  沿用上一版的清单信息：{fields}；新版本的文号、日期不同时，用 --doc-number、--effective 等指定",
            "  list facts kept from the previous edition: {fields}; give the new edition's own with --doc-number, --effective …",
        ),
        "import-why-name": ("名称相同", "same name"),
        "import-why-id": ("编号相同", "same id"),
        "import-why-alias": ("新旧名称互为别名", "one name is the other's alias"),
        "import-why-core": ("核心名称相同", "same core name"),
        "import-why-synonym": ("俗称相同", "same common name"),
        "import-why-contains": ("一个名称包含另一个", "one name contains the other"),
        "import-why-typo": ("只差一两个字", "a character or two apart"),
        "import-why-similar": ("名称相似", "similar names"),
        "import-dry-run": (
            "未写入 {path}（--dry-run）：{items} 个事项，检查{verdict}。",
            "did not write {path} (--dry-run): {items} items; the checks {verdict}.",
        ),
        "import-dry-run-pass": ("通过", "pass"),
        "import-dry-run-fail": ("没有通过", "do not pass"),
        "import-row-label": ("附件编号，不是标题", "the annex's label, not its title"),
        "import-missing-role": (
            "缺少必填字段“{field}”（{title}）：表格没有“承担方式”列",
            "required field '{field}' ({title}) is missing: the table has no 承担方式 column",
        ),
        "import-missing-stance": (
            "缺少必填字段“{field}”（{title}）：表格没有“出具意见”列",
            "required field '{field}' ({title}) is missing: the table has no 出具意见 column",
        ),
        "import-facts": ("清单信息：{facts}", "list facts: {facts}"),
        "import-needs-docx": (
            "读取 Word 文档需要 python-docx：请运行 pip install 'qingdan[docx]'，或在 Word/WPS 中把表格复制到 Excel 另存为 .xlsx 后导入",
            "reading Word documents needs python-docx: run pip install 'qingdan[docx]', or copy the table into Excel and save it as .xlsx",
        ),
        "import-not-docx": (
            "{path} 不是有效的 .docx 文档（可能是改了扩展名的旧版 .doc 文件，或文件已损坏）：请在 Word 或 WPS 中打开，另存为“Word 文档（*.docx）”后再导入",
            "{path} is not a valid .docx document (perhaps an old .doc file renamed, or a damaged file): open it in Word or WPS and save it as a Word document (*.docx), then import that",
        ),
        "import-old-document": (
            "{path} 是旧版或其他软件的文档格式，不能直接导入：请在 Word 或 WPS 中打开，另存为“Word 文档（*.docx）”后再导入",
            "{path} is an older or other program's document format: open it in Word or WPS and save it as a Word document (*.docx), then import that",
        ),
        "import-docx-no-table": (
            "{path} 中没有表格：清单应是文档中的一个表格",
            "{path} holds no table: a list is a table in the document",
        ),
        "import-table-number": (
            "Word 文档用 --sheet 表格序号选择表格（1 到 {count}），而不是“{value}”",
            "in a Word document --sheet is a table number (1 to {count}), not '{value}'",
        ),
        "import-table-choose": (
            "文档中有 {count} 个表格像清单：{tables}。用 --sheet 序号选择其中一个",
            "the document has {count} tables that look like lists: {tables}. Choose one with --sheet NUMBER",
        ),
        "import-row-lower-header": (
            "表头的下一层（合并的表头单元格），各列按上一行的列名导入",
            "the lower layer of a merged header; columns are read by the row above",
        ),
        "import-source-sheet": ("{source}（工作表“{sheet}”）", "{source} (sheet '{sheet}')"),
        "import-source-table": ("{source}（表格 {table}）", "{source} (table {table})"),
        "import-source-row": ("第 {row} 行", "row {row}"),
        "import-source-column": ("{column} 列", "column {column}"),
        "import-source-column-word": ("第 {column} 列", "column {column}"),
        "import-column-word": ("第{column}列", "column {column}"),
        "import-table-listed": ("{number}（{title}，{rows} 行）", "{number} ({title}, {rows} rows)"),
        "import-source-header": ("{place}（整张表）", "{place} (the whole table)"),
        "import-source-whole": ("整张表", "the whole table"),
        "import-source-in-table": ("表格 {table} ", "table {table}, "),
        "import-where-table": ("表格 {table}，共 {tables} 个表格", "table {table} of {tables}"),
        "import-fact": ("{field} {value}（{source}）", "{field} {value} ({source})"),
        "import-fact-option": ("命令行", "option"),
        "import-fact-row": ("表格第 {row} 行", "table row {row}"),
        "import-fact-paragraph": ("表格上方的段落", "the paragraph above the table"),
        "import-fact-doc_number": ("印发清单的文件，适用于每个事项", "the issuing document; applies to every item"),
        "import-fact-basis": ("适用于每个事项", "applies to every item"),
        "import-heading": (
            "第 {row} 行分组标题“{text}”：以下事项 {field} 为 {value}",
            "row {row}, section heading '{text}': the items below have {field} {value}",
        ),
        "import-count": (
            "警告：标题写明 {stated} 项，表格中读到 {found} 个事项：请核对是否漏了行，或事项分在几张表格中（Word 文档用 --sheet 选表格）",
            "warning: the title states {stated} items, the table gives {found}: check for missing rows, or items spread over several tables (choose a Word table with --sheet)",
        ),
    }
)
HINTS.update(
    {
        "import-missing-role": (
            "整张表的承担方式相同时，用 --role 依法履职（或 --role 协助政府工作、主体责任、配合）重新导入；各行不同时在表格中加上“承担方式”列。",
            "When the whole table has one role, import again with --role 依法履职 (or 协助政府工作, 主体责任, 配合); otherwise add a 承担方式 column to the table.",
        ),
        "import-missing-stance": (
            "整张表都是不得出具（或可以出具）的证明时，用 --stance forbidden（或 --stance allowed）重新导入；各行不同时在表格中加上“出具意见”列。",
            "When the whole table is certificates that must not (or may) be issued, import again with --stance forbidden (or --stance allowed); otherwise add a 出具意见 column.",
        ),
    }
)

# --- branch ime (issue 17, item 4): qingdan fix ---
MESSAGES.update(
    {
        "fix-tab": ("行首的 Tab 换成了半角空格", "the tab at the start of the line became half-width spaces"),
        "fix-fullwidth-space": (
            "全角空格（{code}）换成了半角空格",
            "the full-width space ({code}) became half-width spaces",
        ),
        "fix-fullwidth-colon": (
            "“{key}”后面的全角冒号（{code}）换成了“: ”",
            "the full-width colon ({code}) after '{key}' became ': '",
        ),
        "fix-fullwidth-dash": ("列表符号“{char}”（{code}）换成了“-”", "the list marker '{char}' ({code}) became '-'"),
        "fix-quoted": (
            "“{value}”加上了引号：其他 YAML 工具会把它读成布尔值、数字或日期",
            "'{value}' is now quoted: other YAML tools read it as a boolean, number or date",
        ),
        "fix-name": (
            "名称“{old}”整理为“{new}”（空格和标点）",
            "the name '{old}' tidied to '{new}' (spacing and punctuation)",
        ),
        "fix-id": ("事项“{name}”没有编号，编为 {id}", "the item '{name}' had no id; it is now {id}"),
        "fix-still-unreadable": (
            "{file} 不是有效的 YAML，自动修复之后也不是：请按 qingdan validate 的提示手工改正",
            "{file} is not valid YAML, nor after the mechanical repairs: correct it as qingdan validate says",
        ),
        "fix-nothing": (
            "{checked} 个文件，没有需要自动修复的地方",
            "{checked} {checked?file|files}, nothing to repair",
        ),
        "fix-would": (
            "{files} 个文件可以自动修复，共 {repairs} 处（以上是改动，尚未写入）：确认后运行 qingdan fix --write",
            "{files} {files?file|files} can be repaired, {repairs} {repairs?change|changes} (shown above, not written): run qingdan fix --write to write them",
        ),
        "fix-written": (
            "已修复 {files} 个文件，共 {repairs} 处",
            "repaired {files} {files?file|files}, {repairs} {repairs?change|changes}",
        ),
        "fix-checked-clean": (
            "修复后检查通过：0 个错误，{warnings} 个警告",
            "checked after the repairs: 0 errors, {warnings} {warnings?warning|warnings}",
        ),
        "fix-checked-errors": (
            "修复后检查：还有 {errors} 个错误、{warnings} 个警告需要手工改正（运行 qingdan validate 查看提示）",
            "checked after the repairs: {errors} {errors?error|errors} and {warnings} {warnings?warning|warnings} remain to correct by hand (run qingdan validate for hints)",
        ),
    }
)

# --- branch upstream (issue 18, item 1): upstream lists, qingdan sync ---
MESSAGES.update(
    {
        "upstream-config-table": (
            "[[upstream]] 应为表的数组（每个上游一节 [[upstream]]，最多 20 个）",
            "[[upstream]] must be an array of tables (one [[upstream]] section per upstream, at most 20)",
        ),
        "upstream-config-name": (
            "第 {n} 个 [[upstream]] 缺少 name，或 name 不是 1–50 个字的文字（不能含 : @ / \\）",
            "[[upstream]] number {n} has no name, or its name is not text of 1–50 characters (without : @ / \\)",
        ),
        "upstream-config-unknown": (
            "上游“{name}”：不认识的键 {field}（可用 name、git、path、rev、lists）",
            "upstream '{name}': unknown key {field} (known: name, git, path, rev, lists)",
        ),
        "upstream-config-twice": ("上游“{name}”出现了两次", "upstream '{name}' is named twice"),
        "upstream-config-source": (
            "上游“{name}”：git（仓库网址）和 path（本机目录）要写一个，且只写一个",
            "upstream '{name}': give exactly one of git (a repository URL) and path (a folder on this machine)",
        ),
        "upstream-config-url": (
            "上游“{name}”：“{value}”不能用作仓库地址（不能为空、不能以 - 开头、不能含控制字符）",
            "upstream '{name}': '{value}' cannot be a repository address (empty, starting with -, or with control characters)",
        ),
        "upstream-config-transport": (
            "上游“{name}”：“{value}”使用了 git 的外部传输方式（…::），qingdan 只用 https、http、ssh 和本机目录",
            "upstream '{name}': '{value}' uses a git remote helper (…::); qingdan uses only https, http, ssh and local folders",
        ),
        "upstream-config-rev": (
            "上游“{name}”：rev = “{value}”不是完整的提交编号（40 位十六进制）；分支名、标签或简写会变或有歧义。"
            "请写完整编号（在上游仓库中用 git rev-parse 可查）",
            "upstream '{name}': rev = '{value}' is not a full commit id (40 hex digits); a branch, tag or short id moves "
            "or is ambiguous. Write the full id (git rev-parse shows it in the upstream repository)",
        ),
        "upstream-config-lists": (
            "上游“{name}”：lists = “{value}”应为仓库内的相对目录（如 lists），不能以 / 或 - 开头，不能含 ..",
            "upstream '{name}': lists = '{value}' must be a folder inside the repository (such as lists), not starting with / or -, without ..",
        ),
        "git-bad-url": ("“{url}”不能用作 git 仓库地址", "'{url}' cannot be used as a git repository address"),
        "upstream-cache-unusable": (
            "缓存目录 {path} 不可用（是符号链接或在仓库之外）：上游清单无法保存",
            "the cache folder {path} cannot be used (a symlink, or outside the repository): upstream lists cannot be kept",
        ),
        "upstream-unreachable": (
            "无法访问上游“{name}”（{source}）：{detail}。请检查网址或目录、网络和访问权限后再运行 qingdan sync",
            "upstream '{name}' ({source}) cannot be reached: {detail}. Check the address or folder, the network and access rights, then run qingdan sync again",
        ),
        "upstream-rev-missing": (
            "上游“{name}”（{source}）中没有 qingdan.toml 固定的提交 {rev}（可能被改写历史或强制推送删除了）。"
            "上游现在的 HEAD 是 {head}；确认后用 qingdan sync --update {name} 改固定提交",
            "upstream '{name}' ({source}) has no commit {rev}, which qingdan.toml pins (history rewritten or force-pushed away?). "
            "Its HEAD is now {head}; once checked, move the pin with qingdan sync --update {name}",
        ),
        "upstream-not-synced": (
            "上游“{name}”的固定提交 {rev} 还没有取到本机：先运行 qingdan sync（之后检查不再联网）",
            "upstream '{name}' at its pinned commit {rev} is not here yet: run qingdan sync first (checks work offline afterwards)",
        ),
        "upstream-invalid": (
            "上游“{name}”（{rev}）的清单未通过检查：{count} 个错误，第一个在 {first_file}:{first_line}（{first_rule}）；"
            "依据它的检查可能不完整",
            "the lists of upstream '{name}' ({rev}) do not pass the checks: {count} {count?error|errors}, the first at "
            "{first_file}:{first_line} ({first_rule}); checks that rely on them may be incomplete",
        ),
        "upstream-unknown": (
            "qingdan.toml 中没有名为“{name}”的上游（有：{known}）",
            "qingdan.toml names no upstream '{name}' (it has: {known})",
        ),
        "upstream-none": (
            "qingdan.toml 中没有 [[upstream]]：本仓库不依据其他仓库的清单（见 docs/upstream.md）",
            "qingdan.toml has no [[upstream]]: this repository relies on no other repository's lists (see docs/upstream.md)",
        ),
        "upstream-ref-unknown": (
            "上游“{name}”（{source}）中没有分支或标签“{rev}”",
            "upstream '{name}' ({source}) has no branch or tag '{rev}'",
        ),
        "upstream-config-pin-missing": (
            'qingdan.toml 中找不到上游“{name}”的 rev = "…" 这一行，无法自动改写：请手工把 rev 改为 {rev}',
            "qingdan.toml has no rev = \"…\" line for upstream '{name}' that qingdan can rewrite: set rev to {rev} by hand",
        ),
        # qingdan sync
        "sync-fetched": ("已取得", "fetched"),
        "sync-present": ("已在本机", "already here"),
        "sync-line": (
            "{name}  {rev}  {state}：{files} 个文件，{items} 个事项（{source}）",
            "{name}  {rev}  {state}: {files} {files?file|files}, {items} {items?item|items} ({source})",
        ),
        "sync-invalid": (
            "  上游的清单未通过检查：{count} 个错误，第一个在 {first_file}:{first_line}（{first_rule}）",
            "  the upstream's lists do not pass the checks: {count} {count?error|errors}, the first at {first_file}:{first_line} ({first_rule})",
        ),
        "sync-done": (
            "{count} 个上游已就绪；validate、find、review、build 不再联网",
            "{count} {count?upstream|upstreams} ready; validate, find, review and build need no network now",
        ),
        "update-same": (
            "上游“{name}”的固定提交没有变（{rev}），qingdan.toml 未改动",
            "the pin of upstream '{name}' is unchanged ({rev}); qingdan.toml not changed",
        ),
        "update-moved": (
            "上游“{name}”的固定提交：{old} → {new}（qingdan.toml 已更新）",
            "upstream '{name}' pinned: {old} → {new} (qingdan.toml updated)",
        ),
        "update-created": (
            "因此本仓库新出现的问题（{count} 个）：",
            "Findings this creates in this repository ({count}):",
        ),
        "update-cleared": (
            "因此本仓库消除的问题（{count} 个）：",
            "Findings this clears in this repository ({count}):",
        ),
        "sync-rev-without-update": (
            "--rev 要与 --update 名称 一起用",
            "--rev goes with --update NAME",
        ),
        "decision-upstream-record": (
            "准入记录 {id} 在上游的清单 {file} 中：上游的清单只读，只能由上游单位修改",
            "admission record {id} is in an upstream's list, {file}: upstream lists are read-only here; only their office can change them",
        ),
        "update-old-missing": (
            "原固定提交 {old} 已不在上游（改写了历史？），无法比较：上游清单按全部新增列出",
            "the old pin {old} is no longer in the upstream (history rewritten?), so nothing to compare with: its lists show as all added",
        ),
        "update-no-findings-change": (
            "本仓库的检查结果没有因此变化",
            "this repository's findings do not change",
        ),
    }
)
HINTS.update(
    {
        "upstream-invalid": (
            "这是上游仓库的问题：请上游单位修正并发布新提交后运行 qingdan sync --update {name}；"
            "或在 qingdan.toml 中把 rev 换回一个通过检查的提交。",
            "This is the upstream repository's problem: once its office fixes it and publishes a new commit, run "
            "qingdan sync --update {name}; or set rev in qingdan.toml back to a commit that passes.",
        ),
    }
)


# --- branch parquet (issue 18, items 2–4): the lists as a Parquet dataset, qingdan query ---
MESSAGES.update(
    {
        "analysis-needs-extra": (
            "Parquet 导出和 qingdan query 需要 {module}：请运行 pip install 'qingdan[analysis]'",
            "the Parquet export and qingdan query need {module}: run pip install 'qingdan[analysis]'",
        ),
        "parquet-bad-source": (
            "来源名称“{value}”不能用作文件名：只能用字母、数字、汉字和 . _ -，最多 64 个字符",
            "the source name '{value}' cannot be a file name: use letters, digits, Chinese characters and . _ - only, at most 64",
        ),
        "parquet-whole-repository": (
            "--format parquet 导出整个仓库：不写路径，或只写一个仓库目录",
            "--format parquet exports the whole repository: give no path, or one repository folder",
        ),
        "parquet-written": (
            "已导出 Parquet 数据集：{files} 个文件，在 {output}（来源 {source}，快照 {snapshot}，{date}）：{items} 个事项，{jurisdictions} 个区划，{findings} 条检查结果",
            "wrote the Parquet dataset: {files} {files?file|files} in {output} (source {source}, snapshot {snapshot}, {date}): {items} {items?item|items}, {jurisdictions} {jurisdictions?jurisdiction|jurisdictions}, {findings} {findings?finding|findings}",
        ),
        "parquet-dirty": (
            "lists/ 有未提交的修改：导出的是工作区的内容（提交 {commit} 之后），快照日期为今天",
            "lists/ has uncommitted changes: the working tree was exported (after commit {commit}), dated today",
        ),
        "parquet-removed": (
            "删除了同一快照以前导出、这次没有的 {count} 个文件",
            "removed {count} {count?file|files} an earlier export of the same snapshot wrote and this one does not",
        ),
        "query-no-data": (
            "{path} 不是目录：--data 应为 qingdan export --format parquet 的输出目录",
            "{path} is not a folder: --data takes the output folder of qingdan export --format parquet",
        ),
        "query-sql-error": ("SQL 有误：{detail}", "the SQL is wrong: {detail}"),
        "query-one-statement": (
            "一次只能查询一条语句，这里有 {count} 条",
            "one statement at a time, please; this has {count}",
        ),
        "query-read-only": (
            "qingdan query 只读，只接受 SELECT 查询（这是 {kind} 语句）：不能写文件、建表或改设置",
            "qingdan query is read-only and takes SELECT queries only (this is a {kind} statement): no writing files, tables or settings",
        ),
        "query-no-cache": (
            "缓存目录 {path} 不可用（是符号链接）：请用 qingdan export --format parquet -o 目录 导出，再用 --data 目录 查询",
            "the cache folder {path} cannot be used (it is a symlink): export with qingdan export --format parquet -o DIR and query with --data DIR",
        ),
        "query-yes": ("是", "yes"),
        "query-no": ("否", "no"),
        "query-rows": ("共 {count} 行", "{count} {count?row|rows}"),
        "query-rows-cut": (
            "共 {count} 行，显示前 {shown} 行；用 --format csv 或 json 得到全部",
            "{count} rows, the first {shown} shown; --format csv or json gives them all",
        ),
    }
)

# --- branch docx (issue 16, item 2): Word documents in 公文 layout from qingdan build ---
MESSAGES.update(
    {
        "build-format-docx": ("Word", "Word"),
        "build-docx-missing": (
            "没有安装 Word 组件（python-docx）：请运行 pip install 'qingdan[docx]'，或去掉 --only 中的 docx",
            "the Word extra (python-docx) is not installed: run pip install 'qingdan[docx]', or leave docx out of --only",
        ),
        "build-docx-skipped": (
            "没有安装 Word 组件（python-docx），本次未生成 Word 文档；安装 qingdan[docx] 后即可生成。",
            "the Word extra (python-docx) is not installed, so no Word documents were made; install qingdan[docx] to get them.",
        ),
        "config-docx-font-role": (
            "build.docx_fonts 中没有“{role}”这一项：可以设置的是 {roles}",
            "build.docx_fonts has no '{role}': the roles are {roles}",
        ),
    }
)
