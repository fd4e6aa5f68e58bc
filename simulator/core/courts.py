"""Courts in time: generation (R2), maintenance windows and outages (R3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select

from .context import Ctx, Outcome
from .errors import Code, SimError, invalid
from .models import Court, Window
from .timeutil import local, long_date, long_datetime
from .views import Listing

def is_nextgen(court: Court, at: datetime) -> bool:
    go_live = court.nextgen_go_live
    if go_live is None:
        return court.nextgen_always
    return at >= go_live


def generation(court: Court, at: datetime) -> str:
    return "nextgen" if is_nextgen(court, at) else "legacy"


def windows(ctx: Ctx, court_id: str) -> list[Window]:
    return list(ctx.db.exec(select(Window).where(Window.court_id == court_id).order_by(Window.start)))


def unavailable_until(ctx: Ctx, court: Court, at: datetime | None = None) -> tuple[datetime, Window] | None:
    """When `at` falls inside a window, the end of the unavailability (overlapping and touching
    windows merged) and the window that covers `at`; None when CM/ECF is up."""
    at = at or ctx.now
    spans = [(w.start, w.end, w) for w in windows(ctx, court.id)]
    covering = next((w for start, end, w in spans if start <= at < end), None)
    if covering is None:
        return None
    end = covering.end
    extended = True
    while extended:
        extended = False
        for start, stop, _ in spans:
            if start <= end < stop:
                end, extended = stop, True
    return end, covering


def is_available(ctx: Ctx, court: Court) -> bool:
    return unavailable_until(ctx, court) is None


def about(court: Court, most_locations: int = 3) -> str:
    """What the court's public page says of itself: its CM/ECF address, its PDF limit, where it sits."""
    lines = [f"CM/ECF: {court.login_url}  ·  PDF documents up to {court.max_pdf_mb:g} MB each"]
    for place in court.locations[:most_locations]:
        lines.append(", ".join(place[key] for key in ("name", "address", "phone", "hours") if place.get(key)))
    if len(court.locations) > most_locations:
        lines.append(f"(and {len(court.locations) - most_locations} more locations)")
    return "\n".join(lines)


def listing(ctx: Ctx) -> list[Listing]:
    """Every court, by id, with its generation and availability now: two queries, however many courts."""
    down = set(ctx.db.exec(select(Window.court_id).where(Window.start <= ctx.now, Window.end > ctx.now)))
    rows = []
    for court in ctx.db.exec(select(Court).order_by(Court.id)):
        go_live = local(court.nextgen_go_live, court.time_zone).date().isoformat() if court.nextgen_go_live else ""
        rows.append(Listing(court.id, court.name, court.type, generation(court, ctx.now), court.id not in down,
                            go_live, tuple(court.states)))
    return rows


def time_rule(court: Court, paragraph: str) -> str:
    """The time-computation rule a court follows: Fed. R. Bankr. P. 9006(a) in bankruptcy courts,
    Fed. R. Civ. P. 6(a) elsewhere; `paragraph` like "(3)" or "(1)(C)"."""
    return f"Fed. R. Bankr. P. 9006(a){paragraph}" if court.type == "bankruptcy" else f"Fed. R. Civ. P. 6(a){paragraph}"


def rule_6a3(court: Court) -> str:
    return time_rule(court, "(3)")


def unavailable_message(ctx: Ctx, court: Court) -> str:
    found = unavailable_until(ctx, court)
    if found is None:
        return ""
    end, window = found
    reason = window.reason or "maintenance"
    message = (
        f"{court.name} CM/ECF is unavailable ({reason}). It will be available again "
        f"{long_datetime(end, court.time_zone)}."
    )
    if window.extends_deadlines:
        message += f" Filing deadlines that fall in this outage are extended under {rule_6a3(court)}."
    return message + " PACER itself is still up."


def require_available(ctx: Ctx, court: Court) -> None:
    if not is_available(ctx, court):
        raise SimError(Code.COURT_UNAVAILABLE, unavailable_message(ctx, court))


@dataclass(frozen=True)
class Notice:
    """A maintenance notice for the court page."""

    current: bool
    text: str


def notices(ctx: Ctx, court: Court) -> list[Notice]:
    """The court page's notices: the window in force (with its end) and every scheduled one ahead."""
    found: list[Notice] = []
    if (message := unavailable_message(ctx, court)):
        found.append(Notice(True, message))
    for window in windows(ctx, court.id):
        start, end = window.start, window.end
        if start > ctx.now:
            found.append(
                Notice(
                    False,
                    f"Scheduled: CM/ECF will be unavailable from {long_datetime(start, court.time_zone)} "
                    f"until {long_datetime(end, court.time_zone)} ({window.reason or 'maintenance'}).",
                )
            )
    return found


def go_live_notice(ctx: Ctx, court: Court) -> str:
    go_live = court.nextgen_go_live
    if go_live is None and court.nextgen_always:
        return (
            f"{court.name} is on NextGen CM/ECF. File with your upgraded individual PACER account after linking it "
            "to your CM/ECF account (Utilities > Link a CM/ECF account to my PACER account)."
        )
    if go_live is None:
        return f"{court.name} uses its own CM/ECF logins (CurrentGen); no NextGen date is set."
    day = long_date(local(go_live, court.time_zone).date())
    if ctx.now >= go_live:
        return (
            f"{court.name} is on NextGen CM/ECF since {day}. File with your upgraded individual PACER "
            "account after linking it to your CM/ECF account (Utilities > Link a CM/ECF account to my PACER account)."
        )
    return (
        f"{court.name} moves to NextGen CM/ECF on {day}. Until then, file with the CM/ECF login this court "
        "issued you. Get ready now: have your own individual PACER account, upgrade it if it is a legacy "
        "account, and make sure you know your CM/ECF login and password."
    )


def declare_outage(ctx: Ctx, court_id: str, until: datetime, extends_deadlines: bool = True) -> Outcome:
    """The clerk declares CM/ECF inaccessible from now until `until` (R3, R4)."""
    court = ctx.court(court_id)
    if until.tzinfo is None:
        raise invalid("Give the outage's end with a UTC offset, like 2021-08-02T17:00:00-06:00.")
    if until <= ctx.now:
        raise invalid(
            f"The outage must end after the current time ({long_datetime(ctx.now, court.time_zone)})."
        )
    ctx.db.add(
        Window(
            court_id=court.id,
            start=ctx.now,
            end=until,
            reason="declared outage",
            extends_deadlines=extends_deadlines,
        )
    )
    ctx.db.flush()
    effect = "Deadlines it makes inaccessible are extended." if extends_deadlines else "It does not extend deadlines."
    return Outcome(
        f"Outage declared: {court.name} CM/ECF is unavailable until {long_datetime(until, court.time_zone)}. {effect}"
    )


def next_go_live(ctx: Ctx) -> tuple[Court, datetime] | None:
    """The first NextGen go-live after now, for the time machine's 'next go-live' jump."""
    upcoming = [
        (c.nextgen_go_live, c)
        for c in ctx.db.exec(select(Court))
        if c.nextgen_go_live is not None and c.nextgen_go_live > ctx.now
    ]
    if not upcoming:
        return None
    moment, court = min(upcoming, key=lambda pair: (pair[0], pair[1].id))
    return court, moment
