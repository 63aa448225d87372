"""``qingdan export --format parquet``: a repository's lists as a partitioned Parquet dataset.

Layout (hive-style, so that a folder holding many repositories' exports reads as one dataset)::

    DIR/<table>/province=<first two digits>/<source>@<snapshot>.parquet

``<table>`` is a list kind (duties, negative, certificates, seal, admissions), ``jurisdictions`` or
``findings``. Every table of a snapshot gets a file, an empty one when it has no rows, so that each
snapshot is visible in every table. Same lists, same commit, same bytes.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from qingdan import jurisdiction
from qingdan.analysis import schema
from qingdan.analysis.rows import Row, Rows, Snapshot, collect, partition, snapshot_of
from qingdan.config import current_day, find_root
from qingdan.errors import UsageError
from qingdan.files import write_all
from qingdan.paths import check_output_folder, relative

SUFFIX = ".parquet"


@dataclass(frozen=True)
class Written:
    table: str
    path: str  # relative to the output folder
    rows: int


@dataclass(frozen=True)
class DatasetExport:
    output: str
    snapshot: Snapshot
    files: tuple[Written, ...]
    removed: tuple[str, ...]  # files of the same snapshot an earlier export wrote and this one does not

    def rows(self, *tables: str) -> int:
        return sum(w.rows for w in self.files if w.table in tables)


def repository_root(paths: list[Path], cwd: Path) -> Path:
    """The repository to export: the one around ``cwd``, or the one folder given."""
    if not paths:
        return find_root(cwd)
    if len(paths) > 1 or not paths[0].is_dir():
        raise UsageError("parquet-whole-repository")
    return find_root(paths[0].resolve())


def export_dataset(
    paths: list[Path],
    *,
    cwd: Path,
    output: Path | None = None,
    source: str | None = None,
    today: date | None = None,
    only_source: bool = False,
) -> DatasetExport:
    """Export the repository's lists, jurisdictions and validate findings under ``output`` (default
    ``export/parquet``). ``only_source``: also remove this source's other snapshots (the query cache)."""
    from qingdan.check import resolve_scope, validate_repository

    schema.arrow()  # the missing extra is said before any work
    for p in paths:
        if not p.exists():
            raise UsageError("path-missing", path=str(p))
    root = repository_root(paths, cwd)
    out_dir = output if output is None or output.is_absolute() else cwd / output
    out_dir = out_dir if out_dir is not None else cwd / "export" / "parquet"
    check_output_folder(out_dir)
    day = today or current_day()
    scope = resolve_scope([root], root)
    report = validate_repository([root], cwd=root, today=day)
    files = scope.paths()
    snapshot = snapshot_of(root, source or _default_source(files, root), day)
    from qingdan.load import no_gc

    with no_gc():  # a province's items are hundreds of thousands of small objects that live until written
        rows = collect(root, files, report.findings, snapshot)
        return write_dataset(rows, out_dir, only_source=only_source, shown=relative(out_dir, cwd))


def _default_source(files: dict[str, Path], root: Path) -> str:
    """The repository's own place: the code of its uppermost list (the nation's only when it holds nothing
    else), so that a city's repository is named by the city's code."""
    from qingdan.load import parse_bytes
    from qingdan.paths import read_inside

    codes = set()
    for name, path in files.items():
        raw = read_inside(path, root, shown=name)
        if b"jurisdiction:" not in raw:
            continue
        data = parse_bytes(raw, name, positions=False).data
        if isinstance(data, dict) and data.get("kind") in schema.ITEM_TABLES:
            codes.add(jurisdiction.code(data.get("jurisdiction")))
    ranked = sorted(codes, key=lambda c: (c == jurisdiction.NATIONAL, jurisdiction.depth(c) or 9, c))
    return ranked[0] if ranked else "repository"


def write_dataset(rows: Rows, out_dir: Path, *, only_source: bool = False, shown: str = "") -> DatasetExport:
    """Write the rows' tables, all files or none; then remove what an earlier export of the same snapshot (or,
    with ``only_source``, of the same source) wrote and this one does not."""
    snap = rows.snapshot
    home = _home_partition(snap.source, rows)
    name = f"{snap.source}@{snap.snapshot}{SUFFIX}"
    contents: dict[Path, bytes] = {}
    written = []
    for table in schema.TABLES:
        parts: dict[str, list[Row]] = defaultdict(list)
        for row in rows.tables.get(table, []):
            parts[partition(row) if row.get("jurisdiction") or row.get("province_code") else home].append(row)
        for part in sorted(parts or {home: []}):
            relative_path = f"{table}/{schema.PARTITION}={part}/{name}"
            contents[out_dir / relative_path] = parquet_bytes(table, parts[part])
            written.append(Written(table, relative_path, len(parts[part])))
    write_all(contents)
    removed = _remove_stale(out_dir, set(contents), snap, only_source)
    return DatasetExport(shown or str(out_dir), snap, tuple(written), tuple(removed))


def _home_partition(source: str, rows: Rows) -> str:
    if source.isdigit() and len(source) == 12:
        return partition({"jurisdiction": source})
    codes = sorted(r["jurisdiction"] for r in rows.tables.get("jurisdictions", []) if r.get("jurisdiction"))
    return partition({"jurisdiction": codes[0]}) if codes else "00"


def parquet_bytes(table: str, rows: list[Row]) -> bytes:
    """One table's rows as a Parquet file (zstd, dictionary-encoded strings), its schema version in the
    file's metadata."""
    pa = schema.arrow()
    import pyarrow.parquet as pq

    arrow_schema = schema.arrow_schema(table)
    columns: dict[str, list[Any]] = {c.name: [r.get(c.name) for r in rows] for c in schema.TABLES[table]}
    data = pa.Table.from_pydict(columns, schema=arrow_schema)
    sink = pa.BufferOutputStream()
    pq.write_table(data, sink, compression="zstd", write_statistics=True)
    out: bytes = sink.getvalue().to_pybytes()
    return out


def _remove_stale(out_dir: Path, kept: set[Path], snap: Snapshot, only_source: bool) -> list[str]:
    removed = []
    for table in schema.TABLES:
        folder = out_dir / table
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob(f"{schema.PARTITION}=*/*{SUFFIX}")):
            source, _, rest = path.name.removesuffix(SUFFIX).rpartition("@")
            same = source == snap.source and (only_source or rest == snap.snapshot)
            if same and path not in kept and not path.is_symlink():
                os.unlink(path)
                removed.append(path.relative_to(out_dir).as_posix())
    return removed
