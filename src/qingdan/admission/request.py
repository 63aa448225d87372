"""An admission request (准入申请): one YAML document (``kind: request``) read into a frozen record.

Empty values (``""``, ``[]``, ``{}``) count as not filled in, so a half-filled ``--template`` is read
without complaint and the review lists what is missing; every other schema problem is kept as a
finding with its line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from qingdan.errors import InputError
from qingdan.model import Finding, Position

KIND = "request"
TEMPLATE = "request.yaml"
# Materials every request must bring (issue order); their labels are word-field-* in the catalogue.
MATERIALS = (
    "applicant",
    "contact",
    "applied",
    "name",
    "content",
    "category",
    "targets",
    "legal_basis",
    "funding",
    "powers",
    "staffing",
    "start",
    "end",
)


@dataclass(frozen=True)
class Request:
    """A request as written: ``data`` keeps the document (empty values dropped) for the decision."""

    file: str
    path: Path
    data: dict[str, Any]
    findings: tuple[Finding, ...] = ()
    positions: dict[str, Position] = field(default_factory=dict)

    def text(self, key: str) -> str:
        value = self.data.get(key)
        return value.strip() if isinstance(value, str) else ""

    @property
    def name(self) -> str:
        return self.text("name")

    @property
    def aliases(self) -> tuple[str, ...]:
        value = self.data.get("aliases")
        return tuple(v for v in value if isinstance(v, str) and v.strip()) if isinstance(value, list) else ()

    @property
    def targets(self) -> tuple[str, ...]:
        from qingdan.jurisdiction import code

        value = self.data.get("targets")
        return tuple(code(v) for v in value if v is not None) if isinstance(value, list) else ()

    def has(self, key: str) -> bool:
        return key in self.data

    def position(self, key: str) -> Position:
        return self.positions.get(key, (1, 1))


def template() -> str:
    """The commented blank request that ``qingdan review --template`` prints."""
    return resources.files("qingdan").joinpath("templates", TEMPLATE).read_text(encoding="utf-8")


def _empty(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, str) and not value.strip())
        or (
            isinstance(value, (list, dict))
            and not any(not _empty(v) for v in (value.values() if isinstance(value, dict) else value))
        )
    )


def _prune(value: Any) -> None:
    """Drop empty values in place (the positions of what is left are keyed by object identity)."""
    if isinstance(value, dict):
        for k in [k for k, v in value.items() if _empty(v)]:
            del value[k]
        for v in value.values():
            _prune(v)
    elif isinstance(value, list):
        value[:] = [v for v in value if not _empty(v)]
        for v in value:
            _prune(v)


def load_request(path: Path, name: str) -> Request:
    """Read one request file. Unreadable YAML or another kind of file is an InputError (exit 2)."""
    from qingdan import schema
    from qingdan.load import parse_bytes
    from qingdan.paths import require_file

    require_file(path)
    from qingdan.paths import read_inside

    parsed = parse_bytes(read_inside(path, None, shown=name), name)
    fatal = [f for f in parsed.findings if f.rule != "yaml11-ambiguous"]
    if not parsed.ok or fatal:
        first = fatal[0] if fatal else Finding("document-shape", name)
        from qingdan.i18n import Phrase

        raise InputError(
            "request-unreadable",
            file=name,
            line=first.line,
            column=first.column,
            detail=Phrase(first.message_key, dict(first.args)),
        )
    if not isinstance(parsed.data, dict) or parsed.data.get("kind") != KIND:
        raise InputError("request-kind", file=name)
    marks = parsed.marks.get(id(parsed.data))
    positions = dict(marks[1]) if marks else {}
    _prune(parsed.data)
    findings = [f for f in schema.validate(parsed) if f.key != "schema-required"]
    return Request(name, path, parsed.data, tuple(parsed.findings) + tuple(findings), positions)
