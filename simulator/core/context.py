"""The unit of work every core service runs in, and the handle the two faces hold.

A `Simulation` owns an engine and the learner's browser session. `simulation.ctx()` opens one
database session; it commits when the work ends, also when the work ends in a `SimError`, because
some refusals are themselves facts (a failed sign-in counts toward lockout; a refused court page
still moves the learner to the login page). Anything else rolls back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cached_property

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from .errors import SimError, not_found
from .models import BrowserSession, Court, World
from .views import Outcome  # noqa: F401 - what every action returns, named beside the unit of work it runs in


class Ctx:
    def __init__(self, db: Session, browser_id: int | None, world: World | None = None, *,
                 samples_only: bool = False) -> None:
        self.db = db
        self.browser_id = browser_id
        self.samples_only = samples_only  # documents come from the built-in samples only (a served class)
        if world is not None:
            self.world = world  # already read, and locked, by Simulation.ctx

    @cached_property
    def world(self) -> World:
        world = self.db.get(World, 1)
        if world is None:
            raise RuntimeError("this database holds no world; load one first")
        return world

    @property
    def now(self) -> datetime:
        return self.world.now

    @cached_property
    def browser(self) -> BrowserSession:
        if self.browser_id is None:
            raise RuntimeError("this unit of work has no learner session")
        return self.db.get(BrowserSession, self.browser_id)

    def court(self, court_id: str) -> Court:
        court = self.db.get(Court, court_id) if court_id else None
        if court is None:
            known = ", ".join(c.id for c in self.db.exec(select(Court).order_by(Court.id)))
            raise not_found(f"There is no court '{court_id}' in this world. Courts: {known}.")
        return court


class Simulation:
    """One world (one database) and the learner's one browser in it. `samples_only`: a learner on a
    server (a classroom) files the built-in samples, never the server's own files."""

    def __init__(self, engine: Engine, browser_id: int | None = None, *, samples_only: bool = False) -> None:
        self.engine = engine
        self.browser_id = browser_id if browser_id is not None else self.new_browser()
        self.samples_only = samples_only

    def new_browser(self) -> int:
        """A fresh learner session (a new browser), starting at the court list."""
        with Session(self.engine) as db:
            browser = BrowserSession()
            db.add(browser)
            db.commit()
            return browser.id

    @contextmanager
    def ctx(self) -> Iterator[Ctx]:
        """A unit of work holding the world's write lock (see `db`): units of work of every process
        sharing this world run one after another, each seeing the last one's commit."""
        with Session(self.engine, expire_on_commit=False) as db:
            try:
                world = db.exec(select(World).where(World.id == 1).with_for_update()).first()
                yield Ctx(db, self.browser_id, world, samples_only=self.samples_only)
            except SimError:
                db.commit()
                raise
            except BaseException:
                db.rollback()
                raise
            db.commit()

    def read(self, fn, *args, **kwargs):
        """Run a read-only query function in a fresh unit of work."""
        with self.ctx() as ctx:
            return fn(ctx, *args, **kwargs)
