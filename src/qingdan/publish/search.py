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
    """The index as plain data: {"engine", "threshold", "kinds", "synonyms", "places", "t2s", "shards"}.
    ``shards`` maps a jurisdiction code to its own lists and items (written as one small file each, so a
    phone loads only the places of the chosen community's chain, not a province's every item). Nothing in
    it depends on the day of the build (an admission's dates are compared with the reader's day)."""
    lists = {lst.source: lst for lst in view.lists}
    rows: dict[str, dict[str, Any]] = {}  # a list's rows by item id, made when the list has items to find
    columns: dict[str, tuple[int | None, int | None]] = {}  # where its 替代方式 and (certificates) 法律依据 are
    shards: dict[str, dict[str, Any]] = {}
    for e in repo.entries:
        if e.kind in vocabulary.FIND_KINDS and e.file in lists:
            shard = shards.setdefault(e.jurisdiction, {"lists": [], "items": [], "at": {}})
            if e.file not in shard["at"]:
                lst = lists[e.file]
                shard["at"][e.file] = len(shard["lists"])
                shard["lists"].append(
                    {"l": lst.slug, "t": lst.title, "d": lst.doc_number, "place": repo.name_of(lst.jurisdiction)}
                )
            if e.file not in rows:
                lst = lists[e.file]
                rows[e.file] = {r.id: r for r in lst.rows}
                basis = lst.column_index("legal_basis") if lst.kind == "certificates" else None
                columns[e.file] = (lst.column_index("alternative"), basis)
            row = rows[e.file].get(e.id)
            shard["items"].append(_item(repo, e, row, columns[e.file], shard["at"][e.file]))
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
    chars = set("".join(k for s in shards.values() for item in s["items"] for k in (*item["k"], *item["c"])))
    chars |= {c for k in synonyms for c in k}
    return {
        "version": 3,
        "engine": engine(),
        "threshold": repo.config.fuzzy_threshold,
        "kinds": list(vocabulary.FIND_KINDS),
        "synonyms": synonyms,
        "places": places,
        "t2s": traditional_map(chars),
        "shards": {code: {"lists": s["lists"], "items": s["items"]} for code, s in sorted(shards.items())},
    }


def script(data: dict[str, Any]) -> str:
    """The index without its shards, as a script that sets a global (a page opened from ``file://`` may not
    fetch JSON); it names the jurisdictions that have a shard."""
    head = {k: v for k, v in data.items() if k != "shards"}
    head["sharded"] = sorted(data.get("shards", {}))
    return f"window.{INDEX_VARIABLE} = {_json(head)};\n"


def shard_scripts(data: dict[str, Any]) -> dict[str, str]:
    """``assets/search/<code>.js`` for each jurisdiction: its lists and items, added to a global."""
    return {
        f"assets/search/{code}.js": f"(window.{INDEX_VARIABLE}_SHARDS = window.{INDEX_VARIABLE}_SHARDS || {{}})"
        f"[{_json(code)}] = {_json(shard)};\n"
        for code, shard in data.get("shards", {}).items()
    }


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _item(repo: Repository, e: Any, row: Any, columns: tuple[int | None, int | None], at: int) -> dict[str, Any]:
    """One item of a shard; ``columns``: where its row has 替代方式 and the 法律依据 the index shows (None: not)."""
    out: dict[str, Any] = {
        "id": e.id,
        "n": e.name,
        "k": list(e.keys),
        "c": list(e.cores),
        "kind": e.kind,
        "s": vocabulary.verdict_of(e.kind, e.stance),
        "j": e.jurisdiction,
        "list": at,
    }
    # the optional keys only when they have something (a province's index stays small), in this order
    if e.aliases:
        out["a"] = list(e.aliases)
    if row is not None:
        alternative, basis = columns
        if alternative is not None and row.cells[alternative]:
            out["alt"] = row.cells[alternative]
        if basis is not None and row.cells[basis]:
            out["basis"] = row.cells[basis]
    record = repo.by_id.get(e.admission) if e.kind == "duties" and e.admission else None
    if record is not None:
        if record.valid_from:
            out["since"] = record.valid_from
        if record.valid_until:
            out["until"] = record.valid_until
    return out


def traditional_map(chars: set[str]) -> dict[str, str]:
    """Every CJK character that ``qingdan.text`` folds to another one (traditional, variant forms) → that
    character, for the characters that occur in the index (the page ships only these)."""
    candidates = [chr(c) for start, end in _CJK for c in range(start, end + 1)]
    folded = simplify("\n".join(candidates)).split("\n")
    if len(folded) != len(candidates):  # the converter joined or split something: compare one by one
        folded = [simplify(c) for c in candidates]
    return {c: f for c, f in zip(candidates, folded, strict=True) if f != c and f in chars}
