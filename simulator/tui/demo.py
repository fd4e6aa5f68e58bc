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

    def toggle_pause(self) -> str:
        if self.running.is_set():
            self.running.clear()
            return "Demo paused: space resumes."
        self.running.set()
        return "Demo resumed."

    def change_pace(self, factor: float) -> str:
        self.pace = min(30.0, max(0.2, self.pace * factor))
        return f"Demo pace: {self.pace:.1f} s between steps."

    async def play(self) -> None:
        driver = UiDriver(self.scenario, app=self.app)
        steps = list(self.scenario.steps)
        for number, step in enumerate(steps, start=1):
            await self.running.wait()
            what = ACTIONS[step.action].summary
            self.app.narration = f"Step {number} of {len(steps)}: {what}\n{step.note}".rstrip()
            await asyncio.sleep(self.pace)
            await self.running.wait()
            result = await driver.perform(step)
            problems = mismatches(step.expect, result)
            verdict = "as expected" if not problems else "NOT as the scenario expects: " + "; ".join(problems)
            self.app.narration = f"Step {number} of {len(steps)} done, {verdict}.\n{step.note}".rstrip()
            await asyncio.sleep(self.pace)
        self.app.narration = f"Demo complete: {self.scenario.title}. The world stays open: explore, or press ctrl+q to quit."
