"""Deterministic apps for snapshot tests: a bundled scenario's world, and a way to reach a screen by
playing some of its steps through the UI driver (as a person would) before the screenshot."""

from __future__ import annotations

from pathlib import Path

from simulator.core import security
from simulator.core.context import Simulation
from simulator.core.world import private_world
from simulator.scenario.loader import load
from simulator.tui.app import SimApp
from simulator.tui.driver import UiDriver

ROOT = Path(__file__).resolve().parent.parent
SIZE = (100, 30)


def app_for(scenario_name: str) -> tuple[SimApp, object]:
    security.use_profile("fast")
    scenario = load(ROOT / "scenarios" / scenario_name)
    app = SimApp(Simulation(private_world(scenario.world)))
    app.animation_level = "none"
    return app, scenario


def after_steps(scenario_name: str, count: int, then=None):
    """An app and a run_before that plays the scenario's first `count` steps, then `then(driver)`."""
    app, scenario = app_for(scenario_name)

    async def run_before(pilot) -> None:
        driver = UiDriver(scenario, app=pilot.app)
        await driver.settle()
        for step in scenario.steps[:count]:
            await driver.perform(step)
        if then is not None:
            await then(driver)
        await driver.settle()

    return app, run_before
