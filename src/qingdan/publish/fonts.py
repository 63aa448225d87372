"""Fonts for the PDFs: the vendored faces, the fonts of ``--font-dir`` and which characters they cover.

typst draws a blank where no font has a glyph, without a warning, so every character a PDF will show is
checked here first. The vendored faces' coverage comes from ``charset.txt`` (written by
``tools/build_fonts.py``); added fonts are read with the small ``cmap`` reader below (no fontTools at run time).
"""

from __future__ import annotations

import struct
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from qingdan.errors import UsageError

if TYPE_CHECKING:
    from qingdan.publish.view import SiteView

VENDORED_DIR = Path(__file__).resolve().parent.parent / "fonts"
SERIF = "Qingdan Serif SC"
SANS = "Qingdan Sans SC"
FONT_SUFFIXES = (".otf", ".ttf", ".otc", ".ttc")
# GB/T 9704 sets the body in 仿宋_GB2312; Windows has 仿宋 (FangSong), macOS 华文仿宋 (STFangsong). No free 仿宋 covers
# GB2312, so without one of these the body stays in the vendored serif face.
FANGSONG = ("FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong")
_WHERE_LIMIT = 5  # places named per missing character


@dataclass(frozen=True)
class MissingGlyph:
    """A character no available font can draw, and where it occurs (the first few places)."""

    char: str
    where: tuple[str, ...]

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.char):04X}"


@dataclass(frozen=True)
class BodyFont:
    """A 仿宋 face found for the body text: its family and the folder typst must be given to use it."""

    family: str
    path: Path

    @property
    def folder(self) -> str:
        return str(self.path.parent)


@lru_cache(maxsize=4)
def fangsong(font_dirs: tuple[str, ...]) -> BodyFont | None:
    """The first family of ``FANGSONG`` among the fonts of ``--font-dir``, else among the system's fonts (its
    regular weight); None when there is none, or typst is not installed."""
    try:
        import typst
    except ImportError:
        return None
    for folders, system in ((list(font_dirs), False), ([], True)):
        if not folders and not system:
            continue
        faces = typst.Fonts(include_system_fonts=system, include_embedded_fonts=False, font_paths=folders).fonts()
        for family in FANGSONG:
            found = sorted(
                (abs(f.weight - 400), f.style != "normal", str(f.path), f.index)
                for f in faces
                if f.family == family and f.path is not None
            )
            if found:
                return BodyFont(family, Path(found[0][2]))
    return None


@lru_cache(maxsize=1)
def vendored_charset() -> frozenset[str]:
    """Every character the three vendored faces all draw."""
    text = (VENDORED_DIR / "charset.txt").read_text(encoding="utf-8")
    return frozenset(text) - {"\n"}


def font_files(dirs: Sequence[Path]) -> list[Path]:
    """The font files (OTF, TTF and collections) in ``dirs`` and below, in a fixed order."""
    files: list[Path] = []
    for folder in dirs:
        if not folder.is_dir():
            raise UsageError("font-dir-missing", path=str(folder))
        files.extend(sorted(p for p in folder.rglob("*") if p.suffix.lower() in FONT_SUFFIXES and p.is_file()))
    return files


def coverage(dirs: Sequence[Path]) -> frozenset[str]:
    """Characters drawn by the vendored faces or by any font in ``dirs``."""
    chars = set(vendored_charset())
    for path in font_files(dirs):
        chars.update(map(chr, _file_cmap(path)))
    return frozenset(chars)


def needs_glyph(char: str) -> bool:
    """Whether ``char`` is drawn at all: controls, format characters and variation selectors are not."""
    if char in "\n\r\t":
        return False
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Zl", "Zp"):
        return False
    code = ord(char)
    return not (0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF)


