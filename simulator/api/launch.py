"""Starting the API face on a world: a scenario's (private, in memory) or the practice world (the same
database the app uses, so a sign-in through the API and one through the screens meet the same lockout)."""

from __future__ import annotations

from typing import Callable

from aiohttp import web

from ..core import db, security
from ..core.context import Simulation
from ..core.world import load_world, private_world
from ..scenario.practice import load_practice
from ..scenario.runner import load_exercise
from .server import AuthApi


def api_simulation(world_reference: str | None) -> Simulation:
    security.current_profile()  # an unknown CMECF_SIM_HASH_PROFILE stops here, with a message
    if world_reference:
        return Simulation(private_world(load_exercise(world_reference).world))
    engine = db.make_engine(db.practice_url())
    if db.stored_schema_version(engine) != db.models.SCHEMA_VERSION:
        load_world(engine, load_practice().world)
    return Simulation(engine)


def serve_api(world_reference: str | None, host: str, port: int, echo: Callable[[str], None] = print) -> None:
    simulation = api_simulation(world_reference)
    echo(f"PACER Authentication API on http://{host}:{port}/services/cso-auth (OpenAPI at /openapi.json); "
         "ctrl+c stops it.")
    web.run_app(AuthApi(simulation).app(), host=host, port=port, print=None)
