"""Small worlds for the core's unit tests: a world from a scenario file's tables, and calls into the
core as a face makes them (one session each)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from simulator.core.context import Simulation
from simulator.core.errors import SimError
from simulator.core.world import private_world
from simulator.scenario.loader import parse

HEADER = '[scenario]\ntitle = "t"\nstart = {start}\n'


def world_sim(tables: str, start: str) -> Simulation:
    """A private world of `tables` (TOML world tables), its clock at `start` (with an offset)."""
    spec = parse(tomllib.loads(HEADER.format(start=start) + tables), Path("t.toml"), require_steps=False)
    return Simulation(private_world(spec.world))


def run(sim: Simulation, fn, *args, **kwargs):
    with sim.ctx() as ctx:
        return fn(ctx, *args, **kwargs)


def refused(sim: Simulation, fn, *args, **kwargs) -> SimError:
    with pytest.raises(SimError) as info:
        run(sim, fn, *args, **kwargs)
    return info.value
