"""The command's entry point, and the parts of the command line that do not need the command-line library.

A warm ``qingdan validate`` (nothing changed since the last run) reads one cache file and prints a summary;
importing typer, click and rich and building every command's options took longer than that, and was a good part
of a small ``qingdan diff``. ``main`` therefore recognises the ``validate`` and ``diff`` command lines in their
plain forms (``_plain_options``) and runs the very same command bodies as the typer commands do
(``validate_command``, ``diff_command``); any other command line — help, completion, other commands, an option
written in a form this parser does not take — goes to the typer app in ``cli.py`` unchanged. What both paths
share lives here: the language, the one error boundary, printing, the progress bar. rich is imported only when
something is styled for a terminal, shown as a bar, or said on stderr.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qingdan import i18n
from qingdan.errors import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    Interrupted,
    QingdanError,
    UsageError,
    os_reason,
)
from qingdan.report import reporter

if TYPE_CHECKING:
    from rich.console import Console


def lang_of(value: str | None) -> str:
    """zh or en: from --lang, else QINGDAN_LANG; "zh_CN", "en-US.UTF-8" count as zh and en. An unknown value
    reads as zh here; ``check_lang`` makes an unknown --lang a usage error."""
    lang = (value or os.environ.get("QINGDAN_LANG") or "zh").lower().replace("-", "_").split("_")[0].split(".")[0]
    return lang if lang in i18n.LANGS else "zh"


def check_lang(value: str | None) -> None:
    if value is not None and lang_of(value) != value.lower().replace("-", "_").split("_")[0].split(".")[0]:
        raise UsageError("unknown-lang", value=value, allowed=", ".join(i18n.LANGS))


@functools.cache
def _console_class() -> type[Console]:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """The reader went away: the one error boundary ends quietly (rich alone would exit 1, "findings")."""
            self.quiet = True
            raise BrokenPipeError

    return _Console


def console(stderr: bool = False) -> Console:
    """NO_COLOR (any value) turns off every style, not just colours: plain text for logs and printers."""
    plain = bool(os.environ.get("NO_COLOR"))
    return _console_class()(stderr=stderr, highlight=False, soft_wrap=True, color_system=None if plain else "auto")


def _styled() -> bool:
    """Whether ``console()`` would style what it prints on stdout: colours are on and stdout is a terminal as
    rich decides it (TTY_COMPATIBLE, then FORCE_COLOR, then the stream itself). When not, a rich ``Text`` prints
    as its plain text and rich need not be asked (``tests/test_launch.py`` holds the two against each other)."""
    environ = os.environ
    if environ.get("NO_COLOR"):
        return False
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return sys.stdout.isatty()
    except ValueError:
        return False


def say(text: str) -> None:
    """One line on stderr (rich markup); a closed or broken stderr loses the line, never the exit code."""
    with contextlib.suppress(Exception):
        console(stderr=True).print(text)


def quiet_stdout() -> None:
    """After a broken pipe (``qingdan … | head``): send what is left to /dev/null, so that the interpreter's
    last flush does not complain either."""
    with contextlib.suppress(Exception):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def guarded(lang: str, debug: bool, body: Callable[[], int], passthrough: tuple[type[BaseException], ...] = ()) -> int:
    """Run a command body and return its exit code; turn every error into one line and the right exit code.
    ``passthrough``: exceptions of the command-line library that must reach it (its Exit and Abort)."""
    try:
        return body()
    except QingdanError as exc:
        from rich.markup import escape

        from qingdan.text import visible

        text = escape(visible(i18n.message(exc.key, lang, **exc.args_)))  # "qingdan[pdf]" is text, not a style
        say(f"[bold red]{i18n.message('error-prefix', lang)}:[/] {text}")
        return exc.exit_code
    except BrokenPipeError:  # the reader went away (| head): nothing more to say, to nobody
        quiet_stdout()
        return EXIT_USAGE
    except OSError as exc:  # the environment, not a bug: a full disk, no permission, a busy or read-only folder
        from rich.markup import escape

        from qingdan.text import visible

        key, args = ("os-error", {"path": exc.filename}) if exc.filename is not None else ("os-error-unnamed", {})
        text = escape(visible(i18n.message(key, lang, **args, reason=os_reason(exc))))
        say(f"[bold red]{i18n.message('error-prefix', lang)}:[/] {text}")
        return EXIT_USAGE
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (files.handle_termination): writes were rolled back
        signum = exc.signum if isinstance(exc, Interrupted) else 2
        say(i18n.message("interrupted", lang))
        return 128 + signum
    except passthrough:
        raise
    except Exception as exc:  # noqa: BLE001 - the one boundary for bugs: exit 3, never a bare traceback
        if debug:
            raise
        from rich.markup import escape

        say(escape(i18n.message("internal-error", lang, detail=f"{type(exc).__name__}: {exc}")))
        return EXIT_INTERNAL


def emit(output: Any) -> None:
    """Everything a command prints goes through here (and errors through ``guarded``): control characters from
    the lists are shown, never sent to the terminal as commands."""
    from qingdan.text import visible

    if isinstance(output, list):
        for part in output:
            emit(part)
        return
    if sys.stdout is None:  # started with stdout closed (>&-): there is nowhere to write the result
        raise OSError(errno.EBADF, "stdout is closed")
    if isinstance(output, str):
        sys.stdout.write(visible(output))
        sys.stdout.flush()
        return
    from rich.text import Text

    if isinstance(output, Text) and not _styled() and "\t" not in output.plain:  # rich would print just this
        sys.stdout.write(visible(output.plain))
        sys.stdout.flush()
        return
    if isinstance(output, Text):
        output = output.copy()
        output.plain = visible(output.plain)
    console().print(output, end="")
    sys.stdout.flush()  # a reader that went away (| head) is noticed here, inside the error boundary


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError("bad-date", value=value) from None


@contextmanager
def stage_progress(lang: str, first: str = "") -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress bar (stderr, terminal only) whose label follows the stage: reading, then publishing."""
    if sys.stderr is None or not sys.stderr.isatty() or os.environ.get("CI"):
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(i18n.message(first, lang) if first else "", total=None)

        def advance(stage: str, done: int, total: int) -> None:
            bar.update(task, description=i18n.message(stage, lang), completed=done, total=total)

        yield advance


