"""Where the simulator keeps things on this machine, and whether the practice file can be read:
nothing here loads SQLAlchemy, so a launch can answer both before the core has loaded."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "cmecf-sim"
PRACTICE_FILE = "practice.db"


class DatabaseUnusable(Exception):
    """The database setting names a database the simulator cannot open; the message says what to set."""


def data_dir(create: bool = True) -> Path:
    """Where the practice world and progress live: CMECF_SIM_HOME, else the platform's user data dir.
    Only what writes there creates it (`create`): a served trainee's process may have none."""
    override = os.environ.get("CMECF_SIM_HOME")
    path = Path(override) if override else user_data_path(APP_NAME, appauthor=False)
    if create:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as failure:
            raise DatabaseUnusable(
                f"The data folder {path} cannot be created ({failure.strerror or failure}). Set CMECF_SIM_HOME to "
                "a folder you can write, e.g. CMECF_SIM_HOME=~/cmecf-sim."
            ) from None
    return path


def practice_file() -> Path:
    """The SQLite file of the practice world when DATABASE_URL does not name another database."""
    return data_dir() / PRACTICE_FILE


def unreadable_file(path: Path) -> str | None:
    """Why the SQLite file `path` cannot be read as a database (truncated, overwritten, not one at all),
    or None when it reads or does not exist yet."""
    if not path.exists():
        return None
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as failure:
        return str(failure)
    return None if verdict == "ok" else verdict
