"""What a Chinese input method types where YAML wants ASCII: found in the text, and repaired in the text.

A clerk typing with the IME on gets a full-width space (U+3000) in the indentation, a full-width colon
(``name：value``), a full-width or em dash as the list marker (``－ id: …``), or a tab from Notepad. libyaml
then complains a line late, in English, about something else ("mapping values are not allowed"). These
slips are found line by line, only where YAML's structure is (the indentation, a list marker, the colon
after a key), never inside values: ``name: 证明：收入`` is fine, so are quoted texts and block scalars.
Keys in list files are ASCII words, which is what makes a ``键：`` safe to recognise. ``slips`` serves
``load`` (one finding per slip, on files that do not parse) and ``repair`` serves ``qingdan fix``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FULL_SPACE = "\u3000"
FULL_COLON = "\uff1a"
# What IMEs give for "-": full-width hyphen-minus, em dash, en dash, hyphen, horizontal bar, and 一 (yi,
# the character for "one", which looks like a dash and comes from pinyin "yi"); 一 only before "key:".
DASHES = "\uff0d\u2014\u2013\u2010\u2015\u4e00"
_STRICT_DASHES = "\u4e00"
_WS = " \t" + FULL_SPACE
_KEY = re.compile(rf"([A-Za-z_][A-Za-z0-9_]*)([ {FULL_SPACE}]*)([:{FULL_COLON}])")
_FLOW_KEY = re.compile(rf"([{{,][ {FULL_SPACE}]*)([A-Za-z_][A-Za-z0-9_]*)([ {FULL_SPACE}]*){FULL_COLON}")
_BLOCK_SCALAR = re.compile(r"(?:^-|[:-])\s+[|>][-+0-9]*\s*(?:#.*)?$")

TAB, SPACE, COLON, DASH = "tab", "fullwidth-space", "fullwidth-colon", "fullwidth-dash"


@dataclass(frozen=True)
class Slip:
    """One mistyped character: where (1-based line and column), what kind, the character, and the key
    it follows (for a colon)."""

    line: int
    column: int
    kind: str
    char: str
    key: str = ""

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"


@dataclass
class _Line:
    number: int
    text: str
    indent: int  # characters of leading whitespace (spaces, tabs, full-width spaces)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(_WS))


def _scan(text: str) -> list[tuple[_Line, list[Slip]]]:
    out: list[tuple[_Line, list[Slip]]] = []
    block: int | None = None  # indentation of the line that opened a block scalar (| or >)
    previous = ""  # the last line with content
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw[:-1] if raw.endswith("\r") else raw
        indent = _indent(line)
        body = line[indent:]
        if block is not None and (not body or indent > block):
            continue  # inside a block scalar: text, not structure
        block = None
        entry = _Line(number, line, indent)
        slips = _line_slips(entry, body, previous)
        if body and not body.startswith("#"):
            previous = line
        if _BLOCK_SCALAR.search(body):
            block = indent
        if slips:
            out.append((entry, slips))
    return out


def _line_slips(entry: _Line, body: str, previous: str) -> list[Slip]:
    line, n = entry.text, entry.number
    slips: list[Slip] = []
    lead = line[: entry.indent]
    if FULL_SPACE in lead:  # even before a comment: to YAML a full-width space is text, not indentation
        slips.append(Slip(n, lead.index(FULL_SPACE) + 1, SPACE, FULL_SPACE))
    if "\t" in lead and body and not body.startswith("#"):
        slips.append(Slip(n, lead.index("\t") + 1, TAB, "\t"))
    if body.startswith("#"):
        return slips
    pos = entry.indent
    while pos < len(line):  # list markers: "- ", or a dash look-alike before a key
        ch = line[pos]
        rest = line[pos + 1 :]
        gap = len(rest) - len(rest.lstrip(_WS))
        if ch == "-" and (gap or not rest):
            if FULL_SPACE in rest[:gap]:
                slips.append(Slip(n, pos + 2 + rest[:gap].index(FULL_SPACE), SPACE, FULL_SPACE))
        elif ch in DASHES and gap and (_KEY.match(rest, gap) or ch not in _STRICT_DASHES and _opens(previous)):
            slips.append(Slip(n, pos + 1, DASH, ch))
            if FULL_SPACE in rest[:gap]:
                slips.append(Slip(n, pos + 2 + rest[:gap].index(FULL_SPACE), SPACE, FULL_SPACE))
        else:
            break
        pos += 1 + gap
    key = _KEY.match(line, pos)
    if key is None:
        return slips
    if key.group(3) == FULL_COLON:
        slips.append(Slip(n, key.start(3) + 1, COLON, FULL_COLON, key.group(1)))
    after = line[key.end() :]
    gap = len(after) - len(after.lstrip(_WS))
    if FULL_SPACE in after[:gap]:
        slips.append(Slip(n, key.end() + after.index(FULL_SPACE) + 1, SPACE, FULL_SPACE))
    value = after[gap:]
    if value.startswith("{"):  # a flow mapping: {amount： 20000, source： 区财政专项}
        start = key.end() + gap
        for m in _FLOW_KEY.finditer(value):
            slips.append(Slip(n, start + m.end() - 1 + 1, COLON, FULL_COLON, m.group(2)))
    return slips


def slips(text: str) -> list[Slip]:
    """Every IME slip in ``text``, in reading order."""
    found = [s for _, line_slips in _scan(text) for s in line_slips]
    return sorted(found, key=lambda s: (s.line, s.column))


# "\n" rather than "^" with MULTILINE: three times faster over a province's file (a first line never holds a list)
_DASH_LINE = re.compile(rf"\n[ \t{FULL_SPACE}]*[{DASHES[:-1]}][ {FULL_SPACE}]")
_OPENS = re.compile(r"[A-Za-z0-9_][ ]*[:：][ \t]*(?:#.*)?$")  # a key with nothing after it: a value follows


def list_dashes(text: str) -> list[Slip]:
    """Dash look-alikes used as list markers in a file that parsed anyway: under ``aliases:``, the lines
    ``— 收入证明`` and ``— 经济状况证明`` make one text "— 收入证明 — 经济状况证明" instead of a list."""
    if not _DASH_LINE.search(text):
        return []
    return [s for s in slips(text) if s.kind == DASH]


def _opens(previous: str) -> bool:
    """Whether the line before is a key waiting for its value, or a list entry: where a dash means a list."""
    body = previous.lstrip(_WS)
    return bool(_OPENS.search(previous)) or body[:1] in ("-", *DASHES[:-1])


def _levels(lines: list[str]) -> list[set[int]]:
    """For every line, the indentations a line there may have: those of the clean lines before it (their
    own and where their content starts after list markers)."""
    seen: set[int] = set()
    out = []
    for line in lines:
        out.append(set(seen))
        body = line.lstrip(" ")
        if not body or body.startswith("#") or any(c in line[: len(line) - len(body)] for c in "\t" + FULL_SPACE):
            continue
        indent = len(line) - len(body)
        seen.add(indent)
        marker = re.match(r"(?:-[ ]+)+", body)
        if marker:
            seen.add(indent + marker.end())
    return out


def _width(lead: str, allowed: set[int]) -> str:
    """Leading whitespace with tabs and full-width spaces as half-width spaces, as many as make it line
    up with the indentation around it (a tab is 2, 4 or 8 spaces, a full-width space 2 or 1)."""
    choices = {"\t": (4, 2, 8), FULL_SPACE: (2, 1)}
    tabs, fulls, spaces = lead.count("\t"), lead.count(FULL_SPACE), lead.count(" ")
    for t in choices["\t"] if tabs else (0,):
        for f in choices[FULL_SPACE] if fulls else (0,):
            if spaces + tabs * t + fulls * f in allowed:
                return " " * (spaces + tabs * t + fulls * f)
    return " " * (spaces + tabs * 4 + fulls * 2)


def repair(text: str) -> tuple[str, list[Slip]]:
    """``text`` with every slip repaired, and the slips: indentation in half-width spaces lined up with
    the lines around it, ``键：`` as ``键: ``, dash look-alikes as ``-``, a full-width space after a marker or
    colon as a space. Lines without slips are kept byte for byte (line ends included)."""
    scanned = {entry.number: (entry, s) for entry, s in _scan(text)}
    if not scanned:
        return text, []
    raw_lines = text.split("\n")
    levels = _levels([r.rstrip("\r") for r in raw_lines])
    out = []
    for number, raw in enumerate(raw_lines, 1):
        if number not in scanned:
            out.append(raw)
            continue
        entry, line_slips = scanned[number]
        end = "\r" if raw.endswith("\r") else ""
        out.append(_repair_line(entry, line_slips, levels[number - 1]) + end)
    return "\n".join(out), [s for n in sorted(scanned) for s in scanned[n][1]]


def _repair_line(entry: _Line, line_slips: list[Slip], allowed: set[int]) -> str:
    line = entry.text
    chars = list(line)
    for s in line_slips:
        i = s.column - 1
        if s.kind == DASH:
            chars[i] = "-"
        elif s.kind == COLON:
            # "name ：value" → "name: value": no space before the colon, one after it
            j = i
            while j > 0 and chars[j - 1] in " " + FULL_SPACE:
                j -= 1
                chars[j] = ""
            nxt = line[i + 1 : i + 2]
            chars[i] = ":" if nxt in ("", " ", FULL_SPACE, "\t") else ": "
        elif s.kind == SPACE and i >= entry.indent:  # after a marker or colon: the whole gap becomes one space
            start, end = i, i
            while start > entry.indent and line[start - 1] in " " + FULL_SPACE:
                start -= 1
            while end < len(line) and line[end] in " " + FULL_SPACE:
                end += 1
            chars[start:end] = [" "] + [""] * (end - start - 1)
    lead = "".join(chars[: entry.indent])
    rest = "".join(chars[entry.indent :])
    if not rest.strip(_WS):
        return ""  # a line of nothing but full-width spaces
    return _width(lead, allowed) + rest
