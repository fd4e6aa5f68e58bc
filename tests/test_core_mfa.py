"""Multi-factor authentication (R9): TOTP at the simulated time, single-use backup codes, enrolment
dates, and the 2025-12-31 requirement for filers (three skips, then User Update Required)."""

from __future__ import annotations

import os
import re
from datetime import timedelta

import pyotp
import pytest
from cryptography.fernet import Fernet

from core_worlds import refused, run, world_sim
from simulator.core import accounts, checks, db, mfa, places, sealing, signon, world
from simulator.core.context import Simulation
from simulator.core.credentials import find_pacer
from simulator.core.errors import Code

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"

ACCOUNTS = f"""
[[court]]
id = "mowb"

[[court]]
id = "mowd"

[[pacer_account]]
username = "abaker2019"
password = "Training#Baker2019!"
name = "Alex Baker"
created = 2019-01-07

[[pacer_account]]
username = "cwong2020"
password = "Training#Wong2020!"
name = "Chris Wong"
created = 2020-02-02
mfa_secret = "{SECRET}"

[[pacer_account]]
username = "rortiz2018"
password = "Training#Ortiz2018!"
name = "Rosa Ortiz"
created = 2018-05-05

[[ecf_account]]
court = "mowb"
login = "rortiz"
name = "Rosa Ortiz"
role = "trustee"
linked_to = "rortiz2018"
"""

FILING_MENU = ["Bankruptcy", "Adversary", "Query", "Reports", "Utilities", "Help", "Log Out"]


def make_sim(start: str) -> Simulation:
    return world_sim(ACCOUNTS, start)


def location(sim: Simulation) -> str:
    with sim.ctx() as ctx:
        return ctx.browser.location


def code_at(sim: Simulation, offset_seconds: int, secret: str = SECRET) -> str:
    with sim.ctx() as ctx:
        return pyotp.TOTP(secret).at(ctx.now + timedelta(seconds=offset_seconds))


# --- TOTP at the simulated time --------------------------------------------------------------------

START = "2025-06-02T09:00:00-05:00"  # on a 30-second step boundary


def accepts(sim: Simulation, code: str, username: str = "cwong2020") -> bool:
    with sim.ctx() as ctx:
        return mfa.accept_code(ctx, find_pacer(ctx, username), code)


@pytest.mark.parametrize("offset", [0, 29, -30, 30, 59])
def test_totp_accepted_within_one_step(offset):
    sim = make_sim(START)
    assert accepts(sim, code_at(sim, offset))


@pytest.mark.parametrize("offset", [-61, -90, 60, 90, 3600, -86400])
def test_totp_rejected_outside_one_step(offset):
    sim = make_sim(START)
    code = code_at(sim, offset)
    assert code not in {code_at(sim, -30), code_at(sim, 0), code_at(sim, 30)}  # no coincidence
    assert not accepts(sim, code)


def test_totp_follows_the_simulated_clock_not_the_wall_clock():
    sim = make_sim(START)
    earlier = code_at(sim, 0)
    run(sim, world.advance_clock, by="1d")
    assert earlier not in {code_at(sim, d) for d in (-30, 0, 30)}
    assert not accepts(sim, earlier)
    assert accepts(sim, code_at(sim, 0))
    with sim.ctx() as ctx:
        assert mfa.current_code(ctx, SECRET) == pyotp.TOTP(SECRET).at(ctx.now)


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef"])
def test_malformed_codes_rejected(code):
    assert not accepts(make_sim(START), code)


def test_not_enrolled_account_accepts_no_code():
    sim = make_sim(START)
    assert not accepts(sim, code_at(sim, 0), "abaker2019")


def test_sign_in_with_totp():
    sim = make_sim(START)
    error = refused(sim, signon.pacer_login, "cwong2020", "Training#Wong2020!")
    assert error.code == Code.MFA_REQUIRED and location(sim) == "pacer.mfa"
    wrong = next(c for c in ("000000", "111111", "222222") if c not in {code_at(sim, d) for d in (-30, 0, 30)})
    error = refused(sim, signon.pacer_login, "cwong2020", "Training#Wong2020!", otp=wrong)
    assert error.code == Code.BAD_OTP
    assert "4 attempts left" in error.message  # a wrong code counts as a failed sign-in
    assert location(sim) == "pacer.mfa"
    outcome = run(sim, signon.pacer_login, "cwong2020", "Training#Wong2020!", otp=code_at(sim, 0))
    assert "Signed in" in outcome.message and location(sim) == "pacer.account"


def wrong_codes(sim: Simulation, n: int) -> list[str]:
    good = {code_at(sim, d) for d in (-30, 0, 30)}
    return [c for c in ("000000", "111111", "222222", "333333", "444444", "555555", "666666", "777777") if c not in good][:n]


def test_five_wrong_codes_on_the_code_page_lock_the_account():
    sim = make_sim(START)
    refused(sim, signon.pacer_login, "cwong2020", "Training#Wong2020!")
    errors = [refused(sim, signon.submit_otp, code) for code in wrong_codes(sim, 5)]
    assert [e.code for e in errors] == [Code.BAD_OTP] * 5
    assert "1 attempt left" in errors[3].message
    assert run(sim, checks.check_account, "cwong2020").fields["locked"]


