"""A database that fails during a step (disk full, file deleted, server gone) is the simulator's
trouble, not the learner's: said in words without an error code, not counted in the exercise, logged."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from simulator.core import signon
from simulator.core import pages
from simulator.tui.app import LOG
from simulator.tui.screens.home import HomeScreen
from snapshot_app import app_for
from test_play_mode import LINK, exercise_begun

DISK_FULL = OperationalError("UPDATE world SET now=?", {}, sqlite3.OperationalError("database or disk is full"))


def disk_full(ctx):
    raise DISK_FULL


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("CMECF_SIM_HOME", str(tmp_path))


async def test_a_database_failure_in_a_step_is_said_in_words_and_not_counted_against_the_trainee(caplog):
    app, scenario = app_for(f"{LINK}.toml")
    async with app.run_test(size=(100, 30)):
        driver = await exercise_begun(app, scenario)
        with caplog.at_level(logging.ERROR, logger=LOG.name):
            app.act(disk_full)
            await driver.settle()
        bar = app.screen.message_bar
        assert "could not read or save its practice world (database or disk is full)" in bar.text
        assert "This step was not saved" in bar.text
        assert bar.code == "" and bar.has_class("-error")  # an error, but no code: not the trainee's
        assert sum(app.play.errors.values()) == 0
        assert any(record.exc_info and record.exc_info[1] is DISK_FULL for record in caplog.records)

        app.act(lambda ctx: signon.open_court_login(ctx, "nowhere"))  # the trainee's own mistake still counts
        await driver.settle()
        assert app.screen.message_bar.code == "NOT_FOUND" and sum(app.play.errors.values()) == 1


async def test_when_even_the_screen_cannot_be_read_the_learner_stays_put_and_is_told(monkeypatch):
    app, scenario = app_for(f"{LINK}.toml")
    async with app.run_test(size=(100, 30)):
        driver = await exercise_begun(app, scenario)
        before = app.screen
        assert isinstance(before, HomeScreen)

        def gone(ctx):
            raise OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: court"))

        monkeypatch.setattr(pages, "build", gone)
        app.act(lambda ctx: signon.open_court_page(ctx, "cod"))
        await driver.settle()
        assert app.screen is before
        assert "no such table: court" in before.message_bar.text and before.message_bar.has_class("-error")
        app.internal_errors.clear()  # the driver would otherwise report them: this test made them
