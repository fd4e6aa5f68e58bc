"""Play mode (README: "briefing, objectives that tick, hints, debrief"), the exercise picker with the
progress kept on this machine, and demo mode (SPEC §1: "a demo mode that plays a scenario step by
step"), driven through the real app."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.widgets import Checkbox, DataTable, Input, Static

from simulator.core import db
from simulator.core.actions import CHECKS
from simulator.core.context import Simulation
from simulator.core.errors import SimError
from simulator.core.world import load_world, private_world
from simulator.scenario.practice import load_practice
from simulator.scenario.runner import load_exercise
from simulator.tui import demo as demo_module
from simulator.tui.app import SimApp
from simulator.tui.demo import Demo
from simulator.tui.driver import UiDriver
from simulator.tui.play import (
    BriefingScreen,
    DebriefScreen,
    PickerScreen,
)
from simulator.tui.progress import Progress, exercise_key
from simulator.tui.screens.dialogs import WhoAmIScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.logins import PacerLoginScreen
from simulator.tui.widgets import StatusBar

ROOT = Path(__file__).resolve().parent.parent
SIZE = (100, 30)
LINK = "cod_link_on_go_live"
# cod_link_on_go_live steps: 0 visit, 1 pacer_login, 2 file (NOT_LINKED), 3 link_account, 4 check_menu,
# 5 file (the motion: the last objective), 6 check_email. Objectives: linked; the motion on the docket.


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """Progress (and screenshots) go to this test's own data dir."""
    monkeypatch.setenv("CMECF_SIM_HOME", str(tmp_path))
    return tmp_path


def practice_app() -> tuple[SimApp, object]:
    practice = load_practice()
    app = SimApp(Simulation(private_world(practice.world)), world_spec=practice.world, personas=practice.personas)
    app.animation_level = "none"
    return app, practice


async def exercise_begun(app: SimApp, scenario) -> UiDriver:
    """A driver on `app` with `scenario` begun: its briefing read and closed."""
    driver = UiDriver(scenario, app=app)
    await driver.settle()
    app.start_exercise(scenario)
    await driver.settle()
    await driver.press("#start-exercise")
    return driver


def shown_text(screen) -> str:
    return "\n".join(str(widget.content) for widget in screen.query(Static))


def status(app: SimApp) -> str:
    return str(app.screen.query_one("#status", StatusBar).content)


def checklist_lines(app: SimApp) -> list[str]:
    return [line for line in app.exercise_text.splitlines() if line.startswith("[")]


# --- an exercise from briefing to debrief ---------------------------------------------------------------------

