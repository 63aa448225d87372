"""The search page's prebuilt index: every certificate item with the comparison keys of its name and
aliases, the places with their chains, and a traditional → simplified map for the characters that occur,
so that a small script can answer "may the community stamp this?" offline (also from ``file://``)."""

from __future__ import annotations

import json
from typing import Any

from qingdan.publish.view import ListView, SiteView
from qingdan.text import keys, simplify

INDEX_VARIABLE = "QINGDAN_SEARCH"
_CJK = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))  # unified ideographs and extension A


def index(view: SiteView) -> dict[str, Any]:
    """The index as plain data: {"items": [...], "places": [...], "t2s": {...}}."""
    items = [entry for lst in view.lists if lst.kind == "certificates" for entry in _items(lst)]
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
    chars = {c for entry in items for k in entry["k"] for c in k}
    return {"items": items, "places": places, "t2s": traditional_map(chars)}


def script(view: SiteView) -> str:
    """The index as a script that sets a global (a page opened from ``file://`` may not fetch JSON)."""
    data = json.dumps(index(view), ensure_ascii=False, separators=(",", ":"))
    return f"window.{INDEX_VARIABLE} = {data};\n"


def _items(lst: ListView) -> list[dict[str, Any]]:
    columns = {c.key: i for i, c in enumerate(lst.columns)}
    rows = lst.rows
    flat = keys([n for row in rows for n in (row.name, *row.aliases)])
    out, at = [], 0
    for row in rows:
        width = 1 + len(row.aliases)
        cell = {key: row.cells[i] for key, i in columns.items()}
        out.append(
            {
                "id": row.id,
                "n": row.name,
                "a": list(row.aliases),
                "k": flat[at : at + width],
                "s": row.status,
                "j": lst.jurisdiction,
                "place": lst.jurisdiction_name,
                "l": lst.slug,
                "t": lst.title,
                "d": lst.doc_number,
                "alt": cell.get("alternative", ""),
                "basis": cell.get("legal_basis", ""),
            }
        )
        at += width
    return out


def traditional_map(chars: set[str]) -> dict[str, str]:
    """Every CJK character that ``qingdan.text`` folds to another one (traditional, variant forms) → that
    character, for the characters that occur in the index (the page ships only these)."""
    candidates = [chr(c) for start, end in _CJK for c in range(start, end + 1)]
    folded = simplify("\n".join(candidates)).split("\n")
    if len(folded) != len(candidates):  # the converter joined or split something: compare one by one
        folded = [simplify(c) for c in candidates]
    return {c: f for c, f in zip(candidates, folded, strict=True) if f != c and f in chars}
