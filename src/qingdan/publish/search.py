"""The search page's prebuilt index: the data of the one matching engine (``text.grade``) for every item
``qingdan find`` searches — comparison keys of names and aliases, derived keys (core names, covered
variants), stance, place — the places with their chains, the common names (俗称) with the keys of what
they mean, the engine's word lists and thresholds, and a traditional → simplified map for the characters
that occur, so that ``assets/search.js`` answers "may the community stamp / do this?" offline (also from
``file://``) exactly as ``qingdan find`` does."""

from __future__ import annotations

import json
from typing import Any

from qingdan import text, vocabulary
from qingdan.publish.view import SiteView
from qingdan.repository import Repository
from qingdan.synonyms import load as load_synonyms
from qingdan.text import query_keys, simplify

INDEX_VARIABLE = "QINGDAN_SEARCH"
_CJK = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))  # unified ideographs and extension A


def engine() -> dict[str, Any]:
    """The engine's constants, as ``text`` defines them (the script must not keep its own copies)."""
    return {
        "grades": list(text.GRADES),
        "verdict_grades": list(text.VERDICT_GRADES),
        "leading": list(text.LEADING_VERBS),
        "trailing": list(text.TRAILING_WORDS),
        "endings": list(text.CERTIFICATE_ENDINGS),
        "qualifier_cues": list(text.QUALIFIER_CUES),
        "cover_cues": list(text.COVER_CUES),
        "generic": sorted(text.GENERIC),
        "min_derived": text.MIN_DERIVED,
        "min_contained": text.MIN_CONTAINED,
        "min_containing": text.MIN_CONTAINING,
        "typo_min": text.TYPO_MIN,
    }


def index(view: SiteView, repo: Repository) -> dict[str, Any]:
    """The index as plain data: {"engine", "threshold", "items", "synonyms", "places", "t2s"}. Nothing in it
    depends on the day of the build (an admission's dates are compared with the reader's day)."""
    slugs = {lst.source: lst for lst in view.lists}
    items = [_item(repo, e, slugs) for e in repo.entries if e.kind in vocabulary.FIND_KINDS and e.file in slugs]
    synonyms: dict[str, list[Any]] = {}
    for k, pairs in load_synonyms(repo).by_key.items():
        synonyms[k] = [[said, means, list(query_keys(means))] for said, means in pairs]
    places = [
        {
            "code": p.code,
            "name": p.name,
            "level": p.level,
            "chain": list(p.chain),
            "label": "".join(p.chain_names[1:] if len(p.chain_names) > 1 else p.chain_names),
        }
        for p in view.places
    ]
    chars = {c for entry in items for k in (*entry["k"], *entry["c"]) for c in k}
    chars |= {c for k in synonyms for c in k}
    return {
        "version": 2,
        "engine": engine(),
        "threshold": repo.config.fuzzy_threshold,
        "kinds": list(vocabulary.FIND_KINDS),
        "items": items,
        "synonyms": synonyms,
        "places": places,
        "t2s": traditional_map(chars),
    }


def script(data: dict[str, Any]) -> str:
    """The index as a script that sets a global (a page opened from ``file://`` may not fetch JSON)."""
    return f"window.{INDEX_VARIABLE} = {json.dumps(data, ensure_ascii=False, separators=(',', ':'))};\n"


def _item(repo: Repository, e: Any, slugs: dict[str, Any]) -> dict[str, Any]:
    lst = slugs[e.file]
    stance = vocabulary.verdict_of(e.kind, e.stance)
    record = repo.by_id.get(e.admission) if e.kind == "duties" and e.admission else None
    row = next((r for r in lst.rows if r.id == e.id), None)
    cells = {c.key: row.cells[i] for i, c in enumerate(lst.columns)} if row is not None else {}
    return {
        "id": e.id,
        "n": e.name,
        "a": list(e.aliases),
        "k": list(e.keys),
        "c": list(e.cores),
        "kind": e.kind,
        "s": stance,
        "j": e.jurisdiction,
        "place": repo.name_of(e.jurisdiction),
        "l": lst.slug,
        "t": lst.title,
        "d": lst.doc_number,
        "alt": cells.get("alternative", ""),
        "basis": cells.get("legal_basis", ""),
        "since": (record.valid_from or "") if record is not None else "",
        "until": (record.valid_until or "") if record is not None else "",
    }


def traditional_map(chars: set[str]) -> dict[str, str]:
    """Every CJK character that ``qingdan.text`` folds to another one (traditional, variant forms) → that
    character, for the characters that occur in the index (the page ships only these)."""
    candidates = [chr(c) for start, end in _CJK for c in range(start, end + 1)]
    folded = simplify("\n".join(candidates)).split("\n")
    if len(folded) != len(candidates):  # the converter joined or split something: compare one by one
        folded = [simplify(c) for c in candidates]
    return {c: f for c, f in zip(candidates, folded, strict=True) if f != c and f in chars}
