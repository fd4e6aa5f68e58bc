"""The API face on a world of its own, served on a free port from a thread (its own event loop), so
real HTTP clients (juriscraper, schemathesis, the runner's api driver) can reach it."""

from __future__ import annotations

import asyncio
import threading
import tomllib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from simulator.api.server import AuthApi, listen
from simulator.core import security
from simulator.core.context import Simulation
from simulator.core.world import private_world
from simulator.scenario.loader import parse

HEADER = '[scenario]\ntitle = "api"\nstart = {start}\n'


def world(tables: str, start: str = "2021-08-02T09:00:00-06:00") -> Simulation:
    security.use_profile("fast")
    spec = parse(tomllib.loads(HEADER.format(start=start) + tables), Path("api.toml"), require_steps=False)
    return Simulation(private_world(spec.world))


@contextmanager
def serving(simulation: Simulation) -> Iterator[str]:
    """The API on 127.0.0.1 at a free port; yields its base URL."""
    loop = asyncio.new_event_loop()
    runner, base = loop.run_until_complete(listen(AuthApi(simulation).app()))
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
