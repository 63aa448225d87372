"""``qingdan find``: the counter question — “can the community do / stamp this?” — answered from the
lists of a jurisdiction's chain, by the one matching engine (``text.grade``, the same as the site's
search): the same name (name, alias, core name, covered variant, common name) decides, allowed or
forbidden, at which level, by which document, and for a forbidden certificate the alternative route;
names that contain the text, a mistyped or a similar name are shown as related items to check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from qingdan import vocabulary
from qingdan.admission.context import document_label, issuer_line, item_data, item_line
from qingdan.config import current_day
from qingdan.errors import UsageError
from qingdan.model import Entry
from qingdan.repository import Repository
from qingdan.synonyms import load as load_synonyms
from qingdan.text import GRADES, VERDICT_GRADES, Synonyms, citation_text, grade, key, query_keys

KINDS = vocabulary.FIND_KINDS
FORBIDDEN, ALLOWED, UNKNOWN, UNLISTED = "forbidden", "allowed", "unknown", "unlisted"
LIMIT = 12


@dataclass(frozen=True)
class Match:
    entry: Entry
    matched: str  # the listed name, alias or covered variant that matched
    how: str  # one of text.GRADES
    similarity: float
    stance: str  # forbidden / allowed
    level_name: str
    document: str
    line: int
    alternative: str
    legal_basis: tuple[str, ...]
    via: str = ""  # the common name (俗称) the question used, when how == "synonym"
    since: str = ""  # an admitted duty's first day when it lies ahead (YYYY-MM-DD)
    until: str = ""  # an admitted duty's last day
    issued: str = ""  # who issued the list and where it applies (民政部等发布，全国适用)

    @property
    def decides(self) -> bool:
        """Whether this match gives a verdict (the same name), not only a hint (a related name)."""
        return self.how in VERDICT_GRADES


@dataclass(frozen=True)
class Answer:
    query: str
    place: str | None  # jurisdiction code of --in
    place_name: str
    answer: str  # forbidden / allowed / unknown (related items only) / unlisted (nothing found)
    matches: tuple[Match, ...]
    since: str = ""  # allowed only from this day (an admission not yet in force)
    until: str = ""  # allowed until this day


def _stance(e: Entry) -> str:
    return vocabulary.verdict_of(e.kind, e.stance)


def score(query: tuple[str, ...], synonyms: Synonyms, e: Entry, threshold: float) -> tuple[int, float, int, str] | None:
    """(grade, similarity, matched key index, common name used) of ``e`` for the query keys: the
    engine's grade, or ``synonym`` when a common name of the query is ``e``'s name exactly."""
    found = grade(query, e.keys, e.cores, threshold)
    if found is not None and GRADES[found[0]] in VERDICT_GRADES:
        return (*found, "")
    synonym = GRADES.index("synonym")
    for said, means in synonyms.targets(query):
        hit = grade(query_keys(means), e.keys, e.cores, threshold)
        if hit is not None and GRADES[hit[0]] in VERDICT_GRADES:
            return synonym, 100.0, hit[2], said
    return (*found, "") if found is not None else None


def resolve_place(repo: Repository, place: str) -> str:
    """A jurisdiction given by its 12-digit code or its name (向阳社区)."""
    if place in repo.jurisdictions:
        return place
    wanted = key(place)
    for j in repo.jurisdictions.values():
        if key(j.name) == wanted or wanted in map(key, j.aliases):
            return j.code
    raise UsageError("find-unknown-place", place=place)


def find(
    repo: Repository,
    text: str,
    place: str | None = None,
    threshold: float | None = None,
    today: date | None = None,
    synonyms: Synonyms | None = None,
) -> Answer:
    """Items of ``place``'s chain (everywhere without one) that match ``text``, best first."""
    query = query_keys(text)
    if not query:
        raise UsageError("find-empty")
    code = resolve_place(repo, place) if place else None
    cut = threshold if threshold is not None else repo.config.fuzzy_threshold
    chain = repo.chain(code) if code else None
    known = synonyms if synonyms is not None else load_synonyms(repo)
    scored = []
    for e in repo.entries:
        if e.kind not in KINDS or (chain is not None and e.jurisdiction not in chain):
            continue
        hit = score(query, known, e, cut)
        if hit is not None:
            depth = chain.index(e.jurisdiction) if chain else 0
            scored.append(((hit[0], -hit[1], depth, KINDS.index(e.kind), e.id), e, hit))
    scored.sort(key=lambda s: s[0])
    day = (today or current_day()).isoformat()
    matches = tuple(_match(repo, e, hit, day) for _, e, hit in scored[:LIMIT])
    return _answer(text, code, _place_name(repo, code), matches, day)


def _match(repo: Repository, e: Entry, hit: tuple[int, float, int, str], day: str) -> Match:
    data = item_data(repo, e)
    alternative = data.get("alternative")
    basis = data.get("legal_basis")
    names = e.names
    matched = names[hit[2]] if hit[2] < len(names) else e.name
    record = repo.by_id.get(e.admission) if e.kind == "duties" and e.admission else None
    since = record.valid_from or "" if record is not None else ""
    return Match(
        e,
        matched,
        GRADES[hit[0]],
        round(hit[1], 1),
        _stance(e),
        repo.name_of(e.jurisdiction),
        document_label(repo, e.file),
        e.line or item_line(repo, e),
        alternative if isinstance(alternative, str) else "",
        tuple(citation_text(c) for c in basis) if isinstance(basis, list) else (),
        via=hit[3],
        since=since if since > day else "",
        until=(record.valid_until or "") if record is not None else "",
        issued=issuer_line(repo, e.file),
    )


def _answer(text: str, code: str | None, place_name: str, matches: tuple[Match, ...], day: str) -> Answer:
    """Decided by the matches of the same name (name, alias, core name, common name) only: forbidden
    anywhere in the chain wins. A contained, mistyped or similar name is a hint to check, never an
    answer: a query 死亡证明 must not be answered by 非正常死亡证明."""
    deciding = [m for m in matches if m.decides]
    if not deciding:
        return Answer(text, code, place_name, UNKNOWN if matches else UNLISTED, matches)
    if any(m.stance == FORBIDDEN for m in deciding):
        return Answer(text, code, place_name, FORBIDDEN, matches)
    now = [m for m in deciding if not m.since]
    if now:
        until = min((m.until for m in now if m.until), default="")
        return Answer(text, code, place_name, ALLOWED, matches, until=until)
    return Answer(text, code, place_name, ALLOWED, matches, since=min(m.since for m in deciding))


def _place_name(repo: Repository, code: str | None) -> str:
    if code is None:
        return ""
    return " ".join(repo.name_of(c) for c in reversed(repo.chain(code)))


def answer_question(
    text: str, *, cwd: Path, place: str | None = None, threshold: float | None = None, use_cache: bool = True
) -> Answer:
    """Load the repository around ``cwd`` and answer."""
    from qingdan.admission.context import find_repository
    from qingdan.repository import load_repository

    if threshold is not None and not 0 < threshold <= 100:
        raise UsageError("review-threshold", value=threshold)
    root = find_repository(cwd, cwd)
    today = current_day()
    return find(load_repository(root, today, use_cache), text, place, threshold, today)
