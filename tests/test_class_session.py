"""A served trainee's session in a class (what `serve --class` runs per browser tab): the name
first, with the input focused; the class's exercise then; every step, hint and ticked objective
in the class record; the same name again rejoins that trainee and says so."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from datetime import timedelta

import pytest
from sqlmodel import Session, select
from textual.widgets import Input, Static

from simulator.classroom import store
from simulator.tui.classroom import JoinScreen, PausedScreen, TakenOverScreen
from simulator.tui.driver import UiDriver
from simulator.tui.launch import class_session_app
from simulator.scenario.runner import load_exercise
from simulator.tui.play import BriefingScreen

LINK = "cod_link_on_go_live"
SIZE = (100, 30)


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("CMECF_SIM_HOME", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path


@asynccontextmanager
async def tab(scenario=None):
    """A trainee's browser tab in the class Denver: its session app running headless, and a UI
    driver on it (a new process each time in a served class, so a new app here)."""
    app = class_session_app("Denver")
    app.animation_level = "none"
    async with app.run_test(size=SIZE):
        yield app, UiDriver(scenario or load_exercise(LINK), app=app)


async def join_as(app, driver: UiDriver, name: str) -> None:
    await driver.settle()
    assert isinstance(app.screen, JoinScreen)
    assert app.focused is app.screen.query_one("#trainee-name", Input)
    driver.fill("#trainee-name", name)
    await driver.submit("#trainee-name")
    await app.workers.wait_for_complete()
    await driver.settle()


async def test_a_trainee_joins_by_name_and_their_steps_are_kept_in_the_class_record():
    engine = store.open_store()
    store.create_class(engine, "Denver", exercises=[f"{LINK}.toml"])
    scenario = load_exercise(LINK)
    async with tab(scenario) as (app, driver):
        await join_as(app, driver, "  Ana\x1b Ruiz ")
        assert isinstance(app.screen, BriefingScreen)
        await driver.press("#start-exercise")
        assert app.sub_title == "Denver · Ana Ruiz"
        for step in scenario.steps[:4]:  # visit, sign in, a refused filing, the link
            await driver.perform(step)
        await driver.key("ctrl+y")
        await app.workers.wait_for_complete()
        await driver.settle()

    with Session(engine) as session:
        trainee = session.exec(select(store.Trainee)).one()
        steps = session.exec(select(store.Step).where(store.Step.trainee_id == trainee.id).order_by(store.Step.id)).all()
    assert trainee.name == "Ana Ruiz" and trainee.hints_used == 1
    actions = [step.action for step in steps]
    assert "pacer_sign_in" in actions
    refused = [step for step in steps if not step.ok]
    assert refused and refused[0].error_code == "NOT_LINKED" and refused[0].court == "cod"
    rows = store.report_rows(engine, "Denver", lambda _: [objective.text for objective in scenario.objectives])
    assert [row["done"] for row in rows] == [True, False]  # linked; the motion not yet filed


async def test_the_same_name_in_a_second_tab_rejoins_and_says_so():
    engine = store.open_store()
    store.create_class(engine, "Denver")
    store.join(engine, "Denver", "Ana Ruiz")
    async with tab(load_exercise(LINK)) as (app, driver):
        await join_as(app, driver, "ana ruiz")
        assert driver.outcome()["message"] == "Welcome back, Ana Ruiz: you rejoined as the same trainee."
    assert len(store.report_rows(engine, "Denver")) == 1


async def test_an_empty_name_is_refused_on_the_join_screen_with_what_to_do():
    store.create_class(store.open_store(), "Denver")
    async with tab(load_exercise(LINK)) as (app, driver):
        await join_as(app, driver, "   ")
        assert isinstance(app.screen, JoinScreen)
        assert "Type your name" in str(app.screen.query_one("#join-problem", Static).content)


async def look_for_class_actions(app, driver: UiDriver) -> None:
    """What the session's once-a-second look does, now."""
    app.class_session.poll()
    await app.workers.wait_for_complete()
    await driver.settle()


async def test_a_trainee_who_comes_back_finds_their_world_where_they_left_it():
    engine = store.open_store()
    store.create_class(engine, "Denver", exercises=[f"{LINK}.toml"])
    scenario = load_exercise(LINK)
    async with tab(scenario) as (first, driver):
        await join_as(first, driver, "Ana Ruiz")
        await driver.press("#start-exercise")
        for step in scenario.steps[:4]:  # visit, sign in, a refused filing, the link
            await driver.perform(step)
        where = first.simulation.read(lambda ctx: (ctx.browser.location, ctx.browser.court_id, ctx.now))

    async with tab(scenario) as (again, driver):  # a reload, or a restarted server: a new process
        await join_as(again, driver, "Ana Ruiz")
        assert not isinstance(again.screen, BriefingScreen)  # no second briefing
        assert driver.outcome()["message"].endswith("where you left off.")
        assert again.simulation.read(lambda ctx: (ctx.browser.location, ctx.browser.court_id, ctx.now)) == where
        assert again.play.ticked == [True, False]  # the link they made is still made


