"""Free practice draws the court list before the core has loaded (core/opening.py, tui/app.py `Opening`):
the shipped list on a first launch, the kept one after; the world opens behind it, and what the learner
does meanwhile is done, in order, once it has."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from textual.widgets import DataTable, Input

from simulator.core import opening, places, signon, views
from simulator.core.places import DatabaseUnusable
from simulator.scenario.practice import opening_text
from simulator.tui import app as app_module
from simulator.tui import launch
from simulator.tui.screens.court_page import CourtPageScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.widgets import StatusBar

SIZE = (100, 30)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A data folder of its own, on the practice file (no DATABASE_URL)."""
    monkeypatch.setenv("CMECF_SIM_HOME", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path


def court_ids(app) -> list[str]:
    table = app.screen.query_one("#courts", DataTable)
    return [str(table.coordinate_to_cell_key((row, 0)).row_key.value) for row in range(table.row_count)]


def test_the_shipped_court_list_is_the_practice_world_as_it_starts():
    """A first launch draws seed/opening.json while it builds the world: it must be that world's list.
    After a change to the catalog or the practice world: `python -m simulator.scenario.practice opening
    > seed/opening.json`."""
    assert opening.shipped().read_text(encoding="utf-8") == opening_text()


async def test_a_first_launch_draws_the_shipped_list_then_opens_the_world_behind_it(home):
    app = launch.practice_app()
    assert app.simulation is None and app.opening is not None  # nothing of the world is open yet
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(court_ids(app)) == 208
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.simulation is not None and app.world_spec is not None and app.personas
        with app.simulation.ctx() as ctx:
            assert signon.signed_in_pacer(ctx) is None
        assert isinstance(app.screen, HomeScreen) and len(court_ids(app)) == 208
    kept = opening.read(home / opening.FILE, home / places.PRACTICE_FILE)
    assert kept is not None and kept.data == opening.read(opening.shipped(), None).data


async def test_the_next_launch_draws_the_list_kept_from_the_last_signed_out_and_at_its_clock(home):
    app = launch.practice_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        app.action_advance("1d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(app.screen.query_one("#status", StatusBar).content)
    kept = opening.read(home / opening.FILE, home / places.PRACTICE_FILE)
    assert kept.status.startswith("Tue 2021-01-26 09:00") and kept.status.endswith("PACER: signed out")
    assert shown.startswith("Tue 2021-01-26 09:00")

    again = launch.practice_app()
    assert again.opening.view == kept
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert str(again.screen.query_one("#status", StatusBar).content).startswith("Tue 2021-01-26 09:00")
        await again.workers.wait_for_complete()


async def test_what_the_learner_does_before_the_world_opens_is_done_in_order_once_it_has(home):
    app = launch.practice_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        search = app.screen.query_one("#court-search", Input)
        search.value = "district of colorado"
        await pilot.press("enter")  # one court left: Enter opens it, before the world is even built
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CourtPageScreen)
        with app.simulation.ctx() as ctx:
            assert ctx.browser.location == views.COURT_PAGE and ctx.browser.court_id == "cod"


async def launched_until_it_cannot_open():
    """Free practice started, run until it has given up opening (and so ends)."""
    app = launch.practice_app()
    async with app.run_test(size=SIZE) as pilot:
        while app.cannot_open is None:
            await pilot.pause(0.01)
    return app


async def test_a_world_that_cannot_open_behind_the_first_screen_ends_the_app_and_says_why(home, monkeypatch):
    def cannot_open(world_spec):
        raise DatabaseUnusable("The data folder is gone.")

    monkeypatch.setattr(launch, "open_practice_world", cannot_open)
    app = await launched_until_it_cannot_open()
    assert app.return_code == 1 and str(app.cannot_open) == "The data folder is gone."

    monkeypatch.setattr(launch, "practice_app", lambda sandbox=False: app)
    monkeypatch.setattr(app, "run", lambda: None)
    with pytest.raises(DatabaseUnusable, match="data folder is gone"):  # the CLI says it, exit 1
        launch.practice()


async def test_a_failure_drawing_the_first_screen_ends_the_app_in_words_and_is_logged(home, monkeypatch):
    def broken() -> None:
        raise RuntimeError("a module is missing")

    monkeypatch.setattr(app_module, "load_the_rest", broken)
    app = await launched_until_it_cannot_open()
    assert app.return_code == 1 and "a module is missing" in app.cannot_open.message
    assert "Something went wrong inside the simulator" in app.cannot_open.message
    assert "RuntimeError: a module is missing" in (home / "cmecf-sim.log").read_text(encoding="utf-8")


def test_a_kept_list_is_read_only_for_its_own_world_and_only_whole(home):
    view = opening.read(opening.shipped(), None)
    world = home / places.PRACTICE_FILE
    opening.keep(home, view, world)
    assert opening.read(home / opening.FILE, world) == view
    assert opening.read(home / opening.FILE, home / "another.db") is None
    (home / opening.FILE).write_text('{"format": 1, "database": "', encoding="utf-8")
    assert opening.read(home / opening.FILE, world) is None
    (home / opening.FILE).write_text(opening.as_text(view, world).replace('"format": 1', '"format": 0'),
                                     encoding="utf-8")
    assert opening.read(home / opening.FILE, world) is None
    assert [path.name for path in home.iterdir()] == [opening.FILE]  # no partial file left behind


def test_an_older_world_without_a_kept_list_opens_before_its_first_screen(home):
    world = home / places.PRACTICE_FILE
    world.touch()  # a world from before kept court lists (an empty file is an empty SQLite database)
    app = launch.practice_app()
    assert app.opening is None and app.simulation is not None


def test_reset_forgets_the_kept_list(home):
    opening.keep(home, opening.read(opening.shipped(), None), home / places.PRACTICE_FILE)
    launch.reset_practice()
    assert not (home / opening.FILE).exists()
    assert launch.practice_app().opening is None  # the new world draws its own list first


CORE_THREAD_WAITS = """
import sys, time
from simulator.tui import app as app_module
from simulator.tui.launch import practice_app

real = app_module.load_the_rest
seen = []

def slow_load():
    time.sleep(0.3)  # time enough for the core thread to import, were it not waiting
    seen.append(sorted(m for m in ("sqlalchemy", "simulator.core.signon") if m in sys.modules))
    real()

app_module.load_the_rest = slow_load

async def after_opening(pilot):
    await pilot.app.workers.wait_for_complete()
    print(seen, pilot.app.simulation is not None)
    pilot.app.exit()

practice_app().run(headless=True, auto_pilot=after_opening)
"""


def test_the_core_thread_imports_nothing_until_the_ui_thread_has_loaded_the_rest(home):
    """Two threads importing the same modules at once fail ('partially initialized module'): the core
    thread's first job waits for the UI thread's `load_the_rest`. A fresh interpreter, so nothing is
    imported before."""
    done = subprocess.run([sys.executable, "-c", CORE_THREAD_WAITS], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "CMECF_SIM_HOME": str(home)}, check=False)
    assert done.stdout.strip() == "[[]] True", done.stderr
