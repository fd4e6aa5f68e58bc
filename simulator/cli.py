"""The `cmecf-sim` command. Textual is imported only by the commands that open the TUI."""

from __future__ import annotations

import shlex
import sys

import click

from .core import security
from .core.errors import SimError


class SimGroup(click.Group):
    """Setup a user can fix (an environment setting, the database) ends in a message saying what to
    change and exit 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        from .core.places import DatabaseUnusable

        try:
            return super().invoke(ctx)
        except (security.UnknownHashProfile, DatabaseUnusable) as problem:
            raise click.ClickException(str(problem)) from None
        except SimError as problem:  # the simulator's own failure (tui/app.py, Trouble): its words, no code
            raise click.ClickException(problem.message) from None
        except Exception as failure:
            if not type(failure).__module__.startswith("sqlalchemy."):
                raise
            raise _said(failure) from None


def _said(failure: Exception) -> Exception:
    """A database failure in words (SQLAlchemy's, imported only now: free practice draws its first
    screen before the core loads it)."""
    from sqlalchemy.exc import DatabaseError, OperationalError

    if isinstance(failure, OperationalError):
        return click.ClickException(
            f"The practice database cannot be opened ({failure.orig}). Check DATABASE_URL, or that the "
            "user data folder is writable (CMECF_SIM_HOME chooses another folder)."
        )
    if isinstance(failure, DatabaseError):  # the file or server answered, but not as a whole database
        return click.ClickException(
            f"The practice database cannot be read ({failure.orig}). `cmecf-sim reset` starts a new practice "
            "world (an unreadable SQLite file is kept beside it), or check DATABASE_URL."
        )
    return failure


@click.group(cls=SimGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def main(ctx: click.Context) -> None:
    """A CM/ECF and PACER sign-in and filing simulator. With no command, opens free practice."""
    if ctx.invoked_subcommand is None:
        from .tui.launch import practice

        practice(sandbox=False)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--driver", type=click.Choice(["core", "ui", "both", "api"]), default="core", show_default=True,
              help="core calls the simulator's core; ui drives the real TUI headless; both runs both and compares; "
                   "api takes the sign-on steps over HTTP (the Authentication API) and compares them with the core.")
@click.option("--junit", "junit", metavar="FILE", help="Write a JUnit XML report (one testcase per scenario and driver).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Run in N processes.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first failing scenario.")
@click.option("--hash-profile", type=click.Choice(sorted(security.PROFILES)), default="fast", show_default=True,
              help="Password hashing for the throwaway scenario worlds (see README, 'Hashing').")
@click.option("--mailbox", metavar="DIR", help="Write the mail each scenario's world sent into the Maildir DIR/<scenario>/.")
def run(paths, driver, junit, jobs, fail_fast, hash_profile, mailbox) -> None:
    """Run scenario files, or every *.toml under folders."""
    from .faces import FACES
    from .scenario.runner import run as run_scenarios

    report = run_scenarios(list(paths), driver, jobs, fail_fast, junit, hash_profile, echo=click.echo, mailbox=mailbox,
                           faces=FACES)
    sys.exit(report.exit_code)


@main.command()
@click.argument("paths", nargs=-1, required=True)
def lint(paths) -> None:
    """Check scenario files without running them (exit 0 when all are valid, 2 otherwise)."""
    from .scenario.runner import lint as lint_scenarios

    sys.exit(lint_scenarios(list(paths), echo=click.echo))


@main.command()
def schema() -> None:
    """Print the JSON Schema of scenario files (for editors: Taplo / Even Better TOML)."""
    from .scenario.schema import schema_text

    click.echo(schema_text(), nl=False)


@main.command()
@click.option("--at", "moment", metavar="DATETIME",
              help="Start the practice world at this instant, with an offset (2021-07-29T09:00:00-06:00).")
def reset(moment: str | None) -> None:
    """Start the practice world over (every account, link and docket as new)."""
    from .core.timeutil import parse_iso
    from .tui.launch import reset_practice

    try:
        at = parse_iso(moment) if moment else None
    except SimError as error:
        raise click.BadParameter(error.message, param_hint="--at") from None
    click.echo(reset_practice(at))


@main.command()
@click.argument("scenario", required=False)
@click.option("--demo", is_flag=True, help="Play the scenario's steps through the screens, with narration.")
@click.option("--pace", type=click.FloatRange(min=0.0), default=2.0, show_default=True,
              help="Demo mode: seconds between steps (space pauses; [ and ] change the pace).")
@click.option("--sandbox", is_flag=True, help="A classroom session: keep progress for this session only.")
def play(scenario: str | None, demo: bool, pace: float, sandbox: bool) -> None:
    """Practise an exercise (a scenario): its world, briefing, objectives, hints and debrief.
    Without SCENARIO, pick one from the bundled exercises."""
    from .scenario.loader import ScenarioError
    from .tui.launch import play as play_exercise

    try:
        play_exercise(scenario, demo=demo, pace=pace, sandbox=sandbox)
    except ScenarioError as error:
        raise click.ClickException(str(error)) from None


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--exercise", metavar="SCENARIO", help="Give every trainee this exercise instead of free practice.")
@click.option("--class", "class_name", metavar="NAME",
              help="A class: trainees join by name and every step is kept in the class record (created if new).")
@click.option("--trainer-passcode", metavar="PASSCODE", help="With --class: the trainer's passcode (stored hashed).")
@click.option("--public-url", metavar="URL",
              help="The address trainees open (behind a TLS proxy: https://class.example.org), for the page's links.")
@click.option("--max-trainees", type=click.IntRange(min=1), default=40, show_default=True,
              help="Sessions this server holds at once (each is a process); one more is told the class is full.")
def serve(host: str, port: int, exercise: str | None, class_name: str | None, trainer_passcode: str | None,
          public_url: str | None, max_trainees: int) -> None:
    """A classroom in the browser (textual-serve): each trainee gets their own sandboxed world.
    Put it behind a TLS reverse proxy with authentication before exposing it beyond this machine."""
    from .scenario.loader import ScenarioError
    from .tui.launch import classroom

    trainer_command = None
    try:
        if class_name is not None:
            command, trainer_command = class_commands(class_name, exercise, trainer_passcode)
        else:
            command = classroom_command(exercise)
    except ScenarioError as error:
        raise click.ClickException(str(error)) from None
    from .tui.serve import PortUnavailable

    try:
        classroom(command, host, port, public_url, max_trainees, trainer_command)
    except PortUnavailable as problem:
        raise click.ClickException(str(problem)) from None


@main.command()
@click.option("--world", "world_reference", metavar="SCENARIO",
              help="Serve this scenario's world (a file, or a bundled exercise's name); without it, the practice world.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8080, show_default=True)
def api(world_reference: str | None, host: str, port: int) -> None:
    """PACER's Authentication API over a world: POST /services/cso-auth and /services/cso-logout, a court's
    menu for the NextGenCSO cookie at /courts/<court>/menu, the OpenAPI document at /openapi.json."""
    from .api.launch import serve_api
    from .scenario.loader import ScenarioError

    try:
        serve_api(world_reference, host, port, echo=click.echo)
    except ScenarioError as error:
        raise click.ClickException(str(error)) from None
    except OSError as problem:
        raise click.ClickException(f"Cannot listen on {host}:{port} ({problem.strerror or problem}). Choose "
                                   "another --port, or stop what is using it.") from None


def classroom_command(exercise: str | None) -> str:
    """What each trainee's browser session runs: a sandbox that leaves nothing on the server. The
    exercise is checked here, once, rather than failing in every trainee's session."""
    from .scenario.runner import load_exercise

    if exercise:
        scenario_path = load_exercise(exercise).path.resolve()
        session = f"play {shlex.quote(str(scenario_path))} --sandbox"
    else:
        session = "practice --sandbox"
    return f"{shlex.quote(sys.executable)} -m simulator {session}"


