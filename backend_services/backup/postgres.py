"""PostgreSQL: each service's schema, table by table, with COPY (text format).

Restoring replaces the rows of every table of a schema in one transaction: a failure leaves
the database as it was. The archive's alembic revision must be the database's: data is
restored into the schema version that wrote it (migrate the restored data forward after).
"""

from __future__ import annotations

from graphlib import TopologicalSorter
from typing import Any

import psycopg
from psycopg import sql

from .archive import CHUNK, ArchiveReader, ArchiveWriter, BackupError

VERSION_TABLE = "alembic_version"


def connect(database_url: str) -> psycopg.Connection:
    return psycopg.connect(database_url.replace("+psycopg", ""), connect_timeout=10)


def revision(conn: psycopg.Connection, schema: str) -> str | None:
    exists = conn.execute("SELECT to_regclass(%s)", (f'"{schema}".{VERSION_TABLE}',)).fetchone()
    if not exists or exists[0] is None:
        return None
    row = conn.execute(
        sql.SQL("SELECT version_num FROM {}.{}").format(
            sql.Identifier(schema), sql.Identifier(VERSION_TABLE)
        )
    ).fetchone()
    return row[0] if row else None


def tables_in_load_order(conn: psycopg.Connection, schema: str) -> list[str]:
    """The schema's tables, every table after the tables its foreign keys point at."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = %s AND table_type = 'BASE TABLE' AND table_name <> %s"
            " ORDER BY table_name",
            (schema, VERSION_TABLE),
        )
    ]
    graph: dict[str, set[str]] = {name: set() for name in names}
    for child, parent in conn.execute(
        "SELECT c.relname, p.relname FROM pg_constraint k"
        " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE k.contype = 'f' AND n.nspname = %s AND c.oid <> p.oid",
        (schema,),
    ):
        if child in graph and parent in graph:
            graph[child].add(parent)
    return list(TopologicalSorter(graph).static_order())


def stored_columns(conn: psycopg.Connection, schema: str, table: str) -> list[str]:
    """Columns that hold data (generated columns are computed again on load)."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT a.attname FROM pg_attribute a"
            " WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped"
            " AND a.attgenerated = '' ORDER BY a.attnum",
            (f'"{schema}"."{table}"',),
        )
    ]


def _copy(schema: str, table: str, columns: list[str], direction: str) -> sql.Composed:
    return sql.SQL("COPY {}.{} ({}) " + direction).format(
        sql.Identifier(schema),
        sql.Identifier(table),
        sql.SQL(", ").join(sql.Identifier(c) for c in columns),
    )


def dump_schemas(database_url: str, schemas: list[str], archive: ArchiveWriter) -> dict[str, Any]:
    """Every table of each schema into the archive; one snapshot for all of them."""
    result: dict[str, Any] = {}
    with connect(database_url) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        for schema in schemas:
            tables: dict[str, Any] = {}
            for table in tables_in_load_order(conn, schema):
                columns = stored_columns(conn, schema, table)
                name = f"postgres/{schema}/{table}.copy"
                rows = 0
                with (
                    archive.path_for(name).open("wb") as file,
                    conn.cursor().copy(_copy(schema, table, columns, "TO STDOUT")) as copy,
                ):
                    for data in copy:
                        file.write(data)
                        rows += bytes(data).count(b"\n")
                archive.added(name)
                tables[table] = {"file": name, "columns": columns, "rows": rows}
            result[schema] = {"revision": revision(conn, schema), "tables": tables}
    return result


def check_revisions(database_url: str, manifest: dict[str, Any]) -> None:
    with connect(database_url) as conn:
        for schema, part in manifest.items():
            have = revision(conn, schema)
            if have != part["revision"]:
                raise BackupError(
                    f"schema {schema} is at revision {have}, the archive at {part['revision']}: "
                    "restore with the release that made the archive"
                )


def restore_schemas(database_url: str, reader: ArchiveReader, manifest: dict[str, Any]) -> None:
    """Replace every table's rows of each schema, in one transaction."""
    with connect(database_url) as conn, conn.transaction():
        for schema, part in manifest.items():
            tables = tables_in_load_order(conn, schema)
            if set(tables) != set(part["tables"]):
                raise BackupError(f"schema {schema} has other tables than the archive")
            conn.execute(
                sql.SQL("TRUNCATE {}").format(
                    sql.SQL(", ").join(sql.Identifier(schema, t) for t in tables)
                )
            )
            for table in tables:
                entry = part["tables"][table]
                with (
                    reader.open(entry["file"]) as file,
                    conn.cursor().copy(
                        _copy(schema, table, entry["columns"], "FROM STDIN")
                    ) as copy,
                ):
                    while chunk := file.read(CHUNK):
                        copy.write(chunk)
                _reset_sequences(conn, schema, table, entry["columns"])


def _reset_sequences(conn: psycopg.Connection, schema: str, table: str, columns: list[str]) -> None:
    qualified = f'"{schema}"."{table}"'
    for column in columns:
        row = conn.execute("SELECT pg_get_serial_sequence(%s, %s)", (qualified, column)).fetchone()
        if row and row[0]:
            conn.execute(
                sql.SQL(
                    "SELECT setval(%s, coalesce((SELECT max({c}) FROM {t}), 1),"
                    " (SELECT max({c}) FROM {t}) IS NOT NULL)"
                ).format(c=sql.Identifier(column), t=sql.Identifier(schema, table)),
                (row[0],),
            )
