"""Case numbers (R23): the full forms, the short forms courts accept, and finding a case by either."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import select

from .context import Ctx
from .errors import invalid, not_found
from .models import Case, Court

_NUMBER = re.compile(
    r"^\s*(?:(?P<office>\d)\s*:\s*)?(?P<year>\d{2})\s*-\s*(?:(?P<type>[a-z]{2})\s*-\s*)?(?P<seq>\d{1,5})"
    r"(?P<judges>(?:-[a-z]{1,4})*)\s*$",
    re.IGNORECASE,
)
TYPES_BY_COURT = {
    "district": ("cv", "cr", "mc", "mj", "po"),
    "bankruptcy": ("bk", "ap"),
    "appellate": ("ca",),
}
EXAMPLES = {
    "district": "1:21-cv-01234 (or 1:21-cv-01234-ABC with the judge's initials, or the short form 21-1234)",
    "bankruptcy": "1:21-bk-01234, an adversary 1:21-ap-01234, or the short form 21-1234",
    "appellate": "1:21-ca-01234 or 21-1234",
}


@dataclass(frozen=True)
class CaseNumber:
    year: int
    sequence: int
    office: int | None = None
    case_type: str | None = None
    judges: str = ""

    @property
    def is_full(self) -> bool:
        return self.office is not None and self.case_type is not None

    def canonical(self) -> str:
        number = f"{self.office}:{self.year:02d}-{self.case_type}-{self.sequence:05d}"
        return f"{number}-{self.judges}" if self.judges else number


def parse(text: str, court: Court) -> CaseNumber:
    match = _NUMBER.match(text or "")
    if not match:
        raise invalid(f"'{text}' is not a case number. Enter it like {EXAMPLES[court.type]}.")
    case_type = match["type"].lower() if match["type"] else None
    if case_type is not None and case_type not in TYPES_BY_COURT[court.type]:
        raise invalid(
            f"'{text}' is not a {court.type} court case number (case type '{case_type}'). Enter it like {EXAMPLES[court.type]}."
        )
    return CaseNumber(
        year=int(match["year"]),
        sequence=int(match["seq"]),
        office=int(match["office"]) if match["office"] else None,
        case_type=case_type,
        judges=match["judges"].lstrip("-"),
    )


def find(ctx: Ctx, court: Court, text: str) -> Case:
    """The one case the number names. Short forms are expanded; a number without judge initials finds
    the case that has them."""
    wanted = parse(text, court)
    query = select(Case).where(Case.court_id == court.id, Case.year == wanted.year, Case.sequence == wanted.sequence)
    if wanted.office is not None:
        query = query.where(Case.office == wanted.office)
    if wanted.case_type is not None:
        query = query.where(Case.case_type == wanted.case_type)
    found = [c for c in ctx.db.exec(query.order_by(Case.number)) if not wanted.judges or c.judges.lower() == wanted.judges.lower()]
    if not found:
        raise not_found(f"No case {text.strip()} at {court.name}. Check the number on the docket or the NEF, and try again.")
    if len(found) > 1:
        raise invalid(
            f"'{text.strip()}' matches several cases at {court.name}: {', '.join(c.number for c in found)}. Enter the full number."
        )
    return found[0]
