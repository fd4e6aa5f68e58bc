"""A trainee's session in a class: the join screen (their name first), the recorder that keeps
every step, hint, ticked objective and the trainee's world in the class record
(`simulator.classroom.store`), and the trainer's class actions carried out on the trainee's screen.

The recorder runs on the app's core thread, right after the step it records, so the record is in
the order the trainee acted and the screen never waits on the store. The trainee's world is kept
as a snapshot after every step, so a reload, a lost connection or a restarted server brings them
back where they were; a new trainee's world is a copy of the class's template, never built anew."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from ..classroom import store
from ..core import db, models, world
from ..core.catalog import seed_path
from ..core.context import Outcome, Simulation
from ..core.errors import SimError
from ..core.timeutil import parse_duration
from ..scenario.loader import Scenario
from .dialog import Dialog
from .progress import exercise_key

POLL_SECONDS = 1.0  # how often a trainee's session looks for the trainer's class actions


def template_key(scenario: Scenario) -> str:
    """A template stands for one version of the exercise, of the court catalog and of the schema."""
    digest = hashlib.sha256(scenario.path.read_bytes() + seed_path("courts.toml").read_bytes()).hexdigest()[:16]
    return f"{exercise_key(scenario.path)}|{digest}|v{models.SCHEMA_VERSION}"


def class_template(engine: Engine, scenario: Scenario) -> bytes:
    """The class's prebuilt world for `scenario` (built and kept on first use)."""
    return store.template_world(engine, template_key(scenario), lambda: db.snapshot(world.private_world(scenario.world)))


def clock_target(text: str) -> str:
    """A trainer's clock move, checked before it is sent: "next go-live", a duration (2h, 1d) or a
    moment with its offset (2021-08-02T09:00:00-06:00). Returned as it will be sent."""
    text = text.strip()
    if text.casefold() == world.NEXT_GO_LIVE:
        return world.NEXT_GO_LIVE
    try:
        parse_duration(text)
        return text
    except (ValueError, SimError):
        pass
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise store.ClassroomError(f"'{text}' is not a clock move: type next go-live, a duration such as 2h or 1d, "
                                   "or a moment with its offset such as 2021-08-02T09:00:00-06:00.")
    return moment.isoformat()


@dataclass
class ClassRecorder:
    engine: Engine
    trainee_id: int
    trainee_name: str
    classroom_id: int = 0
    exercise: str = ""  # the exercise key the trainee's world is of ("" in free practice)
    last_command: int = 0  # the last class action this session has carried out
    hints_used: int = 0  # hints the trainee had used when they joined

    def step(self, action: str, error: SimError | None, location: str, court: str | None) -> None:
        store.record_step(self.engine, self.trainee_id, action=action, ok=error is None,
                          error_code=error.code.value if error else "", message=error.message if error else "",
                          location=location, court=court or "")

    def keep_world(self, simulation: Simulation) -> None:
        store.save_world(self.engine, self.trainee_id, self.exercise, db.snapshot(simulation.engine),
                         simulation.browser_id)

    def kept_world(self) -> Simulation | None:
        kept = store.saved_world(self.engine, self.trainee_id, self.exercise)
        return None if kept is None else Simulation(db.engine_from_snapshot(kept.world), kept.browser_id, samples_only=True)

    def new_commands(self) -> list[store.Command]:
        commands = store.commands_after(self.engine, self.classroom_id, self.trainee_id, self.last_command)
        if commands:
            self.last_command = commands[-1].id
        return commands

    def hint(self) -> None:
        store.record_hint(self.engine, self.trainee_id)

    def ticks(self, exercise: str, objectives: list[str], ticked: list[bool]) -> None:
        store.record_ticks(self.engine, self.trainee_id, exercise, objectives, ticked)


def action_name(work_fn) -> str:
    """The core function a step calls, as the record names it: the function itself, or the last
    name a lambda calls (`lambda ctx: signon.pacer_sign_in(...)` is `pacer_sign_in`)."""
    name = getattr(work_fn, "__name__", "step")
    if name != "<lambda>":
        return name
    called = [called_name for called_name in work_fn.__code__.co_names if called_name[:1].islower()]
    return called[-1] if called else "message"


class JoinScreen(Dialog):
    """The first screen of a served class: the trainee's name, then Enter. It closes with
    (recorder, rejoined, paused): whether they had joined before, whether the class is paused."""

    AUTO_FOCUS = "#trainee-name"
    BINDINGS = []  # nothing but the name until they have joined

    def __init__(self, engine: Engine, classroom: store.Classroom) -> None:
        super().__init__()
        self.engine = engine
        self.classroom = classroom

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="join"):
            yield Label(f"Welcome to the class {self.classroom.name}", classes="panel-title")
            yield Static("Type your name as your trainer knows you, then press Enter. Joining again with the same "
                         "name (another tab, after a reload) brings you back as the same trainee.", markup=False)
            yield Input(placeholder="Your name", id="trainee-name", max_length=store.NAME_LIMIT * 2)
            yield Static("", id="join-problem", markup=False)

    @on(Input.Submitted, "#trainee-name")
    def join(self, event: Input.Submitted) -> None:
        # the app's worker, not the screen's: the screen closes when the join succeeds
        self.app.run_worker(lambda: self._join(event.value), thread=True, group="join", exit_on_error=False)

    def _join(self, raw_name: str) -> None:
        try:
            trainee, rejoined = store.join(self.engine, self.classroom.name, raw_name)
        except store.ClassroomError as problem:
            self.app.call_from_thread(self.query_one("#join-problem", Static).update, str(problem))
            return
        last_command = (store.take_over(self.engine, self.classroom.id, trainee.id) if rejoined
                        else store.last_command_id(self.engine, self.classroom.id))
        recorder = ClassRecorder(self.engine, trainee.id, trainee.name, self.classroom.id,
                                 last_command=last_command, hints_used=trainee.hints_used)
        paused = store.is_paused(self.engine, self.classroom.id)
        self.app.call_from_thread(self.dismiss, (recorder, rejoined, paused))


