"""Unit and property tests of the deadline engine (SPEC R4; Fed. R. Civ. P. 6(a), Fed. R. Bankr. P. 9006(a)).

Each test loads a small world in memory, the way the core driver does, and calls
simulator.core.deadlines directly. Expected dates were worked out by hand from the rule text and the
`holidays` package (US, categories public and government), not read from the engine.
"""

from __future__ import annotations

import tomllib
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.core import courts, db, deadlines, world
from simulator.core.context import Simulation
from simulator.core.errors import Code, SimError
from simulator.core.models import Window
from simulator.scenario.loader import parse

DENVER = ZoneInfo("America/Denver")
CHICAGO = ZoneInfo("America/Chicago")
PACIFIC = ZoneInfo("America/Los_Angeles")

HEADER = """
[scenario]
title = "deadline unit test"
start = {start}
"""


def simulation(body: str = "", start: str = "2021-06-14T09:00:00-05:00") -> Simulation:
    """A fresh in-memory world from scenario tables (no steps), loaded as the core driver loads one."""
    text = HEADER.format(start=start) + body
    spec = parse(tomllib.loads(text), Path("test_deadlines.toml"), require_steps=False)
    engine = db.memory_engine()
    world.load_world(engine, spec.world)
    return Simulation(engine)


def compute(sim: Simulation, court: str, due, kind: str | None = None) -> deadlines.Deadline:
    with sim.ctx() as ctx:
        return deadlines.compute(ctx, court, due, kind)


def check(sim: Simulation, court: str, due, kind: str | None = None):
    with sim.ctx() as ctx:
        return deadlines.check_deadline(ctx, court, due, kind)


def court_with_windows(court: str, *windows: str) -> str:
    return f'[[court]]\nid = "{court}"\nwindows = [\n' + ",\n".join(f"  {w}" for w in windows) + "\n]\n"


@cache
def plain_world() -> Simulation:
    """Missouri district (Central time) and Utah bankruptcy (Mountain time), no windows at all."""
    return simulation('[[court]]\nid = "mowd"\nwindows = []\n\n[[court]]\nid = "utb"\nwindows = []\n')


# --------------------------------------------------------------------------------------------
# Rule 6(a)(1)(C): weekends and legal holidays (federal, observed, government category)
# --------------------------------------------------------------------------------------------

ROLLS = [
    # ordinary weekdays
    (date(2021, 6, 15), date(2021, 6, 15)),
    (date(2021, 12, 30), date(2021, 12, 30)),
    # weekends
    (date(2021, 3, 13), date(2021, 3, 15)),
    (date(2021, 3, 14), date(2021, 3, 15)),
    # statutory holidays and observed days
    (date(2021, 7, 3), date(2021, 7, 6)),  # Sat, Sun the 4th, Mon the 5th observed
    (date(2021, 5, 29), date(2021, 6, 1)),  # Memorial Day weekend
    (date(2021, 10, 11), date(2021, 10, 12)),  # Columbus Day
    (date(2021, 11, 25), date(2021, 11, 26)),  # Thanksgiving; the Friday after is ordinary
    (date(2021, 12, 24), date(2021, 12, 27)),  # Christmas 2021 observed Friday the 24th
    (date(2021, 12, 31), date(2022, 1, 3)),  # New Year's 2022 observed in 2021
    (date(2022, 1, 1), date(2022, 1, 3)),
    (date(2023, 11, 10), date(2023, 11, 13)),  # Veterans Day observed
    (date(2025, 1, 20), date(2025, 1, 21)),  # MLK Day (Inauguration Day only in D.C.)
    (date(2026, 7, 3), date(2026, 7, 6)),  # Independence Day 2026 observed Friday the 3rd
    # Juneteenth from 2021 only
    (date(2020, 6, 19), date(2020, 6, 19)),
    (date(2021, 6, 18), date(2021, 6, 21)),
    (date(2022, 6, 20), date(2022, 6, 21)),
    (date(2023, 6, 19), date(2023, 6, 20)),
    # government category: days declared by the President (Rule 6(a)(6)(B))
    (date(2018, 12, 5), date(2018, 12, 6)),  # G.H.W. Bush day of mourning
    (date(2024, 12, 24), date(2024, 12, 26)),  # Christmas Eve, Christmas
    (date(2025, 1, 9), date(2025, 1, 10)),  # Carter day of mourning
    (date(2025, 12, 24), date(2025, 12, 29)),  # Eve, Christmas, day after, weekend
    (date(2025, 12, 26), date(2025, 12, 29)),
    (date(2023, 12, 22), date(2023, 12, 22)),  # no closure order that year
    # the 'unofficial' category is not a legal holiday
    (date(2021, 4, 2), date(2021, 4, 2)),  # Good Friday
    (date(2021, 2, 15), date(2021, 2, 16)),  # Washington's Birthday
    (date(2021, 2, 12), date(2021, 2, 12)),  # the Friday before it
]


