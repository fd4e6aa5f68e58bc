"""The counties PACER's upgrade form offers, from the judiciary's own court lookup feed: the seed
file is what the generator writes from the feed (tests/test_court_catalog.py), and the form offers the
chosen state's counties."""

from __future__ import annotations

from textual.widgets import Input, Select

from simulator.core import catalog
from simulator.tui.driver import UiDriver
from simulator.tui.screens.account import UpgradeWizard

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
