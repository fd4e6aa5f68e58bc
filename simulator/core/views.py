"""What a face renders, as plain data that imports nothing of the database.

A launch draws the court list from these before SQLAlchemy and the rules have loaded (core/opening.py);
`pages.py` builds them from the world. The location names are SPEC §5's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

HOME = "home"
COURT_PAGE = "court.page"
COURT_LOGIN = "court.login"
COURT_MENU = "court.menu"
COURT_UNAVAILABLE = "court.unavailable"
PACER_LOGIN = "pacer.login"
PACER_MFA = "pacer.mfa"
PACER_PROMPT = "pacer.prompt"
PACER_UPDATE_REQUIRED = "pacer.update_required"
PACER_ACCOUNT = "pacer.account"
PACER_REGISTER = "pacer.register"
FILING_RECEIPT = "filing.receipt"


@dataclass
class Outcome:
    """What an action shows the learner on success: a message and the action's result fields."""

    message: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class View:
    location: str
    court_id: str | None
    status: str
    data: Any = None
    now_iso: str = ""


@dataclass(frozen=True)
class Listing:
    """One row of the court list: what a filer scans for and filters on."""

    id: str
    name: str
    type: str
    generation: str
    available: bool
    go_live: str  # the court-local date, "" when none is set
    states: tuple[str, ...]


_WORD = re.compile(r"[a-z0-9]+")


def matching(rows: list[Listing], text: str = "", state: str = "", court_type: str = "",
             court_generation: str = "") -> list[Listing]:
    """The rows a court-list search keeps: every word of `text` starts a word of the id, name or a state
    served ("kansas" finds Kansas, not Arkansas; "east cal" finds Eastern California), and each filter
    given (a state served, a type, legacy or nextgen) is met."""
    words = _WORD.findall(text.lower())
    kept = []
    for row in rows:
        own = _WORD.findall(" ".join((row.id, row.name, *row.states)).lower())
        if (all(any(mine.startswith(word) for mine in own) for word in words) and (not state or state in row.states)
                and (not court_type or row.type == court_type)
                and (not court_generation or row.generation == court_generation)):
            kept.append(row)
    return kept