@pytest.mark.parametrize(("due", "expected"), ROLLS, ids=[d.isoformat() for d, _ in ROLLS])
def test_weekend_and_holiday_rolls(due, expected):
    deadline = compute(plain_world(), "mowd", due)
    assert deadline.extended_to == expected
    assert type(deadline.extended_to) is date
    assert deadline.extended == (expected != due)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2021, 12, 31), "New Year's Day (observed)"),
        (date(2021, 6, 18), "Juneteenth National Independence Day (observed)"),
        (date(2024, 12, 24), "Christmas Eve"),
        (date(2025, 1, 9), "Day of Mourning"),
        (date(2025, 12, 26), "Day After Christmas"),
    ],
)
def test_legal_holiday_names(day, name):
    with plain_world().ctx() as ctx:
        assert name in deadlines.legal_holiday(ctx, day)


@pytest.mark.parametrize(
    "day",
    [date(2021, 1, 20), date(2021, 11, 26), date(2021, 4, 2), date(2022, 2, 14), date(2020, 6, 19), date(2021, 12, 30)],
)
def test_not_legal_holidays(day):
    """Inauguration Day outside D.C., the day after Thanksgiving, Good Friday, Valentine's Day,
    Juneteenth before 2021, an ordinary day."""
    with plain_world().ctx() as ctx:
        assert deadlines.legal_holiday(ctx, day) is None


def test_observed_new_year_in_previous_year_is_named_in_the_steps():
    deadline = compute(plain_world(), "mowd", date(2021, 12, 31))
    assert "New Year's Day (observed)" in deadline.steps[0]
    assert len(deadline.steps) == 3  # Friday (observed), Saturday, Sunday


def test_holidays_add_is_a_legal_holiday_for_that_date_only():
    sim = simulation('[settings]\nholidays_add = [2021-11-26]\n\n[[court]]\nid = "mowd"\nwindows = []\n')
    assert compute(sim, "mowd", date(2021, 11, 25)).extended_to == date(2021, 11, 29)
    assert compute(sim, "mowd", date(2021, 11, 26)).extended_to == date(2021, 11, 29)
    assert compute(sim, "mowd", date(2022, 11, 25)).extended_to == date(2022, 11, 25)
    with sim.ctx() as ctx:
        assert deadlines.legal_holiday(ctx, date(2021, 11, 26)) == "a legal holiday the scenario adds"
    # and the world without it keeps the Friday
    assert compute(plain_world(), "mowd", date(2021, 11, 25)).extended_to == date(2021, 11, 26)


def test_holidays_add_on_a_monday_after_a_weekend():
    sim = simulation('[settings]\nholidays_add = [2022-02-28, 2022-03-01]\n\n[[court]]\nid = "mowd"\nwindows = []\n')
    assert compute(sim, "mowd", date(2022, 2, 26)).extended_to == date(2022, 3, 2)


# --------------------------------------------------------------------------------------------
# Rule 6(a)(3)(A): more than one hour down after 12:00 noon court time, from extending windows
# --------------------------------------------------------------------------------------------

THURSDAY = date(2021, 9, 23)  # an ordinary Thursday; Friday the 24th is ordinary too


