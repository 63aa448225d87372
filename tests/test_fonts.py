"""The fonts of the PDFs: the vendored faces and their charset, the cmap reader used for ``--font-dir``."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from conftest import REPO, invoke
from qingdan.publish import fonts


def test_the_charset_file_is_what_the_vendored_fonts_draw() -> None:
    faces = sorted(fonts.VENDORED_DIR.glob("*.otf"))
    assert [f.name for f in faces] == [
        "QingdanSansSC-Bold.otf",
        "QingdanSerifSC-Bold.otf",
        "QingdanSerifSC-Regular.otf",
    ]
    charset = fonts.vendored_charset()
    for face in faces:
        drawn = {chr(c) for c in fonts._file_cmap(face)}
        assert charset <= drawn, face.name
    assert len(charset) > 9000 and (fonts.VENDORED_DIR / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT")


def test_every_gb2312_character_is_covered() -> None:
    gb2312 = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                gb2312.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    assert not {c for c in gb2312 if fonts.needs_glyph(c)} - fonts.vendored_charset()


def test_missing_glyphs_names_each_character_once_with_where_it_occurs() -> None:
    texts = [("a.yaml: X-1 / name", "協助區"), ("a.yaml: X-2 / name", "区\u200b區"), ("b.yaml: title", "清单\n")]
    missing = fonts.missing_glyphs(texts, fonts.vendored_charset())
    assert [(m.char, m.codepoint, m.where) for m in missing] == [
        ("區", "U+5340", ("a.yaml: X-1 / name", "a.yaml: X-2 / name")),
        ("協", "U+5354", ("a.yaml: X-1 / name",)),
    ]  # by code point; a zero-width space and a line break need no glyph


@pytest.mark.skipif(
    importlib.util.find_spec("typst") is None, reason="typst is not installed (pip install 'qingdan[pdf]')"
)
def test_a_file_that_is_not_a_font_is_named(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "lists", repo / "lists")
    shutil.copyfile(REPO / "qingdan.toml", repo / "qingdan.toml")
    broken = tmp_path / "fonts" / "broken.ttf"
    broken.parent.mkdir()
    broken.write_bytes(b"\x00\x01\x00\x00\x00\x10" + b"\x00" * 6)
    run = invoke(["build", "--only", "pdf", "--font-dir", str(broken.parent)], repo)
    assert run.returncode == 2, run
    assert "无法读取字体文件" in run.stderr and "broken.ttf" in run.stderr, run
