"""Starting the app: free practice on the persistent practice world, an exercise, or a demo.

Free practice on the practice file draws its first screen before the core loads (core/opening.py),
so this module's top imports none of the core that loads SQLAlchemy; each launch imports what it uses.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path

from ..core import opening, places, security
from .app import LOG, Opening, SimApp


def learner_maildir() -> Path | None:
    """CMECF_SIM_MAILDIR: a Maildir where the learner's mail is delivered too (mutt, Thunderbird)."""
    setting = os.environ.get("CMECF_SIM_MAILDIR")
    return Path(setting).expanduser() if setting else None


def log_to_data_dir() -> None:
    """Failures inside the simulator go to <data dir>/cmecf-sim.log (the terminal belongs to the app);
    without a writable data dir they stay on stderr, shown after the app closes."""
    try:
        handler = logging.FileHandler(places.data_dir() / "cmecf-sim.log", encoding="utf-8")
    except (OSError, places.DatabaseUnusable):
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    LOG.addHandler(handler)
    LOG.propagate = False


def _refuse_unreadable(path: Path | None) -> None:
    problem = places.unreadable_file(path) if path is not None else None
    if problem:
        raise places.DatabaseUnusable(
            f"The practice database {path} cannot be read ({problem}). Run `cmecf-sim reset` to start "
            "a new practice world: it keeps the unreadable file beside the new one."
        )


def open_practice_world(world_spec: dict):
    """The practice world's engine, the world loaded fresh when there is none or it is from an older
    version of the simulator."""
    from ..core import db
    from ..core.world import load_world

    engine = db.make_engine(db.practice_url())
    if db.stored_schema_version(engine) != db.models.SCHEMA_VERSION:
        load_world(engine, world_spec)
    return engine


def open_practice_simulation(world_spec: dict):
    """The practice world as the app holds it (the opening's world, on the core thread)."""
    from ..core.context import Simulation

    return Simulation(open_practice_world(world_spec))


def practice(sandbox: bool = False) -> None:
    app = practice_app(sandbox)
    app.run()
    if app.cannot_open is not None:  # the world behind the first screen did not open: the CLI says why
        raise app.cannot_open


def practice_app(sandbox: bool = False) -> SimApp:
    """Free practice. The practice world persists between launches (unless `sandbox`: a classroom
    session's own throwaway world). On the practice file the court list kept from the last launch
    (or shipped, on a first one) is drawn while the world opens behind it; elsewhere (DATABASE_URL,
    or a world older than kept court lists) the world opens first."""
    security.current_profile()  # an unknown CMECF_SIM_HASH_PROFILE stops here, with a message
    if sandbox:
        return _opened_practice_app(sandbox=True)
    if os.environ.get("DATABASE_URL"):
        from ..core import db

        _refuse_unreadable(db.sqlite_file(db.practice_url()))
        log_to_data_dir()
        return _opened_practice_app(sandbox=False)
    practice_file = places.practice_file()
    _refuse_unreadable(practice_file)
    log_to_data_dir()
    kept = (places.data_dir(), practice_file)
    first = opening.for_launch(*kept)
    if first is None:
        return _opened_practice_app(sandbox=False, kept_opening=kept)
    return SimApp(None, opening=Opening(first, open_practice_simulation), kept_opening=kept,
                  screenshot_dir=places.data_dir() / "screenshots", maildir=learner_maildir())


def _opened_practice_app(*, sandbox: bool, kept_opening: tuple[Path, Path] | None = None) -> SimApp:
    from ..core import db
    from ..core.context import Simulation
    from ..core.world import load_world
    from ..scenario.practice import load_practice
    from .progress import Progress

    scenario = load_practice()
    if sandbox:
        engine = db.memory_engine()
        load_world(engine, scenario.world)
    else:
        engine = open_practice_world(scenario.world)
    return SimApp(Simulation(engine, samples_only=sandbox), world_spec=scenario.world, personas=scenario.personas,
                  screenshot_dir=places.data_dir() / "screenshots", progress=Progress(None) if sandbox else None,
                  maildir=None if sandbox else learner_maildir(), kept_opening=kept_opening)