@contextmanager
def progress(lang: str) -> Iterator[Callable[[int, int], None] | None]:
    """The bar of ``stage_progress`` while many files are read; a handful of changed files needs none."""
    with stage_progress(lang, "progress-reading") as stage:
        if stage is None:
            yield None
            return

        def advance(done: int, total: int) -> None:
            if total >= 200:
                stage("progress-reading", done, total)

        yield advance


# ``qingdan validate``: the body of the command, for both paths


def validate_command(
    paths: Sequence[Path] | None,
    fmt: str,
    strict: bool,
    today: str | None,
    no_cache: bool,
    baseline: Path | None,
    update_baseline: bool,
    quiet: bool,
    verbose: bool,
    *,
    lang: str,
) -> int:
    """What ``qingdan validate`` does once its options are read (cli.validate has the help)."""
    from qingdan.check import narrows, validate_repository

    render = reporter("validate", fmt)
    targets = list(paths or [])
    if update_baseline and narrows(targets):
        raise UsageError("baseline-partial")
    with progress(lang) as advance:
        report = validate_repository(
            targets, cwd=Path.cwd(), today=parse_date(today), use_cache=not no_cache, progress=advance
        )
    if baseline is not None or update_baseline:
        report = _baselined(report, baseline, update_baseline, lang)
    if fmt == "text" and (quiet or verbose):
        from qingdan.report.validate.text import render as render_text

        emit(render_text(report, lang, quiet=quiet, files=verbose))
    else:
        emit(render(report, lang))
    _job_summary(fmt, report, lang)
    return EXIT_FINDINGS if report.failed(strict) else EXIT_OK


def _baselined(report: Any, path: Path | None, update: bool, lang: str) -> Any:
    """Write the baseline (``--update-baseline``), then count the findings it holds as baselined."""
    from qingdan import baseline

    target = path if path is not None else report.root / baseline.DEFAULT
    if update:
        count = baseline.write(target, report)
        shown = os.path.relpath(target) if target.is_absolute() else str(target)
        console(stderr=True).print(i18n.message("baseline-written", lang, count=count, path=shown))
    applied = baseline.apply(report, baseline.read(target))
    if applied.stale:
        console(stderr=True).print(i18n.message("baseline-stale", lang, count=applied.stale, path=str(target)))
    return applied.report


