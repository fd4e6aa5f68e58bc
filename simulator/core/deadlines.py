"""Deadlines under Fed. R. Civ. P. 6(a) and Fed. R. Bankr. P. 9006(a) (R4), with the reasons a date moved.

- (a)(1)(C): a last day on a Saturday, Sunday or legal holiday runs to the next day that is none of them.
- (a)(3)(A): a last day on which CM/ECF is inaccessible runs to the first accessible day that is not a
  Saturday, Sunday or legal holiday. A day is inaccessible when windows that extend deadlines leave
  CM/ECF down for more than one hour in all after 12:00 noon court time (every window the world knows).
- (a)(2) and (a)(3)(B): an hours-based deadline ending on a weekend or holiday, or whose last hour falls
  in such a window, moves to the same time on the first day that allows it.
- (a)(4)(A): the electronic last day ends at midnight court time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache


from . import courts
from .context import Ctx, Outcome
from .errors import invalid
from .models import Court
from .timeutil import clock_time, long_date, zone

NOON = time(12, 0)
ONE_HOUR = timedelta(hours=1)
MAX_DAYS = 400


@lru_cache(maxsize=64)
def _federal_holidays(year: int) -> dict[date, str]:
    import holidays  # loaded when a deadline is first computed, not when the app starts

    return dict(holidays.US(years=year, categories=("public", "government")))


def legal_holiday(ctx: Ctx, day: date) -> str | None:
    """The holiday's name when `day` is a legal holiday: federal (with observed days) or added by the world."""
    name = _federal_holidays(day.year).get(day)
    if name:
        return name
    if day.isoformat() in ctx.world.holidays_add:
        return "a legal holiday the scenario adds"
    return None


def _extending_spans(ctx: Ctx, court: Court) -> list[tuple[datetime, datetime, str]]:
    return [
        (w.start, w.end, w.reason or "outage")
        for w in courts.windows(ctx, court.id)
        if w.extends_deadlines
    ]


def _overlap(spans, start: datetime, end: datetime) -> tuple[timedelta, list[str]]:
    """Total time (union) that `spans` cover inside [start, end), and the reasons involved."""
    pieces = sorted((max(s, start), min(e, end), why) for s, e, why in spans if s < end and e > start)
    total, reasons, cursor = timedelta(), [], start
    for s, e, why in pieces:
        if e > cursor:
            total += e - max(s, cursor)
            cursor = e
        if why not in reasons:
            reasons.append(why)
    return total, reasons


def down_after_noon(ctx: Ctx, court: Court, day: date) -> tuple[timedelta, list[str]]:
    tz = zone(court.time_zone)
    noon = datetime.combine(day, NOON, tzinfo=tz)
    midnight = datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=tz)
    return _overlap(_extending_spans(ctx, court), noon, midnight)


def _hours(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if minutes else f"{hours} hours"


@dataclass
class Deadline:
    due: date | datetime
    kind: str
    extended_to: date | datetime
    steps: list[str] = field(default_factory=list)
    file_by: str = ""

    @property
    def extended(self) -> bool:
        return self.extended_to != self.due


def _closed_reason(ctx: Ctx, day: date) -> str | None:
    if day.weekday() == 5:
        return "a Saturday"
    if day.weekday() == 6:
        return "a Sunday"
    holiday = legal_holiday(ctx, day)
    return f"a legal holiday ({holiday})" if holiday else None


def compute(ctx: Ctx, court_id: str, due: date | datetime, kind: str | None = None) -> Deadline:
    court = ctx.court(court_id)
    is_hours = isinstance(due, datetime)
    kind = kind or ("hours" if is_hours else "days")
    if kind not in ("days", "hours"):
        raise invalid(f"kind is 'days' or 'hours', not '{kind}'.")
    if kind == "hours" and not is_hours:
        raise invalid("An hours-based deadline needs a date and time with an offset, like 2021-07-30T15:00:00-06:00.")
    if kind == "days" and is_hours:
        raise invalid("A days-based deadline is a date, like 2021-07-30 (give kind = \"hours\" for a time).")
    if kind == "days":
        return _days(ctx, court, due)
    return _hours_based(ctx, court, due)


def _days(ctx: Ctx, court: Court, due: date) -> Deadline:
    result = Deadline(due, "days", due)
    day = due
    for _ in range(MAX_DAYS):
        closed = _closed_reason(ctx, day)
        if closed:
            result.steps.append(f"{long_date(day)} is {closed}: the time runs to the next day ({courts.time_rule(court, '(1)(C)')}).")
        else:
            down, reasons = down_after_noon(ctx, court, day)
            if down <= ONE_HOUR:
                break
            result.steps.append(
                f"{long_date(day)}: CM/ECF is inaccessible for {_hours(down)} after 12:00 noon ({', '.join(reasons)}), "
                f"so the time runs to the first accessible day ({courts.rule_6a3(court)})."
            )
        day += timedelta(days=1)
    result.extended_to = day
    tz = zone(court.time_zone)
    tzname = datetime.combine(day, time(23, 59), tzinfo=tz).tzname()
    result.file_by = f"File electronically by 11:59 p.m. {tzname} on {long_date(day)} (midnight court time)."
    return result


def _hours_based(ctx: Ctx, court: Court, due: datetime) -> Deadline:
    if due.tzinfo is None:
        raise invalid("Give the deadline's time with a UTC offset, like 2021-07-30T15:00:00-06:00.")
    tz = zone(court.time_zone)
    result = Deadline(due, "hours", due)
    moment = due.astimezone(tz)
    moved_for_outage = False
    spans = _extending_spans(ctx, court)
    for _ in range(MAX_DAYS):
        day = moment.date()
        closed = _closed_reason(ctx, day)
        down_last_hour, reasons = _overlap(spans, moment - ONE_HOUR, moment)
        if closed:
            result.steps.append(
                f"{long_date(day)} is {closed}: the time runs to the same time on the next day "
                f"({courts.time_rule(court, '(2)(C)')})."
            )
        elif moved_for_outage and down_after_noon(ctx, court, day)[0] > ONE_HOUR:
            result.steps.append(f"{long_date(day)}: CM/ECF is inaccessible after noon, so it is not an accessible day.")
        elif down_last_hour > timedelta(0):
            moved_for_outage = True
            result.steps.append(
                f"The last hour before {clock_time(moment)} on {long_date(day)} falls in an outage ({', '.join(reasons)}): "
                f"the time runs to the same time on the first accessible day ({courts.rule_6a3(court)})."
            )
        else:
            break
        moment = datetime.combine(day + timedelta(days=1), moment.timetz().replace(tzinfo=None), tzinfo=tz)
    result.extended_to = moment
    result.file_by = f"File by {clock_time(moment)} {moment.tzname()} on {long_date(moment.date())}."
    return result


def check_deadline(ctx: Ctx, court: str, due: date | datetime, kind: str | None = None) -> Outcome:
    deadline = compute(ctx, court, due, kind)
    if deadline.extended:
        summary = "The deadline moves. " + " ".join(deadline.steps)
    else:
        summary = "Nothing moves this deadline."
    return Outcome(
        f"{summary} {deadline.file_by}",
        {"extended_to": deadline.extended_to, "extended": deadline.extended},
    )
