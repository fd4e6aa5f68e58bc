"""The trainer's dashboard (`cmecf-sim class dashboard NAME`, and /trainer when served): the class
live from the record, a trainee's steps, and the class actions it sends."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select
from textual.widgets import DataTable, Input, Static
from textual.worker import WorkerCancelled

from simulator.classroom import store
from simulator.tui.dashboard import ClassScreen, DashboardApp, PasscodeScreen, StepsScreen

LINK = "cod_link_on_go_live.toml"
SIZE = (140, 36)


@pytest.fixture
def engine(tmp_path, monkeypatch):
    monkeypatch.setenv("CMECF_SIM_HOME", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    engine = store.open_store()
    store.create_class(engine, "Denver", exercises=[LINK], passcode="chalk-and-board")
    ana, _ = store.join(engine, "Denver", "Ana Ruiz")
    store.join(engine, "Denver", "Ben Okafor")
    store.record_step(engine, ana.id, action="pacer_sign_in", ok=True, location="court_menu", court="cod")
    store.record_step(engine, ana.id, action="file", ok=False, error_code="NOT_LINKED",
                      message="Link your accounts first.", location="court_menu", court="cod")
    store.record_ticks(engine, ana.id, LINK, ["link", "file"], [True, False])
    return engine


async def refreshed(app, pilot) -> ClassScreen:
    """What the once-a-second refresh does, now. That refresh may start while ours runs and take its
    place (one refresh at a time): then ours is asked again."""
    screen = app.screen
    while True:
        try:
            await screen.refresh_status().wait()
            break
        except WorkerCancelled:
            continue
    await pilot.pause()
    return screen


def commands(engine) -> list[tuple[str, str, int | None]]:
    with Session(engine) as session:
        return [(c.kind, c.text, c.trainee_id) for c in session.exec(select(store.Command).order_by(store.Command.id))]


def cells(app) -> dict[str, list[str]]:
    table = app.screen.query_one("#trainees", DataTable)
    return {row[0]: [str(cell) for cell in row] for row in (table.get_row(key) for key in table.rows)}


async def test_the_dashboard_shows_each_trainee_live(engine):
    app = DashboardApp(engine, "Denver")
    async with app.run_test(size=SIZE) as pilot:
        await refreshed(app, pilot)
        rows = cells(app)
        assert rows["Ana Ruiz"][:5] == ["Ana Ruiz", "1/2 x.", "cod", "court_menu", "NOT_LINKED: Link your accounts first."]
        assert rows["Ana Ruiz"][6:8] == ["2", "1"]  # steps, errors
        assert rows["Ben Okafor"][1] == "0/2 .."
        summary = str(app.screen.query_one("#class-summary", Static).content)
        assert "2 trainees" in summary and "0.5 of 2 objectives done on average" in summary

        ben = next(t for t in app.screen.status.trainees if t.name == "Ben Okafor")
        store.record_step(engine, ben.id, action="open_court", ok=True, location="court_page", court="nysd")
        await refreshed(app, pilot)
        assert cells(app)["Ben Okafor"][2:4] == ["nysd", "court_page"]


async def test_enter_on_a_trainee_shows_their_steps(engine):
    app = DashboardApp(engine, "Denver")
    async with app.run_test(size=SIZE) as pilot:
        await refreshed(app, pilot)
        await pilot.press("enter")  # the cursor starts on the first trainee: Ana Ruiz
        await app.workers.wait_for_complete(list(app.workers)[-1:])
        await pilot.pause()
        assert isinstance(app.screen, StepsScreen)
        table = app.screen.query_one("#steps", DataTable)
        assert [str(table.get_row_at(i)[1]) for i in range(table.row_count)] == ["pacer_sign_in", "file"]
        assert str(table.get_row_at(1)[2]) == "NOT_LINKED"
        # each column is as wide as its widest cell from the start, not once the table next idles
        assert [column.width for column in table.ordered_columns][:3] == [8, len("pacer_sign_in"), len("NOT_LINKED")]
        await pilot.press("escape")
        assert isinstance(app.screen, ClassScreen)


async def test_a_trainee_with_no_steps_yet_shows_the_empty_table(engine):
    app = DashboardApp(engine, "Denver")
    async with app.run_test(size=SIZE) as pilot:
        await refreshed(app, pilot)
        await pilot.press("down", "enter")  # Ben Okafor has joined and done nothing
        await app.workers.wait_for_complete(list(app.workers)[-1:])
        await pilot.pause()
        table = app.screen.query_one("#steps", DataTable)
        assert table.row_count == 0
        assert [str(column.label) for column in table.ordered_columns][:2] == ["At (UTC)", "Action"]


async def test_class_actions_go_to_the_record(engine):
    app = DashboardApp(engine, "Denver")
    async with app.run_test(size=SIZE) as pilot:
        screen = await refreshed(app, pilot)
        await pilot.press("b")
        screen.query_one("#ask-input", Input).value = "Break until 10:30"
        await pilot.press("enter")
        await app.workers.wait_for_complete(list(app.workers)[-1:])

        await pilot.press("c")
        screen.query_one("#ask-input", Input).value = "tomorrow"
        await pilot.press("enter")
        assert "is not a clock move" in str(screen.query_one("#dashboard-message", Static).content)
        screen.query_one("#ask-input", Input).value = "next go-live"
        await pilot.press("enter")
        await app.workers.wait_for_complete(list(app.workers)[-1:])

        await pilot.press("p")
        await app.workers.wait_for_complete(list(app.workers)[-1:])
        await refreshed(app, pilot)
        assert "PAUSED" in str(screen.query_one("#class-summary", Static).content)
        await pilot.press("p")
        await app.workers.wait_for_complete(list(app.workers)[-1:])

        await pilot.press("r")  # once: asks again
        assert "Press r again" in str(screen.query_one("#dashboard-message", Static).content)
        await pilot.press("r")
        await app.workers.wait_for_complete(list(app.workers)[-1:])
        await pilot.pause()
    ana = store.class_status(engine, "Denver").trainees[0].id
    assert commands(engine) == [("broadcast", "Break until 10:30", None), ("clock", "next go-live", None),
                                ("pause", "", None), ("resume", "", None), ("reset", "", ana)]


async def test_served_at_trainer_it_asks_the_passcode_first(engine):
    app = DashboardApp(engine, "Denver", ask_passcode=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PasscodeScreen)
        app.screen.query_one("#passcode", Input).value = "guess"
        await pilot.press("enter")
        await app.workers.wait_for_complete(list(app.workers)[-1:])
        await pilot.pause()
        assert "not this class's trainer passcode" in str(app.screen.query_one("#passcode-problem", Static).content)
        app.screen.query_one("#passcode", Input).value = "chalk-and-board"
        await pilot.press("enter")
        await app.workers.wait_for_complete(list(app.workers)[-1:])
        await pilot.pause()
        assert isinstance(app.screen, ClassScreen)


def test_class_status_counts_time_on_task_without_breaks():
    from datetime import datetime, timedelta

    start = datetime(2026, 12, 2, 9, 0)
    moments = [start, start + timedelta(minutes=2), start + timedelta(hours=1), start + timedelta(hours=1, minutes=1)]
    assert store.time_on_task(moments) == timedelta(minutes=2 + 5 + 1)  # the hour's break counts 5 minutes
    ticks = [start + timedelta(minutes=1), start + timedelta(minutes=10)]
    assert store.progress_series(ticks, 2, start, start + timedelta(minutes=20), points=4) == [0.5, 1.0, 1.0, 1.0]


def test_the_progress_chart_has_a_fixed_scale():
    from simulator.tui.dashboard import progress_chart

    assert progress_chart([0.0, 1.0, 2.0], top=2, height=2).splitlines() == ["  █", " ██"]