def _job_summary(fmt: str, report: Any, lang: str) -> None:
    """In GitHub Actions, ``--format github`` also appends the Markdown table of all findings to the job
    summary: annotations are capped per step, the summary is not."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt != "github" or not summary:
        return
    from qingdan.text import visible

    try:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(visible(reporter("validate", "markdown")(report, lang)) + "\n")
    except OSError:
        console(stderr=True).print(i18n.message("job-summary-unwritable", lang, path=summary))


# ``qingdan diff``: the body of the command, for both paths


def diff_command(versions: Sequence[str] | None, fmt: str, show_all: bool, exit_code: bool, *, lang: str) -> int:
    """What ``qingdan diff`` does once its options are read (cli.diff has the help)."""
    from qingdan.config import find_root
    from qingdan.diff import compare
    from qingdan.snapshot import versions as resolve

    render = reporter("diff", fmt)
    old, new = resolve(list(versions or []), find_root(Path.cwd()))
    comparison = compare(old, new)
    emit(render(comparison, lang, show_all))
    return EXIT_FINDINGS if exit_code and comparison.differs else EXIT_OK


# The validate and diff command lines, read without the command-line library

_VALUED = {"--format": "fmt", "-f": "fmt", "--today": "today", "--baseline": "baseline", "--lang": "lang"}
_FLAGS = {
    "--strict": "strict",
    "--no-cache": "no_cache",
    "--update-baseline": "update_baseline",
    "--quiet": "quiet",
    "-q": "quiet",
    "--verbose": "verbose",
    "-v": "verbose",
    "--debug": "debug",
}
_VALIDATE = {
    "fmt": "text",
    "strict": False,
    "today": None,
    "no_cache": False,
    "baseline": None,
    "update_baseline": False,
    "quiet": False,
    "verbose": False,
    "lang": None,
    "debug": False,
}
_DIFF_VALUED = {"--format": "fmt", "-f": "fmt", "--lang": "lang"}
_DIFF_FLAGS = {"--all": "show_all", "--exit-code": "exit_code", "--debug": "debug"}
_DIFF = {"fmt": "text", "show_all": False, "exit_code": False, "lang": None, "debug": False}


def _plain_options(
    argv: Sequence[str], command: str, valued: dict[str, str], flags: dict[str, str], defaults: dict[str, Any]
) -> tuple[dict[str, Any], list[str]] | None:
    """The options and the arguments of ``qingdan COMMAND ARGS`` when ARGS has only these forms: arguments, the
    ``flags``, ``--option VALUE`` and ``--option=VALUE`` of ``valued``, each option at most once. None for anything
    else — help, shell completion, ``--``, ``-qv``, ``-fjson``, an unknown or repeated option, a value that looks
    like an option, a missing value — so that the full command line reads it, and says what is wrong."""
    if not argv or argv[0] != command:
        return None
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ):  # shell completion
        return None
    options = dict(defaults)
    seen: set[str] = set()
    arguments: list[str] = []
    rest = list(argv[1:])
    while rest:
        arg = rest.pop(0)
        if not arg:
            return None
        if not arg.startswith("-"):
            arguments.append(arg)
            continue
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        dest = valued.get(name) or flags.get(name)
        if dest is None or dest in seen:
            return None
        seen.add(dest)
        if name in flags:
            if eq:
                return None
            options[dest] = True
            continue
        if not eq:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or value.startswith("-"):
            return None
        options[dest] = value
    return options, arguments


def _validate_options(argv: Sequence[str]) -> dict[str, Any] | None:
    """The options ``qingdan validate ARGS`` gives the validate command, in the plain forms of ``_plain_options``."""
    read = _plain_options(argv, "validate", _VALUED, _FLAGS, _VALIDATE)
    if read is None:
        return None
    options, paths = read
    if options["baseline"] is not None:
        options["baseline"] = Path(options["baseline"])
    options["paths"] = [Path(p) for p in paths] or None
    return options


def _diff_options(argv: Sequence[str]) -> dict[str, Any] | None:
    """The options ``qingdan diff ARGS`` gives the diff command, in the plain forms of ``_plain_options``."""
    read = _plain_options(argv, "diff", _DIFF_VALUED, _DIFF_FLAGS, _DIFF)
    if read is None:
        return None
    options, versions = read
    options["versions"] = versions or None
    return options


def _run_plain(command: Callable[..., int], options: dict[str, Any]) -> int:
    requested = options.pop("lang")
    debug = bool(options.pop("debug"))
    language = lang_of(requested)

    def body() -> int:
        check_lang(requested)
        return command(**options, lang=language)

    return guarded(language, debug, body)


def main() -> None:
    """The ``qingdan`` command (and ``python -m qingdan``)."""
    from qingdan.files import handle_termination

    handle_termination()
    options = _validate_options(sys.argv[1:])
    if options is not None:
        sys.exit(_run_plain(validate_command, options))
    options = _diff_options(sys.argv[1:])
    if options is not None:
        sys.exit(_run_plain(diff_command, options))
    from qingdan.cli import app

    app()
