"""Reporters for ``qingdan review``: text for the clerk, Markdown for a pull request or a letter, JSON."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from rich.text import Text

from qingdan import i18n
from qingdan.admission import FAIL, PASS, WARN
from qingdan.admission.review import Check, Review
from qingdan.report.markdown import cell, escape

_MARK = {PASS: "✓", FAIL: "✗", WARN: "!"}
_STYLE = {PASS: "green", FAIL: "bold red", WARN: "yellow"}
_VERDICT_STYLE = {"admit": "bold green", "reject": "bold red", "incomplete": "bold yellow"}


def message(check: Check, lang: str) -> str:
    return i18n.message(check.key, lang, **check.args)


def _heading(review: Review, lang: str) -> list[str]:
    r = review.request
    lines = [
        i18n.message("review-title", lang, file=r.file),
        i18n.message(
            "review-item",
            lang,
            name=r.name or "—",
            applicant=r.text("applicant") or "—",
            applied=r.text("applied") or "—",
        ),
    ]
    if r.text("record"):
        lines.append(i18n.message("review-recorded", lang, record=r.text("record")))
    return lines


def _deadline_lines(review: Review, lang: str) -> list[str]:
    d = review.deadlines
    p = d.policy
    lines = [
        i18n.message(
            "review-deadlines",
            lang,
            lead=p.lead_days,
            decision=p.decision_days,
            years=p.max_years,
            source=p.source_name or p.source or i18n.message("word-default-policy", lang),
        )
    ]
    if d.latest_application is not None:
        lines.append(
            i18n.message(
                "review-latest", lang, date=d.latest_application.isoformat(), start=_iso(d.start), days=p.lead_days
            )
        )
    if d.earliest_start is not None:
        lines.append(i18n.message("review-earliest", lang, date=d.earliest_start.isoformat(), days=p.lead_days))
    if d.decision_due is not None:
        lines.append(i18n.message("review-due", lang, date=d.decision_due.isoformat(), days=p.decision_days))
    if d.days_left is not None:
        key = "review-days-left" if d.days_left >= 0 else "review-days-overdue"
        lines.append(i18n.message(key, lang, days=abs(d.days_left), today=d.today.isoformat()))
    return lines


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else "—"


def _evidence_line(e: Any, lang: str) -> str:
    where = f"{e.file}:{e.line}" if e.line else e.file
    similarity = i18n.message("review-similarity", lang, value=e.similarity) if e.similarity is not None else ""
    return f"{where} {e.item or ''} {e.name}{similarity}".replace("  ", " ")


def render_text(review: Review, lang: str) -> Text:
    out = Text()
    for line in _heading(review, lang):
        out.append(line + "\n", style="bold" if not out else "")
    out.append("\n" + i18n.message("review-verdict", lang))
    out.append(i18n.message(f"verdict-{review.verdict}", lang), style=_VERDICT_STYLE[review.verdict])
    out.append("\n\n")
    for c in review.checks:
        out.append(f"  {_MARK[c.status]} ", style=_STYLE[c.status])
        out.append(f"{c.rule:<20}", style="magenta")
        out.append(f" {message(c, lang)}\n")
        for e in c.evidence:
            out.append(f"      {i18n.message('review-evidence', lang)}{_evidence_line(e, lang)}\n", style="dim")
    out.append("\n")
    for line in _deadline_lines(review, lang):
        out.append(line + "\n")
    return out


def _cell(text: str) -> str:
    """Literal text in Markdown (a table cell or a line): request text is shown as written, never as markup."""
    return cell(escape(text))


def _summary(review: Review, lang: str) -> str:
    n = Counter(c.status for c in review.checks)
    return i18n.message("review-summary", lang, failed=n[FAIL], warned=n[WARN], passed=n[PASS])


def render_markdown(review: Review, lang: str) -> str:
    """A pull-request comment: heading, verdict with counts, a table of checks (evidence under each
    message, file:line as code), and the deadlines as a list."""
    head = _heading(review, lang)
    verdict = i18n.message("review-verdict", lang) + i18n.message(f"verdict-{review.verdict}", lang)
    columns = ("review-column-status", "review-column-rule", "review-column-message")
    lines = [
        f"### {_cell(head[0])}",
        "",
        *(f"{_cell(h)}  " for h in head[1:]),
        "",
        f"**{verdict}** — {_summary(review, lang)}",
        "",
        "| " + " | ".join(i18n.message(k, lang) for k in columns) + " |",
        "|:-:|---|---|",
    ]
    for c in review.checks:
        evidence = "".join(f"<br>↳ {_md_evidence(e, lang)}" for e in c.evidence)
        lines.append(f"| {_MARK[c.status]} | `{c.rule}` | {_cell(message(c, lang))}{evidence} |")
    deadlines = _deadline_lines(review, lang)
    lines += ["", _cell(deadlines[0]), "", *(f"- {_cell(line.strip())}" for line in deadlines[1:]), "", ""]
    return "\n".join(lines)  # ends in a blank line: several reviews follow one another as sections


def _md_evidence(e: Any, lang: str) -> str:
    where = f"{e.file}:{e.line}" if e.line else e.file
    similarity = i18n.message("review-similarity", lang, value=e.similarity) if e.similarity is not None else ""
    return f"`{where}` {_cell(' '.join(filter(None, (e.item, e.name))))}{_cell(similarity)}"


def as_dict(review: Review, lang: str) -> dict[str, Any]:
    d = review.deadlines
    return {
        "verdict": review.verdict,
        "checks": [
            {
                "rule": c.rule,
                "status": c.status,
                "message": message(c, lang),
                "evidence": [
                    {"file": e.file, "item": e.item, "name": e.name, "similarity": e.similarity} for e in c.evidence
                ],
            }
            for c in review.checks
        ],
        "deadlines": {
            "today": d.today.isoformat(),
            "applied": _date(d.applied),
            "start": _date(d.start),
            "latest_application": _date(d.latest_application),
            "earliest_start": _date(d.earliest_start),
            "decision_due": _date(d.decision_due),
            "days_left": d.days_left,
            "lead_days": d.policy.lead_days,
            "decision_days": d.policy.decision_days,
            "max_years": d.policy.max_years,
            "policy": d.policy.source or None,
        },
    }


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def render_json(reviews: list[Review], lang: str) -> str:
    """One document for any number of requests: ``{"version": 1, "reviews": [...]}``."""
    data = {"version": 1, "reviews": [as_dict(r, lang) for r in reviews]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_all_text(reviews: list[Review], lang: str) -> list[Text]:
    return [render_text(r, lang) for r in reviews]


def render_all_markdown(reviews: list[Review], lang: str) -> str:
    return "".join(render_markdown(r, lang) for r in reviews)


_DONE = {"admit": "decision-admitted", "reject": "decision-rejected", "revoke": "decision-revoked"}


def render_decision(decision: Any, lang: str) -> str:
    """What ``admit`` / ``reject`` / ``revoke`` wrote: the record, lists created, items added or marked, files."""
    m = i18n.message
    lines = [m(_DONE[decision.action], lang, record=decision.record)]
    lines += [
        m("decision-new-assist-list", lang, place=place, file=file, issuer=issuer)
        for file, place, issuer in decision.created
    ]
    key = "decision-marked" if decision.action == "revoke" else "decision-item"
    lines += [m(key, lang, place=place, file=file, id=item) for file, item, place in decision.items]
    lines += [m("decision-file", lang, file=f) for f in decision.files]
    return "\n".join(lines) + "\n"