@pytest.mark.parametrize(
    ("windows", "moves"),
    [
        (['{ start = 2021-09-23T13:00:00, end = 2021-09-23T14:00:00, reason = "outage" }'], False),  # exactly 1 h
        (['{ start = 2021-09-23T13:00:00, end = 2021-09-23T14:01:00, reason = "outage" }'], True),  # 61 min
        (['{ start = 2021-09-23T08:00:00, end = 2021-09-23T11:59:00, reason = "outage" }'], False),  # morning only
        (['{ start = 2021-09-23T11:00:00, end = 2021-09-23T13:00:00, reason = "outage" }'], False),  # 1 h after noon
        (['{ start = 2021-09-23T11:00:00, end = 2021-09-23T13:01:00, reason = "outage" }'], True),
        (
            [  # two pieces adding up to 80 minutes after noon
                '{ start = 2021-09-23T12:30:00, end = 2021-09-23T13:10:00, reason = "outage" }',
                '{ start = 2021-09-23T15:00:00, end = 2021-09-23T15:40:00, reason = "outage" }',
            ],
            True,
        ),
        (
            [  # overlapping pieces: the union is exactly one hour, though their sum is 75 minutes
                '{ start = 2021-09-23T12:00:00, end = 2021-09-23T12:45:00, reason = "outage" }',
                '{ start = 2021-09-23T12:30:00, end = 2021-09-23T13:00:00, reason = "outage" }',
            ],
            False,
        ),
        (['{ start = 2021-09-23T23:00:00, end = 2021-09-24T03:00:00, reason = "outage" }'], False),  # 1 h before midnight
        (['{ start = 2021-09-23T22:30:00, end = 2021-09-24T03:00:00, reason = "outage" }'], True),
        (['{ start = 2021-09-23T12:00:00, end = 2021-09-23T23:00:00, reason = "Scheduled maintenance" }'], False),
        (['{ start = 2021-09-23T12:00:00, end = 2021-09-23T23:00:00, reason = "MAINTENANCE of the servers" }'], False),
        (
            ['{ start = 2021-09-23T12:00:00, end = 2021-09-23T23:00:00, reason = "Scheduled maintenance", extends_deadlines = true }'],
            True,
        ),
        (['{ start = 2021-09-23T12:00:00, end = 2021-09-23T23:00:00, reason = "outage", extends_deadlines = false }'], False),
        (
            [  # a non-extending window does not add to an extending one
                '{ start = 2021-09-23T12:00:00, end = 2021-09-23T12:45:00, reason = "outage" }',
                '{ start = 2021-09-23T13:00:00, end = 2021-09-23T18:00:00, reason = "Scheduled maintenance" }',
            ],
            False,
        ),
    ],
)
def test_inaccessible_after_noon(windows, moves):
    sim = simulation(court_with_windows("caed", *windows))
    deadline = compute(sim, "caed", THURSDAY)
    assert deadline.extended_to == (date(2021, 9, 24) if moves else THURSDAY)
    assert deadline.extended is moves


def test_window_times_without_offset_are_court_time():
    """13:00 to 14:30 in Sacramento (read as UTC they would be 6:00 to 7:30 a.m. there, before noon)."""
    sim = simulation(court_with_windows("caed", '{ start = 2021-09-23T13:00:00, end = 2021-09-23T14:30:00, reason = "outage" }'))
    assert compute(sim, "caed", THURSDAY).extended_to == date(2021, 9, 24)


def test_window_with_offset_is_an_instant():
    """20:00Z to 21:30Z is 13:00 to 14:30 in Sacramento (PDT): 90 minutes after noon."""
    sim = simulation(court_with_windows("caed", '{ start = 2021-09-23T20:00:00Z, end = 2021-09-23T21:30:00Z, reason = "outage" }'))
    assert compute(sim, "caed", THURSDAY).extended_to == date(2021, 9, 24)
    sim = simulation(court_with_windows("mowd", '{ start = 2021-09-23T16:00:00Z, end = 2021-09-23T17:30:00Z, reason = "outage" }'))
    # 16:00Z-17:30Z is 11:00-12:30 CDT: only 30 minutes after noon
    assert compute(sim, "mowd", THURSDAY).extended_to == THURSDAY


def test_inaccessible_friday_runs_past_weekend_and_holiday():
    sim = simulation(court_with_windows("caed", '{ start = 2021-10-08T13:00:00, end = 2021-10-08T16:00:00, reason = "outage" }'))
    deadline = compute(sim, "caed", date(2021, 10, 8))
    assert deadline.extended_to == date(2021, 10, 12)  # Sat, Sun, Columbus Day
    assert "Fed. R. Civ. P. 6(a)(3)" in deadline.steps[0]


