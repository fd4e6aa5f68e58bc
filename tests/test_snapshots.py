"""Snapshots of every main screen (pytest-textual-snapshot), at 100x30 as in the terminal test.

Update after a deliberate change with `pytest tests/test_snapshots.py --snapshot-update`, and read
the report (snapshot_report.html) first."""

import pytest
from snapshot_app import SIZE, after_steps
from textual.widgets import Button, Input

from simulator.tui.screens.console import ConsoleScreen

LINK = "cod_link_on_go_live.toml"


@pytest.fixture(autouse=True)
def still_frames(monkeypatch):
    """No time-based effects in a snapshot: a pressed button's 0.2 s highlight and the cursor blink
    would be caught or not depending on the machine's load."""
    monkeypatch.setattr(Button, "_start_active_affect", lambda self: None)
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


def snap(snap_compare, scenario, steps, then=None):
    app, run_before = after_steps(scenario, steps, then)
    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)


def test_court_list(snap_compare):
    snap(snap_compare, LINK, 0)


def test_pacer_login_from_a_nextgen_court(snap_compare):
    snap(snap_compare, LINK, 1)


def test_menu_without_filing_access_and_the_refusal(snap_compare):
    snap(snap_compare, LINK, 3)


def test_link_verify_page(snap_compare):
    async def to_verify(driver):
        await driver.court_function("cod", "link")
        driver.fill("#ecf-login", "jdoe")
        driver.fill("#ecf-password", "OldEcfPass1")
        await driver.press("#link-verify")

    snap(snap_compare, LINK, 3, to_verify)


def test_notice_of_electronic_filing(snap_compare):
    snap(snap_compare, LINK, 6)


def test_court_page_with_maintenance_notice(snap_compare):
    async def to_court_page(driver):
        await driver.court_page("cod")

    snap(snap_compare, "cod_go_live_outage.toml", 4, to_court_page)


def test_court_unavailable(snap_compare):
    snap(snap_compare, "cod_go_live_outage.toml", 5)


def test_legacy_court_login_page(snap_compare):
    snap(snap_compare, "utb_link_on_or_after_june_7.toml", 2)


def test_mfa_code_page(snap_compare):
    snap(snap_compare, "mfa_enrol_and_sign_in.toml", 6)


def test_update_required(snap_compare):
    snap(snap_compare, "mfa_required_for_filers.toml", 10)


def test_manage_my_account_upgrade_wizard(snap_compare):
    async def to_security_page(driver):
        await driver.manage_account()
        await driver.press("#start-upgrade")
        driver.fill("#date-of-birth", "1978-11-02")
        await driver.press("#next-person")
        driver.fill("#county", "Sacramento")
        await driver.press("#next-address")

    snap(snap_compare, "caed_legacy_account_upgrade.toml", 3, to_security_page)


def test_filing_wizard_fee_page(snap_compare):
    async def to_fee_page(driver):
        await driver.press_menu("Civil")
        driver.fill("#event-search", "complaint")
        await driver.press("#next-event")

    snap(snap_compare, "filing_fees_pay_now_or_later.toml", 2, to_fee_page)


def test_trainers_console_clerks_desk(snap_compare):
    async def clerks_desk(driver):
        await driver.key("f2")
        await driver.pick_option("#console-actions", "clerk_approve")

    snap(snap_compare, "arwb_clerk_reviews_the_link.toml", 3, clerks_desk)


def test_deadline_calculator(snap_compare):
    snap(snap_compare, "cod_go_live_outage.toml", 7)


@pytest.mark.parametrize("key", ["f1", "f3"])
def test_help_and_inbox(snap_compare, key):
    async def press(driver):
        await driver.key(key)

    snap(snap_compare, "mowd_forgot_password.toml", 3, press)


def test_high_contrast_theme(snap_compare):
    async def contrast(driver):
        await driver.key("ctrl+t")

    snap(snap_compare, LINK, 3, contrast)


def test_console_is_the_trainers(snap_compare):
    async def console(driver):
        await driver.key("f2")
        assert isinstance(driver.screen, ConsoleScreen)

    snap(snap_compare, LINK, 0, console)


def test_mfa_enrolment_qr_code_and_backup_codes(snap_compare):
    async def enrol(driver):
        await driver.manage_account()
        await driver.account_tab("tab-settings")
        await driver.press("#enroll-mfa")

    snap(snap_compare, "mfa_enrol_and_sign_in.toml", 1, enrol)
