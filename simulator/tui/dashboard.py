"""The trainer's dashboard: the class live, one row per trainee, and the class actions.

`cmecf-sim class dashboard NAME` in a terminal; the same app is served at `/trainer` by
`serve --class`, where it asks for the trainer passcode first. It reads the class record about
once a second (a thread worker), so a trainee's step shows within two seconds; it never opens a
trainee's world: actions go into the record and each trainee's session carries them out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache

from sqlalchemy.engine import Engine
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from ..classroom import store
from .classroom import clock_target
from .dialog import Dialog, FocusOnArrival

REFRESH_SECONDS = 1.0
PASSCODE_TRIES = 5


@lru_cache(maxsize=32)
def exercise_objectives(reference: str) -> tuple[str, ...]:
    """An exercise's objective texts, read once per dashboard (it refreshes every second)."""
    from ..scenario.runner import load_exercise

    return tuple(objective.text for objective in load_exercise(reference).objectives)


def _ago(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "-"
    seconds = max(0, int((now - moment).total_seconds()))
    return f"{seconds} s ago" if seconds < 120 else f"{seconds // 60} min ago"


def _minutes(span: timedelta) -> str:
    total = int(span.total_seconds())
    return f"{total // 60}:{total % 60:02d}"


BARS = " ▁▂▃▄▅▆▇█"


def progress_chart(series: list[float], top: int, height: int = 3) -> str:
    """A bar chart in text, on a fixed scale from nothing done (empty) to every objective done
    (`top`, a full column), so the chart reads the same all class long."""
    levels = len(BARS) - 1
    rows = []
    for row in range(height - 1, -1, -1):
        line = ""
        for value in series:
            filled = (value / top if top else 0.0) * height * levels - row * levels
            line += BARS[max(0, min(levels, round(filled)))]
        rows.append(line)
    return "\n".join(rows)


def _marks(ticked: list[bool]) -> str:
    """Objectives as marks a person reads without colour: x done, . not yet."""
    return f"{sum(ticked)}/{len(ticked)} " + "".join("x" if done else "." for done in ticked) if ticked else "-"


COLUMNS = (("trainee", "Trainee"), ("objectives", "Objectives"), ("court", "Court"), ("where", "Where"),
           ("last-error", "Last error"), ("hints", "Hints"), ("steps", "Steps"), ("errors", "Errors"),
           ("on-task", "On task"), ("last-step", "Last step"))


def status_cells(trainee: store.TraineeStatus, now: datetime) -> list[str]:
    return [trainee.name, _marks(trainee.ticked), trainee.court or "-", trainee.location or "-",
            (trainee.last_error[:40] or "-"), str(trainee.hints_used), str(trainee.steps), str(trainee.errors),
            _minutes(trainee.on_task), _ago(trainee.last_step, now)]


PROMPTS = {
    "broadcast": "A message for every trainee's screen (Enter sends it, an empty one clears it; Escape cancels):",
    "clock": "Move every trainee's clock to: next go-live, a duration such as 2h or 1d, or a moment such as "
             "2021-08-02T09:00:00-06:00 (Enter moves it; Escape cancels):",
}


class ClassScreen(Screen):
    """The class at a glance, live."""

    BINDINGS = [
        Binding("b", "ask('broadcast')", "Broadcast"),
        Binding("c", "ask('clock')", "Move clocks"),
        Binding("p", "pause", "Pause/resume"),
        Binding("r", "reset", "Reset trainee"),
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, engine: Engine, class_name: str) -> None:
        super().__init__()
        self.engine = engine
        self.class_name = class_name
        self.status: store.ClassStatus | None = None
        self.asking: str | None = None  # the class action the input is for
        self.reset_pending: int | None = None  # the trainee a first r would reset

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="class-summary", markup=False)
        yield Label("Objectives done per trainee, from the first join to now (top: all done)", id="chart-title")
        yield Static("", id="progress-chart", markup=False)
        table = DataTable(id="trainees", cursor_type="row", zebra_stripes=True)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        yield table
        yield Static("", id="dashboard-message", markup=False)
        with Vertical(id="ask"):
            yield Label("", id="ask-prompt")
            yield Input(id="ask-input")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ask").display = False
        self.refresh_status()
        self.set_interval(REFRESH_SECONDS, self.refresh_status, name="class status")

    def say(self, text: str) -> None:
        self.query_one("#dashboard-message", Static).update(text)

    @work(thread=True, group="status", exclusive=True, exit_on_error=False)
    def refresh_status(self) -> None:
        try:
            status = store.class_status(self.engine, self.class_name, exercise_objectives)
        except Exception as failure:  # noqa: BLE001 - the store may be away a moment; say so and retry
            self.app.call_from_thread(self.say, f"The class record cannot be read just now ({failure}); retrying.")
            return
        self.app.call_from_thread(self.show_status, status)

    def show_status(self, status: store.ClassStatus) -> None:
        self.status = status
        now = datetime.now(UTC)
        count = len(status.trainees)
        done = sum(sum(trainee.ticked) for trainee in status.trainees)
        average = done / count if count else 0.0
        exercises = ", ".join(status.exercises) or "free practice"
        self.query_one("#class-summary", Static).update(
            f"{status.name} · {exercises} · {count} trainee{'s' if count != 1 else ''} · "
            f"{average:.1f} of {len(status.objectives)} objectives done on average"
            + (" · PAUSED (p resumes)" if status.paused else ""))
        if status.started is not None:
            series = store.progress_series(status.ticks, count, status.started, now, points=60)
            self.query_one("#progress-chart", Static).update(progress_chart(series, len(status.objectives)))
        table = self.query_one("#trainees", DataTable)
        for trainee in status.trainees:
            cells = status_cells(trainee, now)
            key = str(trainee.id)
            if key in table.rows:
                for (column, _), value in zip(COLUMNS, cells):
                    table.update_cell(key, column, value)
            else:
                table.add_row(*cells, key=key)

    def selected(self) -> store.TraineeStatus | None:
        table = self.query_one("#trainees", DataTable)
        if self.status is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((trainee for trainee in self.status.trainees if str(trainee.id) == key), None)

    def action_ask(self, kind: str) -> None:
        self.asking = kind
        self.query_one("#ask-prompt", Label).update(PROMPTS[kind])
        self.query_one("#ask").display = True
        field = self.query_one("#ask-input", Input)
        field.value = ""
        field.focus()

    def action_cancel(self) -> None:
        self.asking = self.reset_pending = None
        self.query_one("#ask").display = False
        self.query_one("#trainees", DataTable).focus()
        self.say("")

    @on(Input.Submitted, "#ask-input")
    def send_asked(self, event: Input.Submitted) -> None:
        kind, text = self.asking, event.value
        try:
            if kind == "clock":
                text = clock_target(text)
        except store.ClassroomError as problem:
            self.say(str(problem))
            return
        self.action_cancel()
        said = ("Your message is on every trainee's screen." if text else "The message is cleared from every screen.") \
            if kind == "broadcast" else f"Every trainee's clock moves: {text}."
        self.send(kind, text, said=said)

    def action_pause(self) -> None:
        if self.status is None:
            return
        if self.status.paused:
            self.send("resume", said="The class goes on: every trainee's screen is theirs again.")
        else:
            self.send("pause", said="The class is paused: every trainee sees a pause screen until you press p again.")

    def action_reset(self) -> None:
        """Reset the selected trainee's world: r twice, so one key never loses a trainee's work."""
        trainee = self.selected()
        if trainee is None:
            self.say("No trainee has joined yet.")
            return
        if self.reset_pending != trainee.id:
            self.reset_pending = trainee.id
            self.say(f"Press r again to start {trainee.name}'s exercise over in a new world (Escape keeps it).")
            return
        self.reset_pending = None
        self.send("reset", trainee_name=trainee.name, said=f"{trainee.name}'s exercise starts over.")

    @work(thread=True, group="actions", exit_on_error=False)
    def send(self, kind: str, text: str = "", *, trainee_name: str | None = None, said: str) -> None:
        try:
            store.send_command(self.engine, self.class_name, kind, text, trainee_name=trainee_name)
        except Exception as failure:  # noqa: BLE001 - a store that fails is said, the dashboard goes on
            said = f"That did not reach the class ({failure}). Try again."
        self.app.call_from_thread(self.say, said)
        self.app.call_from_thread(self.refresh_status)

    @on(DataTable.RowSelected, "#trainees")
    def open_steps(self) -> None:
        """Enter on a trainee: their steps."""
        trainee = self.selected()
        if trainee is not None:
            self.app.push_screen(StepsScreen(self.engine, self.class_name, trainee))


