"""
Exact backups of the database and the uploaded files, and their verification.

PostgreSQL is dumped with pg_dump (custom format) and restored with
pg_restore; SQLite is copied with its online backup API. Beside the dump, a
manifest records per table the number of rows and a SHA-256 over every row's
full stored values, taken in the same snapshot as the dump, so a backup made
while editors work still verifies. After a restore the same digests are
computed again and must match, or the restore fails.
"""

import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection as default_connection
from django.db.backends.postgresql.client import DatabaseClient

CHUNK_ROWS = 2000


class BackupError(Exception):
    pass


def file_checksum(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


# --- Digests -----------------------------------------------------------------


def _digest_rows(cursor):
    digest = hashlib.sha256()
    count = 0
    while chunk := cursor.fetchmany(CHUNK_ROWS):
        for row in chunk:
            # repr() escapes line breaks, so one row is exactly one line.
            digest.update(repr(tuple(row)).encode() + b"\n")
        count += len(chunk)
    return {"rows": count, "sha256": digest.hexdigest()}


def postgres_digests_in_transaction(connection):
    """
    Digests of every table PostgreSQL shows on the search path, each row cast
    whole to its text form (timestamps to the microsecond, floats exact), in
    primary-key order. Call it inside the transaction whose snapshot it
    should describe.
    """
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        queries = {}
        for table in connection.introspection.table_names(cursor):
            keys = connection.introspection.get_primary_key_columns(cursor, table)
            # An alias no Django column takes: a column of the same name would
            # shadow the whole-row reference.
            order_by = ", ".join(f"whole_row_.{quote(key)}" for key in keys) or "whole_row_::text"
            queries[table] = (
                f"SELECT whole_row_::text FROM {quote(table)} AS whole_row_ ORDER BY {order_by}"
            )
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences "
            "WHERE schemaname = current_schema() ORDER BY sequencename"
        )
        sequences = dict(cursor.fetchall())
    tables = {}
    for table, query in queries.items():
        # A server-side cursor: large tables are streamed, not loaded whole.
        with connection.chunked_cursor() as cursor:
            cursor.execute(query)
            tables[table] = _digest_rows(cursor)
    return {"tables": tables, "sequences": sequences}


def sqlite_digests_of(raw):
    """
    Digests of every table in a SQLite database, given a plain sqlite3
    connection. Unary plus returns each value with its storage class
    untouched and, being an expression, escapes the type converters Django
    registers for declared column types, so Django's own connection and a
    bare one read the same values.
    """
    cursor = raw.cursor()
    try:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        tables = {}
        for (table,) in sorted(cursor.fetchall()):
            cursor.execute(f"PRAGMA table_info({_quote(table)})")
            info = cursor.fetchall()
            columns = ", ".join(f"+{_quote(column[1])}" for column in info)
            keys = [column[1] for column in sorted(info, key=lambda c: c[5]) if column[5]]
            order_by = ", ".join(map(_quote, keys)) or ", ".join(
                str(position) for position in range(1, len(info) + 1)
            )
            cursor.execute(f"SELECT {columns} FROM {_quote(table)} ORDER BY {order_by}")
            tables[table] = _digest_rows(cursor)
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'"
        )
        sequences = {}
        if cursor.fetchone()[0]:
            cursor.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name")
            sequences = dict(cursor.fetchall())
    finally:
        cursor.close()
    return {"tables": tables, "sequences": sequences}


def _quote(name):
    return '"' + name.replace('"', '""') + '"'


def sqlite_file_digests(path):
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sqlite_digests_of(source)
    finally:
        source.close()


def differences(expected, actual):
    """Lines naming every table and counter whose content is not what the manifest says."""
    problems = []
    for table in sorted(set(expected["tables"]) | set(actual["tables"])):
        want, have = expected["tables"].get(table), actual["tables"].get(table)
        if want is None:
            problems.append(f"{table}: Tabelle ist nicht in der Sicherung")
        elif have is None:
            problems.append(f"{table}: Tabelle fehlt")
        elif want["rows"] != have["rows"]:
            problems.append(f"{table}: {have['rows']} statt {want['rows']} Zeilen")
        elif want["sha256"] != have["sha256"]:
            problems.append(f"{table}: Inhalt weicht ab")
    for name in sorted(set(expected["sequences"]) | set(actual["sequences"])):
        if expected["sequences"].get(name) != actual["sequences"].get(name):
            problems.append(f"Zähler {name}: steht nicht wie gesichert")
    return problems


