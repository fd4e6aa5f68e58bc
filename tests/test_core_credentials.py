"""Password rules (R7) and lockout (R10), for PACER accounts and court-issued logins."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core_worlds import refused, run, world_sim
from simulator.core import accounts, checks, credentials, signon, world
from simulator.core.context import Simulation
from simulator.core.credentials import password_problems
from simulator.core.errors import Code, SimError

OLD = date(2025, 8, 24)
NEW = date(2025, 8, 25)

LENGTH_OLD = "be at least 8 characters long"
LETTER = "contain a letter"
DIGIT_OR_SYMBOL = "contain a digit or a symbol"
LENGTH_NEW = "be 14 to 45 characters long"
LOWER = "contain a lower-case letter"
UPPER = "contain an upper-case letter"
SPECIAL = "contain a special character such as ! # $ %"


# --- password_problems ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("password", "problems"),
    [
        ("abcdefg1", []),
        ("abcdefg!", []),
        ("ABCDEFGH1", []),
        ("abcdef1", [LENGTH_OLD]),
        ("abcdefgh", [DIGIT_OR_SYMBOL]),
        ("12345678", [LETTER]),
        ("!!!!!!!!", [LETTER]),
        ("", [LENGTH_OLD, LETTER, DIGIT_OR_SYMBOL]),
        ("ab1", [LENGTH_OLD]),
    ],
)
def test_policy_before_2025_08_25(password, problems):
    assert password_problems(password, OLD) == problems


def test_old_policy_ignores_personal_details():
    assert password_problems("janedoe1", OLD, name="Jane Doe", username="janedoe", email="jane@example.com") == []


@pytest.mark.parametrize(
    ("password", "problems"),
    [
        ("Abcdefghijklm!", []),  # 14
        ("Abcdefghijkl!", [LENGTH_NEW]),  # 13
        ("A!" + "b" * 43, []),  # 45
        ("A!" + "b" * 44, [LENGTH_NEW]),  # 46
        ("abcdefghijklm!", [UPPER]),
        ("ABCDEFGHIJKLM!", [LOWER]),
        ("Abcdefghijklmn1", [SPECIAL]),
        ("abcdefg1", [LENGTH_NEW, UPPER, SPECIAL]),
        ("", [LENGTH_NEW, LOWER, UPPER, SPECIAL]),
    ],
)
def test_policy_from_2025_08_25(password, problems):
    assert password_problems(password, NEW) == problems


def test_policy_after_the_change_date_too():
    assert password_problems("abcdefg1", date(2030, 1, 1)) == [LENGTH_NEW, UPPER, SPECIAL]


PERSON = {"name": "Jane Doe", "username": "jdoe2021", "email": "jane.q@example.com"}


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("Xx#JANExxxxxxxx", "not contain your first name"),
        ("Xx#jAnExxxxxxxx", "not contain your first name"),
        ("Xx#xxxxDoExxxxx", "not contain your last name"),
        ("Xx#JDOE2021xxxxx", "not contain your username"),
        ("Xx#Jane.Q@Example.comX", "not contain your email address"),
        ("Xx#JANE.Qxxxxxxx", "not contain your email address"),
    ],
)
def test_new_policy_refuses_personal_details_case_insensitively(password, problem):
    problems = password_problems(password, NEW, **PERSON)
    assert problem in problems
    assert password_problems(password, OLD, **PERSON) == []


def test_new_policy_lists_every_unmet_rule_once():
    problems = password_problems("jdoe2021", NEW, **PERSON)
    assert problems[:3] == [LENGTH_NEW, UPPER, SPECIAL]
    assert "not contain your username" in problems
    assert "not contain your last name" in problems
    assert len(problems) == len(set(problems))


def test_new_policy_accepts_a_password_without_personal_details():
    assert password_problems("Blue-Harbor-Lantern-7", NEW, **PERSON) == []


# --- the policy where passwords are set ------------------------------------------------------------

make_sim = world_sim


def test_registration_before_the_change_uses_the_old_rules():
    sim = make_sim('[[court]]\nid = "mowd"\n', "2025-08-24T12:00:00-05:00")
    assert run(sim, accounts.register_pacer_account, "newfiler1", "abcdefg1", "New Filer", "nf@example.com").fields["account_number"]
    error = refused(sim, accounts.register_pacer_account, "newfiler2", "abcdefgh", "New Filer", "nf2@example.com")
    assert error.code == Code.PASSWORD_POLICY
    assert DIGIT_OR_SYMBOL in error.message


def test_registration_from_the_change_lists_each_unmet_rule():
    sim = make_sim('[[court]]\nid = "mowd"\n', "2025-08-25T12:00:00-05:00")
    error = refused(sim, accounts.register_pacer_account, "newfiler1", "abcdefg1", "New Filer", "nf@example.com")
    assert error.code == Code.PASSWORD_POLICY
    for rule in (LENGTH_NEW, UPPER, SPECIAL):
        assert rule in error.message
    error = refused(sim, accounts.register_pacer_account, "newfiler1", "Xx#NEWFILER1xxxx", "New Filer", "nf@example.com")
    assert error.code == Code.PASSWORD_POLICY and "your username" in error.message
    assert run(sim, accounts.register_pacer_account, "newfiler1", "Blue-Harbor-Lantern-7", "New Filer", "nf@example.com")


def test_world_declared_accounts_skip_the_policy():
    body = '[[court]]\nid = "mowd"\n\n[[pacer_account]]\nusername = "shorty"\npassword = "abc"\nname = "Sam Short"\n'
    sim = make_sim(body, "2026-01-05T09:00:00-06:00")
    outcome = run(sim, signon.pacer_login, "shorty", "abc")
    assert "Signed in" in outcome.message


# --- lockout -----------------------------------------------------------------------------------

LOCK_WORLD = """
[[court]]
id = "cod"

