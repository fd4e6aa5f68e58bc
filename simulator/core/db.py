"""Engines and the schema. No engine is made at import time: callers choose the URL.

The practice world lives in a SQLite file in the user data dir unless `DATABASE_URL` names another
database; scenario runs and tests use a private in-memory database each.

Several processes may share one world (two app windows on the practice file, classroom servers on
one PostgreSQL), so a unit of work holds the world's write lock from its first statement: SQLite
transactions begin IMMEDIATE (pysqlite's own deferred BEGIN is turned off), and `Simulation.ctx`
selects the world row FOR UPDATE, which is what serialises writers on PostgreSQL. Without it two
processes moving the clock lost half their moves.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from sqlalchemy import event, inspect, make_url
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine, select

from . import models
from .places import DatabaseUnusable, practice_file, unreadable_file

SQLITE_BUSY_SECONDS = 30  # how long a unit of work waits for another process's write lock


def _shown(url: str) -> str:
    """The URL as it may be printed: its password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def practice_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{practice_file()}"


def make_engine(url: str) -> Engine:
    """An engine safe for Textual thread workers: SQLite gets check_same_thread off, and an
    in-memory database one shared connection (StaticPool) so every thread sees the same world."""
    try:
        if not url.startswith("sqlite"):
            return create_engine(url, pool_pre_ping=True)
        in_memory = url in ("sqlite://", "sqlite:///:memory:") or "mode=memory" in url
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_SECONDS},
            poolclass=StaticPool if in_memory else None,
        )
    except (ArgumentError, NoSuchModuleError, ImportError) as failure:
        raise DatabaseUnusable(
            f"DATABASE_URL={_shown(url)!r} cannot be used ({failure}). Set it to a SQLAlchemy URL whose driver is "
            "installed (e.g. sqlite:////home/you/practice.db), or unset it to keep the practice world in the "
            "user data folder."
        ) from None
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL keeps its database in; None for other databases and in-memory ones."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:") or "mode=memory" in url:
        return None
    return Path(parsed.database)


def unreadable(url: str) -> str | None:
    """Why the SQLite file behind `url` cannot be read as a database, or None when it reads, does not
    exist yet, or is not a SQLite file."""
    path = sqlite_file(url)
    return unreadable_file(path) if path is not None else None


def set_aside(path: Path) -> Path:
    """Move an unreadable database file out of the way, keeping it (someone may want it back)."""
    kept = path.with_name(f"{path.name}.unreadable-{datetime.now():%Y%m%d-%H%M%S}")
    path.rename(kept)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(kept.with_name(kept.name + suffix))
    return kept


def storage_failure(failure: Exception) -> str | None:
    """What went wrong, when a failure is the practice world's storage (disk full, file gone, server
    down) rather than a bug; None otherwise."""
    if isinstance(failure, (DBAPIError, OSError, DatabaseUnusable)):
        return str(getattr(failure, "orig", None) or failure)
    return None


def memory_engine() -> Engine:
    engine = make_engine("sqlite://")
    create_schema(engine)
    return engine


def snapshot(engine: Engine) -> bytes:
    """An in-memory world as bytes (SQLite's own serialisation): what a served trainee's world is
    kept as in the class record, and a class's template is copied from, in milliseconds."""
    connection = engine.raw_connection()
    try:
        return connection.driver_connection.serialize()
    finally:
        connection.close()


def engine_from_snapshot(data: bytes) -> Engine:
    """A new in-memory database holding the world `snapshot` gave."""
    engine = make_engine("sqlite://")
    connection = engine.raw_connection()
    try:
        connection.driver_connection.deserialize(data)
    finally:
        connection.close()
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" (below) starts every transaction
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _begin_immediate(connection: Connection) -> None:
    """Take SQLite's write lock when a transaction begins, not at its first write: a read-modify-write
    (the clock, a failed sign-in count) then sees the last committed value and none is lost. It also
    makes DDL transactional, so a world is replaced whole or not at all."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_schema(engine: Engine | Connection) -> None:
    SQLModel.metadata.create_all(engine)


def drop_schema(engine: Engine | Connection) -> None:
    SQLModel.metadata.drop_all(engine)


def stored_schema_version(engine: Engine) -> int | None:
    """The schema version of the world in this database, or None when it holds no whole world: no
    tables, some missing (a world left by an older, interrupted reset), or no world row."""
    tables = set(inspect(engine).get_table_names())
    if not set(SQLModel.metadata.tables) <= tables:
        return None
    with Session(engine) as session:
        world = session.exec(select(models.World)).first()
        return None if world is None else world.schema_version
