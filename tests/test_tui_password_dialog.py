"""The password-change dialog PACER opens at sign-in when the password must change: a refused change
stays in the dialog, what was typed kept (also across Help); a change that lands after the learner
closed the dialog leaves their screens alone; an exercise counts each refusal once."""

from __future__ import annotations

import asyncio
import threading

from snapshot_app import app_for
from textual.widgets import Input

from simulator.core import accounts
from simulator.core.errors import Code, SimError
from simulator.tui.driver import UiDriver
from simulator.tui.play import PlaySession
from simulator.tui.progress import Progress
from simulator.tui.screens.dialogs import ChangePasswordScreen, HelpScreen

SIZE = (100, 30)
NAME = "mfa_and_password_due_together.toml"  # its first 9 steps end on pacer.update_required


async def at_dialog(app, scenario) -> UiDriver:
    driver = UiDriver(scenario, app=app)
    await driver.settle()
    for step in scenario.steps[:9]:
        await driver.perform(step)
    await driver.press("#do-password")
    assert isinstance(app.screen, ChangePasswordScreen)
    return driver


async def test_help_over_a_refused_change_keeps_what_was_typed():
    app, scenario = app_for(NAME)
    async with app.run_test(size=SIZE):
        driver = await at_dialog(app, scenario)
        driver.fill("#prompt-current", "Training#Ortiz2018!")
        driver.fill("#prompt-new", "kestrel")
        await driver.press("#prompt-change")
        assert driver.outcome()["error"] == "PASSWORD_POLICY"
        await driver.key("f1")
        assert isinstance(app.screen, HelpScreen)
        await driver.key("escape")
        assert isinstance(app.screen, ChangePasswordScreen)
        assert app.screen.query_one("#prompt-current", Input).value == "Training#Ortiz2018!"
        assert driver.outcome()["error"] == "PASSWORD_POLICY"


async def test_opened_again_the_dialog_starts_empty():
    app, scenario = app_for(NAME)
    async with app.run_test(size=SIZE):
        driver = await at_dialog(app, scenario)
        driver.fill("#prompt-current", "typed before")
        await driver.key("escape")
        await driver.press("#do-password")
        assert app.screen.query_one("#prompt-current", Input).value == ""


async def test_closing_the_dialog_while_the_change_runs_leaves_the_learner_s_screen():
    app, scenario = app_for(NAME)
    async with app.run_test(size=SIZE):
        driver = await at_dialog(app, scenario)
        underneath = app.screen_stack[-2]
        gate = threading.Event()
        app._core_thread.submit(gate.wait)  # the core busy (a slow hash, say)
        driver.fill("#prompt-current", "Training#Ortiz2018!")
        driver.fill("#prompt-new", "Kestrel#Harbor2026!")
        app.screen.query_one("#prompt-change").press()
        app.simulate_key("escape")
        for _ in range(50):
            await asyncio.sleep(0)
        assert app.screen is underneath
        popped_from = []
        pop_screen = app.pop_screen

        def watched_pop():
            popped_from.append(app.screen)
            return pop_screen()

        app.pop_screen = watched_pop
        gate.set()
        await driver.settle()
        assert underneath not in popped_from
        assert driver.outcome()["ok"] and "password has been changed" in driver.outcome()["message"]


async def test_an_exercise_counts_a_refusal_of_the_change_once(monkeypatch):
    app, scenario = app_for(NAME)
    async with app.run_test(size=SIZE):
        driver = await at_dialog(app, scenario)
        app.progress = Progress(None)  # kept for this test only
        app.play = PlaySession(scenario, ticked=[False] * len(scenario.objectives))

        def signed_out_meanwhile(ctx, current, new):
            raise SimError(Code.NOT_SIGNED_IN, "signed out meanwhile")

        monkeypatch.setattr(accounts, "change_password", signed_out_meanwhile)
        await driver.press("#prompt-change")
        await driver.settle()
        assert app.play.errors["NOT_SIGNED_IN"] == 1