def test_weekend_roll_lands_on_an_inaccessible_monday():
    sim = simulation(court_with_windows("caed", '{ start = 2021-09-27T13:00:00, end = 2021-09-27T15:00:00, reason = "outage" }'))
    assert compute(sim, "caed", date(2021, 9, 25)).extended_to == date(2021, 9, 28)


def test_multi_day_outage_skips_every_inaccessible_day():
    sim = simulation(court_with_windows("caed", '{ start = 2021-09-21T12:00:00, end = 2021-09-23T18:00:00, reason = "outage" }'))
    assert compute(sim, "caed", date(2021, 9, 21)).extended_to == date(2021, 9, 24)
    # Friday the 24th is accessible whatever happened before it
    assert compute(sim, "caed", date(2021, 9, 24)).extended_to == date(2021, 9, 24)
    # Monday the 20th is before the outage
    assert compute(sim, "caed", date(2021, 9, 20)).extended_to == date(2021, 9, 20)


def test_past_windows_count_too():
    sim = simulation(
        court_with_windows("caed", '{ start = 2021-09-23T13:00:00, end = 2021-09-23T15:00:00, reason = "outage" }'),
        start="2022-01-10T09:00:00-08:00",
    )
    assert compute(sim, "caed", THURSDAY).extended_to == date(2021, 9, 24)


def test_an_outage_at_one_court_does_not_move_another():
    sim = simulation(
        court_with_windows("utb", '{ start = 2021-05-28T13:00:00, end = 2021-05-28T18:00:00, reason = "outage" }')
        + '\n[[court]]\nid = "cod"\n'
    )
    assert compute(sim, "utb", date(2021, 5, 28)).extended_to == date(2021, 6, 1)
    assert compute(sim, "cod", date(2021, 5, 28)).extended_to == date(2021, 5, 28)


def test_catalog_go_live_window_extends():
    sim = simulation('[[court]]\nid = "cod"\n', start="2021-07-29T09:00:00-06:00")
    assert compute(sim, "cod", date(2021, 7, 30)).extended_to == date(2021, 8, 2)
    assert compute(sim, "cod", date(2021, 7, 29)).extended_to == date(2021, 7, 29)


# ---- declared outages (R3 declare_outage) ----


def declare(sim: Simulation, court: str, until: datetime, extends: bool = True) -> None:
    with sim.ctx() as ctx:
        courts.declare_outage(ctx, court, until, extends)


def advance(sim: Simulation, to: datetime) -> None:
    with sim.ctx() as ctx:
        world.advance_clock(ctx, to=to)


@pytest.mark.parametrize(
    ("start", "until", "extends", "moves"),
    [
        ("13:00", "14:00", True, False),  # exactly one hour
        ("13:00", "14:05", True, True),
        ("14:00", "15:30", True, True),
        ("09:00", "11:30", True, False),  # before noon
        ("11:30", "13:00", True, False),  # one hour of it after noon
        ("11:30", "13:30", True, True),
        ("14:00", "23:00", False, False),  # declared as not extending
    ],
)
def test_declared_outage(start, until, extends, moves):
    sim = simulation('[[court]]\nid = "caed"\n', start=f"2021-09-23T{start}:00-07:00")
    declare(sim, "caed", datetime.fromisoformat(f"2021-09-23T{until}:00-07:00"), extends)
    with sim.ctx() as ctx:
        assert courts.is_available(ctx, ctx.court("caed")) is False
    assert compute(sim, "caed", THURSDAY).extended is moves
    assert compute(sim, "caed", THURSDAY).extended_to == (date(2021, 9, 24) if moves else THURSDAY)


def test_declared_outages_add_up_over_the_afternoon():
    sim = simulation('[[court]]\nid = "caed"\n', start="2021-09-28T12:30:00-07:00")
    declare(sim, "caed", datetime.fromisoformat("2021-09-28T13:10:00-07:00"))
    assert compute(sim, "caed", date(2021, 9, 28)).extended is False
    advance(sim, datetime.fromisoformat("2021-09-28T15:00:00-07:00"))
    declare(sim, "caed", datetime.fromisoformat("2021-09-28T15:40:00-07:00"))
    deadline = compute(sim, "caed", date(2021, 9, 28))
    assert deadline.extended_to == date(2021, 9, 29)
    assert "1 h 20 min" in deadline.steps[0]


# --------------------------------------------------------------------------------------------
# Bankruptcy courts cite Fed. R. Bankr. P. 9006(a)(3)
# --------------------------------------------------------------------------------------------


