"""Exercise progress kept on this machine (rustlings-style): attempts, done, best time, hints used."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..core.catalog import resource_dir
from ..core.places import data_dir


@dataclass
class Record:
    title: str = ""
    attempts: int = 0
    done: bool = False
    best_seconds: float | None = None
    hints_at_best: int | None = None
    last_played: str = ""


def exercise_key(path: Path) -> str:
    """Bundled exercises by their path in scenarios/, others by absolute path."""
    path = path.resolve()
    try:
        return path.relative_to(resource_dir("scenarios").resolve()).as_posix()
    except ValueError:
        return str(path)


@dataclass
class Progress:
    """Records by exercise, saved to `path`; with no path (a classroom session, one process per
    trainee sharing the server's data dir) they last as long as the session."""

    path: Path | None
    records: dict[str, Record] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> "Progress":
        path = path or data_dir() / "progress.json"
        try:
            raw = json.loads(path.read_text())
            records = {key: Record(**value) for key, value in raw.items()}
        except (OSError, ValueError, TypeError):
            records = {}  # no file yet, or one we cannot read: start afresh rather than fail
        return cls(path, records)

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({k: asdict(v) for k, v in sorted(self.records.items())}, indent=2))
        temporary.replace(self.path)

    def record(self, key: str, title: str) -> Record:
        record = self.records.setdefault(key, Record(title=title))
        record.title = title
        return record

    def started(self, key: str, title: str) -> None:
        record = self.record(key, title)
        record.attempts += 1
        record.last_played = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self.save()

    def finished(self, key: str, title: str, seconds: float, hints: int) -> None:
        record = self.record(key, title)
        record.done = True
        if record.best_seconds is None or seconds < record.best_seconds:
            record.best_seconds, record.hints_at_best = round(seconds, 1), hints
        self.save()

    def export(self, *, as_csv: bool = False) -> str:
        rows = [(key, r.title, "yes" if r.done else "no", r.attempts,
                 "" if r.best_seconds is None else f"{r.best_seconds:.0f}", "" if r.hints_at_best is None else r.hints_at_best,
                 r.last_played) for key, r in sorted(self.records.items())]
        header = ("exercise", "title", "done", "attempts", "best_seconds", "hints_at_best", "last_played")
        if as_csv:
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(header)
            writer.writerows(rows)
            return buffer.getvalue()
        if not rows:
            return "No exercise played on this machine yet. Start one with: cmecf-sim play\n"
        done = sum(r.done for r in self.records.values())
        lines = [f"{done}/{len(rows)} exercises done"]
        lines += [f"  {'[x]' if row[2] == 'yes' else '[ ]'} {row[1]} - attempts {row[3]}"
                  + (f", best {row[4]} s with {row[5]} hints" if row[4] else "") for row in rows]
        return "\n".join(lines) + "\n"
