"""``qingdan review``: an admission request → a verdict and every check behind it, with evidence.

准入 (admit) when nothing fails; 不予准入 (reject) when the work itself may not be put on the
community (negative list, forbidden certificate, banned category, already on the lists); 需补正
(incomplete) when only the application is lacking (materials, references, dates). Warnings (similar
names, 执法 work the community only assists with, emergencies) are shown but do not decide.
Pure: the repository, calendar and policy come in, a frozen Review goes out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from qingdan.admission import FAIL, PASS, WARN, banned
from qingdan.admission.context import communities, document_label, item_data, item_line
from qingdan.admission.deadlines import Deadlines, Policy, compute
from qingdan.admission.request import MATERIALS, Request
from qingdan.admission.workdays import Calendar
from qingdan.config import current_day
from qingdan.i18n import MESSAGES, Phrase
from qingdan.model import Entry
from qingdan.repository import Repository
from qingdan.rules.base import parse_date
from qingdan.text import NameIndex, derived_name_keys, key, keys

ADMIT, REJECT, INCOMPLETE = "admit", "reject", "incomplete"

# A failure of these means the work may not enter the community at all.
REJECTING = frozenset({"request-negative", "request-certificate", "request-duplicate", "request-banned"})
CHECKS = (
    "request-format",
    "request-materials",
    "request-references",
    "request-negative",
    "request-certificate",
    "request-duplicate",
    "request-banned",
    "request-validity",
    "request-lead-time",
)
MIN_CONTAINED = 4  # as the duty-negative-fuzzy rule: shorter negative names are too generic
BASIS_2015 = "民发〔2015〕136号"


@dataclass(frozen=True)
class Evidence:
    file: str
    item: str | None
    name: str
    similarity: float | None = None
    line: int = 0


@dataclass(frozen=True)
class Check:
    rule: str
    status: str
    key: str  # catalogue message
    args: Mapping[str, Any] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Review:
    request: Request
    verdict: str
    checks: tuple[Check, ...]
    deadlines: Deadlines


@dataclass(frozen=True)
class Context:
    repo: Repository
    request: Request
    keys: tuple[str, ...]  # comparison keys of the name and aliases
    places: tuple[str, ...]  # the covered communities (or the targets when none is known)
    chain: tuple[str, ...]  # every jurisdiction of the places' chains, nearest first
    policy: Policy
    threshold: float


def review(
    repo: Repository, request: Request, calendar: Calendar, policy: Policy, today: date, threshold: float | None = None
) -> Review:
    """Run every check on ``request`` against the lists of ``repo``."""
    places = tuple(communities(repo, request.targets)) or request.targets
    chain = tuple(dict.fromkeys(code for place in places for code in repo.chain(place)))
    names = (request.name, *request.aliases) if request.name else request.aliases
    ctx = Context(
        repo,
        request,
        _request_keys(names),
        places,
        chain,
        policy,
        threshold if threshold is not None else repo.config.fuzzy_threshold,
    )
    checks = [c for check in _CHECKS for c in check(ctx)]
    applied, start = parse_date(request.data.get("applied")), parse_date(request.data.get("start"))
    deadlines = compute(applied, start, policy, calendar, today, pending=not request.text("record"))
    checks.extend(_lead_time(request, deadlines))
    return Review(request, verdict(checks), tuple(checks), deadlines)


def verdict(checks: list[Check]) -> str:
    failed = {c.rule for c in checks if c.status == FAIL}
    if failed & REJECTING:
        return REJECT
    return INCOMPLETE if failed else ADMIT


def _one(rule: str, found: list[Check], passed: str, **args: Any) -> Iterator[Check]:
    """The checks found, or one passing check saying what was looked at."""
    yield from found or [Check(rule, PASS, passed, args)]


def _format(ctx: Context) -> Iterator[Check]:
    found = [
        Check(
            "request-format",
            FAIL,
            "review-format-fail",
            {"line": f.line, "column": f.column, "detail": Phrase(f.message_key, _labelled(f.args))},
        )
        for f in ctx.request.findings
    ]
    yield from _one("request-format", found, "review-format-pass")


def label(path: str) -> str:
    """The catalogue word naming a request field (``funding.amount``; list positions dropped)."""
    word = "word-field-" + ".".join(p for p in path.split(".") if not p.isdigit())
    return word if word in MESSAGES else path


def _labelled(args: Mapping[str, Any]) -> dict[str, Any]:
    """Schema findings carry the schema's Chinese title; the review names the field in the reader's language."""
    out = dict(args)
    if "title" in out and label(str(out.get("field", ""))) != out.get("field"):
        out["title"] = label(str(out["field"]))
    return out


def _material(path: str) -> Phrase:
    return Phrase("review-material", {"label": label(path), "field": path})


def _materials(ctx: Context) -> Iterator[Check]:
    r = ctx.request
    found = []
    missing = tuple(_material(k) for k in MATERIALS if not r.has(k))
    if missing:
        found.append(Check("request-materials", FAIL, "review-materials-missing", {"missing": missing}))
    funding = r.data.get("funding")
    if isinstance(funding, dict):
        parts = tuple(_material(f"funding.{k}") for k in ("amount", "source") if k not in funding)
        if parts:
            found.append(Check("request-materials", FAIL, "review-funding-parts", {"missing": parts}))
    elif isinstance(funding, str):
        found.append(Check("request-materials", WARN, "review-funding-text", {}))
    yield from _one("request-materials", found, "review-materials-pass")


def _references(ctx: Context) -> Iterator[Check]:
    r, repo = ctx.request, ctx.repo
    found = []
    applicant = r.text("applicant")
    if not applicant or not r.targets:
        return  # request-materials names what is missing
    if applicant and key(applicant) not in repo.departments:
        found.append(Check("request-references", FAIL, "review-unknown-applicant", {"applicant": applicant}))
    for code in r.targets:
        if code not in repo.jurisdictions:
            found.append(Check("request-references", FAIL, "review-unknown-target", {"code": code}))
        elif not communities(repo, (code,)):
            found.append(
                Check("request-references", FAIL, "review-no-community", {"code": code, "place": repo.name_of(code)})
            )
    places = _names(ctx, ctx.places)
    yield from _one("request-references", found, "review-references-pass", applicant=applicant, places=places)


def _request_keys(names: tuple[str, ...]) -> tuple[str, ...]:
    """The request's name and aliases as the engine looks them up: their keys, then their core names
    (a purpose in brackets hides nothing: 收入證明（用于助学金申请） is 收入证明)."""
    own = tuple(keys(list(names)))
    return own + derived_name_keys(names)


def _index(ctx: Context, kind: str, codes: tuple[str, ...], wanted: Any = None) -> NameIndex:
    index = NameIndex()
    for code in codes:
        for e in ctx.repo.by_place.get((kind, code), ()):
            if wanted is None or wanted(e):
                index.add_entry(e)
    return index


def _evidence(ctx: Context, e: Entry, similarity: float | None = None) -> Evidence:
    return Evidence(e.file, e.id, e.name, similarity, e.line or item_line(ctx.repo, e))


def _cited(ctx: Context, e: Entry, other_name: str, **args: Any) -> dict[str, Any]:
    via: Any = "" if key(other_name) == key(e.name) else Phrase("review-via-alias", {"alias": other_name})
    return {
        "name": ctx.request.name,
        "other_name": e.name,
        "via": via,
        "other_id": e.id,
        "level_name": ctx.repo.name_of(e.jurisdiction),
        "doc": document_label(ctx.repo, e.file),
        **args,
    }


def _matches(ctx: Context, rule: str, index: NameIndex, prefix: str) -> list[Check]:
    """Exact (name or alias, normalised) → fail; contained or similar → warning with the similarity."""
    if not ctx.keys or not index:
        return []
    hit = index.exact(ctx.keys)
    if hit is not None:
        e, other = hit
        args = _cited(ctx, e, other, **_extra(ctx, e))
        return [Check(rule, FAIL, f"{prefix}-exact", args, (_evidence(ctx, e, 100.0),))]
    contained = next((c for k in ctx.keys if (c := index.contained_in(k, MIN_CONTAINED)) is not None), None)
    if contained is not None:
        e, other = contained
        return [Check(rule, WARN, f"{prefix}-contains", _cited(ctx, e, other), (_evidence(ctx, e),))]
    fuzzy = index.fuzzy(ctx.keys, ctx.threshold) or index.typo(ctx.keys)
    if fuzzy is not None:
        e, other, score = fuzzy
        args = _cited(ctx, e, other, similarity=score)
        return [Check(rule, WARN, f"{prefix}-fuzzy", args, (_evidence(ctx, e, score),))]
    return []


def _extra(ctx: Context, e: Entry) -> dict[str, Any]:
    if e.kind == "certificates":
        alternative = item_data(ctx.repo, e).get("alternative")
        return {"alternative": alternative if isinstance(alternative, str) else "—"}
    return {}


def _negative(ctx: Context) -> Iterator[Check]:
    if not ctx.keys or not ctx.places:
        return
    found = _matches(ctx, "request-negative", _index(ctx, "negative", ctx.chain), "review-negative")
    yield from _one("request-negative", found, "review-negative-pass", places=_levels(ctx, "negative"))


def _certificate(ctx: Context) -> Iterator[Check]:
    if not ctx.keys or not ctx.places:
        return
    index = _index(ctx, "certificates", ctx.chain, lambda e: e.stance == "forbidden")
    found = _matches(ctx, "request-certificate", index, "review-certificate")
    yield from _one("request-certificate", found, "review-certificate-pass", places=_levels(ctx, "certificates"))


def _duplicate(ctx: Context) -> Iterator[Check]:
    if not ctx.keys or not ctx.places:
        return
    own = ctx.request.text("record")  # a decided request is not a duplicate of its own record
    duties = _index(ctx, "duties", ctx.places, lambda e: not own or e.admission != own)
    found = _matches(ctx, "request-duplicate", duties, "review-duplicate")
    if not found:
        records = _index(ctx, "admissions", ctx.chain, lambda e: e.status == "admitted" and e.id != own)
        found = _matches(ctx, "request-duplicate", records, "review-duplicate-record")
    yield from _one("request-duplicate", found, "review-duplicate-pass", places=_names(ctx, ctx.places))


def _levels(ctx: Context, kind: str) -> tuple[str, ...] | str:
    return _names(ctx, [c for c in ctx.chain if (kind, c) in ctx.repo.by_place])


def _names(ctx: Context, codes: Iterable[str]) -> tuple[str, ...] | str:
    """Place names for a message, joined there in the reader's language (A、B和C / A, B and C)."""
    return tuple(dict.fromkeys(ctx.repo.name_of(c) for c in codes)) or "—"