def test_five_sign_ins_with_wrong_codes_lock_the_account():
    """Each pacer_login with a right password and a wrong code is a failed sign-in (R9), so five in a
    row lock the account (R10)."""
    sim = make_sim(START)
    errors = [
        refused(sim, signon.pacer_login, "cwong2020", "Training#Wong2020!", otp=code) for code in wrong_codes(sim, 5)
    ]
    assert [e.code for e in errors] == [Code.BAD_OTP] * 5
    assert "1 attempt left" in errors[3].message
    assert run(sim, checks.check_account, "cwong2020").fields["locked"]
    error = refused(sim, signon.pacer_login, "cwong2020", "Training#Wong2020!", otp=code_at(sim, 0))
    assert error.code == Code.ACCOUNT_LOCKED


# --- enrolment and backup codes -------------------------------------------------------------------

def enroll(sim: Simulation, username: str = "abaker2019", password: str = "Training#Baker2019!"):
    run(sim, signon.pacer_login, username, password)
    return run(sim, accounts.enroll_mfa)


def test_enrol_gives_secret_and_ten_backup_codes():
    sim = make_sim(START)
    outcome = enroll(sim)
    secret, codes = outcome.fields["secret"], outcome.fields["backup_codes"]
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert run(sim, checks.check_account, "abaker2019").fields["mfa"] is True
    assert location(sim) == "pacer.account"
    run(sim, signon.logout)
    assert refused(sim, signon.pacer_login, "abaker2019", "Training#Baker2019!").code == Code.MFA_REQUIRED
    assert run(sim, signon.pacer_login, "abaker2019", "Training#Baker2019!", otp=code_at(sim, 0, secret))


def test_backup_codes_are_single_use():
    sim = make_sim(START)
    codes = enroll(sim).fields["backup_codes"]
    run(sim, signon.logout)
    with sim.ctx() as ctx:
        assert mfa.backup_codes_left(ctx, find_pacer(ctx, "abaker2019")) == 10
    run(sim, signon.pacer_login, "abaker2019", "Training#Baker2019!", otp=codes[0])
    assert location(sim) == "pacer.account"
    run(sim, signon.logout)
    error = refused(sim, signon.pacer_login, "abaker2019", "Training#Baker2019!", otp=codes[0])
    assert error.code == Code.BAD_OTP
    run(sim, signon.pacer_login, "abaker2019", "Training#Baker2019!", otp=codes[1])
    assert location(sim) == "pacer.account"
    with sim.ctx() as ctx:
        assert mfa.backup_codes_left(ctx, find_pacer(ctx, "abaker2019")) == 8


def test_backup_code_accepted_without_its_dash():
    sim = make_sim(START)
    codes = enroll(sim).fields["backup_codes"]
    run(sim, signon.logout)
    run(sim, signon.pacer_login, "abaker2019", "Training#Baker2019!", otp=codes[3].replace("-", ""))
    assert location(sim) == "pacer.account"


def test_enrol_before_2025_05_11_is_refused():
    sim = make_sim("2025-05-10T23:59:00-05:00")
    run(sim, signon.pacer_login, "abaker2019", "Training#Baker2019!")
    error = refused(sim, accounts.enroll_mfa)
    assert "May 11, 2025" in error.message
    assert run(sim, checks.check_account, "abaker2019").fields["mfa"] is False
    run(sim, world.advance_clock, by="1m")
    outcome = run(sim, accounts.enroll_mfa)
    assert len(outcome.fields["backup_codes"]) == 10


def test_enrol_needs_a_pacer_sign_on():
    sim = make_sim(START)
    assert refused(sim, accounts.enroll_mfa).code == Code.NOT_SIGNED_IN


# --- required for filers from 2025-12-31 -------------------------------------------------------------

def sign_in_at_court(sim: Simulation, court: str = "mowb"):
    run(sim, signon.visit, court)
    return run(sim, signon.pacer_login, "rortiz2018", "Training#Ortiz2018!")


def test_filer_gets_three_skips_then_update_required():
    sim = make_sim("2026-01-05T09:00:00-06:00")
    for used in (1, 2, 3):
        outcome = sign_in_at_court(sim)
        assert f"{used} of 3 skips used" in outcome.message
        assert location(sim) == "court.menu"
        assert outcome.fields["menu"] == FILING_MENU
        run(sim, signon.logout)
    run(sim, signon.visit, "mowb")
    error = refused(sim, signon.pacer_login, "rortiz2018", "Training#Ortiz2018!")
    assert error.code == Code.MFA_REQUIRED
    assert "User Update Required" in error.message
    assert location(sim) == "pacer.update_required"
    # nothing opens until the account enrols
    run(sim, signon.visit, "mowb")
    assert location(sim) == "pacer.login"
    refused(sim, signon.pacer_login, "rortiz2018", "Training#Ortiz2018!")
    assert location(sim) == "pacer.update_required"
    outcome = run(sim, accounts.enroll_mfa)
    assert location(sim) == "court.menu"
    assert outcome.fields["menu"] == FILING_MENU
    assert len(outcome.fields["backup_codes"]) == 10
    assert run(sim, checks.check_account, "rortiz2018").fields["mfa"] is True
    assert run(sim, checks.check_menu, "mowb").fields["menu"] == FILING_MENU


