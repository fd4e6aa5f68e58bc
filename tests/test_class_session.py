"""A served trainee's session in a class (what `serve --class` runs per browser tab): the name
first, with the input focused; the class's exercise then; every step, hint and ticked objective
in the class record; the same name again rejoins that trainee and says so."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select
from textual.widgets import Input, Static

from simulator.classroom import store
from simulator.tui.classroom import JoinScreen
from simulator.tui.driver import UiDriver
from simulator.tui.launch import class_session_app
from simulator.tui.play import BriefingScreen, load_exercise

LINK = "cod_link_on_go_live"
SIZE = (100, 30)


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("CMECF_SIM_HOME", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path


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
    app = class_session_app("Denver")
    app.animation_level = "none"
    async with app.run_test(size=SIZE):
        driver = UiDriver(scenario, app=app)
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
    app = class_session_app("Denver")
    app.animation_level = "none"
    async with app.run_test(size=SIZE):
        driver = UiDriver(load_exercise(LINK), app=app)
        await join_as(app, driver, "ana ruiz")
        assert driver.outcome()["message"] == "Welcome back, Ana Ruiz: you rejoined as the same trainee."
    assert len(store.report_rows(engine, "Denver")) == 1


async def test_an_empty_name_is_refused_on_the_join_screen_with_what_to_do():
    store.create_class(store.open_store(), "Denver")
    app = class_session_app("Denver")
    app.animation_level = "none"
    async with app.run_test(size=SIZE):
        driver = UiDriver(load_exercise(LINK), app=app)
        await join_as(app, driver, "   ")
        assert isinstance(app.screen, JoinScreen)
        assert "Type your name" in str(app.screen.query_one("#join-problem", Static).content)