def test_bankruptcy_court_cites_rule_9006():
    sim = simulation('[[court]]\nid = "utb"\n\n[[court]]\nid = "cod"\n', start="2021-05-28T13:00:00-06:00")
    declare(sim, "utb", datetime.fromisoformat("2021-05-28T18:00:00-06:00"))
    outcome = check(sim, "utb", date(2021, 5, 28))
    assert outcome.fields == {"extended_to": date(2021, 6, 1), "extended": True}
    assert "Fed. R. Bankr. P. 9006(a)(3)" in outcome.message
    assert "Fed. R. Civ. P. 6(a)(3)" not in outcome.message
    hours = check(sim, "utb", datetime.fromisoformat("2021-05-28T15:00:00-06:00"))
    assert hours.fields["extended_to"] == datetime(2021, 6, 1, 15, 0, tzinfo=DENVER)
    assert "Fed. R. Bankr. P. 9006(a)(3)" in hours.message
    # the district court cites the civil rule for its own go-live outage
    district = check(sim, "cod", date(2021, 7, 30))
    assert "Fed. R. Civ. P. 6(a)(3)" in district.message
    assert "9006" not in district.message


# --------------------------------------------------------------------------------------------
# check_deadline's result
# --------------------------------------------------------------------------------------------


def test_check_deadline_unmoved_says_so_and_ends_at_midnight_court_time():
    outcome = check(plain_world(), "mowd", date(2021, 6, 15))
    assert outcome.fields == {"extended_to": date(2021, 6, 15), "extended": False}
    assert outcome.message.startswith("Nothing moves this deadline.")
    assert "11:59 p.m. CDT on Tuesday, June 15, 2021" in outcome.message


def test_check_deadline_names_the_time_zone_of_the_new_day():
    """Due Saturday, Nov 6, 2021 (CDT): the new day, Monday the 8th, is in CST."""
    outcome = check(plain_world(), "mowd", date(2021, 11, 6))
    assert outcome.fields["extended_to"] == date(2021, 11, 8)
    assert "11:59 p.m. CST on Monday, November 8, 2021" in outcome.message


# --------------------------------------------------------------------------------------------
# Hours-based deadlines: Rule 6(a)(2)(C) and 6(a)(3)(B)
# --------------------------------------------------------------------------------------------

HOURS_WINDOWS = court_with_windows(
    "caed",
    '{ start = 2021-11-03T14:00:00, end = 2021-11-03T16:30:00, reason = "Network outage" }',
    '{ start = 2021-11-05T09:00:00, end = 2021-11-05T11:00:00, reason = "Unplanned outage" }',
    '{ start = 2021-11-09T09:30:00, end = 2021-11-09T10:30:00, reason = "Morning outage" }',
    '{ start = 2021-11-10T13:00:00, end = 2021-11-10T16:00:00, reason = "Afternoon outage" }',
    '{ start = 2021-11-16T14:00:00, end = 2021-11-17T18:00:00, reason = "Data center outage" }',
    '{ start = 2021-11-19T14:00:00, end = 2021-11-19T17:00:00, reason = "Scheduled maintenance" }',
)


