"""Build the fonts vendored in ``src/qingdan/fonts/`` (a developer tool, not part of the package).

Three faces are cut from Debian's ``fonts-noto-cjk`` (OFL-1.1) and renamed so that a system
``Noto Serif CJK SC`` can never stand in for them:

* ``QingdanSerifSC-Regular.otf`` — body text (宋体 stand-in)
* ``QingdanSerifSC-Bold.otf`` — titles (小标宋 stand-in)
* ``QingdanSansSC-Bold.otf`` — table headers (黑体 stand-in)

Charset: printable ASCII and Latin-1, GB2312 (all 7445 characters), the 通用规范汉字表 (8105 characters, read
from the ``kTGH`` field of Unihan in Debian's ``unicode-data``), general, CJK and full-width punctuation, enclosed
numbers, and every character that occurs in the example lists. ``charset.txt`` records the characters all three
faces cover; the runtime glyph check reads it, so fontTools is needed only here.

Needs: ``pip install fonttools``; ``apt-get install fonts-noto-cjk unicode-data``.
Run from the repository root: ``python tools/build_fonts.py`` (about a minute).
"""

from __future__ import annotations

import argparse
import bz2
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

SC_INDEX = 2  # the Simplified Chinese face in Noto CJK collections
FACES = (  # (collection file, family, style)
    ("NotoSerifCJK-Regular.ttc", "Qingdan Serif SC", "Regular"),
    ("NotoSerifCJK-Bold.ttc", "Qingdan Serif SC", "Bold"),
    ("NotoSansCJK-Bold.ttc", "Qingdan Sans SC", "Bold"),
)
RANGES = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0xFF),  # Latin-1
    (0x2000, 0x206F),  # general punctuation: — ‘’ “” … ‰ ※
    (0x2100, 0x214F),  # letterlike: ℃ №
    (0x2160, 0x217F),  # Roman numerals
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # enclosed numbers ①
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes ○ ● △
    (0x3000, 0x303F),  # CJK punctuation 、。〔〕《》【】
    (0x3200, 0x32FF),  # enclosed CJK ㈠
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms
)
NOTICE = (
    "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'.\n"
    "Noto is a trademark of Google Inc.\n\n"
    "The fonts in this directory (Qingdan Serif SC, Qingdan Sans SC) are Modified Versions of Noto Serif CJK SC and\n"
    "Noto Sans CJK SC: subset to the characters in charset.txt and renamed by tools/build_fonts.py of qingdan.\n"
    "They are licensed under the SIL Open Font License, Version 1.1, reproduced below.\n\n"
)


def gb2312() -> set[str]:
    chars: set[str] = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def tongyong(unihan: Path) -> set[str]:
    """The 通用规范汉字表 (2013): every code point with a ``kTGH`` value in Unihan."""
    chars: set[str] = set()
    with bz2.open(unihan, "rt", encoding="utf-8") as lines:
        for line in lines:
            fields = line.split("\t")
            if len(fields) == 3 and fields[1] == "kTGH":
                chars.add(chr(int(fields[0][2:], 16)))
    return chars


def in_lists(root: Path) -> set[str]:
    chars: set[str] = set()
    for path in sorted(root.rglob("*.yaml")):
        chars.update(path.read_text(encoding="utf-8"))
    return {c for c in chars if c.isprintable()}


def rename(font: TTFont, family: str, style: str) -> None:
    ps_name = family.replace(" ", "") + "-" + style
    table = font["name"]
    table.names = [n for n in table.names if n.nameID not in (1, 2, 3, 4, 6, 16, 17, 21, 22)]
    for name_id, text in ((1, family), (2, style), (3, f"qingdan;{ps_name}"), (4, f"{family} {style}"), (6, ps_name)):
        table.setName(text, name_id, 3, 1, 0x409)
        table.setName(text, name_id, 1, 0, 0)
    note = "Subset and renamed from Noto CJK SC by qingdan (tools/build_fonts.py); SIL Open Font License 1.1."
    table.setName(note, 10, 3, 1, 0x409)
    cff = font["CFF "].cff
    cff.fontNames = [ps_name]
    top = cff.topDictIndex[0]
    top.FullName = f"{family} {style}"
    top.FamilyName = family


def build_face(collection: Path, family: str, style: str, text: str, out: Path) -> set[str]:
    font = TTCollection(str(collection)).fonts[SC_INDEX]
    if "SC" not in str(font["name"].getDebugName(1)):
        raise SystemExit(f"{collection}: face {SC_INDEX} is not the SC face")
    options = subset.Options()
    options.layout_features = ["*"]
    options.hinting = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    rename(font, family, style)
    font.recalcTimestamp = False  # keep head.modified of the source: the same input builds the same bytes
    font.save(str(out))
    return {chr(cp) for cp in TTFont(str(out)).getBestCmap()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--noto-dir", type=Path, default=Path("/usr/share/fonts/opentype/noto"))
    parser.add_argument("--unihan", type=Path, default=Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2"))
    parser.add_argument("--lists", type=Path, default=Path("lists"))
    parser.add_argument("--out", type=Path, default=Path("src/qingdan/fonts"))
    parser.add_argument("--ofl", type=Path, help="OFL-1.1 text to copy into OFL.txt (default: keep the existing body)")
    args = parser.parse_args()

    wanted = gb2312() | tongyong(args.unihan) | in_lists(args.lists)
    for low, high in RANGES:
        wanted.update(chr(cp) for cp in range(low, high + 1))
    text = "".join(sorted(wanted))
    args.out.mkdir(parents=True, exist_ok=True)
    covered: set[str] | None = None
    for file, family, style in FACES:
        out = args.out / (family.replace(" ", "") + "-" + style + ".otf")
        cmap = build_face(args.noto_dir / file, family, style, text, out)
        covered = cmap if covered is None else covered & cmap
        sys.stderr.write(f"{out}: {len(cmap)} characters, {out.stat().st_size / 1e6:.2f} MB\n")
    assert covered is not None
    chars = sorted(c for c in covered if c.isprintable() or (c.isspace() and c not in "\n\r\t"))
    body = "".join(chars)
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    (args.out / "charset.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    sys.stderr.write(f"charset.txt: {len(chars)} characters ({len(wanted - covered)} wanted ones the fonts lack)\n")
    ofl_body = args.ofl.read_text(encoding="utf-8") if args.ofl else ofl_existing(args.out / "OFL.txt")
    (args.out / "OFL.txt").write_text(NOTICE + ofl_body, encoding="utf-8")
    return 0


def ofl_existing(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index("SIL OPEN FONT LICENSE") :]


if __name__ == "__main__":
    raise SystemExit(main())
