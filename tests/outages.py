"""Fixtures for databases that are gone or hang (error pages, the health check, timeouts).
Every test module has them: tests/conftest.py loads this module as a pytest plugin."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket is closed


@pytest.fixture
def unreachable_database_url(database_url, tmp_path) -> str:
    """A database that cannot be reached, of the kind the tests run on."""
    if database_url.startswith("postgres"):
        return f"postgresql://postgres@127.0.0.1:{_closed_port()}/gone"
    return f"sqlite:///{tmp_path}/missing-directory/gone.sqlite3"


@pytest.fixture
def hung_database_url() -> Iterator[str]:
    """A PostgreSQL address whose server accepts connections and never says a word: the
    kernel completes the handshake for the listening socket's backlog, and nobody reads."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield f"postgresql://postgres@127.0.0.1:{listener.getsockname()[1]}/hung"


@contextmanager
def database_down(engine: Engine) -> Iterator[None]:
    """From now on every new connection of `engine` fails as an unreachable server's would;
    the pool's idle connections are dropped."""

    def refuse(dialect, connection_record, cargs, cparams):
        raise dialect.loaded_dbapi.OperationalError("connection refused: the database is down")

    event.listen(engine, "do_connect", refuse)
    engine.dispose()
    try:
        yield
    finally:
        event.remove(engine, "do_connect", refuse)
        engine.dispose()


@pytest.fixture
def take_database_down() -> Iterator:
    """A function that takes an engine's database down until the test ends (so that a view
    can take it down and the error handlers still find it down)."""
    with ExitStack() as stack:
        yield lambda engine: stack.enter_context(database_down(engine))