async def test_exercise_briefing_objectives_debrief_and_progress(private_home):
    scenario = load_exercise(LINK)
    first, second = (objective.text for objective in scenario.objectives)
    app, _ = practice_app()
    async with app.run_test(size=SIZE):
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        assert app.exercise_text == ""  # free practice: no checklist

        app.start_exercise(scenario)
        await driver.settle()
        assert isinstance(driver.screen, BriefingScreen)
        briefing = shown_text(driver.screen)
        assert scenario.briefing in briefing
        assert first in briefing and second in briefing
        assert checklist_lines(app) == [f"[ ] {first}", f"[ ] {second}"]
        assert "0 of 2 done" in app.exercise_text
        assert app.play.elapsed() == 0.0  # reading the briefing is not timed

        await driver.press("#start-exercise")
        assert app.play.started is not None
        assert isinstance(driver.screen, HomeScreen)
        assert status(app).startswith("Mon 2021-08-02")  # the exercise's world, at its start

        await driver.perform(scenario.steps[0])
        await driver.perform(scenario.steps[1])
        refused = await driver.perform(scenario.steps[2])
        assert refused["error"] == "NOT_LINKED"
        assert checklist_lines(app) == [f"[ ] {first}", f"[ ] {second}"]

        linked = await driver.perform(scenario.steps[3])
        assert linked["status"] == "linked"
        assert checklist_lines(app) == [f"[x] {first}", f"[ ] {second}"]
        assert "1 of 2 done" in app.exercise_text
        assert not (private_home / "progress.json").exists() or not json.loads(
            (private_home / "progress.json").read_text())["cod_link_on_go_live.toml"]["done"]

        await driver.key("ctrl+y")
        await driver.key("ctrl+y")

        # The motion: the last objective. The debrief covers the screen as soon as it is done, so the
        # step is done through the driver's filing action rather than read back as a step result.
        await driver.do_file(scenario.steps[5].params)
        assert checklist_lines(app) == [f"[x] {first}", f"[x] {second}"]
        assert isinstance(driver.screen, DebriefScreen)
        debrief = str(driver.screen.query_one("#debrief-text", Static).content)
        assert re.search(r"^Time taken: \d+ min \d\d s$", debrief, re.MULTILINE), debrief
        assert re.search(r"^Hints used: 2$", debrief, re.MULTILINE), debrief
        assert re.search(r"^Errors met on the way: NOT_LINKED x1$", debrief, re.MULTILINE), debrief
        assert f"[x] {first}" in debrief and f"[x] {second}" in debrief

        await driver.press("#keep-exploring")
        assert not isinstance(driver.screen, DebriefScreen)

    record = json.loads((private_home / "progress.json").read_text())["cod_link_on_go_live.toml"]
    assert record["title"] == scenario.title
    assert record["attempts"] == 1
    assert record["done"] is True
    assert record["hints_at_best"] == 2
    assert isinstance(record["best_seconds"], (int, float)) and record["best_seconds"] >= 0
    assert record["last_played"]


async def test_ctrl_y_in_an_exercise_shows_the_hints_in_order_and_counts_them():
    scenario = load_exercise(LINK)
    assert len(scenario.hints) == 2
    app, _ = practice_app()
    async with app.run_test(size=SIZE):
        driver = await exercise_begun(app, scenario)
        assert "hints used: 0" in app.exercise_text

        await driver.key("ctrl+y")
        assert driver.outcome()["message"] == f"Hint 1 of 2: {scenario.hints[0]}"
        assert "hints used: 1" in app.exercise_text
        assert isinstance(driver.screen, HomeScreen)  # a hint, not the Who am I panel

        await driver.key("ctrl+y")
        assert driver.outcome()["message"] == f"Hint 2 of 2: {scenario.hints[1]}"
        assert "hints used: 2" in app.exercise_text
        assert app.play.hints_used == 2

        await driver.key("ctrl+y")  # past the last hint: shown again, not counted again
        assert driver.outcome()["message"] == f"Hint 2 of 2: {scenario.hints[1]}"
        assert app.play.hints_used == 2


async def test_f4_in_an_exercise_shows_what_the_briefing_gives_credentials_and_cases():
    scenario = load_exercise(LINK)
    app, _ = practice_app()
    async with app.run_test(size=SIZE):
        driver = await exercise_begun(app, scenario)
        await driver.key("f4")
        assert isinstance(driver.screen, WhoAmIScreen)
        shown = shown_text(driver.screen)
        for account in scenario.world["pacer_accounts"]:
            assert f"PACER: {account['username']} / {account['password']}" in shown
        for account in scenario.world["ecf_accounts"]:
            assert account["login"] in shown
        for case in scenario.world["cases"]:
            assert case["number"] in shown
        assert "hints used: 0" in app.exercise_text  # looking costs no hint
        await driver.key("escape")
        assert isinstance(driver.screen, HomeScreen)


# --- the exercise picker ---------------------------------------------------------------------------------------

