"""Starting the app: free practice on the persistent practice world."""

from __future__ import annotations

from ..core import db, security
from ..core.context import Simulation
from ..core.world import load_world
from ..scenario.practice import load_practice
from .app import SimApp


def practice() -> None:
    security.current_profile()  # an unknown CMECF_SIM_HASH_PROFILE stops here, with a message
    engine = db.make_engine(db.practice_url())
    spec = load_practice().world
    if db.stored_schema_version(engine) != db.models.SCHEMA_VERSION:
        load_world(engine, spec)
    SimApp(Simulation(engine), world_spec=spec, screenshot_dir=db.data_dir() / "screenshots").run()
