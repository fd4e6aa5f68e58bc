"""A trainee's session in a class: the join screen (their name first) and the recorder that keeps
every step, hint and ticked objective in the class record (`simulator.classroom.store`).

The recorder runs on the app's core thread, right after the step it records, so the record is in
the order the trainee acted and the screen never waits on the store."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from ..classroom import store
from ..core.errors import SimError
from .dialog import Dialog


@dataclass
class ClassRecorder:
    engine: Engine
    trainee_id: int
    trainee_name: str

    def step(self, action: str, error: SimError | None, location: str, court: str | None) -> None:
        store.record_step(self.engine, self.trainee_id, action=action, ok=error is None,
                          error_code=error.code.value if error else "", message=error.message if error else "",
                          location=location, court=court or "")

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
    """The first screen of a served class: the trainee's name, then Enter."""

    AUTO_FOCUS = "#trainee-name"
    BINDINGS = []  # nothing but the name until they have joined

    def __init__(self, engine: Engine, class_name: str) -> None:
        super().__init__()
        self.engine = engine
        self.class_name = class_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="join"):
            yield Label(f"Welcome to the class {self.class_name}", classes="panel-title")
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
            trainee, rejoined = store.join(self.engine, self.class_name, raw_name)
        except store.ClassroomError as problem:
            self.app.call_from_thread(self.query_one("#join-problem", Static).update, str(problem))
            return
        recorder = ClassRecorder(self.engine, trainee.id, trainee.name)
        self.app.call_from_thread(self.dismiss, (recorder, rejoined))