[[court]]
id = "caed"

[[pacer_account]]
username = "jdoe2016"
password = "Training#Doe2016"
name = "Jane Doe"
created = 2016-06-06

[[pacer_account]]
username = "rroe2016"
password = "Training#Roe2016"
name = "Rick Roe"
created = 2016-06-06

[[ecf_account]]
court = "cod"
login = "jdoe"
password = "ColoLogin1"
name = "Jane Doe"
role = "attorney"

[[ecf_account]]
court = "caed"
login = "jdoe"
password = "CaliLogin1"
name = "Jane Doe"
role = "attorney"
"""
START = "2021-06-01T09:00:00-06:00"  # cod and caed are legacy; 09:00 MDT is 10:00 CDT


def lock_sim(settings: str = "") -> Simulation:
    return make_sim(settings + LOCK_WORLD, START)


def advance(sim: Simulation, by: str) -> None:
    run(sim, world.advance_clock, by=by)


def pacer_fail(sim: Simulation, times: int, username: str = "jdoe2016") -> list[SimError]:
    return [refused(sim, signon.pacer_login, username, f"wrong{i}") for i in range(times)]


def pacer_ok(sim: Simulation, username: str = "jdoe2016", password: str = "Training#Doe2016"):
    outcome = run(sim, signon.pacer_login, username, password)
    run(sim, signon.logout)
    return outcome


def locked(sim: Simulation, username: str = "jdoe2016") -> bool:
    return run(sim, checks.check_account, username).fields["locked"]


def test_five_failures_lock_for_thirty_minutes():
    sim = lock_sim()
    errors = pacer_fail(sim, 5)
    assert [e.code for e in errors] == [Code.BAD_CREDENTIALS] * 5
    assert "4 attempts left" in errors[0].message
    assert "1 attempt left" in errors[3].message
    assert locked(sim)
    error = refused(sim, signon.pacer_login, "jdoe2016", "Training#Doe2016")
    assert error.code == Code.ACCOUNT_LOCKED
    assert "10:30 AM CDT" in error.message  # says when it unlocks (world display zone: Central)
    advance(sim, "29m")
    assert refused(sim, signon.pacer_login, "jdoe2016", "Training#Doe2016").code == Code.ACCOUNT_LOCKED
    advance(sim, "1m")
    assert not locked(sim)
    assert "Signed in" in pacer_ok(sim).message


def test_four_failures_do_not_lock():
    sim = lock_sim()
    pacer_fail(sim, 4)
    assert not locked(sim)
    assert "Signed in" in pacer_ok(sim).message


def test_lock_message_uses_the_court_zone_when_signing_in_for_a_court():
    sim = lock_sim()
    for i in range(5):
        refused(sim, signon.ecf_login, "cod", "jdoe", f"wrong{i}")
    error = refused(sim, signon.ecf_login, "cod", "jdoe", "ColoLogin1")
    assert error.code == Code.ACCOUNT_LOCKED
    assert "9:30 AM MDT" in error.message


def test_attempts_during_a_lock_neither_count_nor_extend_it():
    sim = lock_sim()
    pacer_fail(sim, 5)
    advance(sim, "20m")
    during = pacer_fail(sim, 6)
    assert all(e.code == Code.ACCOUNT_LOCKED for e in during)
    assert all("10:30 AM" in e.message for e in during)
    advance(sim, "10m")
    assert not locked(sim)
    # had the attempts during the lock counted, four more failures would lock again
    assert [e.code for e in pacer_fail(sim, 4)] == [Code.BAD_CREDENTIALS] * 4
    assert not locked(sim)
    assert "Signed in" in pacer_ok(sim).message


def test_a_success_resets_the_count():
    sim = lock_sim()
    pacer_fail(sim, 4)
    pacer_ok(sim)
    errors = pacer_fail(sim, 4)
    assert "4 attempts left" in errors[0].message
    assert not locked(sim)
    pacer_ok(sim)


def test_lockout_settings_change_count_and_time():
    sim = lock_sim("[settings]\nlockout_attempts = 3\nlockout_minutes = 10\n")
    errors = pacer_fail(sim, 3)
    assert "2 attempts left" in errors[0].message and "10 minutes" in errors[0].message
    assert locked(sim)
    error = refused(sim, signon.pacer_login, "jdoe2016", "Training#Doe2016")
    assert error.code == Code.ACCOUNT_LOCKED and "10:10 AM" in error.message
    assert "3 failed" in error.message
    advance(sim, "9m")
    assert locked(sim)
    advance(sim, "1m")
    pacer_ok(sim)


def test_pacer_accounts_are_counted_one_by_one():
    sim = lock_sim()
    pacer_fail(sim, 5, "jdoe2016")
    assert locked(sim, "jdoe2016")
    assert not locked(sim, "rroe2016")
    pacer_ok(sim, "rroe2016", "Training#Roe2016")


def test_court_logins_are_counted_apart_from_pacer_accounts():
    sim = lock_sim()
    errors = [refused(sim, signon.ecf_login, "cod", "jdoe", f"wrong{i}") for i in range(5)]
    assert [e.code for e in errors] == [Code.BAD_CREDENTIALS] * 5
    assert "Invalid ID or password" in errors[0].message
    assert refused(sim, signon.ecf_login, "cod", "jdoe", "ColoLogin1").code == Code.ACCOUNT_LOCKED
    # the person's PACER account and their login at another court are unaffected
    assert not locked(sim)
    pacer_ok(sim)
    assert run(sim, signon.ecf_login, "caed", "jdoe", "CaliLogin1").fields["menu"]
    advance(sim, "30m")
    assert run(sim, signon.ecf_login, "cod", "jdoe", "ColoLogin1").fields["menu"]


def test_pacer_failures_do_not_count_toward_a_court_login():
    sim = lock_sim()
    pacer_fail(sim, 5)
    assert locked(sim)
    assert run(sim, signon.ecf_login, "cod", "jdoe", "ColoLogin1").fields["menu"]


def test_court_login_lock_and_success_reset():
    sim = lock_sim()
    for i in range(4):
        refused(sim, signon.ecf_login, "cod", "jdoe", f"wrong{i}")
    run(sim, signon.ecf_login, "cod", "jdoe", "ColoLogin1")
    errors = [refused(sim, signon.ecf_login, "cod", "jdoe", f"again{i}") for i in range(4)]
    assert all(e.code == Code.BAD_CREDENTIALS for e in errors)
    assert run(sim, signon.ecf_login, "cod", "jdoe", "ColoLogin1").fields["menu"]


def test_record_failure_and_locked_until_directly():
    sim = lock_sim()
    with sim.ctx() as ctx:
        account = credentials.find_pacer(ctx, "JDOE2016")  # usernames are not case-sensitive
        assert account is not None
        for _ in range(5):
            credentials.record_failure(ctx, account)
        until = credentials.locked_until(ctx, account)
        assert until == ctx.now + timedelta(minutes=30)
        credentials.record_failure(ctx, account)
        assert credentials.locked_until(ctx, account) == until
        assert account.failed_attempts == 0


def test_link_wizard_failures_lock_the_court_login_not_the_pacer_account():
    from simulator.core import linking

    sim = make_sim(LOCK_WORLD, "2021-08-16T09:00:00-06:00")  # cod is on NextGen: the link asks for the old login
    run(sim, signon.visit, "cod")
    run(sim, signon.pacer_login, "jdoe2016", "Training#Doe2016")
    errors = [refused(sim, linking.link_account, "cod", "jdoe", f"wrong{i}") for i in range(5)]
    assert [e.code for e in errors] == [Code.BAD_CREDENTIALS] * 5
    error = refused(sim, linking.link_account, "cod", "jdoe", "ColoLogin1")
    assert error.code == Code.ACCOUNT_LOCKED
    assert not locked(sim)
    run(sim, world.advance_clock, by="30m")
    assert run(sim, linking.link_account, "cod", "jdoe", "ColoLogin1").fields["status"] == "linked"


UPGRADE_WORLD = """
[[court]]
id = "mowd"