async def test_picker_lists_bundled_exercises_with_progress_and_starts_one(private_home):
    progress = Progress.load()
    assert progress.path == private_home / "progress.json"
    link = load_exercise(LINK)
    progress.started("cod_link_on_go_live.toml", link.title)
    progress.started("cod_link_on_go_live.toml", link.title)
    progress.finished("cod_link_on_go_live.toml", link.title, 95.0, 1)

    bundled = {exercise_key(path) for path in (ROOT / "scenarios").rglob("*.toml")}
    chosen = "mowd_forgot_password.toml"
    assert chosen in bundled
    exercise = load_exercise(chosen)
    someone = exercise.world["pacer_accounts"][0]["username"]

    app, _ = practice_app()
    async with app.run_test(size=(120, 40)):
        driver = UiDriver(exercise, app=app)
        await driver.settle()

        def known(ctx):
            return CHECKS["check_account"](ctx, {"username": someone})

        with pytest.raises(SimError):  # not an account of the practice world
            app.simulation.read(known)

        app.open_picker()
        await driver.settle()
        assert isinstance(driver.screen, PickerScreen)
        table = driver.need("#exercise-table", DataTable)
        assert {row.value for row in table.rows} == bundled
        done, _, title, _, attempts = table.get_row("cod_link_on_go_live.toml")
        assert (done, title, attempts) == ("[x]", link.title, "2")
        done, _, title, _, attempts = table.get_row(chosen)
        assert (done, title, attempts) == ("[ ]", exercise.title, "0")
        assert str(driver.need("#picker-summary", Static).content) == f"1 of {len(bundled)} done"

        assert await driver.pick_row("#exercise-table", chosen)
        assert isinstance(driver.screen, BriefingScreen)
        assert app.play is not None and app.play.scenario.title == exercise.title
        assert app.simulation.read(known).fields["account_number"]  # the exercise's world is loaded
        await driver.press("#start-exercise")
        assert status(app).startswith(exercise.start.strftime("%a %Y-%m-%d"))

    records = json.loads((private_home / "progress.json").read_text())
    assert records[chosen]["attempts"] == 1 and records[chosen]["done"] is False
    assert records["cod_link_on_go_live.toml"]["attempts"] == 2 and records["cod_link_on_go_live.toml"]["done"]


# --- demo mode -------------------------------------------------------------------------------------------------

async def test_demo_plays_every_step_and_ends_complete(private_home):
    scenario = load_exercise(LINK)
    app, _ = practice_app()
    narrations: list[str] = []
    async with app.run_test(size=SIZE):
        driver = UiDriver(scenario, app=app)
        await driver.settle()

        def heard(text: str) -> None:
            narrations.append(text)

        app.watch(app, "narration", heard, init=False)
        app.start_exercise(scenario, Demo(app, scenario, 0.001))
        await driver.settle()
        workers = [worker for worker in app.workers if worker.group == "demo"]
        assert len(workers) == 1
        await app.workers.wait_for_complete(workers)
        await driver.settle()
        assert app.narration.startswith(f"Demo complete: {scenario.title}")
        count = len(scenario.steps)
        for number in range(1, count + 1):
            assert f"Step {number} of {count} done, as expected." in [n.split("\n")[0] for n in narrations], number
        assert checklist_lines(app) == [f"[x] {o.text}" for o in scenario.objectives]
        assert not isinstance(driver.screen, DebriefScreen)  # a demo is shown, not scored
    assert not (private_home / "progress.json").exists()


class Pacer:
    """Stands in for the demo's wait between steps: each wait holds until the test lets it go, so the
    test knows exactly where the demo stands (no timing involved)."""

    def __init__(self) -> None:
        self.waits = 0
        self.changed = asyncio.Condition()
        self.go = asyncio.Semaphore(0)

    async def sleep(self, _seconds: float) -> None:
        async with self.changed:
            self.waits += 1
            self.changed.notify_all()
        await self.go.acquire()

    async def reached(self, count: int, worker) -> None:
        """Until the demo waits for the `count`th time (failing, not hanging, if it ends first)."""

        async def wait() -> None:
            async with self.changed:
                await self.changed.wait_for(lambda: self.waits >= count)

        waiting, ended = asyncio.ensure_future(wait()), asyncio.ensure_future(worker.wait())
        ended.add_done_callback(lambda done: done.cancelled() or done.exception())  # never cancelled: that
        await asyncio.wait({waiting, ended}, return_when=asyncio.FIRST_COMPLETED)   # would cancel the demo
        if not waiting.done():
            waiting.cancel()
            raise AssertionError(f"the demo ended ({worker.state}) before its wait number {count}")

    def release(self, count: int = 1) -> None:
        for _ in range(count):
            self.go.release()


