"""Command line: parse options, call one library function, hand the result to a reporter, exit.

This is the one error boundary: a QingdanError becomes one clear line in the user's language and its
exit code; anything else is exit 3 with a short message (``--debug`` shows the traceback).
"""

from __future__ import annotations

import functools
import inspect
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import typer
from typer._click import exceptions as click_errors  # typer's own copy of click
from typer.core import TyperGroup

from qingdan import __version__, i18n
from qingdan.config import current_day
from qingdan.errors import EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UsageError
from qingdan.launch import check_lang as _check_lang
from qingdan.launch import console as _console
from qingdan.launch import diff_command, guarded, validate_command
from qingdan.launch import emit as _emit
from qingdan.launch import lang_of as _lang
from qingdan.launch import parse_date as _parse_date
from qingdan.launch import say as _say
from qingdan.launch import stage_progress as _stage_progress
from qingdan.report import reporter


class _Group(TyperGroup):
    """The top command: the command-line library's usage errors (an unknown option, a missing argument, a bad
    value) are said in the reader's language through the same one-line form as every other error, exit 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except click_errors.NoArgsIsHelpError as exc:
            sys.stdout.write((exc.ctx.get_help() if exc.ctx is not None else "") + "\n")
            code = EXIT_USAGE
        except click_errors.UsageError as exc:
            lang = _lang(_argv_lang(list(args) if args is not None else sys.argv[1:]))
            _say(_usage_error(exc, lang))
            code = EXIT_USAGE
        except typer.Abort:  # end of input at a prompt
            _say(i18n.message("interrupted", _lang(None)))
            code = EXIT_INTERRUPTED
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else EXIT_OK)


def _argv_lang(argv: list[str]) -> str | None:
    for n, arg in enumerate(argv):
        if arg == "--lang" and n + 1 < len(argv):
            return argv[n + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _usage_error(exc: Any, lang: str) -> str:
    """The library's usage error in the reader's words: what is wrong, then where help is."""
    from rich.markup import escape

    m = i18n.message
    ctx = exc.ctx
    if isinstance(exc, click_errors.NoSuchOption):
        text = m("cli-no-such-option", lang, option=exc.option_name)
        if exc.possibilities:
            text += m("cli-did-you-mean", lang, options=", ".join(sorted(exc.possibilities)))
    elif isinstance(exc, click_errors.MissingParameter):
        name = exc.param.get_error_hint(ctx) if exc.param is not None else "?"
        text = m("cli-missing", lang, name=name.replace("'", ""))
    elif isinstance(exc, click_errors.BadParameter):
        name = exc.param.get_error_hint(ctx) if exc.param is not None else "?"
        text = m("cli-bad-value", lang, name=name.replace("'", ""), detail=exc.message)
    elif isinstance(exc, click_errors.BadOptionUsage) and "requires an argument" in exc.message:
        text = m("cli-needs-value", lang, option=exc.option_name)
    elif exc.message.startswith("No such command"):
        text = m("cli-no-such-command", lang, name=exc.message.split("'")[1] if "'" in exc.message else exc.message)
    elif exc.message.startswith("Got unexpected extra argument"):
        extra = exc.message[exc.message.rfind("(") + 1 : exc.message.rfind(")")]
        text = m("cli-extra-arguments", lang, args=extra)
    else:
        text = m("cli-usage-other", lang, detail=exc.message)
    where = ctx.command_path if ctx is not None else "qingdan"
    return f"[bold red]{m('error-prefix', lang)}:[/] {escape(text)}\n{escape(m('cli-see-help', lang, command=where))}"


app = typer.Typer(
    name="qingdan",
    help="清单 — 社区工作事项清单的检查、比较、审核与发布工具。",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    cls=_Group,
)

LangOption = typer.Option(
    None,
    "--lang",
    help="界面语言 zh（默认）或 en；也可用环境变量 QINGDAN_LANG。",
    autocompletion=lambda incomplete: [v for v in i18n.LANGS if v.startswith(incomplete)],
)
DebugOption = typer.Option(False, "--debug", help="出现内部错误时显示完整的调用栈。")


def _guard(lang: str, debug: bool, body: Callable[[], int]) -> None:
    """Run a command body inside the one error boundary (``launch.guarded``); its exit code ends the command."""
    raise typer.Exit(guarded(lang, debug, body, (typer.Exit, typer.Abort)))


def command(
    name: str | None = None, *, hidden: bool = False, group: typer.Typer | None = None
) -> Callable[[Callable[..., int]], Any]:
    """Register a command (on ``app``, or on a command group such as ``qingdan holidays``). The function
    declares its own options and takes the reader's language as ``lang``; it returns the exit code. This
    decorator adds ``--lang`` and ``--debug`` and runs it inside the one error boundary (``_guard``)."""

    def register(function: Callable[..., int]) -> Any:
        signature = inspect.signature(function)
        own = [p for p in signature.parameters.values() if p.name != "lang"]
        added = [
            inspect.Parameter("lang", inspect.Parameter.KEYWORD_ONLY, default=LangOption, annotation="str | None"),
            inspect.Parameter("debug", inspect.Parameter.KEYWORD_ONLY, default=DebugOption, annotation="bool"),
        ]

        @functools.wraps(function)
        def wrapper(**options: Any) -> None:
            requested = options.pop("lang", None)
            language = _lang(requested)
            debug = bool(options.pop("debug", False))

            def body() -> int:
                _check_lang(requested)
                return int(function(**options, lang=language))

            _guard(language, debug, body)

        for p in own:
            _completes(p.default, name or function.__name__, group is not None)
        wrapper.__signature__ = signature.replace(parameters=[*own, *added])  # type: ignore[attr-defined]
        wrapper.__annotations__ = {**function.__annotations__, "lang": "str | None", "debug": "bool"}
        return (group or app).command(name, hidden=hidden)(wrapper)

    return register


def _choices(values: Callable[[], tuple[str, ...]], comma: bool = False) -> Callable[[str], list[str]]:
    """Shell completion of an option's values, looked up only when the shell asks (``comma``: a comma-separated
    list, such as --only html,pdf)."""

    def complete(incomplete: str) -> list[str]:
        done, _, last = incomplete.rpartition(",") if comma else ("", "", incomplete)
        prefix = done + "," if done else ""
        taken = set(done.split(",")) if done else set()
        return [prefix + v for v in values() if v.startswith(last) and v not in taken]

    return complete


def _reporters(key: str) -> Callable[[], tuple[str, ...]]:
    def values() -> tuple[str, ...]:
        from qingdan.report import REPORTERS

        return tuple(REPORTERS.get(key, {}))

    return values


def _table_formats() -> tuple[str, ...]:
    from qingdan.tables.exporter import FORMATS

    return FORMATS


def _export_formats() -> tuple[str, ...]:
    return (*_table_formats(), "parquet")


def _list_kinds() -> tuple[str, ...]:
    from qingdan.vocabulary import LIST_KINDS

    return tuple(LIST_KINDS)


def _all_kinds() -> tuple[str, ...]:
    from qingdan.vocabulary import KINDS

    return tuple(KINDS)


def _build_formats() -> tuple[str, ...]:
    from qingdan.publish.build import FORMATS

    return FORMATS


def _completes(info: Any, name: str, grouped: bool) -> None:
    """Give the options whose values are a fixed vocabulary their completion: --format (the command's
    reporters), --report, --kind, --only; the argument of ``schema``."""
    if not hasattr(info, "autocompletion") or info.autocompletion is not None:
        return
    decls = set(getattr(info, "param_decls", ()) or ())
    key = "holidays" if grouped else name
    if "--format" in decls:
        info.autocompletion = _choices(_export_formats if name == "export" else _reporters(key))
    elif "--report" in decls:
        info.autocompletion = _choices(_reporters(key))
    elif "--kind" in decls:
        info.autocompletion = _choices(_list_kinds)
    elif "--only" in decls:
        info.autocompletion = _choices(_build_formats, comma=True)
    elif name == "schema" and not decls:
        info.autocompletion = _choices(_all_kinds)


def _choice(value: str, allowed: tuple[str, ...] | list[str]) -> str:
    if value not in allowed:
        raise UsageError("unknown-format", value=value, allowed=", ".join(allowed))
    return value


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qingdan {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本号。"),
) -> None:
    """清单 — 社区工作事项清单的检查、比较、审核与发布工具。"""


@command()
def validate(
    paths: list[Path] = typer.Argument(
        None, help="清单仓库目录，或其中的文件/目录；默认为当前仓库。", show_default=False
    ),
    fmt: str = typer.Option(
        "text", "--format", "-f", help="输出格式：text、json、sarif、github、rdjson、markdown、codequality、junit。"
    ),
    strict: bool = typer.Option(False, "--strict", help="有警告时也以退出码 1 结束。"),
    today: str | None = typer.Option(None, "--today", help="按此日期判断到期（YYYY-MM-DD），默认今天。"),
    no_cache: bool = typer.Option(False, "--no-cache", help="不读取也不写入缓存（.qingdan-cache/）。"),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="基线文件：其中记录的已有问题计为“已列入基线”，不让检查失败；新出现的问题照常报告。"
    ),
    update_baseline: bool = typer.Option(
        False, "--update-baseline", help="把现在的全部问题写入基线文件（默认为仓库根目录的 .qingdan-baseline.json）。"
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="（text 格式）只列出问题，不列提示；没有问题时什么也不打印。"
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="（text 格式）另外列出检查了哪些文件。"),
    *,
    lang: str,
) -> int:
    """检查清单：格式（JSON Schema）和跨文件规则，报告文件、行、列和修改建议。

    退出码：0 通过（可有警告，除非 --strict；基线中的问题不算），1 有问题，2 用法或输入错误，3 内部错误。
    """
    return validate_command(paths, fmt, strict, today, no_cache, baseline, update_baseline, quiet, verbose, lang=lang)


@command()
def fix(
    paths: list[Path] = typer.Argument(
        None, help="清单仓库目录，或其中的文件/目录；默认为当前仓库。", show_default=False
    ),
    write: bool = typer.Option(False, "--write", help="把修复写入文件（默认只显示改动，不写入）。"),
    today: str | None = typer.Option(None, "--today", help="写入后检查时按此日期判断到期（YYYY-MM-DD），默认今天。"),
    *,
    lang: str,
) -> int:
    """自动修复机械性的问题：全角空格和冒号、Tab 缩进、no/on/日期加引号、名称的空格标点、缺少的编号。

    先显示改动（diff），加 --write 才写入，写入后检查整个仓库。

    退出码：不加 --write 时 0 没有要改的，1 有可以修复的改动；2 用法或输入错误。

    加 --write 时 0 已写入（或无需修改）且检查通过，1 写入后仍有错误。
    """
    from qingdan.fix import fix_repository

    render = reporter("fix", "text")
    result = fix_repository(list(paths or []), cwd=Path.cwd(), write=write, today=_parse_date(today))
    _emit(render(result, lang))
    if not write:
        return EXIT_FINDINGS if result.changes or any(not f.parses for f in result.files) else EXIT_OK
    return EXIT_FINDINGS if result.report is not None and result.report.failed() else EXIT_OK


@command()
def schema(
    kind: str | None = typer.Argument(None, help="清单类型；省略时输出包含所有类型的完整模式。"),
    write: Path | None = typer.Option(
        None, "--write", help="把完整模式和各类型的模式写入这个目录（qingdan.schema.json、duties.schema.json……）。"
    ),
    *,
    lang: str,
) -> int:
    """输出清单文件的 JSON Schema（供编辑器自动补全和检查）。"""
    from qingdan import schema as schemas

    if write is not None:
        from qingdan.files import write_all

        if kind is not None:
            raise UsageError("schema-write-kind")
        if write.exists() and not write.is_dir():
            raise UsageError("schema-write-not-dir", path=str(write))
        files = {write / name: text for name, text in schemas.schema_files().items()}
        write_all(files)
        _emit("".join(f"{path}\n" for path in files))
        return EXIT_OK
    if kind is None:
        doc = schemas.root_schema()
    elif kind in schemas.KINDS:
        doc = schemas.kind_schema(kind)
    else:
        raise UsageError("unknown-kind", kind=kind, allowed=", ".join(schemas.KINDS))
    _emit(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


@command()
def diff(
    versions: list[str] = typer.Argument(
        None,
        show_default=False,
        help="无：HEAD 与工作区；REV：该版本与工作区；A..B；A...B（共同祖先与 B）；或两个目录。",
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="输出格式：text、markdown、json、html。"),
    show_all: bool = typer.Option(False, "--all", help="也显示仅格式的变更（全角半角、空格、标点）。"),
    exit_code: bool = typer.Option(False, "--exit-code", help="有变更时以退出码 1 结束。"),
    *,
    lang: str,
) -> int:
    """按事项比较两个版本的清单：新增、删除、修改、改名、移动、编号变更，以及各区划各类清单的事项数量。"""
    return diff_command(versions, fmt, show_all, exit_code, lang=lang)


@command()
def sync(
    update: str | None = typer.Option(
        None, "--update", help="改这个上游（qingdan.toml 中 [[upstream]] 的 name）的固定提交，并显示上游的变化。"
    ),
    rev: str | None = typer.Option(
        None, "--rev", help="与 --update 一起用：固定到这个提交（完整编号）、分支或标签；默认上游默认分支当前的提交。"
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="输出格式：text、json。"),
    today: str | None = typer.Option(None, "--today", help="比较检查结果时按此日期判断到期（YYYY-MM-DD），默认今天。"),
    *,
    lang: str,
) -> int:
    """取得 qingdan.toml 中 [[upstream]] 列出的上游清单（国家、省、市的仓库），按固定的提交编号保存在缓存中；
    之后 validate、find、review、build 把它们当作上级清单使用，不再联网。

    --update 名称：把该上游的固定提交改为 --rev（默认其当前 HEAD），写入 qingdan.toml（保留注释），
    显示上游清单的变化，以及本仓库因此新出现和消除的问题。

    退出码：0 完成；1 有上游的清单未通过检查，或改固定提交后本仓库有错误；2 用法或输入错误（上游无法访问、
    固定的提交不存在、配置有误）。
    """
    from qingdan.upstream import sync as upstream

    render = reporter("sync", fmt)
    if rev is not None and update is None:
        raise UsageError("sync-rev-without-update")
    if update is not None:
        moved = upstream.update(cwd=Path.cwd(), name=update, rev=rev, today=_parse_date(today))
        _emit(render(moved, lang))
        return EXIT_FINDINGS if moved.errors else EXIT_OK
    result = upstream.sync(cwd=Path.cwd())
    _emit(render(result, lang))
    return EXIT_FINDINGS if any(s.problem is not None for s in result.upstreams) else EXIT_OK


@command("git-diff", hidden=True)
def git_diff(
    args: list[str] = typer.Argument(
        ..., help="git 传给外部 diff 程序的参数：路径 旧文件 旧哈希 旧权限 新文件 新哈希 新权限"
    ),
    *,
    lang: str,
) -> int:
    """git 外部 diff 驱动：在 git diff / git log -p 中按事项显示清单变更（见 docs/git.md）。"""
    from qingdan.diff import compare
    from qingdan.snapshot import driver

    if len(args) < 7:
        raise UsageError("diff-args")
    path, old_file, old_hex, _, new_file, new_hex = args[:6]
    comparison = compare(*driver(Path.cwd(), path, Path(old_file), old_hex, Path(new_file), new_hex))
    _emit(f"qingdan diff {path}\n")
    _emit(reporter("diff", "text")(comparison, lang, False))
    return EXIT_OK


@command()
def log(
    item: str = typer.Argument(..., help="事项编号，例如 XY-XZ-001。"),
    fmt: str = typer.Option("text", "--format", "-f", help="输出格式：text、json。"),
    max_commits: int = typer.Option(500, "--max-commits", help="最多查看最近的多少次提交（默认 500）。"),
    *,
    lang: str,
) -> int:
    """显示一个事项在 git 历史中的变化：何时进入清单、每次修改、编号变更、何时退出（跟随编号变更）。"""
    from qingdan.config import find_root
    from qingdan.history import item_history

    render = reporter("log", fmt)
    history = item_history(find_root(Path.cwd()), item, max_commits)
    _emit(render(history.events, lang))
    if history.cut:
        _say(i18n.message("log-cut", lang, count=max_commits))
    return EXIT_OK


@command("import")
def import_(
    source: Path = typer.Argument(..., help="要导入的表格：.xlsx、.csv（编码自动识别）或 Word 文档 .docx 中的表格。"),
    kind: str = typer.Option(..., "--kind", "-k", help="清单类型：duties、negative、certificates、seal。"),
    jurisdiction: str = typer.Option(..., "--jurisdiction", "-j", help="区划代码（12 位），例如 980102001001。"),
    stance: str | None = typer.Option(None, "--stance", help="证明清单：没有“出具意见”列时用 allowed 或 forbidden。"),
    role: str | None = typer.Option(None, "--role", help="职责清单：没有“承担方式”列时各事项的承担方式。"),
    sheet: str | None = typer.Option(None, "--sheet", help="工作表名称，默认第一个；Word 文档为表格序号。"),
    mapping: list[str] = typer.Option(None, "--map", help="列的对应：列名=字段（可重复；字段 ignore 忽略该列）。"),
    output: Path | None = typer.Option(None, "--output", "-o", help="清单文件，默认 lists/imported/<表格名>.yaml。"),
    id_prefix: str | None = typer.Option(None, "--id-prefix", help="新编号的前缀，默认沿用同区划同类清单的编号。"),
    force: bool = typer.Option(
        False, "--force", help="没有通过检查也写入；覆盖已有文件（作为新版本，编号按名称沿用）。"
    ),
    update: Path | None = typer.Option(
        None, "--update", help="表格是这份已有清单的新版本：按名称对照，沿用原编号；默认写回该文件。"
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="只显示导入结果和与上一版的对照，不写入。"),
    keep_removed: bool = typer.Option(False, "--keep-removed", help="新版本中没有的原事项保留在文件中。"),
    as_new: list[str] = typer.Option(None, "--as-new", help="这一名称的行是新事项，不是原事项改名（可重复）。"),
    title: str | None = typer.Option(None, "--title", help="清单标题，默认取表格上方的标题行。"),
    issuer: str | None = typer.Option(None, "--issuer", help="发布机关，例如 示例市东城区人民政府。"),
    doc_number: str | None = typer.Option(None, "--doc-number", help="印发清单的文件的文号，默认取标题括号中的文号。"),
    effective: str | None = typer.Option(None, "--effective", help="施行日期 YYYY-MM-DD，默认取“……起施行”一行。"),
    basis: list[str] = typer.Option(
        None, "--basis", help="整份清单的依据（适用于每个事项，可重复）；默认为印发清单的文件及其文号。"
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="输出格式：text、json。"),
    *,
    lang: str,
) -> int:
    """把 Excel/CSV 表格或 Word 附件中的表格导入为清单文件：识别列名、拆分括号中的别名、编号，检查通过后才写入。

    导入到已有清单（--force 或 --update）时按名称与上一版逐项对照：
    未变和改名的事项沿用原编号，新增的接着编号，删除的列出。

    退出码：0 已写入，1 没有通过检查而未写入，2 用法或输入错误（文件不存在、工作表不存在、编码无法识别、找不到表头）。
    """
    from qingdan.tables import columns, importer

    render = reporter("import", fmt)
    options = importer.Options(
        source,
        kind,
        jurisdiction,
        stance=stance,
        role=role,
        sheet=sheet,
        mapping=columns.parse_mapping(list(mapping or [])),
        output=output,
        id_prefix=id_prefix,
        force=force,
        update=update,
        dry_run=dry_run,
        keep_removed=keep_removed,
        as_new=tuple(as_new or ()),
        title=title,
        issuer=issuer,
        doc_number=doc_number,
        effective=effective,
        basis=tuple(basis or ()),
    )
    result = importer.import_table(options, cwd=Path.cwd())
    _emit(render(result, lang))
    return EXIT_OK if result.written or (result.dry_run and not result.report.failed()) else EXIT_FINDINGS


@command("export")
def export(
    paths: list[Path] = typer.Argument(None, help="清单文件或目录；默认为当前仓库的 lists/。", show_default=False),
    fmt: str = typer.Option(
        "xlsx",
        "--format",
        "-f",
        help="格式：xlsx、csv（带 BOM 的 UTF-8）、parquet（分析用的数据集，docs/analysis.md）。",
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="输出目录，默认 export/（parquet 为 export/parquet/），按 lists/ 的结构存放。"
    ),
    source: str | None = typer.Option(
        None, "--source", help="parquet：来源名称（文件名的前半），默认为仓库最上一级清单的区划代码。"
    ),
    report_fmt: str = typer.Option("text", "--report", help="本命令的输出格式：text、json。"),
    *,
    lang: str,
) -> int:
    """把清单导出为 Excel 或 CSV 表格，每份清单一个文件，列名与 qingdan import 识别的一致；或导出为 Parquet 数据集
    （--format parquet：事项、区划和检查结果，按省级代码分区，多个仓库的导出可以放在同一目录中一起查询）。"""
    from qingdan.tables import exporter

    table_format = _choice(fmt, (*exporter.FORMATS, "parquet"))
    if table_format == "parquet":
        from qingdan.analysis.dataset import export_dataset

        render = reporter("export-parquet", report_fmt)
        _emit(render(export_dataset(list(paths or []), cwd=Path.cwd(), output=output, source=source), lang))
        return EXIT_OK
    render = reporter("export", report_fmt)
    _emit(render(exporter.export_lists(list(paths or []), cwd=Path.cwd(), fmt=table_format, output=output), lang))
    return EXIT_OK


@command()
def query(
    sql: str = typer.Argument(..., help="一条 SELECT 语句（DuckDB 的 SQL），可用的视图见 docs/analysis.md。"),
    data: Path | None = typer.Option(
        None, "--data", help="Parquet 数据目录（多个仓库的 qingdan export --format parquet 输出）；默认为当前仓库。"
    ),
    fmt: str = typer.Option("table", "--format", "-f", help="输出格式：table、csv（带 BOM 的 UTF-8）、json。"),
    *,
    lang: str,
) -> int:
    """用 SQL 查询清单数据：默认查询当前仓库（先导出到 .qingdan-cache/，清单未改动时直接复用），--data 查询多个仓库的
    导出。只读：不能写文件，也不能读数据目录以外的文件。需要 pip install 'qingdan[analysis]'。"""
    from qingdan.analysis.query import run_query

    render = reporter("query", fmt)
    _emit(render(run_query(sql, cwd=Path.cwd(), data=data), lang))
    return EXIT_OK


@command()
def init(
    directory: Path = typer.Argument(..., help="新清单仓库的目录（不存在则创建；已有清单时不写入）。"),
    city: str = typer.Option(..., "--city", help="城市名称，例如 长沙市。"),
    code: str = typer.Option(
        ..., "--code", help="城市的 12 位区划代码，例如 430100000000；直辖市用省级代码，例如 110000000000。"
    ),
    province: str = typer.Option("", "--province", help="省级名称，例如 湖南省；直辖市可以省略。"),
    prefix: str | None = typer.Option(None, "--prefix", help="示例清单的编号前缀，默认 C 加代码前 4 位。"),
    folder: str | None = typer.Option(None, "--folder", help="lists/ 下城市目录的名称，默认为城市名称。"),
    install_from: str | None = typer.Option(
        None,
        "--install-from",
        help="CI 和钩子安装 qingdan 的固定来源：包名==版本（可加 --hash=sha256:…）、git+https://…@提交号，"
        "或仓库中 .whl 文件的路径；默认为当前 qingdan 的安装来源（须是已推送的 git 提交）。",
    ),
    *,
    lang: str,
) -> int:
    """新建一个城市的清单仓库：配置、区划、部门、示例负面清单、CI 文件与 pre-commit 钩子，立即可以通过检查。

    直辖市（北京 110000000000、天津 120000000000、上海 310000000000、重庆 500000000000）按省级单位建库，区直接列在其下。

    退出码：0 已写入，2 用法错误（代码不是市级或直辖市、目录中已有清单、qingdan 的安装来源没有固定版本）。
    """
    from qingdan import install_source, scaffold

    source = install_source.resolve(install_from)
    place = scaffold.City(
        code=code, name=city, province=province, prefix=prefix or f"C{code[:4]}", folder=folder or city
    )
    written = scaffold.init(directory, place, source)
    _emit("".join(f"{directory / path}\n" for path in written))
    hint = scaffold.municipality_hint(place)
    if hint is not None:
        _emit(i18n.message("init-municipality", lang, **hint) + "\n")
    _emit(i18n.message("init-done", lang, count=len(written), path=str(directory)) + "\n")
    return EXIT_OK


ThresholdOption = typer.Option(
    None, "--threshold", help="名称相似度阈值（0–100），默认取 qingdan.toml 的 [match] fuzzy_threshold。"
)


@command()
def review(
    requests: list[Path] = typer.Argument(None, help="准入申请文件（kind: request），可以有多个。", show_default=False),
    template: bool = typer.Option(False, "--template", help="输出一份带注释的空白申请，供申请部门填写。"),
    today: str | None = typer.Option(None, "--today", help="按此日期计算剩余工作日（YYYY-MM-DD），默认今天。"),
    fmt: str = typer.Option("text", "--format", "-f", help="输出格式：text、markdown、json。"),
    threshold: float | None = ThresholdOption,
    no_cache: bool = typer.Option(False, "--no-cache", help="不读取也不写入缓存（.qingdan-cache/）。"),
    *,
    lang: str,
) -> int:
    """审核准入申请：给出 准入 / 不予准入 / 需补正 的结论、每项检查及其依据，以及按工作日计算的期限。

    退出码：0 准入，1 不予准入或需补正，2 用法或输入错误（文件不存在、日期所在年份的节假日未知），3 内部错误。
    """
    from qingdan.admission.request import template as blank
    from qingdan.admission.review import ADMIT, review_requests

    if template:
        _emit(blank())
        return EXIT_OK
    render = reporter("review", fmt)
    reviews = review_requests(
        list(requests or []), cwd=Path.cwd(), today=_parse_date(today), threshold=threshold, use_cache=not no_cache
    )
    _emit(render(reviews, lang))
    return EXIT_OK if all(r.verdict == ADMIT for r in reviews) else EXIT_FINDINGS


@command()
def find(
    text: str = typer.Argument(..., help="要查的证明或事项名称，例如 收入证明。"),
    place: str | None = typer.Option(None, "--in", help="区划名称或代码，例如 向阳社区；查该区划及其所有上级的清单。"),
    fmt: str = typer.Option("text", "--format", "-f", help="输出格式：text、json。"),
    threshold: float | None = ThresholdOption,
    *,
    lang: str,
) -> int:
    """查询：社区能不能开这个证明、做这项工作？按名称和别名查清单，给出可以/不得、哪一级、哪份文件和替代办法。

    退出码：0 找到相关事项，1 没有找到，2 用法或输入错误。
    """
    from qingdan.admission.find import answer_question

    render = reporter("find", fmt)
    answer = answer_question(text, cwd=Path.cwd(), place=place, threshold=threshold)
    _emit(render(answer, lang))
    return EXIT_OK if answer.matches else EXIT_FINDINGS


def _decided(decision: Any, lang: str) -> int:
    from qingdan.report import review as reporters

    if decision.refused:
        _emit(reporters.render_text(decision.review, lang))
        _console(stderr=True).print(i18n.message("decision-refused", lang))
        return EXIT_FINDINGS
    _emit(reporters.render_decision(decision, lang))
    return EXIT_OK


@command()
def admit(
    request: Path = typer.Argument(..., help="准入申请文件。"),
    by: str = typer.Option(..., "--by", help="作出决定的机构，例如 东城区社区减负工作组。"),
    on: str = typer.Option(..., "--date", help="决定日期（YYYY-MM-DD）。"),
    note: str | None = typer.Option(None, "--note", help="备注，写入准入记录。"),
    record_id: str | None = typer.Option(None, "--id", help="准入记录编号，默认按已有编号顺延，例如 DC-ZR-2026-01。"),
    force: bool = typer.Option(False, "--force", help="审核结论不是准入时也写入（审批机构另有决定）。"),
    *,
    lang: str,
) -> int:
    """记录准入决定：写入准入记录，把事项加入各目标社区的协助事项清单并链接准入记录，再检查整个仓库。

    退出码：0 已写入，1 审核结论不是准入（未写入），2 用法或输入错误，或写入后检查不通过（已恢复原样）。
    """
    from qingdan.admission.decision import record_decision

    decision = record_decision(
        "admit", request, cwd=Path.cwd(), by=by, day=_day(on), note=note, record_id=record_id, force=force
    )
    return _decided(decision, lang)


@command()
def reject(
    request: Path = typer.Argument(..., help="准入申请文件。"),
    by: str = typer.Option(..., "--by", help="作出决定的机构。"),
    on: str = typer.Option(..., "--date", help="决定日期（YYYY-MM-DD）。"),
    reason: str | None = typer.Option(None, "--reason", help="不予准入的理由；默认取审核未通过的各项说明。"),
    note: str | None = typer.Option(None, "--note", help="备注，写入准入记录。"),
    record_id: str | None = typer.Option(None, "--id", help="准入记录编号，默认按已有编号顺延。"),
    *,
    lang: str,
) -> int:
    """记录不予准入的决定和理由（写入准入记录，不改社区清单）。"""
    from qingdan.admission.decision import record_decision

    decision = record_decision(
        "reject", request, cwd=Path.cwd(), by=by, day=_day(on), note=note, reason=reason, record_id=record_id
    )
    return _decided(decision, lang)


@command()
def revoke(
    record: str = typer.Argument(..., help="准入记录编号，例如 DC-ZR-2023-01。"),
    reason: str = typer.Option(..., "--reason", help="撤销（退出）的理由。"),
    on: str | None = typer.Option(None, "--date", help="撤销日期（YYYY-MM-DD），默认今天。"),
    *,
    lang: str,
) -> int:
    """撤销准入（退出）：记录状态改为已撤销并写明理由；依赖它的社区事项加注释，qingdan validate 会报告它们。"""
    from qingdan.admission.decision import revoke_admission

    day = _parse_date(on) or current_day()
    return _decided(revoke_admission(record, cwd=Path.cwd(), reason=reason, day=day), lang)


def _day(value: str) -> date:
    day = _parse_date(value)
    assert day is not None
    return day


# build: site, PDF and Excel (issue 5)


@command()
def build(
    paths: list[Path] = typer.Argument(None, help="清单仓库目录；默认为当前仓库。", show_default=False),
    out: Path | None = typer.Option(None, "--out", "-o", help="输出目录，默认为仓库下的 _site/。"),
    only: str | None = typer.Option(None, "--only", help="只生成其中几种，用逗号分隔：html、pdf、xlsx、docx。"),
    font_dirs: list[Path] = typer.Option(None, "--font-dir", help="补充字体目录（可重复），为 PDF 补上缺少的字。"),
    xlsx_font: str | None = typer.Option(None, "--xlsx-font", help="Excel 表格的中文字体名称，默认 仿宋_GB2312。"),
    pdf_standard: str | None = typer.Option(
        None,
        "--pdf-standard",
        help="PDF 标准：ua-1（默认，带标签，供读屏软件）、a-2b（PDF/A-2b 归档，也带标签）、none（不带标签）。"
        "默认取 qingdan.toml 中 build 节的 pdf_standard。",
    ),
    today: str | None = typer.Option(None, "--today", help="检查时按此日期判断到期（YYYY-MM-DD），默认今天。"),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="不读取也不写入缓存（.qingdan-cache/）：检查和生成都重新读取每个文件。"
    ),
    *,
    lang: str,
) -> int:
    """发布清单：静态网站、PDF、Excel 和 Word。先检查，有错误时不生成，原有输出保持不变；同样的输入生成同样的文件。

    退出码：0 已生成，1 检查未通过（未写入），2 用法或输入错误（缺少 PDF 或 Word 组件、字体缺字、输出目录不可用）。
    """
    from qingdan.publish import build as publish
    from qingdan.report import build_summary

    options = publish.Options(
        tuple(paths or ()),
        out,
        publish.parse_only(only),
        tuple(font_dirs or ()),
        xlsx_font,
        _parse_date(today),
        not no_cache,
        pdf_standard=publish.parse_pdf_standard(pdf_standard),
    )
    with _stage_progress(lang) as progress:
        result = publish.build(options, cwd=Path.cwd(), progress=progress)
    if result.out is None:
        _emit(reporter("validate", "text")(result.report, lang))
        _console(stderr=True).print(i18n.message("build-invalid", lang))
        return EXIT_FINDINGS
    _emit(build_summary.render(result, lang, Path.cwd()))
    return EXIT_OK


@command()
def serve(
    path: Path = typer.Argument(Path("."), help="清单仓库目录；默认为当前仓库。", show_default=False),
    host: str = typer.Option("127.0.0.1", "--host", help="监听的地址；默认 127.0.0.1（只有本机能打开）。"),
    port: int = typer.Option(8000, "--port", "-p", help="端口；0 表示任选一个空闲端口。"),
    *,
    lang: str,
) -> int:
    """本机预览清单网站：修改清单后自动检查并重新生成，页面自动刷新，页面底部显示检查发现的问题。

    网站生成在 .qingdan-cache/serve/，不改动 _site/。按 Ctrl-C 停止。需要 pip install 'qingdan[serve]'。

    退出码：0 已停止，2 用法错误（端口被占用、缺少 watchfiles）。
    """
    import threading

    from qingdan.config import find_root
    from qingdan.publish import serve as preview
    from qingdan.report import reporter

    root = find_root(path.resolve())
    describe = reporter("validate", "text")

    def message(key: str, args: dict[str, Any]) -> str:
        return i18n.message(key, lang, **args)

    def text_of(report: Any) -> str:
        from rich.text import Text

        out = describe(report, lang)
        return out.plain if isinstance(out, Text) else str(out)

    def started(address: str, state: preview.State) -> None:
        _emit(i18n.message("serve-started", lang, address=address, folder=str(root)) + "\n")
        if not preview.local(host):
            _say(i18n.message("serve-not-local", lang, host=host))
        _emit(state.head + "\n")

    def changed(state: preview.State) -> None:
        _emit(state.head + "\n")

    try:
        preview.run(root, host, port, lang, message, text_of, started, changed, threading.Event())
    except KeyboardInterrupt:
        _emit(i18n.message("serve-stopped", lang) + "\n")
    return EXIT_OK


# holidays.yaml from the State Council's annual notice (issue 19)

holidays_app = typer.Typer(
    name="holidays",
    help="节假日安排（holidays.yaml）：从国务院办公厅的年度通知写入日历库还不知道的年份。",
    no_args_is_help=True,
)
app.add_typer(holidays_app, name="holidays")


@command("import", group=holidays_app)
def holidays_import(
    notice: Path = typer.Argument(..., help="通知全文的文本文件（从中国政府网复制，UTF-8 或 GBK）。"),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="节假日文件，默认为清单仓库根目录的 holidays.yaml。"
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="只显示读出的安排，不写入文件。"),
    fmt: str = typer.Option("text", "--format", "-f", help="输出格式：text、json。"),
    *,
    lang: str,
) -> int:
    """读取《国务院办公厅关于××××年部分节假日安排的通知》：先按月显示放假和调休上班的日子，再把这一年写入
    holidays.yaml（保留其他年份）。

    退出码：0 已写入（或 --dry-run），2 通知中有读不出的行（逐行列出，不写入）或文件不可用。
    """
    from qingdan.admission.holidays import import_notice
    from qingdan.admission.notice import NoticeError

    render = reporter("holidays", fmt)
    try:
        result = import_notice(notice, cwd=Path.cwd(), output=output, dry_run=dry_run)
    except NoticeError as exc:
        from qingdan.report.holidays import problems_text
        from qingdan.text import visible

        sys.stderr.write(visible(problems_text(exc, lang)))
        raise
    _emit(render(result, lang))
    return EXIT_OK


def main() -> None:
    from qingdan.files import handle_termination

    handle_termination()
    app()