def _banned(ctx: Context) -> Iterator[Check]:
    r = ctx.request
    fields = [
        (k, v)
        for k in (*banned.TITLE_FIELDS, *banned.TEXT_FIELDS)
        for v in (r.aliases if k == "aliases" else (r.text(k),))
        if v
    ]
    if not fields:
        return
    hits = banned.scan(fields, r.text("community_role"))
    found = []
    for chosen in banned.decisive(hits):
        term = chosen.category if chosen.family == "assessment" else f"word-ban-{chosen.category}"
        args = {
            "field": label(chosen.field),
            "words": chosen.words,
            "cue": chosen.cue,
            "term": term,
            "basis": BASIS_2015,
        }
        evidence = tuple(
            Evidence(r.file, h.field, h.words, None, r.position(h.field)[0]) for h in banned.evidence(hits, chosen)
        )
        found.append(Check("request-banned", chosen.status, f"review-banned-{chosen.how}", args, evidence))
    yield from _one("request-banned", found, "review-banned-pass")


def _validity(ctx: Context) -> Iterator[Check]:
    r, policy = ctx.request, ctx.policy
    start, end = parse_date(r.data.get("start")), parse_date(r.data.get("end"))
    if start is None or end is None:
        return  # missing dates are reported by request-materials, malformed ones by request-format
    args = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "max_years": policy.max_years,
        "source": ctx.repo.name_of(policy.source) if policy.source else "word-default-policy",
    }
    if end < start:
        yield Check("request-validity", FAIL, "review-validity-order", args)
    elif end > _add_years(start, policy.max_years):
        yield Check("request-validity", FAIL, "review-validity-long", args)
    else:
        yield Check("request-validity", PASS, "review-validity-pass", args)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _lead_time(r: Request, d: Deadlines) -> Iterator[Check]:
    if d.applied is None or d.start is None:
        return
    args = {
        "applied": d.applied.isoformat(),
        "start": d.start.isoformat(),
        "days": d.policy.lead_days,
        "latest": _iso(d.latest_application),
        "earliest": _iso(d.earliest_start),
    }
    emergency = r.text("emergency")
    if emergency:
        yield Check("request-lead-time", WARN, "review-lead-emergency", {**args, "reason": emergency})
    elif d.applied > d.start:
        yield Check("request-lead-time", FAIL, "review-lead-order", args)
    elif not d.on_time:
        yield Check("request-lead-time", FAIL, "review-lead-late", args)
    else:
        yield Check("request-lead-time", PASS, "review-lead-pass", args)


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else "—"