@cache
def hours_world() -> Simulation:
    return simulation(HOURS_WINDOWS, start="2021-10-08T09:00:00-07:00")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        ("2021-10-13T15:00:00-07:00", "2021-10-13T15:00:00-07:00"),  # ordinary Wednesday
        ("2021-10-09T10:00:00-07:00", "2021-10-12T10:00:00-07:00"),  # Sat -> Sun -> Columbus Day -> Tue
        ("2021-10-09T17:00:00+00:00", "2021-10-12T10:00:00-07:00"),  # the same instant given in UTC
        ("2021-12-31T15:00:00-08:00", "2022-01-03T15:00:00-08:00"),  # New Year's observed, weekend
        ("2021-11-03T16:00:00-07:00", "2021-11-04T16:00:00-07:00"),  # last hour inside the outage
        ("2021-11-03T14:30:00-07:00", "2021-11-04T14:30:00-07:00"),  # last hour partly inside
        ("2021-11-03T17:30:00-07:00", "2021-11-03T17:30:00-07:00"),  # last hour starts as it ends
        ("2021-11-03T14:00:00-07:00", "2021-11-03T14:00:00-07:00"),  # the outage starts at the deadline
        ("2021-11-03T13:00:00-07:00", "2021-11-03T13:00:00-07:00"),  # before the outage
        ("2021-11-05T10:30:00-07:00", "2021-11-08T10:30:00-08:00"),  # Friday morning outage, DST ends Sunday
        ("2021-11-09T10:00:00-08:00", "2021-11-12T10:00:00-08:00"),  # Wed inaccessible, Thu Veterans Day
        ("2021-11-10T10:00:00-08:00", "2021-11-10T10:00:00-08:00"),  # its own last hour is clear
        ("2021-11-16T16:00:00-08:00", "2021-11-18T16:00:00-08:00"),  # Wednesday inaccessible too
        ("2021-11-17T10:00:00-08:00", "2021-11-18T10:00:00-08:00"),  # last hour in the second day
        ("2021-11-19T16:00:00-08:00", "2021-11-19T16:00:00-08:00"),  # maintenance does not extend
    ],
)
def test_hours_based(due, expected):
    deadline = compute(hours_world(), "caed", at(due))
    assert deadline.extended_to == at(expected)
    assert isinstance(deadline.extended_to, datetime)
    assert deadline.extended == (at(expected) != at(due))
    # the same wall-clock time in court time
    assert deadline.extended_to.astimezone(PACIFIC).time() == at(due).astimezone(PACIFIC).time()


def test_days_based_on_the_hours_world():
    assert compute(hours_world(), "caed", date(2021, 11, 10)).extended_to == date(2021, 11, 12)
    assert compute(hours_world(), "caed", date(2021, 11, 9)).extended_to == date(2021, 11, 9)  # morning only
    assert compute(hours_world(), "caed", date(2021, 11, 19)).extended_to == date(2021, 11, 19)  # maintenance


def test_hours_based_file_by_names_time_and_zone():
    outcome = check(hours_world(), "caed", at("2021-11-05T10:30:00-07:00"))
    assert "File by 10:30 AM PST on Monday, November 8, 2021." in outcome.message
    assert "falls in an outage (Unplanned outage)" in outcome.message


def test_hours_based_kind_is_inferred_and_explicit():
    assert compute(hours_world(), "caed", at("2021-10-09T10:00:00-07:00"), "hours").kind == "hours"
    assert compute(hours_world(), "caed", date(2021, 10, 9)).kind == "days"


@pytest.mark.parametrize(
    ("due", "kind"),
    [
        (date(2021, 11, 3), "hours"),  # hours need a time
        (datetime(2021, 11, 3, 16, 0, tzinfo=PACIFIC), "days"),  # days take a date
        (datetime(2021, 11, 3, 16, 0), None),  # no offset
        (date(2021, 11, 3), "weeks"),
    ],
)
def test_invalid_input(due, kind):
    with pytest.raises(SimError) as raised:
        compute(hours_world(), "caed", due, kind)
    assert raised.value.code == Code.INVALID_INPUT


def test_unknown_court_is_not_found():
    with pytest.raises(SimError) as raised:
        compute(plain_world(), "nosuchcourt", date(2021, 6, 15))
    assert raised.value.code == Code.NOT_FOUND


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

HOLIDAYS = holidays.US(years=range(2014, 2038), categories=("public", "government"))
COURT_ZONE = {"mowd": CHICAGO, "utb": DENVER}


def closed(day: date, added: frozenset[date] = frozenset()) -> bool:
    return day.weekday() >= 5 or day in HOLIDAYS or day in added


def down_after_noon(day: date, tz: ZoneInfo, spans: list[tuple[datetime, datetime]]) -> timedelta:
    """Union of the spans inside [noon, midnight) of `day`, computed here independently."""
    lo = datetime.combine(day, time(12), tzinfo=tz)
    hi = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    clipped = sorted((max(s, lo), min(e, hi)) for s, e in spans if s < hi and e > lo)
    total, cursor = timedelta(), lo
    for s, e in clipped:
        s = max(s, cursor)
        if e > s:
            total += e - s
            cursor = e
    return total


def last_hour_down(moment: datetime, spans) -> bool:
    return any(s < moment and e > moment - timedelta(hours=1) for s, e in spans)


class _Rollback(Exception):
    pass