def class_commands(class_name: str, exercise: str | None, passcode: str | None) -> tuple[str, str | None]:
    """What each trainee's tab runs in a class (join by name, then the class's work: a session forked
    from a warm process) and what the trainer's /trainer page runs (None without a passcode). Done
    here, once: the class record is created or updated, the class's world template built, and the
    store's address handed to every trainee process (they need no data dir of their own)."""
    import os

    from .classroom import store
    from .scenario.practice import load_practice
    from .tui import forker
    from .tui.classroom import class_template
    from .scenario.runner import load_exercise

    exercises = [_exercise_reference(exercise)] if exercise else None
    url = store.store_url()
    try:
        engine = store.open_store(url)
        classroom = store.create_class(engine, class_name, exercises=exercises, passcode=passcode)
    except store.ClassroomError as problem:
        raise click.ClickException(str(problem)) from None
    class_template(engine, load_exercise(classroom.exercises[0]) if classroom.exercises else load_practice())
    os.environ[store.STORE_URL_VARIABLE] = url
    trainer = (f"{shlex.quote(sys.executable)} -m simulator class dashboard {shlex.quote(classroom.name)} --ask-passcode"
               if classroom.passcode_hash else None)
    return forker.start(classroom.name, classroom.exercises[0] if classroom.exercises else None), trainer


