"""Navigation (SPEC §4): visit at legacy, NextGen and unavailable courts; where pacer_login lands;
logout; court-issued sessions after go-live; NOT_SIGNED_IN leading to the right login page."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


from core_worlds import refused, run, world_sim
from simulator.core import agents, checks, filing, linking, signon, world
from simulator.core.context import Simulation
from simulator.core.errors import Code

DENVER = ZoneInfo("America/Denver")
BEFORE = "2021-07-15T09:00:00-06:00"  # cod legacy; mowd NextGen; caed NextGen but inside a window
AFTER = "2021-08-16T09:00:00-06:00"  # cod NextGen too

WORLD = """
[[court]]
id = "cod"

[[court]]
id = "mowd"

[[court]]
id = "caed"
windows = [{ start = 2021-07-15T07:00:00, end = 2021-07-15T12:00:00, reason = "scheduled maintenance" }]

[[pacer_account]]
username = "jdoe2016"
password = "Training#Doe2016"
name = "Jane Doe"
created = 2016-06-06

[[pacer_account]]
username = "pnew2020"
password = "Training#New2020"
name = "Pat New"
created = 2020-02-02

[[ecf_account]]
court = "cod"
login = "jdoe"
password = "ColoLogin1"
name = "Jane Doe"
role = "attorney"

[[ecf_account]]
court = "mowd"
login = "jdoemo"
name = "Jane Doe"
role = "attorney"
linked_to = "jdoe2016"