async def test_the_trainers_class_actions_reach_a_trainees_screen():
    engine = store.open_store()
    store.create_class(engine, "Denver", exercises=[f"{LINK}.toml"])
    scenario = load_exercise(LINK)
    async with tab(scenario) as (app, driver):
        await join_as(app, driver, "Ana Ruiz")
        await driver.press("#start-exercise")
        before = app.simulation.read(lambda ctx: ctx.now)

        store.send_command(engine, "Denver", "broadcast", "Break until 10:30")
        store.send_command(engine, "Denver", "clock", "1d")
        await look_for_class_actions(app, driver)
        assert app.narration == "Message from your trainer: Break until 10:30"
        assert app.simulation.read(lambda ctx: ctx.now) - before == timedelta(days=1)
        assert driver.outcome()["message"].startswith("Your trainer moved the clock.")

        store.send_command(engine, "Denver", "pause")
        await look_for_class_actions(app, driver)
        assert isinstance(app.screen, PausedScreen)
        await driver.key("f9")  # nothing to press while paused
        assert isinstance(app.screen, PausedScreen)
        store.send_command(engine, "Denver", "resume")
        await look_for_class_actions(app, driver)
        assert not isinstance(app.screen, PausedScreen)

        await driver.perform(scenario.steps[0])
        store.send_command(engine, "Denver", "reset", trainee_name="ana ruiz")
        await look_for_class_actions(app, driver)
        assert isinstance(app.screen, BriefingScreen)  # the exercise from its start, in a world as new
        assert app.simulation.read(lambda ctx: ctx.now) == before
    assert store.class_status(engine, "Denver").trainees[0].errors == 0  # the trainer's actions are not the trainee's errors


def test_a_served_trainee_process_needs_no_data_dir(tmp_path, monkeypatch):
    """Every browser tab is a process started by `serve`: it gets the store from serve and writes
    nowhere else (here the data dir cannot even be created)."""
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("CMECF_SIM_HOME", str(blocked / "home"))
    monkeypatch.setenv(store.STORE_URL_VARIABLE, f"sqlite:///{tmp_path / 'record.db'}")
    engine = store.open_store()
    store.create_class(engine, "Denver", exercises=[f"{LINK}.toml"])

    async def joined() -> None:
        async with tab() as (app, driver):
            await join_as(app, driver, "Ana Ruiz")
            assert isinstance(app.screen, BriefingScreen)

    asyncio.run(joined())
    assert sorted(path.name for path in tmp_path.iterdir()) == ["file", "record.db"]


async def test_in_a_browser_tab_the_name_field_gets_focus_when_the_tab_does():
    """A served app starts without the page's focus, when Textual skips AUTO_FOCUS."""
    store.create_class(store.open_store(), "Denver")
    async with tab() as (app, driver):
        app.app_focus = False  # the page has not got the focus yet when the join screen opens
        await driver.settle()
        assert isinstance(app.screen, JoinScreen) and app.focused is None
        app.app_focus = True  # the trainee clicks into the tab
        await driver.settle()
        assert app.focused is app.screen.query_one("#trainee-name", Input)


async def test_joining_again_in_a_second_tab_stops_the_first_so_one_world_goes_on():
    engine = store.open_store()
    store.create_class(engine, "Denver", exercises=[f"{LINK}.toml"])
    scenario = load_exercise(LINK)
    async with tab(scenario) as (first, driver):
        await join_as(first, driver, "Ana Ruiz")
        await driver.press("#start-exercise")
        await driver.perform(scenario.steps[0])

        async with tab(scenario) as (second, second_driver):  # the same trainee in another tab, the first still open
            await join_as(second, second_driver, "Ana Ruiz")
            assert second.recorder is not None

        await look_for_class_actions(first, driver)
        assert isinstance(first.screen, TakenOverScreen) and first.recorder is None
        steps = len(store.trainee_steps(engine, "Denver", second.recorder.trainee_id))
        await driver.key("f9")  # nothing this tab does reaches the record any more
        assert len(store.trainee_steps(engine, "Denver", second.recorder.trainee_id)) == steps