async def start_paced_demo(monkeypatch, app, driver, scenario) -> tuple[Demo, Pacer, object]:
    pacer = Pacer()
    monkeypatch.setattr(demo_module, "asyncio", SimpleNamespace(Event=asyncio.Event, sleep=pacer.sleep))
    demo = Demo(app, scenario, 0.001)
    app.start_exercise(scenario, demo)
    await driver.settle()
    [worker] = [w for w in app.workers if w.group == "demo"]
    return demo, pacer, worker


async def test_space_pauses_and_resumes_the_demo(monkeypatch):
    scenario = load_exercise(LINK)
    app, _ = practice_app()
    async with app.run_test(size=SIZE):
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        demo, pacer, worker = await start_paced_demo(monkeypatch, app, driver, scenario)
        await pacer.reached(1, worker)  # step 1 announced, not yet played
        await driver.settle()
        assert isinstance(driver.screen, HomeScreen)
        assert demo.running.is_set()

        await driver.key("space")
        assert not demo.running.is_set()
        assert app.narration.startswith("PAUSED (space resumes) · Step 1 of")
        pacer.release()
        await driver.settle()
        assert pacer.waits == 1  # held: step 1 is not played while paused
        assert isinstance(driver.screen, HomeScreen)

        await driver.key("space")
        assert demo.running.is_set()
        assert app.narration.startswith("Step 1 of")
        pacer.release(2 * len(scenario.steps))
        await app.workers.wait_for_complete([worker])
        await driver.settle()
        assert app.narration.startswith("Demo complete")


def test_a_paused_demo_still_says_so_when_the_step_under_way_ends():
    """Space pressed while a step plays: the step's closing narration must not hide the pause."""
    app = SimpleNamespace(narration="")
    demo = Demo(app, load_exercise(LINK), 1.0)
    demo.say("Step 3 of 7: File a document.")
    demo.toggle_pause()
    demo.say("Step 3 of 7 done, as expected.", "The note.")
    assert app.narration == "PAUSED (space resumes) · Step 3 of 7 done, as expected.\nThe note."
    demo.toggle_pause()
    assert app.narration == "Step 3 of 7 done, as expected.\nThe note."


async def test_space_pauses_the_demo_while_a_form_field_has_focus(monkeypatch):
    """Most of a demo is spent on forms (sign-in pages, the filing wizard), whose text field has the
    focus: space must still pause and resume the demo there."""
    scenario = load_exercise(LINK)
    app, _ = practice_app()
    async with app.run_test(size=SIZE):
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        demo, pacer, worker = await start_paced_demo(monkeypatch, app, driver, scenario)
        pacer.release()
        await pacer.reached(2, worker)  # step 1 (visit) played: the PACER login page
        await driver.settle()
        assert isinstance(driver.screen, PacerLoginScreen)
        assert isinstance(app.focused, Input)

        await driver.key("space")
        assert not demo.running.is_set(), "space did not pause the demo on the PACER login page"
        await driver.key("space")
        assert demo.running.is_set(), "space did not resume the demo on the PACER login page"


# --- an exercise never touches the practice world -----------------------------------------------------------

