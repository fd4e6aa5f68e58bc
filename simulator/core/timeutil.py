"""Time helpers. Every datetime in the simulator is zone-aware: SQLModel's UTCDateTime stores UTC and
returns aware UTC (SQLite itself drops zones), and `local` turns an instant into a court's time."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from .errors import invalid

_DURATION = re.compile(r"(\d+)\s*([wdhms])", re.IGNORECASE)
_DURATION_WHOLE = re.compile(r"^\s*(?:\d+\s*[wdhms]\s*)+$", re.IGNORECASE)
_UNIT_SECONDS = {"w": 7 * 86400, "d": 86400, "h": 3600, "m": 60, "s": 1}

# The years a world's dates may fall in, and the longest step of the clock: wide enough for any
# exercise, narrow enough that deadlines, windows and time zones never run off Python's calendar.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2999
LONGEST_DURATION = timedelta(days=36525)  # 100 years


def out_of_range(moment: date) -> str | None:
    """Why a date or datetime is outside the years a world may use, or None."""
    if EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        return None
    return f"is out of range: give a date from {EARLIEST_YEAR} to {LATEST_YEAR}"


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local(moment: datetime, zone_name: str) -> datetime:
    return moment.astimezone(zone(zone_name))


def parse_duration(text: str) -> timedelta:
    """'90m', '2h', '3d', '1d2h' -> timedelta. Refuses anything else with a message that shows the form."""
    if not isinstance(text, str) or not _DURATION_WHOLE.match(text):
        raise invalid(f"'{text}' is not a duration. Write it like \"90m\", \"2h\", \"3d\" or \"1d2h\".")
    seconds = sum(int(n) * _UNIT_SECONDS[unit.lower()] for n, unit in _DURATION.findall(text))
    if seconds > LONGEST_DURATION.total_seconds():
        raise invalid(f"'{text}' is longer than the clock moves in one step: at most 100 years (36525d).")
    return timedelta(seconds=seconds)


def clock_time(moment: datetime) -> str:
    """'9:05 AM', as CM/ECF writes times."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def long_date(day: date) -> str:
    """'Monday, August 2, 2021'."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def short_date(day: date) -> str:
    """'8/2/2021', the NEF's date form."""
    return f"{day.month}/{day.day}/{day.year}"


def long_datetime(moment: datetime, zone_name: str) -> str:
    """'Monday, August 2, 2021 at 12:01 AM MDT' in the given zone."""
    there = local(moment, zone_name)
    return f"{long_date(there.date())} at {clock_time(there)} {there.tzname()}"


def status_datetime(moment: datetime, zone_name: str) -> str:
    """'Mon 2021-08-02 09:00 MDT', compact for the status bar."""
    there = local(moment, zone_name)
    return f"{there:%a %Y-%m-%d %H:%M} {there.tzname()}"


def iso(moment: datetime, zone_name: str) -> str:
    """ISO 8601 with the zone's offset, the form results and screens use for exact instants."""
    return local(moment, zone_name).isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    """Parse an ISO datetime with an offset (what people type into the time machine and forms)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise invalid(f"'{text}' is not a date and time. Write it like 2021-08-02T09:00-06:00.") from None
    if moment.tzinfo is None:
        raise invalid(f"'{text}' has no UTC offset. Add one, like 2021-08-02T09:00-06:00.")
    return moment


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise invalid(f"'{text}' is not a date. Write it like 2021-08-02.") from None