[[case]]
court = "cod"
number = "1:21-cv-01234"
title = "Doe v. Acme Corp."
attorneys = ["jdoe"]
"""

DISTRICT_FILING = ["Civil", "Criminal", "Query", "Reports", "Utilities", "Help", "Log Out"]
NO_FILING = ["Query", "Reports", "Utilities", "Help", "Log Out"]


def make_sim(start: str = BEFORE) -> Simulation:
    return world_sim(WORLD, start)


def where(sim: Simulation) -> tuple[str, str | None]:
    with sim.ctx() as ctx:
        return ctx.browser.location, ctx.browser.court_id


def pacer_in(sim: Simulation, username: str = "jdoe2016", password: str = "Training#Doe2016"):
    return run(sim, signon.pacer_login, username, password)


def cod_in(sim: Simulation):
    return run(sim, signon.ecf_login, "cod", "jdoe", "ColoLogin1")


# --- visit ---------------------------------------------------------------------------------------

def test_visit_legacy_court_signed_out_shows_its_login_page():
    sim = make_sim()
    outcome = run(sim, signon.visit, "cod")
    assert where(sim) == ("court.login", "cod")
    assert "menu" not in outcome.fields


def test_visit_nextgen_court_signed_out_sends_to_pacer_login():
    sim = make_sim()
    outcome = run(sim, signon.visit, "mowd")
    assert where(sim)[0] == "pacer.login"
    assert "PACER" in outcome.message
    with sim.ctx() as ctx:
        assert ctx.browser.return_to == "mowd"


def test_visit_court_inside_a_window_is_unavailable_until_its_end():
    sim = make_sim()
    error = refused(sim, signon.visit, "caed")
    assert error.code == Code.COURT_UNAVAILABLE
    assert where(sim) == ("court.unavailable", "caed")
    assert "scheduled maintenance" in error.message
    assert "12:00 PM PDT" in error.message  # when it ends, in the court's time
    run(sim, world.advance_clock, to=datetime(2021, 7, 15, 12, 59, tzinfo=DENVER))
    assert refused(sim, signon.visit, "caed").code == Code.COURT_UNAVAILABLE
    run(sim, world.advance_clock, by="1m")  # 12:00 PDT: the window's end is available again
    run(sim, signon.visit, "caed")
    assert where(sim)[0] == "pacer.login"


def test_pacer_stays_up_while_a_court_is_unavailable():
    sim = make_sim()
    refused(sim, signon.visit, "caed")
    pacer_in(sim)
    assert where(sim)[0] == "pacer.account"


def test_visit_legacy_court_signed_in_shows_its_filing_menus():
    sim = make_sim()
    outcome = cod_in(sim)
    assert where(sim) == ("court.menu", "cod")
    assert outcome.fields["menu"] == DISTRICT_FILING
    run(sim, signon.go_home)
    outcome = run(sim, signon.visit, "cod")
    assert where(sim) == ("court.menu", "cod")
    assert outcome.fields["menu"] == DISTRICT_FILING


def test_visit_unknown_court():
    sim = make_sim()
    run(sim, signon.visit, "mowd")
    error = refused(sim, signon.visit, "zzz")
    assert error.code == Code.NOT_FOUND
    assert "cod" in error.message and "mowd" in error.message  # lists the courts
    assert where(sim)[0] == "home"


# --- pacer_login -----------------------------------------------------------------------------------

def test_pacer_login_returns_to_the_court_that_sent_the_learner():
    sim = make_sim()
    run(sim, signon.visit, "mowd")
    outcome = pacer_in(sim)
    assert where(sim) == ("court.menu", "mowd")
    assert outcome.fields["menu"] == DISTRICT_FILING


def test_pacer_login_without_a_court_lands_at_manage_my_account():
    sim = make_sim()
    outcome = pacer_in(sim)
    assert where(sim) == ("pacer.account", None)
    assert "menu" not in outcome.fields


def test_pacer_login_after_leaving_the_sign_in_flow_lands_at_manage_my_account():
    sim = make_sim(AFTER)
    run(sim, signon.visit, "cod")
    assert where(sim)[0] == "pacer.login"
    run(sim, signon.go_home)
    pacer_in(sim)
    assert where(sim) == ("pacer.account", None)


def test_pacer_login_after_a_failed_attempt_still_returns_to_the_court():
    sim = make_sim(AFTER)
    run(sim, signon.visit, "cod")
    assert refused(sim, signon.pacer_login, "jdoe2016", "wrong").code == Code.BAD_CREDENTIALS
    assert where(sim)[0] == "pacer.login"
    pacer_in(sim)
    assert where(sim) == ("court.menu", "cod")


def test_pacer_login_returns_to_the_last_court_visited():
    sim = make_sim(AFTER)
    run(sim, signon.visit, "cod")
    run(sim, signon.visit, "mowd")
    pacer_in(sim)
    assert where(sim) == ("court.menu", "mowd")


def test_one_sign_on_serves_every_nextgen_court():
    sim = make_sim(AFTER)
    run(sim, signon.visit, "mowd")
    pacer_in(sim)
    outcome = run(sim, signon.visit, "cod")
    assert where(sim) == ("court.menu", "cod")
    assert outcome.fields["menu"] == NO_FILING  # not linked at cod (R15, R17)
    run(sim, signon.visit, "caed")
    assert where(sim) == ("court.menu", "caed")


def test_nextgen_menu_without_filing_access():
    sim = make_sim()
    run(sim, signon.visit, "mowd")
    outcome = pacer_in(sim, "pnew2020", "Training#New2020")
    assert where(sim) == ("court.menu", "mowd")
    assert outcome.fields["menu"] == NO_FILING


def test_pacer_sign_on_does_not_open_a_legacy_court():
    sim = make_sim()
    pacer_in(sim)
    run(sim, signon.visit, "cod")
    assert where(sim) == ("court.login", "cod")


# --- both kinds of session, and logout --------------------------------------------------------------

def test_court_login_and_pacer_sign_on_coexist():
    sim = make_sim()
    cod_in(sim)
    run(sim, signon.visit, "mowd")
    pacer_in(sim)
    assert where(sim) == ("court.menu", "mowd")
    assert run(sim, signon.visit, "cod").fields["menu"] == DISTRICT_FILING
    assert where(sim) == ("court.menu", "cod")
    assert run(sim, signon.visit, "mowd").fields["menu"] == DISTRICT_FILING
    # and in the other order: a court login keeps the PACER sign-on
    cod_in(sim)
    run(sim, signon.visit, "mowd")
    assert where(sim) == ("court.menu", "mowd")


def test_logout_ends_both_kinds_of_session():
    sim = make_sim()
    cod_in(sim)
    pacer_in(sim)
    run(sim, signon.logout)
    assert where(sim)[0] == "home"
    run(sim, signon.visit, "cod")
    assert where(sim) == ("court.login", "cod")
    run(sim, signon.visit, "mowd")
    assert where(sim)[0] == "pacer.login"
    assert refused(sim, checks.check_menu, "cod").code == Code.NOT_SIGNED_IN
    assert refused(sim, checks.check_menu, "mowd").code == Code.NOT_SIGNED_IN


def test_logout_when_signed_out_succeeds():
    sim = make_sim()
    run(sim, signon.visit, "mowd")
    run(sim, signon.logout)
    assert where(sim)[0] == "home"
    run(sim, signon.logout)
    assert where(sim)[0] == "home"


# --- go-live and windows end court-issued sessions ---------------------------------------------------

def test_court_issued_session_stops_counting_at_go_live():
    sim = make_sim("2021-07-29T09:00:00-06:00")
    cod_in(sim)
    assert run(sim, checks.check_menu, "cod").fields["menu"] == DISTRICT_FILING
    run(sim, world.advance_clock, to=datetime(2021, 8, 2, 9, 0, tzinfo=DENVER))
    assert refused(sim, checks.check_menu, "cod").code == Code.NOT_SIGNED_IN
    run(sim, signon.visit, "cod")
    assert where(sim)[0] == "pacer.login"
    error = refused(sim, signon.ecf_login, "cod", "jdoe", "ColoLogin1")
    assert error.code == Code.USE_PACER_LOGIN
    assert where(sim) == ("court.login", "cod")
    assert "PACER" in error.message


def test_session_open_when_a_window_starts_is_refused_on_its_next_action():
    sim = make_sim("2021-07-30T11:00:00-06:00")
    cod_in(sim)
    run(sim, world.advance_clock, by="90m")  # the go-live outage began at 12:00
    error = refused(sim, filing.file, "cod", "21-1234", "motion", "sample:motion.pdf")
    assert error.code == Code.COURT_UNAVAILABLE
    assert where(sim) == ("court.unavailable", "cod")
    assert refused(sim, signon.visit, "cod").code == Code.COURT_UNAVAILABLE


# --- NOT_SIGNED_IN puts the learner on the right login page ---------------------------------------------

def test_nextgen_court_action_signed_out_goes_to_pacer_login_and_back():
    sim = make_sim(AFTER)
    error = refused(sim, linking.link_account, "cod", "jdoe", "ColoLogin1")
    assert error.code == Code.NOT_SIGNED_IN
    assert "PACER" in error.message
    assert where(sim)[0] == "pacer.login"
    with sim.ctx() as ctx:
        assert ctx.browser.return_to == "cod"
    pacer_in(sim)
    assert where(sim) == ("court.menu", "cod")
    assert run(sim, linking.link_account, "cod", "jdoe", "ColoLogin1").fields["status"] == "linked"


def test_legacy_court_action_signed_out_goes_to_its_login_page():
    sim = make_sim()
    error = refused(sim, filing.file, "cod", "21-1234", "motion", "sample:motion.pdf")
    assert error.code == Code.NOT_SIGNED_IN
    assert "issued you" in error.message
    assert where(sim) == ("court.login", "cod")
    error = refused(sim, agents.create_filing_agent, "cod", "jdoeagent", "AgentPass1", "Al Agent", "al@example.com")
    assert error.code == Code.NOT_SIGNED_IN
    assert where(sim) == ("court.login", "cod")


def test_legacy_court_action_with_only_a_pacer_sign_on_goes_to_its_login_page():
    sim = make_sim()
    pacer_in(sim)
    error = refused(sim, filing.file, "cod", "21-1234", "motion", "sample:motion.pdf")
    assert error.code == Code.NOT_SIGNED_IN
    assert where(sim) == ("court.login", "cod")


def test_nextgen_court_action_with_only_a_court_login_goes_to_pacer_login():
    sim = make_sim()
    cod_in(sim)
    error = refused(sim, filing.file, "mowd", "21-1234", "motion", "sample:motion.pdf")
    assert error.code == Code.NOT_SIGNED_IN
    assert where(sim)[0] == "pacer.login"


def test_unavailable_wins_over_not_signed_in():
    sim = make_sim()
    error = refused(sim, linking.link_account, "caed", "x", "y")
    assert error.code == Code.COURT_UNAVAILABLE
    assert where(sim) == ("court.unavailable", "caed")