async def test_an_exercise_never_touches_the_practice_world_database(tmp_path):
    path = tmp_path / "practice-world.db"
    engine = db.make_engine(f"sqlite:///{path}")
    practice = load_practice()
    load_world(engine, practice.world)
    app = SimApp(Simulation(engine), world_spec=practice.world, personas=practice.personas)
    app.animation_level = "none"
    scenario = load_exercise(LINK)
    try:
        async with app.run_test(size=SIZE):
            driver = UiDriver(practice, app=app)
            await driver.settle()
            untouched = path.read_bytes()
            await driver.key("f5")  # free practice does write to this file: the comparison below can see it
            assert path.read_bytes() != untouched
            before = path.read_bytes()

            app.start_exercise(scenario)
            await driver.settle()
            await driver.press("#start-exercise")
            assert app.simulation.engine is not engine
            driver = UiDriver(scenario, app=app)
            for step in scenario.steps[:5]:  # visit, sign in, a refusal, link, a console check
                await driver.perform(step)
            await driver.key("f2")
            await driver.key("f6")  # the time machine, in the exercise
            await driver.key("ctrl+y")
            assert "1 of 2 done" in app.exercise_text
            assert path.read_bytes() == before
        assert path.read_bytes() == before
    finally:
        engine.dispose()


async def test_after_the_demo_space_is_the_learners_again(private_home):
    """The demo's keys exist only while a demo plays (app.check_action): once it is complete and the
    learner explores the world it leaves open, space ticks a box as it does in free practice."""
    scenario = load_exercise(LINK)
    app, _ = practice_app()
    async with app.run_test(size=SIZE):
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        app.start_exercise(scenario, Demo(app, scenario, 0.001))
        await driver.settle()
        await app.workers.wait_for_complete([w for w in app.workers if w.group == "demo"])
        await driver.settle()
        assert app.narration.startswith("Demo complete")
        await driver.key("f10")  # log out: the court list
        await driver.press("#pacer-login")
        box = driver.visible("#redaction", Checkbox)
        before = box.value
        box.focus()
        await driver.settle()
        await driver.key("space")
        assert box.value is not before, f"space went to the finished demo: {app.narration!r}"


async def test_space_ticks_a_box_in_free_practice():
    """The control for the test above: without a demo, space on a focused tick box ticks it."""
    app, practice = practice_app()
    async with app.run_test(size=SIZE):
        driver = UiDriver(practice, app=app)
        await driver.settle()
        await driver.press("#pacer-login")
        box = driver.visible("#redaction", Checkbox)
        before = box.value
        box.focus()
        await driver.settle()
        await driver.key("space")
        assert box.value is not before


async def test_a_classroom_session_keeps_its_progress_in_the_session_only(private_home):
    """`play --sandbox`, what `serve` runs for each trainee: many processes share the server's data
    dir, so none of them writes this machine's progress file."""
    scenario = load_exercise(LINK)
    practice = load_practice()
    app = SimApp(Simulation(private_world(practice.world)), personas=practice.personas, progress=Progress(None))
    app.animation_level = "none"
    async with app.run_test(size=SIZE):
        driver = await exercise_begun(app, scenario)
        assert app.progress.records[exercise_key(scenario.path)].attempts == 1
        app.open_picker()
        await driver.settle()
        assert str(driver.need("#picker-keeping", Static).content).endswith("kept for this session only.")
    assert list(private_home.iterdir()) == []


async def test_with_the_objectives_panel_open_at_100_columns_every_menu_is_in_view():
    scenario = load_exercise(LINK)
    app = SimApp(Simulation(private_world(scenario.world)))
    app.animation_level = "none"
    async with app.run_test(size=(100, 30)) as pilot:
        driver = await exercise_begun(app, scenario)
        for step in scenario.steps[:2]:  # visit, sign in: the court's menu bar, beside the panel
            await driver.perform(step)
        await pilot.pause()
        bar = app.screen.query_one("MenuBar")
        labels = [button.menu.label for button in bar.children]
        assert "Utilities" in labels and "Log Out" in labels
        assert all(bar.region.contains_region(button.region) for button in bar.children), [b.region for b in bar.children]
