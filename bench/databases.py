"""The PostgreSQL databases benchmarks wipe and fill: made if missing, emptied, migrated, and
never one of the protected ones."""

from __future__ import annotations

import harness
import psycopg
from harness import BenchError
from psycopg import sql
from sqlalchemy.engine import make_url

# Databases a benchmark must never wipe: the test suite's, and the server's own.
PROTECTED_DATABASES = frozenset({"test", "postgres", "template0", "template1"})


def shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _libpq(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


def create_postgresql_database(url: str) -> None:
    """CREATE the benchmark's database if it is not there, from the server's `postgres`
    database (or `test`, only to connect from)."""
    name = make_url(url).database
    problems = []
    for admin in ("postgres", "test"):
        try:
            with psycopg.connect(_libpq(url, admin), autocommit=True, connect_timeout=10) as conn:
                exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
                if exists.fetchone() is None:
                    print(f"Creating the database {name} ...", flush=True)
                    conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                return
        except psycopg.Error as error:
            problems.append(f"{admin}: {error}".strip())
    raise BenchError(f"cannot reach PostgreSQL to create {name}: {'; '.join(problems)}")


def prepare_postgresql(url: str) -> None:
    """The benchmark's database, its public schema dropped and made again, migrated."""
    create_postgresql_database(url)
    try:
        with psycopg.connect(_libpq(url), autocommit=True, connect_timeout=10) as conn:
            conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
            conn.execute("CREATE SCHEMA public")
    except psycopg.Error as error:
        raise BenchError(f"cannot reset {shown(url)}: {error}") from error
    print(f"Migrating {shown(url)} ...", flush=True)
    harness.migrate(url)
