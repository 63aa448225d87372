"""The YAML dialect: bytes → text (encoding checks) → data with positions, over libyaml events.

One module owns this. The builder consumes PyYAML's C parser events directly (about twice as fast as
``yaml.load`` with the C loader), keeps every mapping's and key's position, reports duplicate keys while
keeping the last value, never converts dates or YAML 1.1 booleans, and bounds nesting and alias
expansion.
"""

from __future__ import annotations

import codecs
import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from qingdan import ime
from qingdan.model import Finding, Position
from qingdan.text import fold_suspect, unfold

MAX_DEPTH = 64
MAX_NODES = 1_000_000
MAX_EXPANSION = 10  # aliases may at most add this factor of the events actually written
MAX_NUMBER_CHARS = 100  # longer digit strings stay text (Python refuses to convert > 4300 digits)

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
# Plain values that YAML 1.1 (PyYAML, most tools) and 1.2 read differently, or as something else than
# text: booleans, octal-looking and underscored numbers, exponents without a dot, sexagesimal.
_AMBIGUOUS = re.compile(
    r"(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?0[0-9_]+|[-+]?[0-9][0-9_]*_[0-9_]*"
    r"|[-+]?[0-9]+[eE][-+]?[0-9]+|[-+]?[0-9]*\.[0-9]*[eE][0-9]+|0[oO][0-7]+|0[xX][0-9a-fA-F]+"
    r"|[0-9]+(:[0-5]?[0-9])+)\Z"
)
# libyaml's English problem texts → the catalogue's words for them (``word-yaml-…``, both languages), so no
# English is left in a Chinese message; the first match wins. Then the ones with a sentence of their own.
_PROBLEM_WORDS = (
    ("cannot start any token", "word-yaml-bad-start"),
    ("tab character", "word-yaml-tab"),
    ("end of stream", "word-yaml-end"),
    ("mapping values are not allowed", "word-yaml-mapping-values"),
    ("could not find expected ':'", "word-yaml-no-colon"),
    ("did not find expected key", "word-yaml-no-key"),
    ("expected '-' indicator", "word-yaml-no-dash"),
    ("expected node content", "word-yaml-no-content"),
    ("expected ',' or ']'", "word-yaml-no-bracket"),
    ("expected ',' or '}'", "word-yaml-no-brace"),
    ("block sequence entries are not allowed", "word-yaml-dash-here"),
    ("escape", "word-yaml-escape"),
    ("document start", "word-yaml-document-start"),
    ("characters are not allowed", "word-yaml-control"),
    ("directive", "word-yaml-directive"),
    ("block scalar", "word-yaml-block-scalar"),
    ("anchor", "word-yaml-anchor"),
    ("alias", "word-yaml-anchor"),
    ("tag", "word-yaml-tag"),
)
_KNOWN_PROBLEMS = (
    ("tab character", "yaml-tab"),
    ("quoted scalar found unexpected end of stream", "yaml-unclosed-quote"),
    ("mapping values are not allowed", "yaml-colon"),
    ("could not find expected ':'", "yaml-no-colon"),
)
_DATE_LIKE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\Z")


def lookalike(value: str) -> bool:
    """A plain value this dialect keeps as text that YAML 1.1 reads as a boolean or number, or most YAML
    tools as a date: what ``qingdan fix`` puts in quotes."""
    return bool(_AMBIGUOUS.match(value) or _DATE_LIKE.match(value))


