"""Accounts in the core: the upgrade's person page, mailboxes, and which refusal comes first (SPEC §4,
"When several things are wrong") for filing agents and e-file registration."""

from __future__ import annotations

import pytest
from core_worlds import refused, run, world_sim
from test_core_signon import make_sim

from simulator.core import accounts, agents, mail, registration, signon
from simulator.core.context import Simulation
from simulator.core.errors import Code

LEAP_DAY = "2024-02-29T09:00:00-07:00"


@pytest.mark.parametrize("born", ["2006-02-28", "1980-04-15", "2004-02-29"])
def test_eighteen_or_older_on_a_leap_day_is_accepted(born):
    assert str(run(make_sim(LEAP_DAY), accounts.check_person, born)) == born


@pytest.mark.parametrize("born", ["2006-03-01", "2024-02-29", "2010-01-01"])
def test_under_eighteen_on_a_leap_day_is_refused_with_the_reason(born):
    error = refused(make_sim(LEAP_DAY), accounts.check_person, born)
    assert error.code == Code.INVALID_INPUT
    assert "at least 18 years ago" in error.message


def test_eighteenth_birthday_counts_as_eighteen():
    assert str(run(make_sim("2021-07-15T09:00:00-06:00"), accounts.check_person, "2003-07-15")) == "2003-07-15"


def test_a_mailbox_is_found_by_the_username_in_any_case():
    sim = make_sim()
    address = run(sim, mail.address_of, "jdoe2016")
    assert "@" in address
    assert run(sim, mail.address_of, " JDoe2016 ") == address
    assert run(sim, mail.address_of, "Someone@Example.com") == "someone@example.com"


AGENTS_WORLD = """
[[court]]
id = "cod"

[[court]]
id = "mowd"

[[pacer_account]]
username = "lold2010"
password = "Training#Old2010"
name = "Lee Old"
created = 2010-05-05

[[ecf_account]]
court = "cod"
login = "aclerk"
password = "AgentLogin1"
name = "Ann Clerk"
role = "filing_agent"
"""


def agents_sim() -> Simulation:
    return world_sim(AGENTS_WORLD, "2021-07-15T09:00:00-06:00")  # cod legacy, mowd NextGen


def test_a_legacy_court_has_no_add_filing_agent_page_whoever_asks():
    sim = agents_sim()
    run(sim, signon.ecf_login, "cod", "aclerk", "AgentLogin1")
    assert refused(sim, agents.add_filing_agent, "cod", "someone").code == Code.NOT_NEXTGEN


def test_registration_refuses_the_account_before_the_role_typed():
    sim = agents_sim()
    run(sim, signon.pacer_login, "lold2010", "Training#Old2010")
    assert refused(sim, registration.request_registration, "mowd", "wizard").code == Code.LEGACY_ACCOUNT
