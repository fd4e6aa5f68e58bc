"""Play mode: an exercise's world, its briefing, a live checklist of objectives, hints on a key, and a
debrief (time taken, hints used, errors met); and the exercise picker with progress kept locally.

Objectives are judged by the core's own checks after every action, with the same expectation rules
as the scenario runner, so "done" in play mode means what it means in CI."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Label, Static

from ..core.actions import CHECKS
from ..core.context import Ctx
from ..core.errors import SimError
from ..scenario.expect import mismatches
from ..scenario.loader import Scenario, ScenarioError, load
from ..scenario.runner import collect
from ..core.catalog import resource_dir
from .dialog import Dialog
from .progress import exercise_key
from .widgets import KeyBar


@dataclass
class PlaySession:
    scenario: Scenario
    started: float | None = None  # when the trainee closed the briefing
    hints_used: int = 0
    errors: Counter = field(default_factory=Counter)
    ticked: list[bool] = field(default_factory=list)
    finished_after: float | None = None

    @property
    def key(self) -> str:
        return exercise_key(self.scenario.path)

    @property
    def all_done(self) -> bool:
        return bool(self.ticked) and all(self.ticked)

    def start_clock(self) -> None:
        if self.started is None:
            self.started = time.monotonic()

    def elapsed(self) -> float:
        if self.finished_after is not None:
            return self.finished_after
        return 0.0 if self.started is None else time.monotonic() - self.started

    def next_hint(self) -> str:
        hints = self.scenario.hints
        if not hints:
            return "This exercise has no hints. Read the briefing again (ctrl+b) and the screen's help (F1)."
        if self.hints_used < len(hints):
            self.hints_used += 1  # asking again after the last hint shows it again, and costs nothing
        return f"Hint {self.hints_used} of {len(hints)}: {hints[self.hints_used - 1]}"

    def checklist(self) -> str:
        lines = [self.scenario.title, ""]
        for objective, ticked in zip(self.scenario.objectives, self.ticked or [False] * len(self.scenario.objectives)):
            lines.append(f"[{'x' if ticked else ' '}] {objective.text}")
        done = sum(self.ticked)
        lines += ["", f"{done} of {len(self.scenario.objectives)} done · hints used: {self.hints_used}",
                  "ctrl+y hint · F4 who am I · ctrl+b briefing"]
        return "\n".join(lines)


def judge_objectives(ctx: Ctx, scenario: Scenario) -> list[bool]:
    """Each objective's check through the core, judged as the runner judges it."""
    ticked = []
    for objective in scenario.objectives:
        check = objective.check
        try:
            outcome = CHECKS[check.action](ctx, check.params)
            result = {"ok": True, "message": outcome.message, **outcome.fields}
        except SimError as error:
            result = {"ok": False, "error": error.code.value, "message": error.message}
        result["location"] = ctx.browser.location
        ticked.append(not mismatches(check.expect, result))
    return ticked


def bundled_exercises() -> list[Scenario]:
    found = []
    for path in collect([str(resource_dir("scenarios"))]):
        try:
            found.append(load(path))
        except ScenarioError:
            continue  # lint reports invalid files; the picker lists the valid ones
    levels = {"beginner": 0, "intermediate": 1, "advanced": 2}
    return sorted(found, key=lambda s: (levels.get(s.level, 3), s.title))


class BriefingScreen(Dialog):
    """The exercise's briefing and objectives, before the clock starts (and again on ctrl+b)."""

    BINDINGS = [Binding("escape,enter", "dismiss", "Start")]

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label(self.scenario.title, classes="panel-title")
            yield Static(self.scenario.briefing or self.scenario.summary, markup=False)
            yield Label("Objectives", classes="subform-title")
            yield Static("\n".join(f"- {o.text}" for o in self.scenario.objectives) or "(none)", markup=False)
            rules = ", ".join(self.scenario.rules)
            yield Static(f"Rules practised: {rules}" if rules else "", markup=False)
            yield Button("Start", id="start-exercise", variant="primary")
        yield KeyBar()

    @on(Button.Pressed, "#start-exercise")
    def start(self) -> None:
        self.dismiss()


class DebriefScreen(Dialog):
    """What the trainee did: time taken, hints used, errors met."""

    BINDINGS = [Binding("escape", "dismiss", "Keep exploring")]

    def __init__(self, session: PlaySession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        session = self.session
        minutes, seconds = divmod(int(session.elapsed()), 60)
        errors = ", ".join(f"{code} x{count}" for code, count in session.errors.most_common()) or "none"
        with Vertical(classes="dialog"):
            yield Label(f"Exercise complete: {session.scenario.title}", classes="panel-title")
            yield Static(
                f"Time taken: {minutes} min {seconds:02d} s\nHints used: {session.hints_used}\n"
                f"Errors met on the way: {errors}\n\n"
                + "\n".join(f"[x] {o.text}" for o in session.scenario.objectives)
                + ("\n\n" + session.scenario.summary if session.scenario.summary else ""),
                id="debrief-text", markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Button("Back to the exercises", id="to-exercises", variant="primary")
                yield Button("Keep exploring", id="keep-exploring")
        yield KeyBar()

    @on(Button.Pressed, "#keep-exploring")
    def keep(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#to-exercises")
    def exercises(self) -> None:
        self.dismiss()
        self.app.open_picker()


class PickerScreen(Dialog):
    """The bundled exercises, easiest first, with this machine's progress."""

    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Exercises", classes="panel-title")
            yield Static("", id="picker-summary", markup=False)
            table = DataTable(id="exercise-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("Done", "Level", "Exercise", "Rules", "Attempts")
            yield table
            yield Static("", id="picker-keeping", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        progress = self.app.kept_progress()
        self.query_one("#picker-keeping", Static).update(
            "Enter starts the exercise. "
            + ("Progress stays on this machine (cmecf-sim progress)." if progress.path else
               "Progress is kept for this session only."))
        self.exercises = {exercise_key(s.path): s for s in bundled_exercises()}
        table = self.query_one(DataTable)
        done = 0
        for key, scenario in self.exercises.items():
            record = progress.records.get(key)
            done += bool(record and record.done)
            table.add_row("[x]" if record and record.done else "[ ]", scenario.level or "-", scenario.title,
                          " ".join(scenario.rules), str(record.attempts if record else 0), key=key)
        self.query_one("#picker-summary", Static).update(f"{done} of {len(self.exercises)} done")

    @on(DataTable.RowSelected, "#exercise-table")
    def chosen(self, event: DataTable.RowSelected) -> None:
        scenario = self.exercises[str(event.row_key.value)]
        self.dismiss()
        self.app.start_exercise(scenario)
