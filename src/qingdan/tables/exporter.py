"""``qingdan export``: list files → XLSX or CSV tables with the Chinese headers ``import`` recognises.

One table per list: a title row, the header, one row per item. Columns are 编号 and 事项名称 and every
other field that at least one item uses, in the order of ``tabular.FIELDS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qingdan.config import LISTS_DIR, find_root
from qingdan.errors import InputError, UsageError
from qingdan.files import write_all
from qingdan.paths import check_output_folder, discover, inside, read_inside, relative
from qingdan.tables import columns as tabular
from qingdan.tables import spreadsheet
from qingdan.text import display_name

FORMATS = ("xlsx", "csv")


@dataclass(frozen=True)
class Exported:
    source: str
    target: str
    items: int
    dropped: tuple[str, ...]  # fields no column holds (waivers …): not in the table


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str  # catalogue key


@dataclass(frozen=True)
class Export:
    written: tuple[Exported, ...]
    skipped: tuple[Skipped, ...]


def table(document: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of a list document."""
    items = [i for i in document.get("items") or [] if isinstance(i, dict)]
    used = {f for i in items for f, v in i.items() if v not in (None, "", [])}
    allowed = tabular.kind_fields(str(document.get("kind")))
    fields = [f for f in allowed if f in ("id", "name") or f in used]
    header = [tabular.FIELDS[f][0] for f in fields]
    return header, [[_cell(f, i) for f in fields] for i in items]


def _cell(field: str, item: dict[str, Any]) -> str:
    if field == "name":  # qualifiers are printed in the name's bracket, as published (and read back so)
        return display_name(tabular.cell_value("name", item.get("name")), item.get("qualifiers"))
    return tabular.cell_value(field, item.get(field))


def dropped_fields(document: dict[str, Any]) -> tuple[str, ...]:
    allowed = set(tabular.kind_fields(str(document.get("kind"))))
    allowed.add("qualifiers")  # in the name cell
    return tuple(sorted({f for i in document.get("items") or [] if isinstance(i, dict) for f in i} - allowed))


def export_lists(paths: list[Path], *, cwd: Path, fmt: str, output: Path | None = None) -> Export:
    """Write one table per list file under ``output`` (default ``export/``), mirroring the folders of lists/."""
    from qingdan.load import parse_bytes

    if fmt not in FORMATS:
        raise UsageError("unknown-format", value=fmt, allowed=", ".join(FORMATS))
    for p in paths:
        if not p.exists():
            raise UsageError("path-missing", path=str(p))
    root = find_root(paths[0] if paths and paths[0].is_dir() else (paths[0].parent if paths else cwd))
    base = root / LISTS_DIR if (root / LISTS_DIR).is_dir() else root
    files = list(discover(paths or [base]))
    if not files:
        raise InputError("no-lists", path=str(root))
    out_dir = (cwd / output) if output else cwd / "export"
    check_output_folder(out_dir)
    written, skipped = [], []
    tables: dict[Path, bytes] = {}
    for path in files:
        name = relative(path, root)
        parsed = parse_bytes(read_inside(path, root, shown=name), name, positions=False)
        doc = parsed.data
        if not isinstance(doc, dict) or not parsed.ok:
            skipped.append(Skipped(name, "export-unreadable"))
        elif doc.get("kind") not in tabular.TABLE_KINDS:
            skipped.append(Skipped(name, "export-kind"))
        else:
            target = out_dir / Path(relative(path, base)).with_suffix(f".{fmt}")
            if target.parent.exists() and not inside(target.parent, out_dir):  # a symlinked subfolder
                raise UsageError("output-outside", path=str(target.parent), root=str(out_dir))
            tables[target] = _render(target, fmt, doc)
            written.append(Exported(name, relative(target, cwd), len(doc.get("items") or []), dropped_fields(doc)))
    write_all(tables)  # all tables or none: a full disk leaves the earlier export as it was
    return Export(tuple(written), tuple(skipped))


def _render(target: Path, fmt: str, doc: dict[str, Any]) -> bytes:
    header, rows = table(doc)
    title = str(doc.get("title") or "")
    if fmt == "xlsx":
        return spreadsheet.xlsx_bytes(target.stem, title, header, rows)
    return spreadsheet.csv_bytes(header, rows, title)
