"""The world loader (simulator.core.world): WorldError names the entry and the problem; catalog
datetimes without an offset are court time."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from simulator.core import checks, courts, world
from simulator.core.context import Simulation
from simulator.core.models import AgentAssignment, Court, Link, Window
from simulator.core.world import WorldError, private_world
from simulator.scenario.loader import parse

DENVER = ZoneInfo("America/Denver")
HEADER = '[scenario]\ntitle = "t"\nstart = 2021-08-16T09:00:00-06:00\n'

PEOPLE = """
[[court]]
id = "cod"

[[pacer_account]]
username = "jdoe2016"
password = "Training#Doe2016"
name = "Jane Doe"
created = 2016-06-06

[[ecf_account]]
court = "cod"
login = "jdoe"
password = "ColoLogin1"
name = "Jane Doe"
role = "attorney"
"""


def spec(body: str) -> dict:
    return parse(tomllib.loads(HEADER + body), Path("t.toml"), require_steps=False).world


def load_error(body: str) -> WorldError:
    with pytest.raises(WorldError) as info:
        private_world(spec(body))
    return info.value


def test_ecf_account_at_a_court_not_in_the_world():
    error = load_error(PEOPLE + '\n[[ecf_account]]\ncourt = "mowd"\nlogin = "jdoemo"\npassword = "x"\nname = "Jane Doe"\nrole = "attorney"\n')
    assert error.where == "[[ecf_account]] 2 (mowd/jdoemo)"
    assert "mowd" in error.problem and "not in this world" in error.problem
    assert str(error).startswith("[[ecf_account]] 2 (mowd/jdoemo): ")


def test_ecf_account_with_an_unknown_role():
    error = load_error(PEOPLE.replace('role = "attorney"', 'role = "judge"'))
    assert error.where == "[[ecf_account]] 1 (cod/jdoe)"
    for role in ("attorney", "trustee", "filing_agent", "pro_se", "creditor"):
        assert role in error.problem


def test_linked_to_an_unknown_user():
    error = load_error(PEOPLE + '\n[[ecf_account]]\ncourt = "cod"\nlogin = "jdoe2"\nname = "Jane Doe"\nrole = "attorney"\nlinked_to = "nobody2020"\n')
    assert error.where == "[[ecf_account]] 2 (cod/jdoe2)"
    assert "nobody2020" in error.problem and "[[pacer_account]]" in error.problem


def test_two_links_for_one_pacer_account_at_one_court():
    body = PEOPLE.replace('password = "ColoLogin1"', 'linked_to = "jdoe2016"')
    body += '\n[[ecf_account]]\ncourt = "cod"\nlogin = "jdoe2"\nname = "Jane Doe"\nrole = "attorney"\nlinked_to = "JDOE2016"\n'
    error = load_error(body)
    assert error.where == "[[ecf_account]] 2 (cod/jdoe2)"
    assert "already linked" in error.problem and "cod" in error.problem


def test_one_pacer_account_linked_at_two_courts_loads():
    body = PEOPLE.replace('password = "ColoLogin1"', 'linked_to = "jdoe2016"')
    body += '\n[[court]]\nid = "mowd"\n\n[[ecf_account]]\ncourt = "mowd"\nlogin = "jdoemo"\nname = "Jane Doe"\nrole = "attorney"\nlinked_to = "jdoe2016"\n'
    sim = Simulation(private_world(spec(body)))
    with sim.ctx() as ctx:
        assert checks.check_link(ctx, "cod", "jdoe2016").fields["status"] == "linked"
        assert checks.check_link(ctx, "mowd", "jdoe2016").fields["status"] == "linked"
        assert len(ctx.db.exec(select(Link)).all()) == 2


@pytest.mark.parametrize("role", ["filing_agent", "pro_se", "creditor"])
def test_agent_for_a_non_primary(role):
    body = PEOPLE + f'\n[[ecf_account]]\ncourt = "cod"\nlogin = "other"\npassword = "x"\nname = "O Ther"\nrole = "{role}"\n'
    body += '\n[[ecf_account]]\ncourt = "cod"\nlogin = "agent"\npassword = "x"\nname = "A Gent"\nrole = "filing_agent"\nagent_for = ["other"]\n'
    error = load_error(body)
    assert error.where == "[[ecf_account]] 3 (cod/agent)"
    assert "'other'" in error.problem and role in error.problem


def test_agent_for_an_unknown_login():
    body = PEOPLE + '\n[[ecf_account]]\ncourt = "cod"\nlogin = "agent"\npassword = "x"\nname = "A Gent"\nrole = "filing_agent"\nagent_for = ["ghost"]\n'
    error = load_error(body)
    assert error.where == "[[ecf_account]] 2 (cod/agent)"
    assert "ghost" in error.problem


def test_agent_for_on_an_account_that_is_not_an_agent():
    body = PEOPLE + '\n[[ecf_account]]\ncourt = "cod"\nlogin = "atty2"\npassword = "x"\nname = "A Two"\nrole = "attorney"\nagent_for = ["jdoe"]\n'
    error = load_error(body)
    assert error.where == "[[ecf_account]] 2 (cod/atty2)"
    assert "filing_agent" in error.problem


def test_agent_for_a_primary_loads():
    body = PEOPLE + '\n[[ecf_account]]\ncourt = "cod"\nlogin = "agent"\npassword = "x"\nname = "A Gent"\nrole = "filing_agent"\nagent_for = ["JDOE"]\n'
    sim = Simulation(private_world(spec(body)))
    with sim.ctx() as ctx:
        assert len(ctx.db.exec(select(AgentAssignment)).all()) == 1


def test_case_whose_attorney_is_unknown():
    body = PEOPLE + '\n[[case]]\ncourt = "cod"\nnumber = "1:21-cv-01234"\ntitle = "Doe v. Acme"\nattorneys = ["jdoe", "ghost"]\n'
    error = load_error(body)
    assert error.where == "[[case]] 1 (1:21-cv-01234)"
    assert "ghost" in error.problem and "cod" in error.problem


def test_case_party_attorney_unknown():
    body = PEOPLE + (
        '\n[[case]]\ncourt = "cod"\nnumber = "1:21-cv-01234"\ntitle = "Doe v. Acme"\n'
        'parties = [{ name = "Doe", role = "plaintiff", attorney = "ghost" }]\n'
    )
    error = load_error(body)
    assert error.where == "[[case]] 1 (1:21-cv-01234)"
    assert "ghost" in error.problem


def test_case_at_a_court_not_in_the_world():
    error = load_error(PEOPLE + '\n[[case]]\ncourt = "mowd"\nnumber = "4:21-cv-00001"\ntitle = "A v. B"\n')
    assert error.where == "[[case]] 1 (4:21-cv-00001)"
    assert "mowd" in error.problem


@pytest.mark.parametrize(
    ("number", "words"),
    [("21-1234", "full case number"), ("1:21-bk-01234", "district"), ("nonsense", "not a case number")],
)
def test_case_number_problems(number, words):
    error = load_error(PEOPLE + f'\n[[case]]\ncourt = "cod"\nnumber = "{number}"\ntitle = "A v. B"\n')
    assert error.where == f"[[case]] 1 ({number})"
    assert words in error.problem


def test_court_outside_the_catalog_missing_fields():
    error = load_error('[[court]]\nid = "zzd"\nname = "District of Nowhere"\n')
    assert error.where == "[[court]] 1 (zzd)"
    assert "type" in error.problem and "time_zone" in error.problem
    assert "name" not in error.problem.split("give", 1)[1]


def test_court_outside_the_catalog_with_every_field_loads():
    body = '[[court]]\nid = "zzd"\nname = "District of Nowhere"\ntype = "district"\ntime_zone = "America/Boise"\n'
    sim = Simulation(private_world(spec(body)))
    with sim.ctx() as ctx:
        court = ctx.court("zzd")
        assert court.nextgen_go_live is None and court.link_review == "immediate" and court.max_pdf_mb == 50
        assert courts.generation(court, ctx.now) == "legacy"


@pytest.mark.parametrize(
    ("line", "words"),
    [('type = "circuit"', "type must be one of"), ('link_review = "later"', "link_review"), ('time_zone = "Mars/Olympus"', "Mars/Olympus")],
)
def test_court_field_problems(line, words):
    error = load_error(f'[[court]]\nid = "cod"\n{line}\n')
    assert error.where == "[[court]] 1 (cod)"
    assert words in error.problem


def test_window_ending_before_it_starts():
    error = load_error('[[court]]\nid = "cod"\nwindows = [{ start = 2021-09-01T14:00:00, end = 2021-09-01T12:00:00 }]\n')
    assert error.where == "[[court]] 1 (cod) window 1"


# --- court time ---------------------------------------------------------------------------------

def windows_of(body: str, court_id: str = "cod") -> tuple[Simulation, list[Window]]:
    sim = Simulation(private_world(spec(body)))
    with sim.ctx() as ctx:
        return sim, list(ctx.db.exec(select(Window).where(Window.court_id == court_id).order_by(Window.start)))


def test_window_without_offset_is_court_time():
    _sim, found = windows_of('[[court]]\nid = "cod"\nwindows = [{ start = 2021-09-01T12:00:00, end = 2021-09-01T14:00:00 }]\n')
    assert len(found) == 1
    assert found[0].start == datetime(2021, 9, 1, 12, 0, tzinfo=DENVER)
    assert found[0].start == datetime(2021, 9, 1, 18, 0, tzinfo=UTC)
    assert found[0].end == datetime(2021, 9, 1, 14, 0, tzinfo=DENVER)


def test_window_without_offset_follows_the_court_zone_in_winter():
    _, found = windows_of('[[court]]\nid = "mowd"\nwindows = [{ start = 2021-12-01T12:00:00, end = 2021-12-01T14:00:00 }]\n', "mowd")
    assert found[0].start == datetime(2021, 12, 1, 18, 0, tzinfo=UTC)  # 12:00 CST


def test_window_with_offset_is_that_instant():
    _, found = windows_of('[[court]]\nid = "cod"\nwindows = [{ start = 2021-09-01T12:00:00-04:00, end = 2021-09-01T14:00:00-04:00 }]\n')
    assert found[0].start == datetime(2021, 9, 1, 16, 0, tzinfo=UTC)


def test_window_in_court_time_makes_the_court_unavailable_then():
    sim, _ = windows_of('[[court]]\nid = "cod"\nwindows = [{ start = 2021-09-01T12:00:00, end = 2021-09-01T14:00:00 }]\n')

    def available(*clock) -> bool:
        with sim.ctx() as ctx:
            world.set_clock(ctx, datetime(*clock, tzinfo=DENVER))
            return checks.check_court(ctx, "cod").fields["available"]

    assert available(2021, 9, 1, 11, 59)
    assert not available(2021, 9, 1, 12, 0)
    assert not available(2021, 9, 1, 13, 59)
    assert available(2021, 9, 1, 14, 0)


def test_catalog_go_live_without_offset_is_court_time():
    sim = Simulation(private_world(spec('[[court]]\nid = "cod"\n\n[[court]]\nid = "mowd"\n')))
    with sim.ctx() as ctx:
        assert ctx.db.get(Court, "cod").nextgen_go_live == datetime(2021, 8, 2, 0, 1, tzinfo=DENVER)
        assert ctx.db.get(Court, "mowd").nextgen_go_live == datetime(2018, 4, 23, 0, 0, tzinfo=ZoneInfo("America/Chicago"))


def test_scenario_go_live_override_without_offset_is_court_time():
    sim = Simulation(private_world(spec('[[court]]\nid = "cod"\nnextgen_go_live = 2021-08-16T10:00:00\n')))
    with sim.ctx() as ctx:
        court = ctx.court("cod")
        assert court.nextgen_go_live == datetime(2021, 8, 16, 16, 0, tzinfo=UTC)
        assert courts.generation(court, ctx.now) == "legacy"  # 09:00 MDT
        world.set_clock(ctx, datetime(2021, 8, 16, 10, 0, tzinfo=DENVER))
        assert courts.generation(court, ctx.now) == "nextgen"


@pytest.mark.parametrize("settings, words", [
    ('display_zone = "Nowhere/Zone"', "display_zone 'Nowhere/Zone' is not a time zone"),
    ('display_zone = ""', "display_zone '' is not a time zone"),
    ("lockout_attempts = 0", "lockout_attempts must be at least 1"),
    ("lockout_minutes = -5", "lockout_minutes must be at least 1"),
    ("password_rotation_days = 0", "password_rotation_days must be at least 1"),
])
def test_settings_problems(settings, words):
    error = load_error(f"[settings]\n{settings}\n" + PEOPLE)
    assert error.where == "[settings]"
    assert words in error.problem


def test_two_pacer_accounts_with_one_account_number():
    second = '\n[[pacer_account]]\nusername = "asmith2016"\npassword = "x"\nname = "Al Smith"\naccount_number = "{}"\n'
    error = load_error(PEOPLE.replace('created = 2016-06-06', 'created = 2016-06-06\naccount_number = "1234567"')
                       + second.format("1234567"))
    assert error.where == "[[pacer_account]] 2 (asmith2016)"
    assert error.problem == "another [[pacer_account]] has this account_number"


def test_one_court_twice():
    error = load_error(PEOPLE + '\n[[court]]\nid = "cod"\nmax_pdf_mb = 10\n')
    assert error.where == "[[court]] 2 (cod)"
    assert error.problem == "another [[court]] has this id"