STEP_COLUMNS = ("At (UTC)", "Action", "Result", "Court", "Where", "Message")


class StepsScreen(Screen):
    """One trainee's steps, newest last: what they did, what the simulator said, where they were."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back to the class")]

    def __init__(self, engine: Engine, class_name: str, trainee: store.TraineeStatus) -> None:
        super().__init__()
        self.engine, self.class_name, self.trainee = engine, class_name, trainee

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(f"{self.trainee.name}: every step, newest last (Escape: back to the class)", id="steps-title")
        yield DataTable(id="steps", cursor_type="row", zebra_stripes=True)
        yield Footer()

    @work(thread=True, exit_on_error=False)
    def on_mount(self) -> None:
        steps = store.trainee_steps(self.engine, self.class_name, self.trainee.id)
        self.app.call_from_thread(self.show_steps, steps)

    def show_steps(self, steps: list[store.Step]) -> None:
        """Each column as wide as its widest cell, given when the columns are made: a column left to
        size itself is measured when the table next idles, and a table in a busy served session once
        stayed at its headers' width ("advanc" for advance_clock)."""
        rows = [(f"{step.at:%H:%M:%S}", step.action, "ok" if step.ok else step.error_code or "refused",
                 step.court or "-", step.location or "-", step.message[:80] or "-") for step in steps]
        table = self.query_one("#steps", DataTable)
        for index, label in enumerate(STEP_COLUMNS):
            table.add_column(label, width=max([len(label), *(len(row[index]) for row in rows)]))
        table.add_rows(rows)
        table.move_cursor(row=table.row_count - 1)
        table.focus()


