"""``qingdan query SQL``: DuckDB over one repository's Parquet export (kept in the cache) or a folder of many.

The connection is closed off before the question runs: only one SELECT statement is accepted (DuckDB's own
parser says which kind a statement is), the views read only the data folder (``allowed_directories``),
every other file access is off (``enable_external_access = false``, so no ``read_csv('/etc/passwd')``, no
``COPY … TO``, no extension loading) and the configuration is locked (``lock_configuration``), so the
question cannot turn any of it back on.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from qingdan import cache, vocabulary
from qingdan.analysis import schema
from qingdan.analysis.dataset import SUFFIX, export_dataset, repository_root
from qingdan.config import CONFIG_FILE, current_day
from qingdan.errors import UsageError
from qingdan.paths import stat_keys

CACHE_FOLDER = "parquet"
SIGNATURE_FILE = "signature.json"

_LEVELS_ABOVE = ("province", "city", "district", "street")
_PLACE_COLUMNS = [f"{level}_{part}" for level in _LEVELS_ABOVE for part in ("code", "name")]
_PLACE_OF = ", ".join(
    [*(f"any_value({p}) AS {p}" for p in _PLACE_COLUMNS), "any_value(jurisdiction_name) AS community_name"]
)
_ASSIST, _BY_LAW = vocabulary.ASSIST, vocabulary.ROLES[0]  # the words of the lists, from the one vocabulary
_FORBIDDEN, _ALLOWED_ZH = vocabulary.STANCES["forbidden"].zh, vocabulary.STANCES["allowed"].zh
_BURDEN = ("duties", "assist", "by_law", "certificates_allowed", "seal_uses")
# The ready views, in the order the documentation explains them. {kinds} is the union of the list kinds.
_LATEST = "(source, snapshot) IN (SELECT source, snapshot FROM snapshots WHERE latest)"
VIEWS: dict[str, str] = {
    "all_items": "{kinds}",
    "snapshots": """
        SELECT source, snapshot, snapshot_date, commit, commit_time, dirty,
               row_number() OVER (PARTITION BY source
                                  ORDER BY snapshot_date DESC, commit_time DESC NULLS LAST, dirty DESC) = 1 AS latest
        FROM (SELECT DISTINCT source, snapshot, snapshot_date, commit, commit_time, dirty FROM _jurisdictions
              UNION SELECT DISTINCT source, snapshot, snapshot_date, commit, commit_time, dirty FROM all_items)""",
    "items": f"SELECT * FROM all_items WHERE {_LATEST}",
    **{kind: f"SELECT * FROM items WHERE kind = '{kind}'" for kind in schema.ITEM_TABLES if kind != "certificates"},
    "certificates": f"""
        SELECT *, CASE stance WHEN 'forbidden' THEN '{_FORBIDDEN}' WHEN 'allowed' THEN '{_ALLOWED_ZH}' END AS stance_zh
        FROM items WHERE kind = 'certificates'""",
    "jurisdictions": f"SELECT * FROM _jurisdictions WHERE {_LATEST}",
    "findings": f"SELECT * FROM _findings WHERE {_LATEST}",
    "burden_by_community": f"""
        WITH counts AS (
            SELECT jurisdiction, {_PLACE_OF},
                   count(*) FILTER (WHERE kind = 'duties') AS duties,
                   count(*) FILTER (WHERE kind = 'duties' AND role = '{_ASSIST}') AS assist,
                   count(*) FILTER (WHERE kind = 'duties' AND role = '{_BY_LAW}') AS by_law,
                   count(*) FILTER (WHERE kind = 'certificates' AND stance = 'allowed') AS certificates_allowed,
                   count(*) FILTER (WHERE kind = 'seal') AS seal_uses
            FROM items WHERE level = 'community' GROUP BY jurisdiction),
        declared AS (
            SELECT jurisdiction, {_PLACE_OF} FROM jurisdictions WHERE level = 'community' GROUP BY jurisdiction)
        SELECT {", ".join(f"coalesce(c.{p}, d.{p}) AS {p}" for p in _PLACE_COLUMNS)},
               jurisdiction AS community_code, coalesce(c.community_name, d.community_name) AS community_name,
               {", ".join(f"coalesce(c.{n}, 0) AS {n}" for n in _BURDEN)}
        FROM declared d FULL OUTER JOIN counts c USING (jurisdiction)
        ORDER BY community_code""",
    "trend": f"""
        WITH dates AS (SELECT DISTINCT snapshot_date AS as_of FROM snapshots),
        picked AS (
            SELECT d.as_of, s.source, s.snapshot FROM dates d JOIN snapshots s ON s.snapshot_date <= d.as_of
            QUALIFY row_number() OVER (PARTITION BY d.as_of, s.source
                                       ORDER BY s.snapshot_date DESC, s.commit_time DESC NULLS LAST, s.dirty DESC) = 1)
        SELECT p.as_of, i.province_code, any_value(i.province_name) AS province_name,
               count(DISTINCT p.source) AS sources,
               count(DISTINCT i.jurisdiction) AS communities,
               count(*) AS duties,
               count(*) FILTER (WHERE i.role = '{_ASSIST}') AS assist,
               round(count(*) FILTER (WHERE i.role = '{_ASSIST}') / count(DISTINCT i.jurisdiction), 2)
                   AS assist_per_community
        FROM picked p JOIN all_items i ON i.source = p.source AND i.snapshot = p.snapshot
        WHERE i.kind = 'duties' AND i.level = 'community'
        GROUP BY p.as_of, i.province_code ORDER BY p.as_of, i.province_code""",
}
_ALLOWED = ("StatementType.SELECT", "StatementType.EXPLAIN")


@dataclass(frozen=True)
class Answer:
    columns: tuple[str, ...]
    types: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    data: str  # the folder the question was asked of
    exported: bool  # the cache was (re)built for this question


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError:
        raise UsageError("analysis-needs-extra", module="duckdb") from None
    return duckdb


def run_query(sql: str, *, cwd: Path, data: Path | None = None, today: date | None = None) -> Answer:
    """Answer ``sql`` over the Parquet folder ``data``, or over the current repository's export (made in
    the cache when the lists changed since the last one)."""
    duckdb = _duckdb()
    schema.arrow()
    exported = False
    if data is None:
        folder, exported = cached_export(cwd, today or current_day())
    else:
        folder = data if data.is_absolute() else cwd / data
        if not folder.is_dir():
            raise UsageError("query-no-data", path=str(data))
    connection = duckdb.connect(":memory:")
    try:
        _open_views(connection, folder.resolve(), sql)
        _close_off(connection, folder.resolve())
        statement = _one_select(connection, sql)
        try:
            result = connection.execute(statement)
            rows = tuple(tuple(r) for r in result.fetchall())
        except duckdb.Error as exc:
            raise UsageError("query-sql-error", detail=_first_paragraph(exc)) from None
        columns = tuple(d[0] for d in result.description or ())
        types = tuple(str(d[1]) for d in result.description or ())
    finally:
        connection.close()
    return Answer(columns, types, rows, str(data) if data is not None else str(folder), exported)


def _first_paragraph(exc: Exception) -> str:
    text = str(exc).strip().split("\n\n")[0]
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def _one_select(connection: Any, sql: str) -> Any:
    duckdb = _duckdb()
    try:
        statements = connection.extract_statements(sql)
    except duckdb.Error as exc:
        raise UsageError("query-sql-error", detail=_first_paragraph(exc)) from None
    if len(statements) != 1:
        raise UsageError("query-one-statement", count=len(statements))
    if str(statements[0].type) not in _ALLOWED:
        raise UsageError("query-read-only", kind=str(statements[0].type).rpartition(".")[2])
    return statements[0]


def table_files(folder: Path, table: str) -> list[str]:
    return sorted(str(p) for p in (folder / table).glob(f"{schema.PARTITION}=*/*{SUFFIX}") if p.is_file())


def _source(connection: Any, folder: Path, table: str) -> str:
    """A SELECT over the table's files (hive partitions, columns by name), or over a typed empty table."""
    files = table_files(folder, table)
    if not files:
        pa = schema.arrow()
        empty = schema.arrow_schema(table).append(pa.field(schema.PARTITION, pa.string())).empty_table()
        connection.register(f"_empty_{table}", empty)
        return f"SELECT * FROM _empty_{table}"
    listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
    # province stays text (00, 11 …). No union_by_name: the files of one schema version have the same columns,
    # and matching them by name would read every file's footer each time a view is bound (seconds at 400 files).
    options = "hive_partitioning = true, hive_types = {'province': 'VARCHAR'}"
    return f"SELECT * FROM read_parquet([{listed}], {options})"


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BASES = ("_jurisdictions", "_findings")


