"""The app's core queue: core work runs one job at a time in the order asked, each result lands on the
screens, and its reply is handled by the widget that asked, before the next; a second press of Submit files
nothing more."""

from __future__ import annotations

import asyncio
import time

from snapshot_app import app_for
from sqlmodel import select
from textual import on
from textual.widgets import Button, Static

from simulator.core.context import Outcome
from simulator.core.models import DocketEntry
from simulator.tui.driver import UiDriver
from simulator.tui.replies import Reply

SIZE = (100, 30)
LINK = "cod_link_on_go_live.toml"  # steps: visit, pacer_login, file (refused), link_account, check_menu, file


async def settled(app) -> None:
    await app.workers.wait_for_complete()
    await asyncio.sleep(0)


async def test_core_work_runs_in_the_order_it_was_asked_for():
    app, _ = app_for(LINK)
    async with app.run_test(size=SIZE):
        await settled(app)
        ran = []

        def job(number: int):
            def work(ctx) -> Outcome:
                time.sleep(0.01 * (3 - number))  # the first asked is the slowest
                ran.append(number)
                return Outcome(f"job {number}")
            return work

        for number in range(3):
            app.act(job(number))
        await settled(app)
        assert ran == [0, 1, 2]
        assert "job 2" in str(app.screen.message_bar.query_one("#message-text").content)


class Asker(Static):
    """A widget that asks the core and follows up on the replies, the slow one taking its time."""

    class Slow(Reply):
        pass

    class Quick(Reply):
        pass

    def __init__(self) -> None:
        super().__init__()
        self.order: list[str] = []

    @on(Slow)
    async def slow(self) -> None:
        self.order.append("first lands")
        await asyncio.sleep(0.05)
        self.order.append("first done")

    @on(Quick)
    def quick(self, reply: Quick) -> None:
        self.order.append(f"second lands: {reply.result or reply.outcome.message}")


async def test_each_result_and_its_follow_up_lands_before_the_next_begins_to():
    app, _ = app_for(LINK)
    async with app.run_test(size=SIZE):
        await settled(app)
        asker = Asker()
        await app.screen.mount(asker)
        app.act(lambda ctx: Outcome("one"), asker.Slow(asker))
        app.act(lambda ctx: Outcome("two"), asker.Quick(asker))
        await settled(app)
        assert asker.order == ["first lands", "first done", "second lands: two"]
        asker.order.clear()
        app.act(lambda ctx: Outcome("one"), asker.Slow(asker))
        app.ask(lambda ctx: "read", asker.Quick(asker))
        await settled(app)
        await settled(app)
        assert asker.order == ["first lands", "first done", "second lands: read"]


async def test_a_failing_read_is_shown_on_screen_and_not_handed_over():
    app, _ = app_for(LINK)
    async with app.run_test(size=SIZE):
        await settled(app)
        asker = Asker()
        await app.screen.mount(asker)

        def broken(ctx):
            raise RuntimeError("disk on fire")

        app.ask(broken, asker.Quick(asker))
        await settled(app)
        await settled(app)
        assert asker.order == []
        assert [type(error) for error in app.internal_errors] == [RuntimeError]
        assert app.screen.message_bar.code == "" and app.screen.message_bar.has_class("-error")  # not the learner's
        assert "disk on fire" in str(app.screen.message_bar.query_one("#message-text").content)


class DoubleClicker(UiDriver):
    """A filer who double-clicks Submit."""

    async def press(self, selector: str) -> None:
        if selector == "#submit-filing":
            button = self.visible(selector, Button)
            button.press()
            button.press()
            await self.settle()
            return
        await super().press(selector)


async def test_pressing_submit_twice_files_once():
    app, scenario = app_for(LINK)
    async with app.run_test(size=SIZE):
        driver = DoubleClicker(scenario, app=app)
        await driver.settle()
        for step in scenario.steps[:6]:
            await driver.perform(step)
        assert driver.outcome()["ok"], driver.outcome()
        with app.simulation.ctx() as ctx:
            assert len(ctx.db.exec(select(DocketEntry)).all()) == 1
