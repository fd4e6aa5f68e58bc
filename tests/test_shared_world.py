"""Several processes on one world (two app windows on the practice file; classroom servers on one
PostgreSQL): no unit of work loses another's update, and replacing a world is all or nothing."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from sqlmodel import Session, func, select

from simulator.core import catalog, db
from simulator.core.context import Simulation
from simulator.core.models import Court, World
from simulator.core.world import advance_clock, load_world
from simulator.scenario.practice import load_practice

from databases import database

MOVES_PER_PROCESS = 40

MOVER = textwrap.dedent("""
    import sys
    from simulator.core import db
    from simulator.core.context import Simulation
    from simulator.core.world import advance_clock
    sim = Simulation(db.make_engine(sys.argv[1]))
    for _ in range(int(sys.argv[2])):
        with sim.ctx() as ctx:
            advance_clock(ctx, by="1h")
""")


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_url(request, tmp_path):
    with database(request.param, tmp_path) as url:
        engine = db.make_engine(url)
        load_world(engine, load_practice().world, fresh=False)
        engine.dispose()
        yield url


def test_two_processes_moving_one_clock_lose_no_move(shared_url):
    start = _now(shared_url)
    movers = [subprocess.Popen([sys.executable, "-c", MOVER, shared_url, str(MOVES_PER_PROCESS)]) for _ in range(2)]
    assert [mover.wait(timeout=120) for mover in movers] == [0, 0]
    hours = (_now(shared_url) - start).total_seconds() / 3600
    assert hours == 2 * MOVES_PER_PROCESS


def test_a_reset_that_fails_part_way_leaves_the_old_world_whole(shared_url, monkeypatch):
    from simulator.core import world as world_module

    engine = db.make_engine(shared_url)
    with Simulation(engine).ctx() as ctx:
        advance_clock(ctx, by="5h")
    before = _now(shared_url)
    loaded = world_module._load

    def load_then_die(session, spec):
        loaded(session, spec)
        session.flush()
        raise KeyboardInterrupt  # a reset killed after every table was dropped and half rebuilt

    monkeypatch.setattr(world_module, "_load", load_then_die)
    with pytest.raises(KeyboardInterrupt):
        load_world(engine, load_practice().world)
    assert db.stored_schema_version(engine) == db.models.SCHEMA_VERSION
    assert _now(shared_url) == before
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Court)).one() == len(catalog.courts())
    engine.dispose()


def test_a_database_with_some_tables_missing_holds_no_world(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'half.db'}")
    World.__table__.create(engine)
    assert db.stored_schema_version(engine) is None


def _now(url: str):
    engine = db.make_engine(url)
    with Session(engine) as session:
        now = session.get(World, 1).now
    engine.dispose()
    return now
