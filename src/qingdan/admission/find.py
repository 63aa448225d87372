"""``qingdan find``: the counter question — “can the community do / stamp this?” — answered from the
lists of a jurisdiction's chain: which items match (name or alias, normalised; then names containing
the text; then similar names), allowed or forbidden, at which level, by which document, and for a
forbidden certificate the alternative route."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from qingdan import vocabulary
from qingdan.admission.context import document_label, item_data, item_line
from qingdan.errors import UsageError
from qingdan.model import Entry
from qingdan.repository import Repository
from qingdan.text import citation_text, key, similarity

KINDS = vocabulary.FIND_KINDS
FORBIDDEN, ALLOWED, UNKNOWN = "forbidden", "allowed", "unknown"
TIERS = ("name", "alias", "contains", "similar")  # best first
LIMIT = 12


@dataclass(frozen=True)
class Match:
    entry: Entry
    matched: str  # the name or alias that matched
    how: str  # one of TIERS
    similarity: float
    stance: str  # forbidden / allowed
    level_name: str
    document: str
    line: int
    alternative: str
    legal_basis: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    query: str
    place: str | None  # jurisdiction code of --in
    place_name: str
    answer: str  # forbidden / allowed / unknown
    matches: tuple[Match, ...]


def _stance(e: Entry) -> str:
    if e.kind == "negative" or (e.kind == "certificates" and e.stance == "forbidden"):
        return FORBIDDEN
    return ALLOWED


def _score(query: str, e: Entry, threshold: float) -> tuple[int, float, str] | None:
    """(tier, similarity, matched name) of the best way ``e`` matches the query key, if any."""
    best: tuple[int, float, str] | None = None
    for i, (name, k) in enumerate(zip(e.names, e.keys, strict=True)):
        if not k:
            continue
        score = similarity(query, k)
        if k == query:
            found = (0 if i == 0 else 1, 100.0, name)
        elif query in k:
            found = (2, score, name)
        elif score >= threshold:
            found = (3, score, name)
        else:
            continue
        if best is None or (found[0], -found[1]) < (best[0], -best[1]):
            best = found
    return best


def resolve_place(repo: Repository, place: str) -> str:
    """A jurisdiction given by its 12-digit code or its name (向阳社区)."""
    if place in repo.jurisdictions:
        return place
    wanted = key(place)
    for j in repo.jurisdictions.values():
        if key(j.name) == wanted or wanted in map(key, j.aliases):
            return j.code
    raise UsageError("find-unknown-place", place=place)


def find(repo: Repository, text: str, place: str | None = None, threshold: float | None = None) -> Answer:
    """Items of ``place``'s chain (everywhere without one) that match ``text``, best first."""
    query = key(text)
    if not query:
        raise UsageError("find-empty")
    code = resolve_place(repo, place) if place else None
    cut = threshold if threshold is not None else repo.config.fuzzy_threshold
    chain = repo.chain(code) if code else None
    scored = []
    for e in repo.entries:
        if e.kind not in KINDS or (chain is not None and e.jurisdiction not in chain):
            continue
        hit = _score(query, e, cut)
        if hit is not None:
            depth = chain.index(e.jurisdiction) if chain else 0
            scored.append(((hit[0], -hit[1], depth, KINDS.index(e.kind), e.id), e, hit))
    scored.sort(key=lambda s: s[0])
    matches = tuple(_match(repo, e, hit) for _, e, hit in scored[:LIMIT])
    return Answer(text, code, _place_name(repo, code), _answer(matches), matches)


def _match(repo: Repository, e: Entry, hit: tuple[int, float, str]) -> Match:
    data = item_data(repo, e)
    alternative = data.get("alternative")
    basis = data.get("legal_basis")
    return Match(
        e,
        hit[2],
        TIERS[hit[0]],
        round(hit[1], 1),
        _stance(e),
        repo.name_of(e.jurisdiction),
        document_label(repo, e.file),
        e.line or item_line(repo, e),
        alternative if isinstance(alternative, str) else "",
        tuple(citation_text(c) for c in basis) if isinstance(basis, list) else (),
    )


def _answer(matches: tuple[Match, ...]) -> str:
    """Decided by the name and alias matches, else by names containing the text when they agree;
    a similar name is a hint, not an answer."""
    exact = [m for m in matches if m.how in ("name", "alias")]
    if any(m.stance == FORBIDDEN for m in exact):
        return FORBIDDEN
    if exact:
        return ALLOWED
    # A short text found inside names (招商引资 → 招商引资任务) answers when those names agree.
    stances = {m.stance for m in matches if m.how == "contains"}
    return stances.pop() if len(stances) == 1 else UNKNOWN


def _place_name(repo: Repository, code: str | None) -> str:
    if code is None:
        return ""
    return " ".join(repo.name_of(c) for c in reversed(repo.chain(code)))


def answer_question(
    text: str, *, cwd: Path, place: str | None = None, threshold: float | None = None, use_cache: bool = True
) -> Answer:
    """Load the repository around ``cwd`` and answer."""
    from qingdan.admission.context import find_repository, load_repository

    if threshold is not None and not 0 < threshold <= 100:
        raise UsageError("review-threshold", value=threshold)
    root = find_repository(cwd, cwd)
    return find(load_repository(root, date.today(), use_cache), text, place, threshold)