# --- PostgreSQL --------------------------------------------------------------


def postgres_tool(name, connection=default_connection):
    """
    pg_dump or pg_restore no older than the server.

    PG_BIN_DIR names the directory outright; otherwise Debian's versioned
    directory for the server's major version comes first, then PATH.
    """
    major = connection.pg_version // 10000
    if settings.PG_BIN_DIR:
        candidates = [Path(settings.PG_BIN_DIR) / name]
    else:
        candidates = [Path(f"/usr/lib/postgresql/{major}/bin/{name}")]
        if found := shutil.which(name):
            candidates.append(Path(found))
    for candidate in candidates:
        if not candidate.is_file():
            continue
        output = subprocess.run(
            [candidate, "--version"], capture_output=True, text=True, check=False
        ).stdout
        version = re.search(r"\s(\d+)(?:\.\d+)", output)
        if version and int(version.group(1)) >= major:
            return str(candidate)
    raise BackupError(
        f"{name} für PostgreSQL {major} nicht gefunden (gesucht: "
        f"{', '.join(str(c) for c in candidates)}). Das Verzeichnis mit den passenden "
        "Programmen in PG_BIN_DIR angeben."
    )


def _postgres_env(connection):
    """The connection settings as libpq environment variables (no password on a command line)."""
    settings_dict = connection.settings_dict
    _, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    env = dict(env or {})
    for key, variable in [
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("NAME", "PGDATABASE"),
    ]:
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


def _run(args, env):
    result = subprocess.run(
        args, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise BackupError(f"{Path(args[0]).name} ist gescheitert:\n{result.stderr.strip()}")


@contextmanager
def _snapshot(connection):
    """A read-only REPEATABLE READ transaction: every query in it sees one state."""
    if connection.in_atomic_block:
        raise BackupError("Sicherung und Prüfung laufen nicht innerhalb einer Transaktion.")
    connection.ensure_connection()
    connection.set_autocommit(False)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield
    finally:
        connection.rollback()
        connection.set_autocommit(True)


def dump_postgres(path, connection=default_connection):
    """Dump the database to ``path`` and return the digests of the very same snapshot."""
    pg_dump = postgres_tool("pg_dump", connection)
    with _snapshot(connection):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        # The snapshot is only importable while this transaction stays open.
        _run(
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={path}"],
            _postgres_env(connection),
        )
        return postgres_digests_in_transaction(connection)


def restore_postgres(path, connection=default_connection):
    pg_restore = postgres_tool("pg_restore", connection)
    env = _postgres_env(connection)
    # Idle connections of this process must not hold anything the restore drops.
    connection.close()
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={env.pop('PGDATABASE')}",
            str(path),
        ],
        env,
    )


def postgres_digests(connection=default_connection):
    with _snapshot(connection):
        return postgres_digests_in_transaction(connection)


# --- SQLite ------------------------------------------------------------------


def dump_sqlite(path, connection=default_connection):
    """Copy the database with SQLite's online backup API and return the copy's digests."""
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        # In one step: the copy is one consistent state of the database.
        connection.connection.backup(target)
    finally:
        target.close()
    return sqlite_file_digests(path)


def restore_sqlite(path, connection=default_connection):
    if connection.in_atomic_block:
        raise BackupError("Die Wiederherstellung läuft nicht innerhalb einer Transaktion.")
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def sqlite_digests(connection=default_connection):
    connection.ensure_connection()
    return sqlite_digests_of(connection.connection)


ENGINES = {
    "postgresql": {
        "file": "database.pgdump",
        "dump": dump_postgres,
        "restore": restore_postgres,
        "digests": postgres_digests,
    },
    "sqlite": {
        "file": "database.sqlite3",
        "dump": dump_sqlite,
        "restore": restore_sqlite,
        "digests": sqlite_digests,
    },
}


def engine(connection=default_connection):
    try:
        return ENGINES[connection.vendor]
    except KeyError:
        raise BackupError(
            f"Sicherungen gibt es für PostgreSQL und SQLite, nicht für {connection.vendor}."
        ) from None