def _needed(sql: str) -> set[str]:
    """The views ``sql`` names and the views they are made of. DuckDB binds a view (reads its files' schemas)
    when it is created, so only these are created: a question about certificates does not pay for trend."""
    todo = {w for w in _NAME.findall(sql) if w in VIEWS or w in _BASES}
    needed: set[str] = set()
    while todo:
        name = todo.pop()
        needed.add(name)
        body = VIEWS.get(name, "")
        todo |= {w for w in _NAME.findall(body) if (w in VIEWS or w in _BASES) and w not in needed}
        if "{kinds}" in body:
            needed.add("{kinds}")
    return needed


def _open_views(connection: Any, folder: Path, sql: str) -> None:
    needed = _needed(sql)
    for base in _BASES:
        if base in needed:
            connection.execute(f"CREATE VIEW {base} AS {_source(connection, folder, base[1:])}")
    kinds = ""
    if "{kinds}" in needed:
        kinds = " UNION ALL BY NAME ".join(f"({_source(connection, folder, k)})" for k in schema.ITEM_TABLES)
    for name, body in VIEWS.items():
        if name in needed:
            connection.execute(f"CREATE VIEW {name} AS {body.replace('{kinds}', kinds)}")


def _close_off(connection: Any, folder: Path) -> None:
    """From here on the question can read the data folder and nothing else, write nothing, load nothing."""
    allowed = "'" + (str(folder) + "/").replace("'", "''") + "'"
    for setting in (
        f"SET allowed_directories = [{allowed}]",
        "SET enable_external_access = false",
        "SET autoinstall_known_extensions = false",
        "SET autoload_known_extensions = false",
        "SET lock_configuration = true",
    ):
        connection.execute(setting)