class PasscodeScreen(Dialog):
    """The served dashboard's door: the trainer passcode set at `serve --class ... --trainer-passcode`."""

    AUTO_FOCUS = "#passcode"
    BINDINGS = []

    def __init__(self, engine: Engine, classroom: store.Classroom) -> None:
        super().__init__()
        self.engine, self.classroom = engine, classroom
        self.tries = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="trainer-door"):
            yield Label(f"Trainer's dashboard: {self.classroom.name}", classes="panel-title")
            yield Static("Type the trainer passcode, then press Enter.", markup=False)
            yield Input(password=True, id="passcode")
            yield Static("", id="passcode-problem", markup=False)

    @on(Input.Submitted, "#passcode")
    def check(self, event: Input.Submitted) -> None:
        self.app.run_worker(lambda: self._check(event.value), thread=True, group="passcode", exit_on_error=False)

    def _check(self, passcode: str) -> None:
        if store.check_passcode(self.classroom, passcode):
            self.app.call_from_thread(self.dismiss, True)
            return
        self.tries += 1
        if self.tries >= PASSCODE_TRIES:
            self.app.call_from_thread(self.app.exit, message="Too many wrong passcodes: reload the page to try again.")
            return
        self.app.call_from_thread(self.query_one("#passcode-problem", Static).update,
                                  "That is not this class's trainer passcode. Try again.")
        self.app.call_from_thread(setattr, self.query_one("#passcode", Input), "value", "")


class DashboardApp(FocusOnArrival, App):
    TITLE = "cmecf-sim trainer"
    CSS = """
    #class-summary { height: auto; padding: 0 1; text-style: bold; }
    #chart-title { padding: 0 1; color: $text-muted; }
    #progress-chart { height: 3; margin: 0 1; }
    #trainees { height: 1fr; }
    #dashboard-message { height: auto; padding: 0 1; background: $primary 20%; }
    #ask { height: auto; padding: 0 1; }
    #steps-title { padding: 0 1; text-style: bold; }
    #steps { height: 1fr; }
    .dialog { width: 80%; height: auto; padding: 1 2; border: thick $primary; background: $surface; }
    ModalScreen { align: center middle; }
    .panel-title { text-style: bold; }
    """

    def __init__(self, engine: Engine, class_name: str, *, ask_passcode: bool = False) -> None:
        """`ask_passcode`: served at /trainer, where anyone who reaches the page must prove they are the trainer."""
        super().__init__()
        self.engine = engine
        self.classroom = store.find_class(engine, class_name)
        self.ask_passcode = ask_passcode
        self.sub_title = self.classroom.name

    def on_mount(self) -> None:
        if not self.ask_passcode:
            self.push_screen(ClassScreen(self.engine, self.classroom.name))
            return
        if self.classroom.passcode_hash is None:
            self.exit(message=f"The class {self.classroom.name} has no trainer passcode: start it with "
                              "serve --class NAME --trainer-passcode PASSCODE.")
            return
        self.push_screen(PasscodeScreen(self.engine, self.classroom),
                         lambda _: self.push_screen(ClassScreen(self.engine, self.classroom.name)))