[[pacer_account]]
username = "oldtimer"
password = "old-pass-1"
name = "Olive Timer"
email = "olive@example.com"
created = 2010-03-03
"""


def test_upgrade_from_2025_08_25_applies_the_new_policy():
    sim = make_sim(UPGRADE_WORLD, "2025-09-02T09:00:00-05:00")
    run(sim, signon.pacer_login, "oldtimer", "old-pass-1")
    error = refused(sim, accounts.upgrade_account, date(1970, 1, 1), "Jackson", "otimer2025", "short1!")
    assert error.code == Code.PASSWORD_POLICY
    assert LENGTH_NEW in error.message and UPPER in error.message
    error = refused(sim, accounts.upgrade_account, date(1970, 1, 1), "Jackson", "otimer2025", "Xx#OTIMER2025-long")
    assert error.code == Code.PASSWORD_POLICY and "your username" in error.message
    error = refused(sim, accounts.upgrade_account, date(1970, 1, 1), "Jackson", "otimer2025", "Xx#olive-is-here!")
    assert error.code == Code.PASSWORD_POLICY and "your first name" in error.message
    outcome = run(sim, accounts.upgrade_account, date(1970, 1, 1), "Jackson", "otimer2025", "Blue-Harbor-Lantern-7")
    assert outcome.fields["type"] == "upgraded"


def test_change_password_applies_the_policy_of_the_day():
    body = UPGRADE_WORLD.replace('username = "oldtimer"', 'username = "otimer2019"').replace("created = 2010-03-03", "created = 2019-03-03")
    sim = make_sim(body, "2025-08-24T09:00:00-05:00")
    run(sim, signon.pacer_login, "otimer2019", "old-pass-1")
    run(sim, accounts.change_password, "old-pass-1", "new-pass-2")  # the old rules
    run(sim, world.advance_clock, by="1d")
    error = refused(sim, accounts.change_password, "new-pass-2", "new-pass-3")
    assert error.code == Code.PASSWORD_POLICY
    assert "2025 PACER password standard" in error.message
    run(sim, accounts.change_password, "new-pass-2", "Blue-Harbor-Lantern-7")
