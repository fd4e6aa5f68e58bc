"""The court list a launch of free practice draws first, before the core has loaded.

Drawing it from the world means loading SQLAlchemy, the models and every rule first (most of a
second), and on a first launch building the practice world too. So the court list is kept as plain
data: beside the practice world, written each time the learner lands on the court list, and in
`seed/opening.json` as the practice world starts, for a first launch. The app draws it, opens the
world behind it, and draws the court list again from the world (core/pages.py) once that is open.

Regenerate the shipped one with `python -m simulator.scenario.practice opening > seed/opening.json`; a
test checks that it is what the practice world shows as it starts.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .views import HOME, Listing, View

FILE = "opening.json"
FORMAT = 1  # of the file's fields; a file of another format is not read


def shipped() -> Path:
    from .catalog import seed_path  # it brings the TOML reader, which only a first launch needs

    return seed_path(FILE)


def as_text(view: View, database: Path | None) -> str:
    """JSON, a court to a line (the shipped file's changes read as a diff of courts)."""
    head = {"format": FORMAT, "database": str(database) if database else None, "status": view.status,
            "now": view.now_iso}
    rows = (json.dumps([row.id, row.name, row.type, row.generation, row.available, row.go_live, list(row.states)],
                       ensure_ascii=False) for row in view.data)
    return json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "courts": [\n  ' + ",\n  ".join(rows) + "\n ]\n}\n"


def keep(folder: Path, view: View, database: Path) -> None:
    """Keep the court list `view` for the next launch on the world in `database`; written whole or not
    at all (another window may be reading it)."""
    partial = folder / f".{FILE}.{os.getpid()}"
    partial.write_text(as_text(view, database), encoding="utf-8")
    partial.replace(folder / FILE)


def forget(folder: Path) -> None:
    """The world was replaced (reset): the kept court list is no longer its own."""
    (folder / FILE).unlink(missing_ok=True)


def read(path: Path, database: Path | None) -> View | None:
    """The court list kept in `path` for the world in `database` (None: the shipped list of a new
    world); None when there is none, it is for another world, or it cannot be read."""
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept["format"] != FORMAT or kept["database"] != (str(database) if database else None):
            return None
        rows = [Listing(id, name, kind, generation, available, go_live, tuple(states))
                for id, name, kind, generation, available, go_live, states in kept["courts"]]
        return View(HOME, None, kept["status"], rows, kept["now"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def for_launch(folder: Path, database: Path) -> View | None:
    """What to draw first on the practice world in `database`: its own kept list, the shipped one
    when it has no world yet, or None (an older world that kept none: the launch waits for it)."""
    if not database.exists():
        return read(shipped(), None)
    return read(folder / FILE, database)