def test_enrolling_at_update_required_without_a_court_lands_at_manage_my_account():
    sim = make_sim("2026-01-05T09:00:00-06:00")
    for _ in range(3):
        run(sim, signon.pacer_login, "rortiz2018", "Training#Ortiz2018!")
        run(sim, signon.logout)
    assert refused(sim, signon.pacer_login, "rortiz2018", "Training#Ortiz2018!").code == Code.MFA_REQUIRED
    run(sim, accounts.enroll_mfa)
    assert location(sim) == "pacer.account"
    with sim.ctx() as ctx:
        assert signon.signed_in_pacer(ctx).username == "rortiz2018"


def test_update_required_is_no_sign_on():
    sim = make_sim("2026-01-05T09:00:00-06:00")
    for _ in range(3):
        run(sim, signon.pacer_login, "rortiz2018", "Training#Ortiz2018!")
        run(sim, signon.logout)
    refused(sim, signon.pacer_login, "rortiz2018", "Training#Ortiz2018!")
    assert refused(sim, checks.check_menu, "mowb").code == Code.NOT_SIGNED_IN


def test_no_prompt_the_day_before_the_requirement():
    sim = make_sim("2025-12-30T09:00:00-06:00")
    for _ in range(5):
        outcome = sign_in_at_court(sim)
        assert "skip" not in outcome.message.lower()
        assert location(sim) == "court.menu"
        run(sim, signon.logout)


def test_account_without_filing_access_is_not_prompted():
    sim = make_sim("2026-01-05T09:00:00-06:00")
    for _ in range(5):
        outcome = run(sim, signon.pacer_login, "abaker2019", "Training#Baker2019!")
        assert "skip" not in outcome.message.lower()
        assert location(sim) == "pacer.account"
        run(sim, signon.logout)


def test_enrolled_filer_signs_in_with_a_code_after_the_requirement():
    sim = make_sim("2026-01-05T09:00:00-06:00")
    sign_in_at_court(sim)
    secret = run(sim, accounts.enroll_mfa).fields["secret"]
    run(sim, signon.logout)
    run(sim, signon.visit, "mowb")
    assert refused(sim, signon.pacer_login, "rortiz2018", "Training#Ortiz2018!").code == Code.MFA_REQUIRED
    assert location(sim) == "pacer.mfa"
    outcome = run(sim, signon.pacer_login, "rortiz2018", "Training#Ortiz2018!", otp=code_at(sim, 0, secret))
    assert location(sim) == "court.menu" and outcome.fields["menu"] == FILING_MENU


# --- secrets at rest --------------------------------------------------------------------------------------

def test_the_database_keeps_the_authenticator_secret_sealed_under_a_key_it_does_not_hold():
    sim = make_sim("2025-06-02T09:00:00-05:00")
    with sim.ctx() as ctx:
        account = find_pacer(ctx, "cwong2020")
        stored = account.mfa_secret
        assert SECRET not in stored and stored.startswith(sealing.PREFIX)
        assert mfa.secret_of(account) == SECRET
        assert mfa.accept_code(ctx, account, pyotp.TOTP(SECRET).at(ctx.now))
    snapshot = db.snapshot(sim.engine)
    assert SECRET.encode() not in snapshot and sealing.key_text().encode() not in snapshot


def test_without_a_key_set_the_first_seal_writes_an_owner_only_key_file_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(sealing.KEY_ENV, raising=False)
    monkeypatch.setenv("CMECF_SIM_HOME", str(tmp_path))
    sealed = sealing.seal(SECRET)
    key_file = tmp_path / sealing.KEY_FILE
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert sealing.unseal(sealed) == SECRET  # the same key read back from the file

    monkeypatch.setenv(sealing.KEY_ENV, Fernet.generate_key().decode())  # another machine's key
    with pytest.raises(places.DatabaseUnusable, match="sealed with another key"):
        sealing.unseal(sealed)
    monkeypatch.setenv(sealing.KEY_ENV, "not-a-key")
    with pytest.raises(places.DatabaseUnusable, match="is not a sealing key"):
        sealing.seal(SECRET)


def test_a_classroom_hands_its_sealing_key_to_every_trainee_session(tmp_path, monkeypatch):
    """Trainees' processes enrol MFA under the server's key, never one of their own."""
    from simulator.tui import launch, serve

    monkeypatch.delenv(sealing.KEY_ENV, raising=False)
    monkeypatch.setenv("CMECF_SIM_HOME", str(tmp_path))
    monkeypatch.setattr(serve, "serve", lambda *args: None)
    launch.classroom("cmecf-sim play --sandbox", "127.0.0.1", 0)
    assert os.environ[sealing.KEY_ENV] == (tmp_path / sealing.KEY_FILE).read_text()