@contextmanager
def scratch(sim: Simulation):
    """A unit of work whose changes (extra windows, holidays) are thrown away afterwards."""
    try:
        with sim.ctx() as ctx:
            yield ctx
            raise _Rollback
    except _Rollback:
        pass


due_dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
courts_ = st.sampled_from(["mowd", "utb"])


@settings(max_examples=300, deadline=None)
@given(due=due_dates, court=courts_)
def test_property_days_without_windows(due, court):
    deadline = compute(plain_world(), court, due)
    end = deadline.extended_to
    assert type(end) is date
    assert end >= due
    assert not closed(end)
    # "the next day that is not a Saturday, Sunday, or legal holiday": nothing open is skipped
    assert all(closed(due + timedelta(days=n)) for n in range((end - due).days))
    if not closed(due):
        assert end == due and not deadline.extended
    else:
        assert deadline.extended


@settings(max_examples=200, deadline=None)
@given(
    due=st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2035, 12, 31)),
    court=courts_,
)
def test_property_hours_without_windows(due, court):
    tz = COURT_ZONE[court]
    due = due.replace(second=0, microsecond=0, tzinfo=tz)
    deadline = compute(plain_world(), court, due)
    end = deadline.extended_to.astimezone(tz)
    assert end >= due
    assert not closed(end.date())
    assert end.time() == due.time()
    if not closed(due.date()):
        assert deadline.extended_to == due and not deadline.extended


window_spec = st.tuples(
    st.integers(min_value=-2, max_value=6),  # day offset from the due date
    st.integers(min_value=0, max_value=24 * 60 - 1),  # start minute in court time
    st.integers(min_value=1, max_value=3 * 24 * 60),  # length in minutes
    st.booleans(),  # extends deadlines
)


def add_windows(ctx, court: str, tz: ZoneInfo, anchor: date, specs) -> list[tuple[datetime, datetime]]:
    extending = []
    for offset, minute, length, extends in specs:
        start = datetime.combine(anchor + timedelta(days=offset), time(0), tzinfo=tz) + timedelta(minutes=minute)
        end = start + timedelta(minutes=length)
        ctx.db.add(Window(court_id=court, start=start, end=end, reason="test window", extends_deadlines=extends))
        if extends:
            extending.append((start, end))
    ctx.db.flush()
    return extending


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    due=due_dates,
    court=courts_,
    specs=st.lists(window_spec, max_size=4),
    added=st.lists(st.integers(min_value=0, max_value=6), max_size=3),
)
def test_property_days_with_windows_and_added_holidays(due, court, specs, added):
    tz = COURT_ZONE[court]
    added_days = frozenset(due + timedelta(days=n) for n in added)
    with scratch(plain_world()) as ctx:
        ctx.world.holidays_add = [d.isoformat() for d in added_days]
        spans = add_windows(ctx, court, tz, due, specs)
        deadline = deadlines.compute(ctx, court, due)
    end = deadline.extended_to

    def open_day(day):
        return not closed(day, added_days) and down_after_noon(day, tz, spans) <= timedelta(hours=1)

    assert end >= due
    assert end.weekday() < 5 and end not in HOLIDAYS and end not in added_days
    assert open_day(end)
    assert all(not open_day(due + timedelta(days=n)) for n in range((end - due).days))
    assert deadline.extended == (end != due)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    due_day=due_dates,
    minute=st.integers(min_value=0, max_value=24 * 60 - 1),
    court=courts_,
    specs=st.lists(window_spec, max_size=4),
)
def test_property_hours_with_windows(due_day, minute, court, specs):
    tz = COURT_ZONE[court]
    due = datetime.combine(due_day, time(minute // 60, minute % 60), tzinfo=tz)
    with scratch(plain_world()) as ctx:
        spans = add_windows(ctx, court, tz, due_day, specs)
        deadline = deadlines.compute(ctx, court, due)
    end = deadline.extended_to.astimezone(tz)
    assert end >= due
    assert not closed(end.date())
    assert end.time() == due.time()
    assert not last_hour_down(end, spans)
    if not closed(due_day) and not last_hour_down(due, spans):
        assert deadline.extended_to == due and not deadline.extended
    if last_hour_down(due, spans) and not closed(due_day):
        # moved for an outage: it lands on an accessible day (not more than an hour down after noon)
        assert end.date() > due_day
        assert down_after_noon(end.date(), tz, spans) <= timedelta(hours=1)