_CHECKS = (_format, _materials, _references, _negative, _certificate, _duplicate, _banned, _validity)


def review_requests(
    paths: list[Path],
    *,
    cwd: Path,
    today: date | None = None,
    threshold: float | None = None,
    use_cache: bool = True,
) -> list[Review]:
    """Review request files against the list repository around the first of them (or ``cwd``)."""
    from qingdan.admission.context import find_repository
    from qingdan.admission.deadlines import load_policy
    from qingdan.admission.request import load_request
    from qingdan.admission.workdays import load_calendar
    from qingdan.errors import UsageError
    from qingdan.paths import relative, require_file
    from qingdan.repository import load_repository

    if not paths:
        raise UsageError("request-none")
    if threshold is not None and not 0 < threshold <= 100:
        raise UsageError("review-threshold", value=threshold)
    for p in paths:
        require_file(p)
    root = find_repository(paths[0].resolve().parent, cwd)
    day = today or current_day()
    repo = load_repository(root, day, use_cache)
    calendar = load_calendar(root)
    out = []
    for p in paths:
        request = load_request(p, relative(p.resolve(), root))
        policy = load_policy(root, request.targets[0] if request.targets else None)
        if policy.source:
            policy = replace(policy, source_name=repo.name_of(policy.source))
        out.append(review(repo, request, calendar, policy, day, threshold))
    return out
