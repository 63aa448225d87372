"""Reporters for ``qingdan find``: text for the counter, JSON for the site and other tools."""

from __future__ import annotations

import json
from typing import Any

from rich.text import Text

from qingdan import i18n
from qingdan.admission.find import FORBIDDEN, Answer, Match

_STYLE = {FORBIDDEN: "bold red", "allowed": "green", "unknown": "yellow"}


def _stance(m: Match, lang: str) -> str:
    return i18n.message(f"find-stance-{m.entry.kind}-{m.stance}", lang)


def _how(m: Match, lang: str) -> str:
    if m.how == "name":
        return ""
    return i18n.message(f"find-how-{m.how}", lang, matched=m.matched, similarity=m.similarity)


def render_text(answer: Answer, lang: str) -> Text:
    out = Text()
    where = answer.place_name or i18n.message("find-everywhere", lang)
    out.append(i18n.message("find-question", lang, query=answer.query, place=where))
    out.append(i18n.message(f"find-answer-{answer.answer}", lang), style=_STYLE[answer.answer])
    out.append("\n\n")
    for m in answer.matches:
        out.append("  ✗ " if m.stance == FORBIDDEN else "  ✓ ", style=_STYLE[m.stance])
        out.append(f"{_stance(m, lang)}  ", style=_STYLE[m.stance])
        out.append(f"{m.entry.name}{_how(m, lang)}  ", style="bold")
        out.append(f"{m.entry.id}\n", style="dim")
        out.append(f"      {m.level_name} {m.document}  {m.entry.file}:{m.line}\n", style="dim")
        if m.alternative:
            out.append(f"      {i18n.message('find-alternative', lang, text=m.alternative)}\n")
        if m.legal_basis:
            out.append(f"      {i18n.message('find-basis', lang, text='；'.join(m.legal_basis))}\n", style="dim")
    if not answer.matches:
        out.append(i18n.message("find-none", lang) + "\n")
    return out


def as_dict(answer: Answer) -> dict[str, Any]:
    return {
        "version": 1,
        "query": answer.query,
        "place": answer.place,
        "answer": answer.answer,
        "matches": [
            {
                "id": m.entry.id,
                "name": m.entry.name,
                "aliases": list(m.entry.aliases),
                "matched": m.matched,
                "how": m.how,
                "similarity": m.similarity,
                "kind": m.entry.kind,
                "stance": m.stance,
                "jurisdiction": m.entry.jurisdiction,
                "level_name": m.level_name,
                "document": m.document,
                "file": m.entry.file,
                "line": m.line,
                "alternative": m.alternative or None,
                "legal_basis": list(m.legal_basis),
            }
            for m in answer.matches
        ],
    }


def render_json(answer: Answer, lang: str) -> str:
    return json.dumps(as_dict(answer), ensure_ascii=False, indent=2) + "\n"
