"""PACER's upgrade wizard: the counties it offers, from the judiciary's own court lookup feed (the seed
file is what the generator writes from the feed, tests/test_court_catalog.py), the focus on each page,
and the security questions chosen from a list or written in."""

from __future__ import annotations

from textual.widgets import Input, Select

from sqlmodel import select

from simulator.core import accounts, catalog
from simulator.core.models import PacerAccount
from simulator.core.security import verify_password
from simulator.tui.driver import UiDriver
from simulator.tui.screens.account import OWN_QUESTION, UpgradeWizard

from snapshot_app import app_for


def test_every_state_served_has_its_real_counties():
    counties = catalog.counties()
    assert len(counties["Colorado"]) == 64 and "Denver" in counties["Colorado"]
    assert "Sacramento" in counties["California"] and "Jackson" in counties["Missouri"]
    assert len(counties) == 55  # the states, DC and the territories the courts serve


async def upgrade_started(app, scenario) -> UiDriver:
    """The legacy account signed in, its upgrade wizard open at the Person page."""
    driver = UiDriver(scenario, app=app)
    await driver.settle()
    for step in scenario.steps[:3]:
        await driver.perform(step)
    await driver.manage_account()
    await driver.press("#start-upgrade")
    return driver


async def test_the_upgrade_form_offers_the_chosen_states_counties():
    app, scenario = app_for("caed_legacy_account_upgrade.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        driver = await upgrade_started(app, scenario)
        driver.fill("#date-of-birth", "1978-11-02")
        await driver.press("#next-person")
        wizard = app.screen.query_one(UpgradeWizard)
        wizard.query_one("#address-state", Select).value = "California"
        await pilot.pause()
        county = wizard.query_one("#county", Input)
        assert await county.suggester.get_suggestion("sacr") == "Sacramento"
        assert await county.suggester.get_suggestion("denv") is None  # Colorado's, not California's


async def test_each_upgrade_page_opens_with_focus_in_its_first_field_and_the_password_rules_shown():
    app, scenario = app_for("caed_legacy_account_upgrade.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        driver = await upgrade_started(app, scenario)
        wizard = app.screen.query_one(UpgradeWizard)
        assert app.focused is wizard.query_one("#date-of-birth", Input)
        await pilot.press(*"1978-11-02", "enter")
        await driver.settle()
        assert app.focused is wizard.query_one("#address-state", Select)
        wizard.query_one("#county", Input).value = "Sacramento"
        await driver.press("#next-address")
        assert app.focused is wizard.query_one("#new-username", Input)
        rules = str(wizard.query_one("#password-rules").content)
        assert rules == "Password: at least 8 characters, with a letter and a digit or a symbol."  # a 2021 world


async def test_security_questions_are_chosen_from_a_list_or_written_in_and_kept_hashed():
    app, scenario = app_for("caed_legacy_account_upgrade.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        driver = await upgrade_started(app, scenario)
        driver.fill("#date-of-birth", "1978-11-02")
        await driver.press("#next-person")
        driver.fill("#county", "Sacramento")
        await driver.press("#next-address")
        wizard = app.screen.query_one(UpgradeWizard)
        question = wizard.query_one("#question-0", Select)
        assert [str(prompt) for prompt, _ in question._options[1:3]] == list(accounts.SECURITY_QUESTIONS[:2])
        own = wizard.query_one("#own-question-1", Input)
        assert not own.display  # no field to write in until the filer asks for one
        question.value = accounts.SECURITY_QUESTIONS[1]
        wizard.query_one("#question-1", Select).value = OWN_QUESTION
        await pilot.pause()
        assert own.display and app.focused is own
        own.value = "Who was your first judge?"
        for field, value in (("#answer-0", "Fresno"), ("#answer-1", "Judge Alder"),
                             ("#new-username", "mreyes2021"), ("#upgrade-password", "Str0ng!passw0rd")):
            driver.fill(field, value)
        await driver.press("#submit-upgrade")
        assert driver.outcome()["ok"], driver.outcome()
        with app.simulation.ctx() as ctx:
            account = ctx.db.exec(select(PacerAccount).where(PacerAccount.username == "mreyes2021")).one()
            kept = account.security_questions
        assert [q for q, _ in kept] == [accounts.SECURITY_QUESTIONS[1], "Who was your first judge?"]
        assert verify_password(kept[1][1], "judge alder") and "Judge Alder" not in str(kept)  # as spoken again