def reset_practice(at: datetime | None = None) -> str:
    """A new practice world; an unreadable database file is set aside first (kept, never deleted)."""
    from ..core import db
    from ..core.world import load_world
    from ..scenario.practice import load_practice

    url = db.practice_url()
    kept = ""
    if db.unreadable(url):
        kept = f"The old database could not be read; it is kept as {db.set_aside(db.sqlite_file(url))}. "
    engine = db.make_engine(url)
    scenario = load_practice()
    spec = {**scenario.world, "start": at or scenario.start}
    load_world(engine, spec)
    opening.forget(places.data_dir())
    return f"{kept}The practice world starts over at {spec['start'].isoformat()}."


def play(reference: str | None, *, demo: bool = False, pace: float = 2.0, sandbox: bool = False) -> None:
    """An exercise in a private world of this process; without one, the exercise picker. A
    `sandbox` (classroom) session keeps its progress for the session only."""
    from ..core.context import Simulation
    from ..core.world import private_world
    from ..scenario.practice import load_practice
    from ..scenario.runner import load_exercise
    from .progress import Progress

    security.current_profile()
    if not sandbox:
        log_to_data_dir()
    scenario = load_exercise(reference) if reference else None
    practice_world = load_practice()
    engine = private_world((scenario or practice_world).world)
    app = SimApp(Simulation(engine, samples_only=sandbox), personas=[] if scenario else practice_world.personas,
                 screenshot_dir=places.data_dir() / "screenshots", progress=Progress(None) if sandbox else None,
                 maildir=None if sandbox else learner_maildir())

    def begin() -> None:
        if scenario is None:
            app.open_picker()
            return
        from .demo import Demo

        app.start_exercise(scenario, Demo(app, scenario, pace) if demo else None)

    app.call_later(begin)
    app.run()


def class_session(class_name: str) -> None:
    class_session_app(class_name).run()


PRELOADED_EXERCISES: dict = {}  # reference -> Scenario, read once by the forker for every session it forks


def class_session_app(class_name: str) -> SimApp:
    """A served trainee's session in the class `class_name`: their name first (the join screen),
    then the class's exercise (or free practice) in their own world, kept in the class record with
    every step. Nothing is written to the data dir: the record holds it all."""
    from ..classroom import store
    from ..core import db, signon
    from ..core.context import Simulation
    from ..scenario.practice import load_practice
    from ..scenario.runner import load_exercise
    from .classroom import ClassSession, class_template
    from .progress import Progress

    security.current_profile()
    engine = store.open_store()
    classroom = store.find_class(engine, class_name)
    if classroom.exercises:
        reference = classroom.exercises[0]
        scenario = PRELOADED_EXERCISES.get(reference) or load_exercise(reference)
    else:
        scenario = load_practice()
    template = class_template(engine, scenario)
    exercise = scenario if classroom.exercises else None
    app = SimApp(Simulation(db.engine_from_snapshot(template), samples_only=True),
                 personas=[] if exercise else scenario.personas,
                 screenshot_dir=places.data_dir(create=False) / "screenshots", progress=Progress(None))
    app.class_session = ClassSession(app, engine, classroom, exercise, template)
    # over the court list, once it has landed (a landing closes any screen above the learner's)
    app.call_later(lambda: app.act(signon.go_home, app.JoinDue(app)))
    return app


def classroom(command: str, host: str, port: int, public_url: str | None = None, max_trainees: int = 40,
              trainer_command: str | None = None) -> None:
    """Serve `command` to browsers (textual-serve): each trainee's tab runs it as its own process;
    `trainer_command` is the dashboard served at /trainer. The sessions inherit the server's sealing key
    (core/sealing.py), so a trainee's process needs no data dir of its own to enrol MFA."""
    from ..core import sealing
    from .serve import serve

    os.environ.setdefault(sealing.KEY_ENV, sealing.key_text())
    serve(command, host, port, public_url, max_trainees, trainer_command)
