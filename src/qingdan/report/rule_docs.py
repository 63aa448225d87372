"""Each rule's explanation from docs/rules.md, for reports that carry rule help (SARIF ``fullDescription`` and
``help``). The wheel ships docs/rules.md as ``qingdan/data/rules.md``; a source checkout reads docs/ itself.

A rule's section is ``## RULE-ID``, then ``默认级别：…``, the description (the paragraphs before the first
example), examples, and ``怎么改：…``. A rule without a section is described by its title in the rule table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_PLACES = (_HERE.parent / "data" / "rules.md", _HERE.parents[2] / "docs" / "rules.md")
_LINK = re.compile(r"\[([^\]]+)\]\((#[a-z0-9-]+)\)")


@dataclass(frozen=True)
class RuleDoc:
    description: str  # plain text: what the rule checks and why
    fix: str  # plain text: 怎么改
    markdown: str  # the whole section (description, examples, fix) as Markdown


def _read() -> str:
    for place in _PLACES:
        try:
            return place.read_text(encoding="utf-8")
        except OSError:
            continue
    return ""


def _join(lines: list[str]) -> str:
    """Lines of one paragraph as one line: Chinese wraps need no space, words do."""
    out = ""
    for line in (raw.strip() for raw in lines):
        if out and line and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " "
        out += line
    return out


def _plain(markdown: str) -> str:
    return _LINK.sub(r"\1", markdown).replace("**", "").replace("`", "")


def _paragraphs(body: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]


def _reflowed(paragraphs: list[str]) -> list[str]:
    """Prose paragraphs on one line each (a line break inside Chinese text renders as a space); code blocks,
    tables and lists as written."""
    out, fenced = [], False
    for p in paragraphs:
        keep = fenced or p.startswith(("```", "|", "- ", "* ", ">"))
        out.append(p if keep else _join(p.splitlines()))
        fenced ^= p.count("```") % 2 == 1
    return out


def _section(body: str, docs_url: str) -> RuleDoc:
    paragraphs = _paragraphs(body)
    prose = [p for p in paragraphs if not p.startswith("默认级别")]
    description: list[str] = []
    for p in prose:
        if p.startswith(("示例", "```", "怎么改")):
            break
        description.append(_plain(_join(p.splitlines())))
    fix = next((_plain(_join(p.splitlines())) for p in prose if p.startswith("怎么改")), "")
    target = f"{docs_url}rules.md" if docs_url else ""
    markdown = "\n\n".join(_reflowed(prose))
    markdown = _LINK.sub((lambda m: f"[{m.group(1)}]({target}{m.group(2)})") if target else r"\1", markdown)
    return RuleDoc("\n\n".join(description), fix.removeprefix("怎么改："), markdown)


@lru_cache(maxsize=4)
def rule_docs(docs_url: str = "") -> dict[str, RuleDoc]:
    """Rule id → its documentation; links inside point at ``docs_url`` when one is configured."""
    text = _read()
    out: dict[str, RuleDoc] = {}
    sections = re.split(r"^## ", text, flags=re.M)
    for section in sections[1:]:
        heading, _, body = section.partition("\n")
        rule = heading.strip()
        if re.fullmatch(r"[a-z0-9-]+", rule):
            out[rule] = _section(body.split("\n---", 1)[0], docs_url)
    return out
