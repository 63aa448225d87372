"""What ``qingdan build`` wrote, for people: one line per format, notes, where to open the site."""

from __future__ import annotations

from pathlib import Path

from qingdan import i18n
from qingdan.paths import relative
from qingdan.publish.build import Result

_UNITS = ((2**30, "GB"), (2**20, "MB"), (2**10, "KB"))


def size(n: int) -> str:
    for factor, unit in _UNITS:
        if n >= factor:
            return f"{n / factor:.1f} {unit}"
    return f"{n} B"


def render(result: Result, lang: str, cwd: Path) -> str:
    m = i18n.message
    assert result.out is not None
    lines = []
    if result.report.summary.warnings:
        lines.append(m("build-warnings", lang, warnings=result.report.summary.warnings))
    for w in result.written:
        lines.append(
            m(
                "build-written",
                lang,
                format=m(f"build-format-{w.format}", lang),
                files=w.files,
                size=size(w.bytes),
                path=relative(w.folder, cwd) + "/",
            )
        )
    lines.extend(m(note, lang) for note in result.notes)
    if result.renamed:
        lines.append(m("build-renamed", lang, count=len(result.renamed)))
        lines.extend(m("build-renamed-one", lang, source=s, old=old, new=new) for s, old, new in result.renamed)
    lines.append(
        m(
            "build-done",
            lang,
            lists=result.lists,
            places=result.places,
            items=result.items,
            path=relative(result.out, cwd) + "/",
        )
    )
    if any(w.format == "html" for w in result.written):
        lines.append(m("build-open", lang, path=relative(result.out / "site" / "index.html", cwd)))
    return "\n".join(lines) + "\n"
