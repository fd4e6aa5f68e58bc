"""Security details of sign-in (issue 11): a stranger cannot tell a real username from an unknown one,
guessing the current password in Change Password counts towards the lockout, and security answers are
kept hashed like passwords."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from core_worlds import refused, run
from simulator.core import accounts, checks, linking, security, signon
from simulator.core.errors import Code
from simulator.core.models import PacerAccount
from test_core_credentials import UPGRADE_WORLD, lock_sim, make_sim



@pytest.mark.parametrize("attempt", range(1, 7))
def test_an_unknown_username_is_answered_exactly_as_a_wrong_password(attempt):
    sim = lock_sim()
    real = [refused(sim, signon.pacer_login, "jdoe2016", f"wrong{i}") for i in range(attempt)][-1]
    unknown = [refused(sim, signon.pacer_login, "nobody2016", f"wrong{i}") for i in range(attempt)][-1]
    assert (unknown.code, unknown.message) == (real.code, real.message)
    assert unknown.code == (Code.ACCOUNT_LOCKED if attempt == 6 else Code.BAD_CREDENTIALS)  # five failures lock


def test_an_unknown_username_costs_one_password_hash_like_a_real_one(monkeypatch):
    """The timing guard: both paths verify one hash (argon2's time), neither answers without it."""
    checked = []
    real_verify = security.verify_password
    monkeypatch.setattr(security, "verify_password", lambda stored, password: checked.append(stored) or real_verify(stored, password))
    monkeypatch.setattr("simulator.core.credentials.verify_password", security.verify_password)
    sim = lock_sim()
    refused(sim, signon.pacer_login, "jdoe2016", "wrong")
    refused(sim, signon.pacer_login, "nobody2016", "wrong")
    refused(sim, signon.ecf_login, "cod", "nobody", "wrong")
    assert len(checked) == 3 and checked[0] is not None and checked[1] is None and checked[2] is None


def test_an_unknown_court_login_and_link_login_count_and_lock_like_real_ones():
    sim = lock_sim()
    errors = [refused(sim, signon.ecf_login, "cod", "ghost", f"wrong{i}") for i in range(6)]
    assert "4 attempts left" in errors[0].message and errors[-1].code == Code.ACCOUNT_LOCKED
    assert refused(sim, signon.ecf_login, "cod", "jdoe", "wrong").code == Code.BAD_CREDENTIALS  # the real one is not locked
    assert "4 attempts left" in refused(sim, signon.ecf_login, "caed", "ghost", "wrong").message  # one court at a time


def test_wrong_current_passwords_in_change_password_count_towards_the_lockout():
    sim = lock_sim()
    run(sim, signon.pacer_login, "jdoe2016", "Training#Doe2016")
    first = refused(sim, accounts.change_password, "wrong", "Blue-Harbor-Lantern-7")
    assert first.code == Code.BAD_CREDENTIALS and "4 attempts left" in first.message
    for _ in range(4):
        refused(sim, accounts.change_password, "wrong", "Blue-Harbor-Lantern-7")
    assert run(sim, checks.check_account, "jdoe2016").fields["locked"] is True
    assert refused(sim, accounts.change_password, "Training#Doe2016", "Blue-Harbor-Lantern-7").code == Code.ACCOUNT_LOCKED


def test_security_answers_are_kept_hashed_not_in_clear():
    sim = make_sim(UPGRADE_WORLD, "2021-09-02T09:00:00-05:00")
    run(sim, signon.pacer_login, "oldtimer", "old-pass-1")
    run(sim, accounts.upgrade_account, date(1970, 1, 1), "Jackson", "otimer2021", "Blue-Harbor-7",
        [["Name of your first pet?", "  Rex  the DOG "]])
    with sim.ctx() as ctx:
        stored = ctx.db.exec(select(PacerAccount).where(PacerAccount.username == "otimer2021")).one().security_questions
    (question, kept), = stored
    assert question == "Name of your first pet?"
    assert "rex" not in kept.lower() and kept.startswith("$argon2")
    assert security.verify_password(kept, "rex the dog")  # case and spacing do not matter


def test_a_link_with_an_unknown_court_login_is_refused_alike():
    sim = make_sim('[[court]]\nid = "cod"\nnextgen_go_live = 2021-01-01T00:00:00\n'
                   '[[pacer_account]]\nusername = "jdoe2016"\npassword = "Training#Doe2016"\nname = "Jane Doe"\n'
                   '[[ecf_account]]\ncourt = "cod"\nlogin = "jdoe"\npassword = "ColoLogin1"\nname = "Jane Doe"\n'
                   'role = "attorney"\n', "2021-06-01T09:00:00-06:00")
    run(sim, signon.pacer_login, "jdoe2016", "Training#Doe2016")
    real = refused(sim, linking.link_account, "cod", "jdoe", "wrong")
    unknown = refused(sim, linking.link_account, "cod", "ghost", "wrong")
    assert (unknown.code, unknown.message) == (real.code, real.message)
