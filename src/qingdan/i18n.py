"""Message catalogues. Every user-facing sentence lives here, in Chinese (default) and English."""

from __future__ import annotations

from typing import Any

LANGS = ("zh", "en")

# key → (zh, en)
MESSAGES: dict[str, tuple[str, str]] = {
    # loading
    "yaml-syntax": ("YAML 语法错误：{detail}", "YAML syntax error: {detail}"),
    "yaml-tab": ("这里用 Tab 键缩进了，YAML 只能用空格缩进（{detail}）", "this line is indented with a tab; YAML indents with spaces only ({detail})"),
    "yaml-unclosed-quote": ("这里的引号没有关上，后面的内容都被当成了这段文字（{detail}）", "this quote is never closed, so everything after it became part of the text ({detail})"),
    "yaml-colon": ("这里不应出现“键: 值”：可能是缩进不对，或文字里的冒号后面多了空格（{detail}）", "a 'key: value' is not allowed here: the indentation is off, or a colon inside text is followed by a space ({detail})"),
    "yaml-no-colon": ("这里缺少“键: 值”中的冒号，或冒号后面少了空格（{detail}）", "a colon is missing here, or the space after it ({detail})"),
    "yaml-tag": ("不支持 YAML 标签 {tag}，该值按文字处理", "YAML tag {tag} is not supported; the value is read as text"),
    "duplicate-key": ("键“{key}”在同一层重复出现，前面的值被覆盖", "key '{key}' appears twice at this level; the earlier value is lost"),
    "encoding-gbk": ("文件是 GBK/GB18030 编码，不是 UTF-8", "the file is GBK/GB18030-encoded, not UTF-8"),
    "encoding-unknown": ("文件不是有效的 UTF-8 文本，此处有无法识别的字节", "the file is not valid UTF-8; an unreadable byte is here"),
    "encoding-utf16": ("文件是 UTF-16 编码，不是 UTF-8", "the file is UTF-16-encoded, not UTF-8"),
    "document-empty": ("文件是空的", "the file is empty"),
    "document-not-mapping": ("文件顶层应是“键: 值”的映射，而不是列表或单个值", "the top level must be a mapping of keys, not a list or a single value"),
    "document-multiple": ("一个文件只能有一个 YAML 文档，“---”之后的内容被忽略", "one file holds one YAML document; everything after '---' is ignored"),
    "resource-depth": ("嵌套超过 {limit} 层，停止读取此文件", "nesting deeper than {limit} levels; the file was not read further"),
    "resource-aliases": ("别名（&/*）展开后超过 {limit} 个节点，疑似“别名炸弹”，停止读取此文件", "aliases (&/*) expand to more than {limit} nodes (an alias bomb); the file was not read further"),
    "resource-complex-key": ("键必须是文字，不能是列表或映射", "keys must be text, not lists or mappings"),
    "resource-size": ("文件有 {size} MB，超过上限 {limit} MB，未读取", "the file is {size} MB, over the {limit} MB limit; not read"),
    "yaml11-ambiguous": ("“{value}”在其他 YAML 工具中会被读成布尔值或数字，本工具按文字处理", "'{value}' reads as a boolean or number in other YAML tools; qingdan reads it as text"),
    "file-unreadable": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    # schema
    "schema-required": ("缺少必填字段“{field}”（{title}）", "required field '{field}' ({title}) is missing"),
    "schema-type": ("“{field}”（{title}）应为{expected}，实际是{actual}", "'{field}' ({title}) should be {expected}, not {actual}"),
    "schema-enum": ("“{field}”（{title}）的值“{value}”不在允许范围内：{allowed}", "'{field}' ({title}): '{value}' is not one of {allowed}"),
    "schema-additional": ("未知字段“{field}”", "unknown field '{field}'"),
    "schema-pattern": ("“{field}”（{title}）的格式不正确：“{value}”", "'{field}' ({title}) is malformed: '{value}'"),
    "schema-length": ("“{field}”（{title}）的长度不符合要求", "'{field}' ({title}) has the wrong length"),
    "schema-unique": ("“{field}”（{title}）中有重复的值", "'{field}' ({title}) holds a value twice"),
    "schema-kind": ("未知的清单类型 kind: “{value}”，应为 {allowed}", "unknown list kind '{value}'; expected one of {allowed}"),
    "schema-other": ("“{field}”（{title}）不符合格式要求：{detail}", "'{field}' ({title}) does not match the format: {detail}"),
    # references and ids
    "duplicate-id": ("编号“{id}”重复，已在 {other} 使用", "id '{id}' is used twice; also at {other}"),
    "unknown-jurisdiction": ("区划代码 {code} 不在 jurisdictions.yaml 中", "jurisdiction code {code} is not in jurisdictions.yaml"),
    "unknown-department": ("部门“{name}”不在 departments.yaml 中（按名称和别名查找）", "department '{name}' is not in departments.yaml (names and aliases)"),
    "unknown-admission": ("准入记录“{ref}”不存在", "admission record '{ref}' does not exist"),
    "jurisdiction-code-level": ("区划“{name}”的层级“{level}”与代码 {code} 不符，代码表示{expected}", "jurisdiction '{name}': level '{level}' does not fit code {code}, which is a {expected} code"),
    "jurisdiction-code-parent": ("区划“{name}”（{code}）的上级 {parent} 不在 jurisdictions.yaml 中", "the parent {parent} of '{name}' ({code}) is not in jurisdictions.yaml"),
    "jurisdiction-code-duplicate": ("区划代码 {code} 重复出现", "jurisdiction code {code} appears twice"),
    "jurisdiction-code-malformed": ("区划代码 {code} 不合规：各段之后不能再出现非零段", "jurisdiction code {code} is malformed: a zero segment is followed by a non-zero one"),
    # chain rules
    "certificate-conflict": ("证明“{name}”在本级允许出具，但{level_name}的清单（{other_file}）将“{other_name}”列为不得出具", "certificate '{name}' is allowed here but {level_name} forbids '{other_name}' ({other_file})"),
    "certificate-conflict-fuzzy": ("证明“{name}”与{level_name}不得出具的“{other_name}”相似（相似度 {similarity}）", "certificate '{name}' resembles '{other_name}', forbidden by {level_name} (similarity {similarity})"),
    "forbidden-not-restated": ("上级（{level_name}）不得出具的证明“{name}”未在本级证明清单中重申", "'{name}', forbidden by {level_name}, is not restated in this certificate list"),
    "duty-on-negative-list": ("事项“{name}”属于{level_name}负面清单中的“{other_name}”（{other_file}）", "item '{name}' is on the negative list of {level_name} as '{other_name}' ({other_file})"),
    "duty-negative-contains": ("事项“{name}”包含{level_name}负面清单中的“{other_name}”（{other_file}）", "item '{name}' contains '{other_name}' from the negative list of {level_name} ({other_file})"),
    "duty-negative-fuzzy": ("事项“{name}”与{level_name}负面清单中的“{other_name}”相似（相似度 {similarity}）", "item '{name}' resembles '{other_name}' on the negative list of {level_name} (similarity {similarity})"),
    "assist-without-admission": ("社区协助政府工作事项“{name}”没有准入记录", "community assist item '{name}' has no admission record"),
    "admission-status": ("事项“{name}”引用的准入记录 {ref} 状态为“{status}”，不是已准入", "item '{name}' relies on admission record {ref}, whose status is '{status}', not admitted"),
    "admission-not-started": ("事项“{name}”引用的准入记录 {ref} 要到 {date} 才生效", "item '{name}' relies on admission record {ref}, which only takes effect on {date}"),
    "admission-expired": ("事项“{name}”引用的准入记录 {ref} 已于 {date} 到期", "item '{name}' relies on admission record {ref}, which expired on {date}"),
    "admission-target": ("准入记录 {ref} 的适用范围不包括本社区（{jurisdiction}）", "admission record {ref} does not cover this community ({jurisdiction})"),
    "assist-without-resources": ("协助政府工作事项“{name}”缺少{missing}", "assist item '{name}' lacks {missing}"),
    "missing-legal-basis": ("事项“{name}”没有法律依据（legal_basis）", "item '{name}' has no legal basis (legal_basis)"),
    "catch-all-item": ("事项“{name}”是兜底条款，内容不具体", "item '{name}' is a catch-all and says nothing specific"),
    "near-duplicate": ("事项“{name}”与同一区划同类清单中的“{other_name}”（{other_id}）名称近似（相似度 {similarity}）", "item '{name}' is close to '{other_name}' ({other_id}) in the same jurisdiction and kind (similarity {similarity})"),
    "waiver-expired": ("对规则 {waived_rule} 的豁免已于 {date} 到期，不再生效", "the waiver of rule {waived_rule} expired on {date} and no longer applies"),
    "list-expired": ("清单已于 {date} 失效", "the list expired on {date}"),
    # words used inside messages
    "word-funding": ("经费保障（funding）", "funding"),
    "word-powers": ("权限保障（powers）", "powers"),
    "word-and": ("和", " and "),
    "status-admitted": ("已准入", "admitted"),
    "status-rejected": ("不予准入", "rejected"),
    "status-revoked": ("已撤销", "revoked"),
    "status-pending": ("待审", "pending"),
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
    "kind-duties": ("职责清单", "duties"),
    "kind-negative": ("负面清单", "negative list"),
    "kind-certificates": ("证明事项清单", "certificates"),
    "kind-seal": ("印章使用范围", "seal use"),
    "kind-admissions": ("准入记录", "admissions"),
    "label-@worktree": ("工作区", "working tree"),
    "diff-title": ("清单变更：{old} → {new}", "List changes: {old} → {new}"),
    "diff-none": ("没有变更。", "No changes."),
    "diff-unreadable": ("无法读取 {path}（YAML 有误？请先运行 qingdan validate），其中的事项未参与比较", "cannot read {path} (bad YAML? run qingdan validate); its items were not compared"),
    "diff-headers-only": ("没有事项变更；{count} 份清单的信息（标题、文号、日期、版本）有变更。", "No item changed; the header (title, number, dates, version) of {count} lists changed."),
    "diff-summary": ("{total} 项变更：{parts}", "{total} changes: {parts}"),
    "diff-counts": ("事项数量", "Item counts"),
    "diff-headers": ("清单信息变更", "List header changes"),
    "diff-formatting-hidden": ("另有 {count} 项仅格式变更（全角半角、空格、标点），加 --all 显示。", "{count} more formatting-only changes (width, spacing, punctuation); --all shows them."),
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
    "diff-table": ("新旧对照表", "old / new"),
    "git-missing": ("没有找到 git 命令", "git is not installed"),
    "git-not-repository": ("{path} 不在 git 仓库中", "{path} is not inside a git repository"),
    "git-bad-revision": ("git 中没有版本“{rev}”", "unknown git revision '{rev}'"),
    "git-no-merge-base": ("{a} 和 {b} 没有共同的祖先版本", "{a} and {b} have no common ancestor"),
    "diff-args": ("参数应为：无、一个版本、A..B、A...B，或两个目录", "give nothing, one revision, A..B, A...B or two folders"),
    "log-none": ("没有找到编号为 {id} 的事项的历史", "no history found for item {id}"),
    "log-entered": ("进入清单", "entered"),
    "log-left": ("退出清单", "left"),
    # init
    "init-city-code": ("{code} 不是市级区划代码：市级代码形如 430100000000（后 8 位为 0，第 3–4 位不为 0）", "{code} is not a city-level code: a city code looks like 430100000000 (last 8 digits zero, digits 3–4 not)"),
    "init-exists": ("{path} 中已经有清单仓库（qingdan.toml 或 lists/），没有写入任何文件", "{path} already holds a list repository (qingdan.toml or lists/); nothing was written"),
    "init-done": ("已在 {path} 中写入 {count} 个文件。下一步：cd 进入该目录，运行 qingdan validate。", "wrote {count} files in {path}. Next: cd into it and run qingdan validate."),
    # import / export
    "import-file-type": ("无法导入 {path}：只支持 {allowed} 文件", "cannot import {path}: only {allowed} files are supported"),
    "import-sheet-csv": ("CSV 文件没有工作表，不能使用 --sheet", "a CSV file has no sheets; --sheet does not apply"),
    "import-sheet": ("工作簿中没有工作表“{sheet}”，已有：{allowed}", "the workbook has no sheet '{sheet}'; it has: {allowed}"),
    "import-encoding": ("无法按 {encoding} 读取文件：请在 Excel 或 WPS 中另存为“CSV UTF-8”", "cannot read the file as {encoding}: save it from Excel or WPS as 'CSV UTF-8'"),
    "import-unreadable": ("无法打开表格 {path}：{detail}", "cannot open the spreadsheet {path}: {detail}"),
    "import-no-header": ("前 {rows} 行中没有找到表头（需要有“事项名称”或“名称”等列）；可用 --map 列名=name 指定", "no header row in the first {rows} rows (a column such as 事项名称 is needed); name it with --map COLUMN=name"),
    "import-map-syntax": ("--map 的写法应为 列名=字段，例如 --map 证明材料名称=name，而不是“{value}”", "--map takes COLUMN=field, e.g. --map 证明材料名称=name, not '{value}'"),
    "import-map-field": ("--map 中的字段“{value}”不存在，可选：{allowed}", "--map: there is no field '{value}'; choose one of {allowed}"),
    "import-id-prefix": ("编号前缀“{value}”只能由字母、数字和 - _ . 组成", "id prefix '{value}' may hold only letters, digits and - _ ."),
    "import-exists": ("{path} 已存在；要覆盖请加 --force", "{path} already exists; add --force to overwrite it"),
    "import-stance-kind": ("--stance 只用于证明事项清单（--kind certificates）", "--stance applies to certificate lists only (--kind certificates)"),
    "import-stance": ("--stance 应为 allowed（可以出具）或 forbidden（不得出具），而不是“{value}”", "--stance is allowed or forbidden, not '{value}'"),
    "import-role-kind": ("--role 只用于职责清单（--kind duties）", "--role applies to duty lists only (--kind duties)"),
    "import-column-unknown": ("列名不认识", "unknown column name"),
    "import-column-duplicate": ("与前面的列对应同一字段，未导入", "maps to the same field as an earlier column; not imported"),
    "import-column-kind": ("这类清单没有这个字段，未导入", "this kind of list has no such field; not imported"),
    "import-row-above-header": ("表头上方的说明", "a note above the header"),
    "import-row-group-header": ("表头的上一层（分组表头），各列按下一行的列名导入", "the upper layer of a two-row header; columns are read by the row below"),
    "import-row-heading": ("分组标题行", "a section heading"),
    "import-row-no-name": ("没有事项名称", "no item name"),
    "import-read": ("读取 {source}（{where}），表头在第 {row} 行，标题：{title}", "read {source} ({where}); header in row {row}; title: {title}"),
    "import-where-sheet": ("工作表“{sheet}”", "sheet '{sheet}'"),
    "import-where-csv": ("编码 {encoding}", "encoding {encoding}"),
    "import-columns": ("列：{columns}", "columns: {columns}"),
    "import-column-ignored": ("忽略", "ignored"),
    "import-unmapped-column": ("未导入的列 {letter}“{header}”：{reason}", "column {letter} '{header}' not imported: {reason}"),
    "import-unmapped-row": ("未导入第 {row} 行（{reason}）：{text}", "row {row} not imported ({reason}): {text}"),
    "import-blank-rows": ("跳过空行：第 {rows} 行", "blank rows skipped: {rows}"),
    "import-formula": ("第 {row} 行 {column} 列是公式 {text}：按公式文字导入，未计算，请核对", "row {row}, column {column} holds the formula {text}: imported as that text, not calculated; please check"),
    "import-split": ("第 {row} 行“{cell}”拆为名称“{name}”和别名：{aliases}", "row {row}: '{cell}' split into the name '{name}' and aliases: {aliases}"),
    "import-ids": ("新编号 {count} 个：{first} … {last}", "{count} new ids: {first} … {last}"),
    "import-written": ("已写入 {path}：{items} 个事项。", "wrote {path}: {items} items."),
    "import-forced": ("已按 --force 写入 {path}（{items} 个事项），但它没有通过检查。", "wrote {path} ({items} items) because of --force, although it does not pass the checks."),
    "import-refused": ("未写入 {path}：导入结果没有通过检查（见上）。改正表格后重新导入，或加 --force 强制写入。", "did not write {path}: the result does not pass the checks (above). Fix the table and import again, or add --force."),
    "export-unreadable": ("无法读取（请先运行 qingdan validate）", "unreadable (run qingdan validate)"),
    "export-kind": ("这类文件不导出为表格", "this kind of file is not exported as a table"),
    "export-written": ("{source} → {target}（{items} 个事项）", "{source} → {target} ({items} items)"),
    "export-dropped": ("    表格中没有的字段未导出：{fields}", "    fields a table does not hold were left out: {fields}"),
    "export-skipped": ("跳过 {source}：{reason}", "skipped {source}: {reason}"),
    "export-summary": ("已导出 {count} 份清单。", "exported {count} lists."),
    # build: site, PDF and Excel (issue 5)
    "build-invalid": ("检查未通过，没有生成发布文件；原有的输出保持不变。", "the checks failed; nothing was published and the previous output is unchanged."),
    "build-warnings": ("检查通过，有 {warnings} 个警告（qingdan validate 可查看）。", "the checks passed with {warnings} warnings (see qingdan validate)."),
    "build-written": ("{format}：{files} 个文件，{size}，在 {path}", "{format}: {files} files, {size}, in {path}"),
    "build-format-html": ("网站", "site"),
    "build-format-pdf": ("PDF", "PDF"),
    "build-format-xlsx": ("Excel", "Excel"),
    "build-done": ("已发布 {lists} 份清单（{items} 个事项，{places} 个区划）到 {path}", "published {lists} lists ({items} items, {places} places) to {path}"),
    "build-open": ("网站首页：{path}（可直接用浏览器打开）", "site home page: {path} (open it in a browser)"),
    "build-pdf-missing": ("没有安装 PDF 组件（typst）：请运行 pip install 'qingdan[pdf]'，或用 --only html,xlsx 不生成 PDF", "the PDF extra (typst) is not installed: run pip install 'qingdan[pdf]', or leave PDF out with --only html,xlsx"),
    "build-pdf-skipped": ("没有安装 PDF 组件（typst），本次未生成 PDF；安装 qingdan[pdf] 后即可生成。", "the PDF extra (typst) is not installed, so no PDFs were made; install qingdan[pdf] to get them."),
    "build-missing-glyphs": ("PDF 字体中没有 {count} 个字：{chars}。出现在：{where}。请用 --font-dir 指定含有这些字的字体目录（可重复），或改正文字", "the PDF fonts lack {count} characters: {chars}. They occur in: {where}. Add a folder of fonts that have them with --font-dir (repeatable), or correct the text"),
    "build-out-foreign": ("输出目录 {path} 已有其他文件，不是 qingdan build 生成的：为免覆盖，没有写入。请换一个目录（--out）或先清空它", "the output folder {path} holds other files that qingdan build did not write; nothing was written to avoid replacing them. Choose another folder (--out) or empty it"),
    "build-out-not-folder": ("输出位置 {path} 是一个文件，不是目录", "the output {path} is a file, not a folder"),
    "progress-building": ("生成发布文件", "publishing"),
    # command-line
    "summary": ("{files} 个文件，{items} 个事项：{errors} 个错误，{warnings} 个警告，{infos} 个提示，{waived} 个已豁免",
                "{files} files, {items} items: {errors} errors, {warnings} warnings, {infos} notes, {waived} waived"),
    "clean": ("检查通过。", "All checks passed."),
    "error-prefix": ("错误", "error"),
    "progress-reading": ("读取清单文件", "reading list files"),
    "path-missing": ("路径不存在：{path}", "no such path: {path}"),
    "no-lists": ("在 {path} 中没有找到清单文件（lists/**/*.yaml）", "no list files (lists/**/*.yaml) found in {path}"),
    "config-invalid": ("配置文件 {path} 有误：{detail}", "configuration {path} is invalid: {detail}"),
    "config-severity": ("配置文件 {path}：规则 {rule} 的级别“{value}”无效，应为 error、warning、info 或 off", "configuration {path}: '{value}' is not a valid level for rule {rule} (error, warning, info, off)"),
    "config-unknown-rule": ("配置文件 {path}：未知规则 {rule}", "configuration {path}: unknown rule {rule}"),
    "bad-date": ("日期“{value}”无效，应为 YYYY-MM-DD", "'{value}' is not a date (YYYY-MM-DD)"),
    "unknown-kind": ("未知的类型“{kind}”，可选：{allowed}", "unknown kind '{kind}'; choose one of {allowed}"),
    "unknown-format": ("未知的输出格式“{value}”，可选：{allowed}", "unknown format '{value}'; choose one of {allowed}"),
    "internal-error": ("内部错误：{detail}。请加 --debug 重新运行并把输出报告给维护者。", "internal error: {detail}. Run again with --debug and report the output."),
}