def cached_export(cwd: Path, today: date) -> tuple[Path, bool]:
    """The current repository's export in ``.qingdan-cache/parquet/``, made again only when the lists, the
    configuration, the commit, the day (findings about expiry) or qingdan changed."""
    from qingdan.analysis.rows import snapshot_of
    from qingdan.check import resolve_scope

    root = repository_root([], cwd)
    scope = resolve_scope([root], root)
    head = snapshot_of(root, "repository", today)
    key = cache.signature(
        sorted(stat_keys(scope.located).items()),
        stat_keys({CONFIG_FILE: root / CONFIG_FILE}),
        head.snapshot,
        today.isoformat(),
        cache.stamp(),
    )
    base = cache.usable_dir(root)
    if base is None:
        raise UsageError("query-no-cache", path=str(cache.cache_dir(root)))
    folder = base / CACHE_FOLDER
    marker = folder / SIGNATURE_FILE
    try:
        if json.loads(marker.read_text(encoding="utf-8")).get("signature") == key:
            return folder, False
    except (OSError, ValueError, AttributeError):
        pass
    export_dataset([root], cwd=root, output=folder, today=today, only_source=True)
    from qingdan.files import write_atomic

    write_atomic(marker, json.dumps({"signature": key}))
    ignore = base / ".gitignore"
    if not ignore.exists():
        write_atomic(ignore, "*\n")
    return folder, True
