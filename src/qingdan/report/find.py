"""Reporters for ``qingdan find``: text for the counter, JSON for the site and other tools."""

from __future__ import annotations

import json
from typing import Any

from rich.text import Text

from qingdan import i18n
from qingdan.admission.find import FORBIDDEN, Answer, Match

_STYLE = {FORBIDDEN: "bold red", "allowed": "green", "unknown": "yellow", "unlisted": "yellow"}


def _stance(m: Match, lang: str) -> str:
    return i18n.message(f"find-stance-{m.entry.kind}-{m.stance}", lang)


def _how(m: Match, lang: str) -> str:
    if m.how == "name":
        return ""
    return i18n.message(f"find-how-{m.how}", lang, matched=m.matched, similarity=m.similarity, via=m.via)


def _verdict(answer: Answer, lang: str) -> str:
    if answer.answer == "allowed" and answer.since:
        return i18n.message("find-answer-allowed-since", lang, date=answer.since)
    if answer.answer == "allowed" and answer.until:
        return i18n.message("find-answer-allowed-until", lang, date=answer.until)
    return i18n.message(f"find-answer-{answer.answer}", lang)


def render_text(answer: Answer, lang: str) -> Text:
    out = Text()
    where = answer.place_name or i18n.message("find-everywhere", lang)
    out.append(i18n.message("find-question", lang, query=answer.query, place=where))
    out.append(_verdict(answer, lang), style=_STYLE[answer.answer])
    out.append("\n\n")
    related = False
    for m in answer.matches:
        if not m.decides and not related:
            related = True
            out.append(i18n.message("find-related", lang) + "\n", style="yellow")
        mark = ("  ✗ " if m.stance == FORBIDDEN else "  ✓ ") if m.decides else "  ? "
        out.append(mark, style=_STYLE[m.stance] if m.decides else "yellow")
        out.append(f"{_stance(m, lang)}  ", style=_STYLE[m.stance])
        out.append(f"{m.entry.name}{_how(m, lang)}  ", style="bold")
        out.append(f"{m.entry.id}\n", style="dim")
        if m.since or m.until:
            out.append(f"      {i18n.message('find-validity', lang, since=m.since or '—', until=m.until or '—')}\n")
        issued = f"（{m.issued}）" if m.issued else ""
        out.append(f"      {m.level_name}{issued} {m.document}  {m.entry.file}:{m.line}\n", style="dim")
        if m.alternative:
            out.append(f"      {i18n.message('find-alternative', lang, text=m.alternative)}\n")
        if m.legal_basis:
            out.append(f"      {i18n.message('find-basis', lang, text='；'.join(m.legal_basis))}\n", style="dim")
    return out


def as_dict(answer: Answer) -> dict[str, Any]:
    return {
        "version": 1,
        "query": answer.query,
        "place": answer.place,
        "answer": answer.answer,
        "since": answer.since or None,
        "until": answer.until or None,
        "matches": [
            {
                "id": m.entry.id,
                "name": m.entry.name,
                "aliases": list(m.entry.aliases),
                "matched": m.matched,
                "how": m.how,
                "decides": m.decides,
                "via": m.via or None,
                "similarity": m.similarity,
                "kind": m.entry.kind,
                "stance": m.stance,
                "jurisdiction": m.entry.jurisdiction,
                "level_name": m.level_name,
                "document": m.document,
                "issued": m.issued,
                "file": m.entry.file,
                "line": m.line,
                "alternative": m.alternative or None,
                "legal_basis": list(m.legal_basis),
                "since": m.since or None,
                "until": m.until or None,
            }
            for m in answer.matches
        ],
    }


def render_json(answer: Answer, lang: str) -> str:
    return json.dumps(as_dict(answer), ensure_ascii=False, indent=2) + "\n"