class PausedScreen(Dialog):
    """The trainer has paused the class: nothing to press until they resume it."""

    BINDINGS = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="paused"):
            yield Label("Your trainer has paused the class", classes="panel-title")
            yield Static("Look up: your trainer has something to show the class. Your world is kept as it is; "
                         "this screen closes by itself when the class goes on.", markup=False)


class TakenOverScreen(Dialog):
    """This trainee joined again in another tab or browser: this tab stops, so their work goes on
    in one world only."""

    BINDINGS = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="taken-over"):
            yield Label("You are working in another tab now", classes="panel-title")
            yield Static("You joined this class again somewhere else, and your work goes on there, where you "
                         "left off. Close this tab.", markup=False)


class ClassSession:
    """A served trainee's session: joining, their kept world, and the trainer's class actions."""

    def __init__(self, app, engine: Engine, classroom: store.Classroom, scenario: Scenario | None,
                 template: bytes) -> None:
        self.app = app
        self.engine = engine
        self.classroom = classroom
        self.scenario = scenario
        self.template = template
        self.paused = False
        self.recorder: ClassRecorder | None = None
        self.polling = None  # the once-a-second look for class actions, from the join on

    def fresh_world(self) -> Simulation:
        return Simulation(db.engine_from_snapshot(self.template), samples_only=True)

    def open_join(self) -> None:
        self.app.push_screen(JoinScreen(self.engine, self.classroom), self.joined)

    def joined(self, result) -> None:
        recorder, rejoined, paused = result
        recorder.exercise = exercise_key(self.scenario.path) if self.scenario else ""
        self.app.sub_title = f"{self.classroom.name} · {recorder.trainee_name}"
        kept = recorder.kept_world()
        self.app.recorder = self.recorder = recorder
        if kept is not None:
            self._resume(kept, f"Welcome back, {recorder.trainee_name}: you rejoined as the same trainee, "
                               "where you left off.")
        else:
            greeting = (f"Welcome back, {recorder.trainee_name}: you rejoined as the same trainee." if rejoined
                        else f"Welcome, {recorder.trainee_name}.")
            self._begin(greeting)
        self.polling = self.app.set_interval(POLL_SECONDS, self.poll, name="class actions")
        if paused:
            self._pause()

    def _begin(self, greeting: str) -> None:
        """A world from the template: the exercise from its briefing, or free practice at the court list."""
        if self.scenario is not None:
            self.app.start_exercise(self.scenario, simulation=self.fresh_world(), greeting=greeting)
        else:
            self.app.start_world(self.fresh_world())
            self.app.act(lambda ctx: Outcome(greeting))

    def _resume(self, kept: Simulation, greeting: str) -> None:
        if self.scenario is not None:
            self.app.resume_exercise(self.scenario, kept, greeting, self.recorder.hints_used)
        else:
            self.app.start_world(kept)
            self.app.act(lambda ctx: Outcome(greeting))

    def poll(self) -> None:
        self.app.run_worker(self._look, thread=True, group="class actions", exclusive=True, exit_on_error=False)

    def _look(self) -> None:
        try:
            commands = self.recorder.new_commands()
        except Exception as failure:  # noqa: BLE001 - the store may be away a moment; the next look retries
            self.app.log.warning(f"class actions: {failure!r}")
            return
        for command in commands:
            self.app.call_from_thread(self.carry_out, command)

    def carry_out(self, command: store.Command) -> None:
        if self.app.recorder is None:
            return  # taken over: this tab does nothing more
        if command.kind == store.TAKEN_OVER:
            self.app.recorder = None  # nothing more from this tab goes into the record
            self.polling.stop()
            self.app.push_screen(TakenOverScreen())
        elif command.kind == "broadcast":
            self.app.narration = f"Message from your trainer: {command.text}" if command.text else ""
        elif command.kind == "clock":
            self.app.act(lambda ctx: world.move_class_clock(ctx, command.text), self.app.ClassClockMoved(self.app),
                         navigate=not self.paused, counted=True)
        elif command.kind == "reset":
            self._begin("Your trainer has started your exercise over: everything is as new.")
        elif command.kind == "pause":
            self._pause()
        elif command.kind == "resume" and self.paused:
            self.paused = False
            if isinstance(self.app.screen, PausedScreen):
                self.app.pop_screen()

    def _pause(self) -> None:
        if not self.paused:
            self.paused = True
            self.app.push_screen(PausedScreen())

    def keep_paused(self) -> None:
        """After the trainer moved the clock: a paused class stays behind its pause screen."""
        if self.paused and not isinstance(self.app.screen, PausedScreen):
            self.app.push_screen(PausedScreen())