HINTS: dict[str, tuple[str, str]] = {
    "yaml-syntax": ("检查缩进（用空格，不要用 Tab）、冒号后是否有空格、引号和括号是否成对。", "Check indentation (spaces, not tabs), the space after each colon, and that quotes and brackets pair up."),
    "yaml-tab": ("把这一行开头的 Tab 换成空格（建议在编辑器中打开“用空格代替 Tab”）。", "Replace the tab at the start of the line with spaces."),
    "yaml-unclosed-quote": ("在文字结尾补上对应的引号，或去掉开头的引号。", "Close the quote at the end of the text, or remove the opening quote."),
    "yaml-colon": ("检查这一行和上一行的缩进；文字里有“: ”时给整段文字加引号。", "Check this line's indentation; quote text that contains ': '."),
    "yaml-no-colon": ("写成“键: 值”，冒号后面加一个空格。", "Write 'key: value' with a space after the colon."),
    "yaml-tag": ("删除“!”开头的标签，直接写出值；清单文件不需要 YAML 标签。", "Remove the tag starting with '!' and write the value itself; list files need no YAML tags."),
    "admission-not-started": ("准入生效之前，该事项不能进入社区。", "The item may not enter the community before the admission takes effect."),
    "duty-negative-contains": ("确认该事项是否属于负面清单中的工作；若不是，请改写名称以免误解。", "Check whether the item is work the negative list forbids; if not, reword the name."),
    "duplicate-key": ("删除或合并重复的键；多个事项应写成列表中的多项（每项以“- ”开头）。", "Delete or merge the repeated key; several items go in a list, each starting with '- '."),
    "encoding-gbk": ("在记事本或 WPS 中“另存为”，编码选 UTF-8，再提交。", "Save the file again as UTF-8 (e.g. Notepad: Save as → Encoding: UTF-8)."),
    "encoding-unknown": ("把文件另存为 UTF-8 编码。", "Save the file as UTF-8."),
    "encoding-utf16": ("把文件另存为 UTF-8 编码。", "Save the file as UTF-8."),
    "document-empty": ("写入清单内容，或删除这个文件。", "Add the list's content or delete the file."),
    "document-not-mapping": ("文件应以 format: 1、kind: … 等键开头。", "Start the file with keys such as 'format: 1' and 'kind: …'."),
    "document-multiple": ("每个清单单独保存为一个文件。", "Keep each list in a file of its own."),
    "resource-depth": ("清单不需要这么深的嵌套，请检查文件是否损坏。", "Lists never nest this deep; check whether the file is damaged."),
    "resource-aliases": ("不要使用 YAML 别名（& 和 *），直接写出内容。", "Do not use YAML aliases (& and *); write the content out."),
    "resource-complex-key": ("把键写成简单的文字。", "Write keys as plain text."),
    "resource-size": ("把大清单拆分成多个文件。", "Split the list into several files."),
    "yaml11-ambiguous": ("给值加上引号，例如 \"{value}\"。", "Quote the value, e.g. \"{value}\"."),
    "schema-required": ("补上“{field}”字段。", "Add the field '{field}'."),
    "schema-type": ("日期和代码请加引号；列表中每一项以“- ”开头。", "Quote dates and codes; each element of a list starts with '- '."),
    "schema-enum": ("从允许的值中选一个。", "Choose one of the allowed values."),
    "schema-additional": ("检查拼写；允许的字段：{allowed}", "Check the spelling; allowed fields: {allowed}"),
    "schema-pattern": ("{description}", "{description}"),
    "schema-kind": ("kind 写明文件类型，例如 kind: duties。", "Set kind to the file's type, e.g. kind: duties."),
    "duplicate-id": ("给其中一个事项换一个新编号；编号在整个仓库内必须唯一。", "Give one of the items a new id; ids are unique in the whole repository."),
    "unknown-jurisdiction": ("在 lists/jurisdictions.yaml 中补上该区划，或改正代码。", "Add the jurisdiction to lists/jurisdictions.yaml or correct the code."),
    "unknown-department": ("使用 departments.yaml 中的部门全称或别名，或在其中补上该部门。", "Use a name or alias from departments.yaml, or add the department there."),
    "unknown-admission": ("填写 admissions 清单中已有的准入记录编号。", "Use the id of an existing record in an admissions list."),
    "jurisdiction-code-level": ("改正层级或代码。", "Correct the level or the code."),
    "jurisdiction-code-parent": ("先在 jurisdictions.yaml 中列出上级区划。", "List the parent jurisdiction in jurisdictions.yaml first."),
    "jurisdiction-code-duplicate": ("每个区划只列一次。", "List each jurisdiction once."),
    "jurisdiction-code-malformed": ("使用 12 位统计用区划代码。", "Use the 12-digit statistical division code."),
    "certificate-conflict": ("同一证明已被本级或上级列为不得出具，不能同时允许；删除该事项，或修改不得出具的清单。", "This level or an ancestor forbids the certificate, so it cannot be allowed here: remove the item or change the list that forbids it."),
    "certificate-conflict-fuzzy": ("确认二者是否为同一证明；若是，删除本级事项或把名称写入上级事项的别名。", "Check whether both are the same certificate; if so, remove it here or add the name to the ancestor's aliases."),
    "forbidden-not-restated": ("在本级证明清单中加入该事项（stance: forbidden），或在 qingdan.toml 中关闭此规则。", "Add the item (stance: forbidden) to this list, or turn the rule off in qingdan.toml."),
    "duty-on-negative-list": ("负面清单中的工作不得交由社区承担；删除该事项。", "Work on a negative list must not be put on communities; remove the item."),
    "duty-negative-fuzzy": ("确认该事项是否属于负面清单中的工作。", "Check whether the item is work the negative list forbids."),
    "assist-without-admission": ("经准入程序批准后，在 admission 字段填写准入记录编号。", "Have the work admitted, then put the record id in the 'admission' field."),
    "admission-status": ("只有已准入（admitted）的事项才能进入社区。", "Only admitted work may enter a community."),
    "admission-expired": ("重新申请准入，或将该事项退出社区清单。", "Apply for admission again or take the item off the community list."),
    "admission-target": ("在准入记录的 targets 中加入本社区或其上级，或改正引用。", "Add this community (or an ancestor) to the record's targets, or correct the reference."),
    "assist-without-resources": ("费随事转、权随责走：补上 funding 和 powers。", "Funds and powers follow the work: add 'funding' and 'powers'."),
    "missing-legal-basis": ("在 legal_basis 中列出法律、法规或政策依据，写明文件名称和条款。", "List the laws or policies in legal_basis, with the article."),
    "catch-all-item": ("把兜底条款改写成具体事项，或加上豁免说明理由。", "Rewrite the catch-all as specific items, or add a waiver with a reason."),
    "near-duplicate": ("若是同一事项，请合并并把另一个名称写入 aliases。", "If they are the same item, merge them and put the other name in aliases."),
    "waiver-expired": ("处理该问题，或更新豁免的到期日和理由。", "Fix the problem, or renew the waiver with a new date and reason."),
    "list-expired": ("发布新版清单，或更新 expires。", "Publish a new edition or update 'expires'."),
}


def message(key: str, lang: str = "zh", /, **args: Any) -> str:
    """The catalogue sentence ``key`` in ``lang`` with ``args`` filled in."""
    pair = MESSAGES.get(key)
    if pair is None:
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
    if isinstance(value, str) and value.startswith(("word-", "type-", "status-")) and value in MESSAGES:
        return message(value, lang)
    if isinstance(value, (tuple, list)):
        return message("word-and", lang).join(str(_word(v, lang)) for v in value)
    return value


def _fill(template: str, args: dict[str, Any], lang: str) -> str:
    return template.format_map(_Safe({k: _word(v, lang) for k, v in args.items()}))
