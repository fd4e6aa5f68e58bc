"""Demo mode: a scenario's steps played visibly through the real screens, each step's note as
narration, at a pace the trainer sets (space pauses and resumes; [ slows, ] speeds up)."""

from __future__ import annotations

import asyncio

from ..scenario.expect import mismatches
from ..scenario.loader import Scenario
from ..scenario.spec import ACTIONS
from .driver import UiDriver


class Demo:
    def __init__(self, app, scenario: Scenario, pace: float) -> None:
        self.app, self.scenario, self.pace = app, scenario, pace
        self.running = asyncio.Event()
        self.running.set()
        self.headline, self.note = "", ""

    def say(self, headline: str, note: str = "") -> None:
        self.headline, self.note = headline, note
        self.show()

    def show(self) -> None:
        """The narration bar, which says so while the demo is paused, whatever step it is on."""
        paused = "" if self.running.is_set() else "PAUSED (space resumes) · "
        self.app.narration = f"{paused}{self.headline}\n{self.note}".rstrip()

    def toggle_pause(self) -> None:
        if self.running.is_set():
            self.running.clear()
        else:
            self.running.set()
        self.show()

    def change_pace(self, factor: float) -> str:
        self.pace = min(30.0, max(0.2, self.pace * factor))
        return f"Demo pace: {self.pace:.1f} s between steps."

    async def play(self) -> None:
        driver = UiDriver(self.scenario, app=self.app)
        steps = list(self.scenario.steps)
        for number, step in enumerate(steps, start=1):
            await self.running.wait()
            self.say(f"Step {number} of {len(steps)}: {ACTIONS[step.action].summary}", step.note)
            await asyncio.sleep(self.pace)
            await self.running.wait()
            result = await driver.perform(step)
            problems = mismatches(step.expect, result)
            verdict = "as expected" if not problems else "NOT as the scenario expects: " + "; ".join(problems)
            self.say(f"Step {number} of {len(steps)} done, {verdict}.", step.note)
            await asyncio.sleep(self.pace)
        self.app.end_demo(f"Demo complete: {self.scenario.title}. The world stays open: explore, or press ctrl+q to quit.")