_PLAIN_TAGS = frozenset({None, "!", "tag:yaml.org,2002:str"})
_COLLECTION_TAGS = frozenset({None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


@dataclass
class Parsed:
    """A parsed document: data, positions of every mapping and key, and what went wrong."""

    file: str
    data: Any = None
    findings: list[Finding] = field(default_factory=list)
    # id(mapping) → (position of the mapping, {key: position of the key})
    marks: dict[int, tuple[Position, dict[str, Position]]] = field(default_factory=dict)
    # id(sequence) → positions of its elements
    seq_marks: dict[int, list[Position]] = field(default_factory=dict)
    positioned: bool = True  # False: read by the fast loader, every position is (0, 0) until asked for

    @property
    def ok(self) -> bool:
        return self.data is not None

    def locate(self, path: tuple[Any, ...]) -> Position:
        """The position of the deepest node on ``path`` (a key's position for a mapping member)."""
        if not self.positioned:
            return (0, 0)
        node, best = self.data, (1, 1)
        for step in path:
            if isinstance(node, dict):
                mark = self.marks.get(id(node))
                if mark is None:
                    break
                best = mark[1].get(step, mark[0])
                node = node.get(step)
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                seq = self.seq_marks.get(id(node))
                if seq is not None and step < len(seq):
                    best = seq[step]
                node = node[step]
            else:
                break
        else:
            if isinstance(node, dict) and id(node) in self.marks:
                best = self.marks[id(node)][0]
        return best

    def position_of(self, mapping: dict[str, Any], key: str | None = None) -> Position:
        mark = self.marks.get(id(mapping))
        if mark is None:
            return (1, 1) if self.positioned else (0, 0)
        return mark[1].get(key, mark[0]) if key is not None else mark[0]


class _Stop(Exception):
    """The document cannot be read further; the finding is already recorded."""


def decode(raw: bytes, file: str) -> tuple[str | None, Finding | None]:
    """UTF-8 with or without BOM; anything else is a finding that names the encoding."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, Finding("encoding", file, 1, 1, key="encoding-utf16")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return None, Finding("encoding", file, line, column, key="encoding-unknown")
    # Point at the first Chinese character: everything before it is ASCII, so bytes count as characters
    # (a GBK byte pair can by chance also be valid UTF-8, which would put the decode error later).
    first = next(i for i, b in enumerate(raw) if b >= 0x80)
    line = raw.count(b"\n", 0, first) + 1
    column = first - (raw.rfind(b"\n", 0, first) + 1) + 1
    return None, Finding("encoding", file, line, column, key="encoding-gbk")


@contextmanager
def no_gc(keep: bool = False) -> Iterator[None]:
    """Cyclic GC turns parsing of large files superlinear; nothing we build here has cycles. ``keep``: what was
    made inside lives on (a repository's entries) and is moved out of the collector's sight (gc.freeze), so that
    the first collection after it does not walk every one of them (at 100k items 0.05 s; reference counting still
    frees each when it is no longer used)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if enabled:
            gc.enable()


def parse_bytes(raw: bytes, file: str, positions: bool = True) -> Parsed:
    """Decode and parse. With ``positions=False`` the fast loader may be used; its result has no
    positions (the caller reads the file again with positions when it has something to report). With positions
    the C reader reads what it can (the same data and positions as the builder), the builder the rest."""
    native, _ = _fast_loaders()
    if native:  # the C reader takes the bytes (checking UTF-8 itself) and keeps positions as the builder does
        with no_gc():
            got = native.loads(raw, positions)
        if got is not None:
            return (
                Parsed(file, got[0], marks=got[1], seq_marks=got[2])
                if positions
                else Parsed(file, got, positioned=False)
            )
    text, problem = decode(raw, file)
    if text is None:
        assert problem is not None
        return Parsed(file, findings=[problem])
    if not positions:
        data = _rust_load(text)
        if data is not None:
            return Parsed(file, data, positioned=False)
    return parse_text(text, file)


# The top-level key with its block below (not on the first line: a list starts with its header); each pattern here
# starts with the line break before its line, which re then looks for first: 5x faster than ^ with MULTILINE.
_ITEMS_KEY = re.compile(rb"\nitems: *(?:#[^\n]*)?\n")
_CONTENT_LINE = re.compile(rb"^( *)[^ \n#]", re.MULTILINE)


def items_only(raw: bytes, file: str, keep: list[int], count: int) -> Parsed | None:
    """The document with positions, its top-level ``items`` holding only the elements at the indices ``keep``
    (ascending): the other elements' lines are left empty, so every line and column is the whole file's. What
    placing a few findings needs of a list of 50,000 items, at a small part of a reading with positions. Only
    for plain block YAML that the C reader takes (no scalar over several lines: a line at the sequence's
    indentation starting with "- " starts an element, a line less indented or not a dash there ends the
    block), and when ``items`` has exactly ``count`` elements; None otherwise (the caller reads it all)."""
    native, _ = _fast_loaders()
    found = _ITEMS_KEY.search(raw) if native else None
    if found is None or _ITEMS_KEY.search(raw, found.end()) is not None:
        return None
    first = _CONTENT_LINE.search(raw, found.end())
    if first is None:
        return None
    indent = len(first.group(1))
    dash = re.compile(rb"\n {%d}-(?=[ \n])" % indent)
    outside = re.compile(rb"\n(?! {%d}-[ \n]| {%d}| *(?:#|\n|\Z))" % (indent, indent + 1))
    stop = outside.search(raw, first.start() - 1)
    end = stop.start() + 1 if stop is not None else len(raw)
    starts = [m.start() + 1 for m in dash.finditer(raw, first.start() - 1, end)]
    if len(starts) != count or not starts or starts[0] != first.start():
        return None
    bounds = [*starts, end]
    parts, at = [raw[: starts[0]]], starts[0]
    for i in keep:
        parts += (b"\n" * raw.count(b"\n", at, bounds[i]), raw[bounds[i] : bounds[i + 1]])
        at = bounds[i + 1]
    parts += (b"\n" * raw.count(b"\n", at, end), raw[end:])
    with no_gc():
        got = native.loads(b"".join(parts), True)
    if got is None:
        return None
    data, marks, seq_marks = got
    items = data.get("items") if keep else []
    if not isinstance(items, list) or len(items) != len(keep):
        return None
    return Parsed(file, data, marks=marks, seq_marks=seq_marks)


# What the fast loader (ryaml: YAML 1.2, no positions) could read differently from the dialect above, or
# what needs a finding, sends a file to the builder. Found in the text, one character each where it can be (a
# one-character search is several times faster than a longer one): anchors, aliases and tags (& * !), tabs,
# merge keys (<< where there is a <), a document end marker (where there is a .). Found in the data: several
# documents (ryaml refuses them), floats (1e3, .inf, .nan), strings that are YAML-1.1 look-alikes (yes/no/on/off,
# leading zeros, underscores, sexagesimal), keys that are not ASCII text. And where the data holds an integer:
# whether an integer is written as 0x1F, 0o17 or 0b1 in the text, which ryaml reads as a number and the builder
# as text or otherwise. yaml-rs, twice as fast as ryaml here, was tried again on 2026-12-02 and set aside: it
# reads 012 and 1_000 as numbers and, in flow collections and empty block scalars, reads what libyaml refuses or
# reads otherwise (a fuzz of 30,000 small documents found 1,578 differences; ryaml with these checks, none).
_FAST_UNSAFE = ("&", "*", "!", "\t")
_ODD_INT = re.compile(r"0[xXoObB](?:(?<=[ \[{,:]0.)|(?<=[ \[{,:][-+]0.)|(?<=^0.)|(?<=^[-+]0.))", re.MULTILINE)


def _float_text(value: str) -> bool:
    """A float as text (not an integer): ryaml keeps one it cannot hold (1.E+310, .1E+310) as text where the
    builder reads it as a number (inf); found by the loaders' fuzz on 2026-12-04. A quoted one, which both read
    as text, goes to the builder too, which is only slower."""
    return _FLOAT.match(value) is not None and _INT.match(value) is None


def _looks_ambiguous(data: Any) -> bool | None:
    """True when the data holds something the builder reads otherwise or must report; None when it holds an
    integer (the text must be looked at); False otherwise."""
    stack = [data]
    numbers = False
    while stack:
        value = stack.pop()
        cls = value.__class__
        if cls is str:
            if value and value[0] < "\x80" and (_AMBIGUOUS.match(value) or _float_text(value)):
                return True
            if " " in value and fold_suspect(value):
                return True  # perhaps a line break YAML made a space between Chinese characters: the builder knows
        elif cls is dict:
            if not all(k.__class__ is str and k.isascii() for k in value):
                # YAML 1.2 read a key as a number or boolean (the builder keeps keys as text), or a key is
                # not ASCII, as the keys an IME slip makes ("　　name"): the builder says which
                return True
            stack.extend(value.values())
        elif cls is int:
            numbers = True
        elif cls is float:
            return True  # 1e3 is a number in YAML 1.2 and text in 1.1: let the builder decide and say so
        elif cls is list:
            stack.extend(value)
    return None if numbers else False


_fast: Any = None  # (the C reader or False, ryaml or False), chosen once per process


def _fast_loaders() -> tuple[Any, Any]:
    """The fast loaders this installation has: ``qingdan._fastyaml`` (C, built at install where a compiler is
    there) and ryaml (the fast extra). QINGDAN_LOADER=builder turns both off, =ryaml the C reader."""
    global _fast
    if _fast is None:
        mode = os.environ.get("QINGDAN_LOADER", "")
        native: Any = False
        rust: Any = False
        if mode != "builder":
            if mode != "ryaml":
                try:
                    from qingdan import _fastyaml as native
                except ImportError:
                    native = False
            try:
                import ryaml as rust
            except ImportError:
                rust = False
        _fast = (native, rust)
    chosen: tuple[Any, Any] = _fast
    return chosen


def fast_load(text: str) -> Any:
    """Data read without positions, when a fast loader is installed and the text holds nothing it would read
    differently from the builder; None otherwise (then the builder reads the file). First the C reader, which
    takes the plain block YAML lists are written in and refuses everything else, then ryaml with the checks
    above."""
    native, _ = _fast_loaders()
    if native:
        with no_gc():
            data = native.loads(text)
        if data is not None:
            return data
    return _rust_load(text)


def _rust_load(text: str) -> Any:
    """fast_load's second road: ryaml, where the text holds nothing it would read otherwise."""
    fast = _fast_loaders()[1]
    if (
        not fast
        or text.startswith("---")
        or any(s in text for s in _FAST_UNSAFE)
        or "<" in text
        and "<<" in text
        or "." in text
        and "\n..." in text
    ):
        return None
    try:
        with no_gc():
            data = fast.loads(text)
    except Exception:  # noqa: BLE001 - any complaint (duplicate key, syntax, depth): the builder explains it
        return None
    if not isinstance(data, dict) or not data:
        return None
    ambiguous = _looks_ambiguous(data)
    if ambiguous is None:  # integers: each must be written plainly
        ambiguous = _ODD_INT.search(text) is not None
    return None if ambiguous else data


def parse_text(text: str, file: str) -> Parsed:
    """Parse one YAML document. Never raises for bad input: problems become findings. PyYAML is imported here,
    when the builder first reads a text: the C reader takes the plain block YAML lists are written in, so a
    validate or a diff of such lists never imports it (10–15 ms of each run)."""
    import yaml

    parsed = Parsed(file)
    try:
        with no_gc():
            _Builder(parsed, text).run()
    except _Stop:
        parsed.data = None
    except yaml.MarkedYAMLError as exc:
        # "while scanning a quoted scalar … found unexpected end of stream": the problem is at the end
        # of the file, but the person needs to see where the unclosed construct starts.
        at_end = bool(exc.problem and "end of stream" in exc.problem and exc.context_mark)
        mark = exc.context_mark if at_end else (exc.problem_mark or exc.context_mark)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(p for p in (exc.context, exc.problem) if p)
        key = next((k for text, k in _KNOWN_PROBLEMS if text in detail), "")
        parsed.findings.append(Finding("yaml-syntax", file, line, col, key=key, args={"detail": problem_words(detail)}))
        parsed.data = None
    except yaml.YAMLError as exc:
        parsed.findings.append(Finding("yaml-syntax", file, 1, 1, args={"detail": problem_words(str(exc))}))
        parsed.data = None
    if parsed.data is None and parsed.findings or parsed.data is not None and _odd_keys(parsed, text):
        _explain_slips(parsed, ime.slips(text))
    elif parsed.data is not None:
        _explain_slips(parsed, ime.list_dashes(text))
    if parsed.data is None and not parsed.findings:
        parsed.findings.append(Finding("document-shape", file, 1, 1, key="document-empty"))
    elif parsed.data is not None and not isinstance(parsed.data, dict):
        parsed.findings.append(Finding("document-shape", file, 1, 1, key="document-not-mapping"))
        parsed.data = None
    return parsed


def problem_words(detail: str) -> str:
    """The catalogue's words (``word-yaml-…``) for a libyaml problem text."""
    return next((k for text, k in _PROBLEM_WORDS if text in detail), "word-yaml-other")


_SLIP_CHARS = ("\t", ime.FULL_SPACE, ime.FULL_COLON)


def _odd_keys(parsed: Parsed, text: str) -> bool:
    """A key holding a full-width space or colon: the file parsed, but only because an IME slip made a key
    like "　　name" or "amount： 2" (ASCII keys, the usual, are passed over at once)."""
    if not any(c in text for c in _SLIP_CHARS):
        return False
    keys: set[str] = set().union(*(keys for _, keys in parsed.marks.values()))  # a few distinct keys
    return any(not k.isascii() and any(c in k for c in _SLIP_CHARS) for k in keys)


_SLIP_KEYS = {
    ime.TAB: "yaml-tab-indent",
    ime.SPACE: "yaml-fullwidth-space",
    ime.COLON: "yaml-fullwidth-colon",
    ime.DASH: "yaml-fullwidth-dash",
}


def _explain_slips(parsed: Parsed, found: list[ime.Slip]) -> None:
    """One finding per IME slip, at its own line and column, in place of libyaml's complaint about what
    followed from it (a line later, about something else). A syntax error before the first slip is kept:
    it has another cause. A file with slips is not read further (its data would be wrong)."""
    if not found:
        return
    first = (found[0].line, found[0].column)
    kept = [f for f in parsed.findings if (f.line, f.column) < first]
    slips = [
        Finding("yaml-syntax", parsed.file, s.line, s.column, key=_SLIP_KEYS[s.kind], args=_slip_args(s)) for s in found
    ]
    parsed.findings[:] = kept + slips
    parsed.data = None


def _slip_args(slip: ime.Slip) -> dict[str, str]:
    args = {"code": slip.code}
    if slip.kind == ime.COLON:
        args["key"] = slip.key
    if slip.kind == ime.DASH:
        args["char"] = slip.char
    return args


class _Builder:
    """Builds Python data from parser events; see the module docstring for the dialect."""

    def __init__(self, parsed: Parsed, text: str) -> None:
        self.parsed = parsed
        self.text = text  # the scalars over several lines are unfolded from it (text.unfold)
        try:
            from yaml._yaml import CParser
        except ImportError:  # pragma: no cover - libyaml is part of every PyYAML wheel we support
            raise RuntimeError("PyYAML was built without libyaml") from None
        self.parser: Any = CParser(text)
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.events = 0
        # frames: [container, pending key or None, key marks or element marks, anchor, nodes at start]
        self.stack: list[list[Any]] = []

    def run(self) -> None:
        # The hot loop: a scalar inside a mapping is by far the most common event, handled inline.
        from yaml import events

        get = self.parser.get_event
        scalar_cls, findings, file = events.ScalarEvent, self.parsed.findings, self.parsed.file
        stack = self.stack
        documents = 0
        while True:
            ev = get()
            cls = ev.__class__
            self.events += 1
            if cls is scalar_cls:
                self.nodes += 1
                frame = stack[-1] if stack else None
                if frame is not None and frame[1] is None and frame[0].__class__ is dict:
                    name = ev.value
                    mark = ev.start_mark
                    if ev.tag is not None and ev.tag not in _PLAIN_TAGS:
                        self.tag(ev.tag, mark)
                    if name in frame[0]:
                        findings.append(
                            Finding("duplicate-key", file, mark.line + 1, mark.column + 1, args={"key": name})
                        )
                    frame[1] = name
                    frame[2][name] = (mark.line + 1, mark.column + 1)
                    continue
                value = ev.value
                if not ev.style and (not value or value[0] < "\x80" or ev.tag is not None):
                    value = self.resolve(ev)
                end = ev.end_mark
                if end.line != ev.start_mark.line and ev.style != "|" and value.__class__ is str:
                    value = unfold(value, self.text[ev.start_mark.index : end.index], ev.style)
                if ev.anchor:
                    self.anchors[ev.anchor] = (value, 1)
                if frame is not None and frame[0].__class__ is dict:
                    frame[0][frame[1]] = value
                    frame[1] = None
                else:
                    self.add(value, ev.start_mark)
            elif cls is events.MappingStartEvent or cls is events.SequenceStartEvent:
                self.start(ev, {} if cls is events.MappingStartEvent else [])
            elif cls is events.MappingEndEvent or cls is events.SequenceEndEvent:
                self.end()
            elif cls is events.AliasEvent:
                self.alias(ev)
            elif cls is events.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    m = ev.start_mark
                    findings.append(Finding("document-shape", file, m.line + 1, m.column + 1, key="document-multiple"))
                    return
            elif cls is events.StreamEndEvent:
                return

    def fail(self, key: str, mark: Any, **args: Any) -> None:
        self.parsed.findings.append(
            Finding("resource-limit", self.parsed.file, mark.line + 1, mark.column + 1, key=key, args=args)
        )
        raise _Stop

    def count(self, n: int, mark: Any) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES and self.nodes > MAX_EXPANSION * self.events:
            self.fail("resource-aliases", mark, limit=MAX_NODES)

    def add(self, value: Any, mark: Any) -> None:
        if not self.stack:
            self.parsed.data = value
            return
        frame = self.stack[-1]
        container = frame[0]
        if container.__class__ is list:
            container.append(value)
            frame[2].append((mark.line + 1, mark.column + 1))
        elif frame[1] is None:
            self.fail("resource-complex-key", mark)
        else:
            container[frame[1]] = value
            frame[1] = None

    def resolve(self, ev: Any) -> Any:
        value = ev.value
        if ev.tag not in _PLAIN_TAGS:
            self.tag(ev.tag, ev.start_mark)
            return value
        if ev.style or not ev.implicit[0]:
            return value
        if value in _NULLS:
            return None
        if value in _BOOLS:
            return _BOOLS[value]
        if _AMBIGUOUS.match(value):
            m = ev.start_mark
            self.parsed.findings.append(
                Finding("yaml11-ambiguous", self.parsed.file, m.line + 1, m.column + 1, args={"value": value})
            )
            return value
        if len(value) > MAX_NUMBER_CHARS:  # no list has such a number: kept as text, the schema says what is wrong
            return value
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            return float(value)
        return value

    def tag(self, tag: str, mark: Any) -> None:
        short = tag.replace("tag:yaml.org,2002:", "!!")
        self.parsed.findings.append(
            Finding(
                "yaml-syntax", self.parsed.file, mark.line + 1, mark.column + 1, key="yaml-tag", args={"tag": short}
            )
        )

    def start(self, ev: Any, container: Any) -> None:
        mark = ev.start_mark
        if ev.tag not in _COLLECTION_TAGS:
            self.tag(ev.tag, mark)
        self.count(1, mark)
        if len(self.stack) >= MAX_DEPTH:
            self.fail("resource-depth", mark, limit=MAX_DEPTH)
        if self.stack and self.stack[-1][0].__class__ is dict and self.stack[-1][1] is None:
            self.fail("resource-complex-key", mark)
        pos = (mark.line + 1, mark.column + 1)
        if container.__class__ is dict:
            keys: dict[str, Position] = {}
            self.parsed.marks[id(container)] = (pos, keys)
            self.stack.append([container, None, keys, ev.anchor, self.nodes, mark])
        else:
            elems: list[Position] = []
            self.parsed.seq_marks[id(container)] = elems
            self.stack.append([container, None, elems, ev.anchor, self.nodes, mark])

    def end(self) -> None:
        container, _, _, anchor, start_nodes, mark = self.stack.pop()
        if anchor:
            self.anchors[anchor] = (container, self.nodes - start_nodes + 1)
        self.add(container, mark)

    def alias(self, ev: Any) -> None:
        target = self.anchors.get(ev.anchor)
        if target is None:  # libyaml reports undefined aliases itself; be safe anyway
            self.fail("resource-aliases", ev.start_mark, limit=MAX_NODES)
            return
        value, size = target
        self.count(size, ev.start_mark)
        if self.stack and self.stack[-1][0].__class__ is dict and self.stack[-1][1] is None:
            self.fail("resource-complex-key", ev.start_mark)
        self.add(value, ev.start_mark)