def missing_glyphs(texts: Iterable[tuple[str, str]], covered: frozenset[str]) -> list[MissingGlyph]:
    """Characters of ``texts`` ((where, text) pairs) outside ``covered``, by code point, with where they occur."""
    texts = list(texts)
    seen: set[str] = set()
    for _, text in texts:
        seen.update(text)
    lacking = {c for c in seen - covered if needs_glyph(c)}
    if not lacking:
        return []
    where: dict[str, list[str]] = {c: [] for c in lacking}
    for place, text in texts:
        for char in lacking.intersection(text):
            if len(where[char]) < _WHERE_LIMIT and place not in where[char]:
                where[char].append(place)
    return [MissingGlyph(c, tuple(where[c])) for c in sorted(lacking)]


# --- a minimal sfnt cmap reader: enough to know which code points a font maps to a glyph ---


@lru_cache(maxsize=64)
def _file_cmap(path: Path) -> frozenset[int]:
    data = path.read_bytes()
    try:
        if data[:4] == b"ttcf":
            (count,) = struct.unpack_from(">I", data, 8)
            offsets = struct.unpack_from(f">{count}I", data, 12)
        else:
            offsets = (0,)
        codes: set[int] = set()
        for offset in offsets:
            codes.update(_face_cmap(data, offset))
    except (struct.error, ValueError, IndexError) as exc:
        raise UsageError("font-unreadable", path=str(path), detail=str(exc)) from exc
    return frozenset(codes)


def _face_cmap(data: bytes, offset: int) -> set[int]:
    (tables,) = struct.unpack_from(">H", data, offset + 4)
    for i in range(tables):
        tag, _, table_offset, _ = struct.unpack_from(">4sIII", data, offset + 12 + 16 * i)
        if tag == b"cmap":
            return _cmap_table(data, table_offset)
    return set()


def _cmap_table(data: bytes, base: int) -> set[int]:
    _, count = struct.unpack_from(">HH", data, base)
    codes: set[int] = set()
    for i in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, base + 4 + 8 * i)
        if (platform, encoding) not in ((3, 1), (3, 10), (0, 3), (0, 4), (0, 6)):
            continue  # symbol and legacy Mac encodings are not Unicode
        (fmt,) = struct.unpack_from(">H", data, base + sub)
        if fmt == 4:
            codes.update(_format4(data, base + sub))
        elif fmt == 12:
            codes.update(_format12(data, base + sub))
    return codes


def _format4(data: bytes, at: int) -> Iterable[int]:
    (segs2,) = struct.unpack_from(">H", data, at + 6)
    segs = segs2 // 2
    ends = struct.unpack_from(f">{segs}H", data, at + 14)
    starts = struct.unpack_from(f">{segs}H", data, at + 16 + segs2)
    deltas = struct.unpack_from(f">{segs}h", data, at + 16 + 2 * segs2)
    range_at = at + 16 + 3 * segs2
    range_offsets = struct.unpack_from(f">{segs}H", data, range_at)
    for i in range(segs):
        start, end = starts[i], ends[i]
        if start == 0xFFFF:
            continue
        if range_offsets[i] == 0:
            yield from (c for c in range(start, end + 1) if (c + deltas[i]) & 0xFFFF)
            continue
        for c in range(start, end + 1):
            glyph_at = range_at + 2 * i + range_offsets[i] + 2 * (c - start)
            (glyph,) = struct.unpack_from(">H", data, glyph_at)
            if glyph and (glyph + deltas[i]) & 0xFFFF:
                yield c


def _format12(data: bytes, at: int) -> Iterable[int]:
    (groups,) = struct.unpack_from(">I", data, at + 12)
    for i in range(groups):
        start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * i)
        yield from range(start if glyph else start + 1, end + 1)


def check_glyphs(view: SiteView, font_dirs: Sequence[Path] = ()) -> list[MissingGlyph]:
    """Every character the PDFs of ``view`` would draw that neither the vendored fonts, ``font_dirs`` nor the
    system's 仿宋 (when the body is set in it) have.

    Raises nothing for a missing glyph (the build turns a non-empty answer into its error)."""
    covered = coverage(font_dirs)
    body = fangsong(tuple(str(d) for d in font_dirs))
    if body is not None:
        covered = covered | frozenset(map(chr, _file_cmap(body.path)))
    return missing_glyphs(view.texts(), covered)