@main.command()
@click.option("--sandbox", is_flag=True, help="A private, throwaway practice world (classrooms).")
def practice(sandbox: bool) -> None:
    """Free practice (what `cmecf-sim` alone opens)."""
    from .tui.launch import practice as practice_app

    practice_app(sandbox=sandbox)


@main.command()
@click.option("--csv", "as_csv", is_flag=True, help="CSV for a spreadsheet, instead of a table.")
def progress(as_csv: bool) -> None:
    """Exercises done, attempts, best time and hints used, as kept on this machine."""
    from .tui.progress import Progress

    click.echo(Progress.load().export(as_csv=as_csv), nl=False)


@main.group(name="class")
def class_group() -> None:
    """A class record: trainees, their steps, objectives ticked, hints (see README, "Running a class")."""


@class_group.command(name="create")
@click.argument("name")
@click.option("--exercise", "exercises", metavar="SCENARIO", multiple=True, help="An exercise of the class (repeatable).")
@click.option("--trainer-passcode", metavar="PASSCODE", help="The passcode of the trainer's dashboard (stored hashed).")
def class_create(name: str, exercises: tuple[str, ...], trainer_passcode: str | None) -> None:
    """Create the class NAME (or change its exercises or passcode)."""
    from .classroom import store

    references = [_exercise_reference(exercise) for exercise in exercises]
    try:
        classroom = store.create_class(store.open_store(), name, exercises=references or None, passcode=trainer_passcode)
    except store.ClassroomError as problem:
        raise click.ClickException(str(problem)) from None
    click.echo(f"Class '{classroom.name}' is ready" + (f" with {len(classroom.exercises)} exercise(s)." if classroom.exercises else " (free practice)."))


@class_group.command(name="report")
@click.argument("name")
@click.option("--csv", "style", flag_value="csv", help="CSV for a spreadsheet.")
@click.option("--json", "style", flag_value="json", help="JSON, one object per row.")
def class_report(name: str, style: str | None) -> None:
    """One row per trainee per objective: done, when, steps, errors, hints used."""
    from .classroom import store

    def objectives_of(reference: str) -> list[str]:
        from .scenario.runner import load_exercise

        return [objective.text for objective in load_exercise(reference).objectives]

    try:
        rows = store.report_rows(store.open_store(), name, objectives_of)
    except store.ClassroomError as problem:
        raise click.ClickException(str(problem)) from None
    click.echo(store.report_text(rows, style or "table"), nl=False)


@class_group.command(name="dashboard")
@click.argument("name")
@click.option("--ask-passcode", is_flag=True, hidden=True, help="Served at /trainer: the trainer passcode first.")
def class_dashboard(name: str, ask_passcode: bool) -> None:
    """The class live: each trainee's objectives, court, place, last error, hints and time on task;
    broadcast, move every clock, pause, reset a trainee."""
    from .classroom import store
    from .tui.dashboard import DashboardApp

    try:
        app = DashboardApp(store.open_store(), name, ask_passcode=ask_passcode)
    except store.ClassroomError as problem:
        raise click.ClickException(str(problem)) from None
    app.run()


@class_group.command(name="session", hidden=True)
@click.argument("name")
def class_session(name: str) -> None:
    """What `serve --class NAME` runs in each trainee's browser tab: join by name, then the class's work."""
    from .classroom import store
    from .tui.launch import class_session as open_session

    try:
        open_session(name)
    except store.ClassroomError as problem:
        raise click.ClickException(str(problem)) from None


def _exercise_reference(exercise: str) -> str:
    """An exercise as the class keeps it (as progress does: a bundled one by its name, another by its
    full path), checked once here."""
    from .scenario.loader import ScenarioError
    from .scenario.runner import load_exercise
    from .tui.progress import exercise_key

    try:
        return exercise_key(load_exercise(exercise).path)
    except ScenarioError as error:
        raise click.ClickException(str(error)) from None
