"""The static catalog in `seed/`: courts (SPEC §3) and filing events (R23).

Court entries stay plain dicts in the scenario's own shape, so a scenario's `[[court]]` can override
any field and the world loader reads both the same way.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent

REQUIRED_COURT_FIELDS = ("id", "name", "type", "time_zone")
COURT_TYPES = ("district", "bankruptcy", "appellate")
LINK_REVIEWS = ("immediate", "clerk")


def resource_dir(name: str) -> Path:
    """`seed/` or `scenarios/`: bundled inside the wheel, or beside the package in a checkout."""
    bundled = PACKAGE_DIR / "_bundled" / name
    return bundled if bundled.is_dir() else PACKAGE_DIR.parent / name


def seed_path(filename: str) -> Path:
    return resource_dir("seed") / filename


@lru_cache(maxsize=1)
def courts() -> dict[str, dict]:
    with open(seed_path("courts.toml"), "rb") as handle:
        entries = tomllib.load(handle)["court"]
    return {entry["id"]: entry for entry in entries}


@dataclass(frozen=True)
class EventSpec:
    id: str
    court_type: str
    menus: tuple[str, ...]
    category: str
    name: str
    text: str
    fee_schedule: tuple[tuple[date, int], ...] = ()  # (in force from, cents), oldest first

    @property
    def has_fee(self) -> bool:
        return any(cents > 0 for _, cents in self.fee_schedule)

    def fee_cents(self, on: date) -> int:
        """The fee in force on `on` (a court-local date): the world's date, not today's."""
        cents = self.fee_schedule[0][1] if self.fee_schedule else 0
        for since, amount in self.fee_schedule:
            if since <= on:
                cents = amount
        return cents


def _fee_schedule(entry: dict) -> tuple[tuple[date, int], ...]:
    """`fee = 405` (one fee at every date) or `fees = [{ from = 2020-12-01, fee = 402 }, ...]`."""
    if "fees" in entry:
        return tuple(sorted((change["from"], int(round(change["fee"] * 100))) for change in entry["fees"]))
    return ((date.min, int(round(entry["fee"] * 100))),) if "fee" in entry else ()


@lru_cache(maxsize=1)
def _event_file() -> dict:
    with open(seed_path("events.toml"), "rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=1)
def events() -> tuple[EventSpec, ...]:
    found = []
    for entry in _event_file()["event"]:
        for court_type in entry["court_types"]:
            found.append(
                EventSpec(
                    id=entry["id"],
                    court_type=court_type,
                    menus=tuple(entry["menus"]),
                    category=entry["category"],
                    name=entry["name"],
                    text=entry["text"],
                    fee_schedule=_fee_schedule(entry),
                )
            )
    return tuple(found)


def events_for(court_type: str) -> list[EventSpec]:
    return [event for event in events() if event.court_type == court_type]


def event(court_type: str, event_id: str) -> EventSpec | None:
    return next((e for e in events_for(court_type) if e.id == event_id), None)


def modifiers() -> tuple[str, ...]:
    return tuple(_event_file()["modifiers"])


@lru_cache(maxsize=1)
def counties() -> dict[str, tuple[str, ...]]:
    """The counties of each state the federal courts serve (seed/counties.toml, from the judiciary's feed)."""
    with open(seed_path("counties.toml"), "rb") as handle:
        return {state: tuple(names) for state, names in tomllib.load(handle)["counties"].items()}
