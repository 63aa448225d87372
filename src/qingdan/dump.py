"""Writing list files: the same YAML dialect ``load`` reads, in the repository's house layout.

Keys in the order given, block style, UTF-8 text as is (no escapes), codes and dates double-quoted,
sequences indented under their key, no line folding.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

# Lines are never wrapped: YAML would turn the break back into a space when the file is read, and qingdan
# reads a break between two Chinese characters as no space at all (text.unfold), so a wrapped
# "民政部 中央组织部" would lose its space.
NO_WRAP = 1 << 30

_QUOTED_KEYS = frozenset({"jurisdiction", "effective", "expires", "applied", "decided", "valid_from", "valid_until"})
_DATE_OR_CODE = re.compile(r"^(\d{12}|\d{4}-\d{2}-\d{2})$")


class _Quoted(str):
    """Text written in double quotes: codes and dates, which other YAML tools would read as numbers."""


class _Dumper(yaml.SafeDumper):  # type: ignore[misc,unused-ignore]  # Any without the PyYAML stubs
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # "- " indented under its key, as the lists are written


def _quoted(dumper: yaml.SafeDumper, value: _Quoted) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


_Dumper.add_representer(_Quoted, _quoted)


def _mark(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _mark(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_mark(v, key) for v in value]
    if isinstance(value, str) and (key in _QUOTED_KEYS or _DATE_OR_CODE.match(value)):
        return _Quoted(value)
    return value


def document(data: dict[str, Any]) -> str:
    """A list document as YAML text."""
    text: str = yaml.dump(
        _mark(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=NO_WRAP
    )
    return text


def editor() -> Any:
    """ruamel's round trip, set up as the lists are written, for edits that keep comments and layout (admit,
    reject, revoke, holidays import)."""
    from ruamel.yaml import YAML

    y = YAML()
    y.preserve_quotes = True
    y.width = NO_WRAP
    y.indent(mapping=2, sequence=4, offset=2)
    return y
