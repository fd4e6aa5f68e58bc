"""The Textual face of the simulator: a thin adapter over the core.

Every learner action is a core call run on the core's one thread, in order (`act`). When it ends,
the app reads where the core says the learner stands and shows that screen with the outcome's
message; screens never decide anything themselves. Two modes: the learner's browser, and the trainer's console (clerk's
desk, time machine, inspector), which leaves the learner's screens where they were.

Free practice draws its first screen, the court list, before the core has loaded (an `Opening`, see
core/opening.py), so this module imports no core module that loads SQLAlchemy at its top: those are
imported where they are used, and all of them at once just after the first screen (`load_the_rest`).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive

from ..core import views
from ..core.errors import Code, SimError
from ..core.views import Outcome, View
from . import screens
from .dialog import FocusOnArrival
from .replies import Reply
from .screens.home import HomeScreen
from .theme import HIGH_CONTRAST

if TYPE_CHECKING:
    from ..core.context import Ctx, Simulation
    from ..scenario.loader import Scenario
    from .play import PlaySession
    from textual.screen import Screen

    from .progress import Progress

Work = Callable[["Ctx"], Outcome]

SCREEN_FOR_LOCATION = {
    views.HOME: "home",
    views.COURT_PAGE: "court_page",
    views.COURT_UNAVAILABLE: "unavailable",
    views.COURT_LOGIN: "court_login",
    views.COURT_MENU: "court",
    views.FILING_RECEIPT: "court",
    views.PACER_LOGIN: "pacer_login",
    views.PACER_MFA: "mfa",
    views.PACER_PROMPT: "prompt",
    views.PACER_UPDATE_REQUIRED: "update_required",
    views.PACER_ACCOUNT: "account",
    views.PACER_REGISTER: "register",
}

THE_REST = ("simulator.core.db", "simulator.core.pages", "simulator.core.world", "simulator.core.maildir",
            "simulator.scenario.practice", "simulator.scenario.personas", "simulator.tui.play", "simulator.tui.classroom",
            "simulator.tui.progress", *screens.MODULES)


def load_the_rest() -> None:
    """Import everything the first screen did not need, on the UI thread and before any core work:
    the core thread then never imports a module the UI thread may be importing too."""
    for name in THE_REST:
        import_module(name)


@dataclass
class Opening:
    """How free practice starts: `view`, the court list kept from last time (core/opening.py), drawn
    first; then, once the rest of the app has loaded, `open_world` on the core thread, given the
    practice world's spec (it builds the world when there is none yet)."""

    view: View
    open_world: Callable[[dict], "Simulation"]


@dataclass
class _Failed:
    """A read that failed inside the simulator: shown like a refusal, never handed to the screen."""

    error: SimError


class Trouble(SimError):
    """The simulator failed, not the learner: its database (disk full, file gone, server down) or a bug.
    Shown in words without a code, never counted among an exercise's errors, and logged."""


LOG = logging.getLogger("cmecf_sim")


def trouble_words(failure: Exception) -> str:
    from ..core import db

    cause = db.storage_failure(failure)
    if cause is not None:
        return (f"The simulator could not read or save its practice world ({cause}). This step was not saved. "
                "Check that the disk has room and the data folder is still there, then try again; if it keeps "
                "failing, `cmecf-sim reset` starts a new practice world.")
    return (f"Something went wrong inside the simulator ({type(failure).__name__}: {failure}). Nothing was saved "
            "from this step; please report it to your trainer.")


DEMO_KEYS = ("demo-pause", "demo-slower", "demo-faster")


class SimApp(FocusOnArrival, App):
    CSS_PATH = "app.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (28, "-tall")]  # an 80x24 terminal gets the compact forms
    TITLE = "cmecf-sim"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", "Help", id="help"),
        Binding("f2", "console", "Console", id="console", tooltip="The trainer's console: clerk, time machine, inspector"),
        Binding("f3", "inbox", "Inbox", id="inbox"),
        Binding("f4", "who_am_i", "Who am I", id="who-am-i", tooltip="Who you can be: the people, their logins, the cases"),
        Binding("ctrl+y", "hint", "Hint", id="hint", tooltip="An exercise's next hint"),
        Binding("ctrl+b", "briefing", "Briefing", id="briefing", show=False),
        Binding("f5", "advance('1h')", "+1h", id="plus-hour", tooltip="Move the simulated clock one hour"),
        Binding("f6", "advance('1d')", "+1d", id="plus-day", tooltip="Move the simulated clock one day"),
        Binding("f7", "next_go_live", "Go-live", id="next-go-live", tooltip="Jump to the next NextGen go-live"),
        Binding("f8", "screenshot_svg", "SVG", id="screenshot", tooltip="Save an SVG screenshot for handouts"),
        Binding("f9", "home", "Courts", id="home"),
        Binding("f10", "logout", "Log out", id="logout"),
        Binding("ctrl+g", "goto", "Go to", id="goto", tooltip="Open a court's CM/ECF page, as a bookmark would"),
        Binding("ctrl+t", "toggle_contrast", "High contrast", id="contrast", show=False),
        Binding("space", "demo_pause", "Pause demo", id="demo-pause", priority=True),
        Binding("left_square_bracket", "demo_pace(1.5)", "Slower", id="demo-slower", priority=True),
        Binding("right_square_bracket", "demo_pace(0.67)", "Faster", id="demo-faster", priority=True),
    ]

    MODES = {"learner": "learner_base", "console": "console"}
    DEFAULT_MODE = "learner"
    SCREENS = screens.SCREENS

    status_text: reactive[str] = reactive("")
    exercise_text: reactive[str] = reactive("")
    narration: reactive[str] = reactive("")

    def __init__(self, simulation: Simulation | None, *, world_spec: dict | None = None,
                 personas: list[dict] | None = None, screenshot_dir: Path | None = None,
                 progress: Progress | None = None, maildir: Path | None = None, opening: Opening | None = None,
                 kept_opening: tuple[Path, Path] | None = None, **kwargs) -> None:
        """`world_spec` is the practice world's spec when the learner may start it over at any date;
        `personas` are the practice world's Who am I entries; `progress` is where exercises are
        recorded (this machine's file unless given); `maildir`, where the world's mail is also
        delivered after each step (CMECF_SIM_MAILDIR), for a real mail tool. Free practice starts
        from an `opening` instead of a `simulation` when it has one, and keeps the court list for the
        next launch (`kept_opening`: the folder to keep it in, the practice world's file)."""
        super().__init__(**kwargs)
        self.simulation = simulation
        self.opening = opening
        self.kept_opening = kept_opening
        self.cannot_open: Exception | None = None  # why the opening's world did not open: the launch says it
        self.world_spec = world_spec
        self.personas = personas or []
        self.screenshot_dir = screenshot_dir
        self.play: PlaySession | None = None
        self.progress = progress
        self.demo = None  # a demo.Demo while a trainer's demo plays
        self._core_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="core")
        self._landing = asyncio.Lock()
        self.internal_errors: list[Exception] = []
        self.recorder = None  # a classroom.ClassRecorder once a served trainee has joined their class
        self.class_session = None  # a classroom.ClassSession in a served class
        self.maildir = maildir
        self._delivered: set[str] | None = None  # Message-IDs already in the Maildir
        self.register_theme(HIGH_CONTRAST)
        self._theme_before_contrast = "textual-dark"
        if opening is None:
            load_the_rest()

    def on_mount(self) -> None:
        if self.opening is None:
            self.go_home()
            return
        loaded = threading.Event()
        self.run_worker(self._draw_opening(loaded), group="core", exit_on_error=False)
        job = self._in_core(lambda: self._open_world(loaded))  # before any job a key press may queue
        self.run_worker(self._landed(job, None, True, False), group="core", exit_on_error=False)

    async def _draw_opening(self, loaded: threading.Event) -> None:
        """The kept court list, then the rest of the app, once that list is on screen."""
        try:
            async with self._landing:
                await self._land(self.opening.view, None, None, True)
            drawn = asyncio.Event()
            self.call_after_refresh(drawn.set)
            await drawn.wait()  # the court list is on screen before the UI thread is busy importing
            load_the_rest()
            from ..scenario.practice import load_practice

            scenario = load_practice()
            self.world_spec, self.personas = scenario.world, scenario.personas
        except Exception as failure:  # a bug: logged, and said by the launch after the app closes
            self.cannot_open = self._internal_error(failure)
            self.exit(return_code=1)
        finally:
            loaded.set()

    def _open_world(self, loaded: threading.Event) -> tuple[View | None, Outcome | None, SimError | None]:
        """On the core thread, first of all its jobs: the practice world, then the court list drawn
        again from it. A world that cannot open ends the app; the launch says why."""
        loaded.wait()  # only then: the UI thread has imported what this thread is about to use
        if self.cannot_open is not None:
            return None, None, None
        from ..core import signon

        try:
            self.simulation = self.opening.open_world(self.world_spec)
        except Exception as failure:  # noqa: BLE001 - said by the launch, in words, after the app closes
            self.cannot_open = failure
            self.call_from_thread(self.exit, return_code=1)
            return None, None, None
        return self._perform(signon.go_home)

    def on_unmount(self) -> None:
        self._core_thread.shutdown(wait=False, cancel_futures=True)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """The demo's keys exist only while a demo plays (space types a space everywhere else); the
        hint key only in an exercise."""
        if action in ("demo_pause", "demo_pace"):
            return self.demo is not None
        if action == "hint":
            return self.play is not None
        return True

    def start_demo(self, demo) -> None:
        """Play a scenario's steps through the screens (demo mode), narrating each."""
        self.demo = demo
        self.refresh_bindings()
        demo.say(f"Demo: {demo.scenario.title}", demo.scenario.briefing or demo.scenario.summary)
        self.run_worker(demo.play(), group="demo", exit_on_error=False)

    def end_demo(self, narration: str) -> None:
        """The world stays open to explore; space and the brackets are the learner's again."""
        self.demo = None
        self.refresh_bindings()
        self.narration = narration

    async def on_event(self, event: events.Event) -> None:
        """While a demo plays its keys reach it wherever the focus is: Textual gives a printable key
        to a focused text field before any binding, and most of a demo is spent on forms."""
        if isinstance(event, events.Key) and not event.is_forwarded and self.demo is not None:
            binding = next((b for b in self.BINDINGS if b.id in DEMO_KEYS and event.key in b.key.split(",")), None)
            if binding is not None:
                event.stop()
                await self.run_action(binding.action)
                return
        await super().on_event(event)

    def action_demo_pause(self) -> None:
        self.demo.toggle_pause()

    def action_demo_pace(self, factor: float) -> None:
        self.notify(self.demo.change_pace(factor), timeout=2)

    # --- running core work -------------------------------------------------------------------------

    def act(self, work_fn: Work, reply: Reply | None = None, *, navigate: bool = True, counted: bool = False) -> None:
        """Run a core action off the UI thread, then show where the learner stands, then hand `reply` to
        the widget that asked (tui/replies.py). `counted`: see `refused`."""
        job = self._in_core(lambda: self._perform(work_fn))
        self.run_worker(self._landed(job, reply, navigate, counted), group="core", exit_on_error=False)

    def _in_core(self, fn: Callable[[], Any]) -> asyncio.Future:
        """Queue `fn` on the core's one thread. Core work runs one job at a time, in the order the
        learner asked for it: two quick key presses file, advance or sign in in the order pressed."""
        return asyncio.wrap_future(self._core_thread.submit(fn))

    def _perform(self, work_fn: Work) -> tuple[View | None, Outcome | None, SimError | None]:
        """The action, then the view of where the learner stands; None for the view when even that
        cannot be read (the learner stays on the screen they are on, told why)."""
        from ..core import pages
        from .classroom import action_name

        outcome = error = None
        try:
            with self.simulation.ctx() as ctx:
                outcome = work_fn(ctx)
        except SimError as refusal:
            error = refusal
        except Exception as failure:  # the database or a bug: say so on screen, keep the world, never a traceback
            error = self._internal_error(failure)
        try:
            with self.simulation.ctx() as ctx:
                view = pages.build(ctx)
                if view.location == views.HOME and self.kept_opening is not None:
                    self._keep_opening(pages.opening(ctx, view.data))
        except Exception as failure:
            trouble = self._internal_error(failure)
            return None, None, error if isinstance(error, Trouble) else trouble
        if self.recorder is not None and not isinstance(error, Trouble):  # the class record counts the trainee's own
            self._record(lambda: self.recorder.step(action_name(work_fn), error, view.location, view.court_id))
            self._record(lambda: self.recorder.keep_world(self.simulation))
        if self.maildir is not None:
            self._deliver_mail()
        return view, outcome, error

    def _keep_opening(self, view: View) -> None:
        """The court list for the next launch to draw first (core/opening.py); a folder that cannot
        take it costs only that launch's head start."""
        from ..core import opening

        folder, database = self.kept_opening
        try:
            opening.keep(folder, view, database)
        except OSError as failure:
            LOG.warning(f"the court list could not be kept for the next launch: {failure}")
            self.kept_opening = None

    def _deliver_mail(self) -> None:
        """New mail into the learner's Maildir (on the core thread); a Maildir that cannot be written
        is said once and left alone, never costing the learner their step."""
        from ..core import maildir

        try:
            self._delivered = maildir.deliver(self.simulation.engine, self.maildir, self._delivered)
        except OSError as failure:
            where, self.maildir = self.maildir, None
            self.call_from_thread(self.notify, f"Mail cannot be delivered to {where} ({failure.strerror or failure}); "
                                  "the inbox (F3) still has it.", severity="warning")

    def _record(self, keep: Callable[[], None]) -> None:
        """Keep something in the class record (on the core thread). A store that fails is logged and
        said on screen; it never costs the trainee their step."""
        try:
            keep()
        except Exception as failure:  # noqa: BLE001 - the store is outside the learner's world
            self.log.error(f"class record: {failure!r}")
            self.call_from_thread(self.notify, "Your trainer's class record could not be updated.", severity="warning")

    def _record_later(self, keep: Callable[[], None]) -> None:
        """Keep something in the class record after the core work queued so far (a core worker, which
        the UI driver waits for like any step)."""
        self.run_worker(self._in_core(lambda: self._record(keep)), group="core", exit_on_error=False)

    def _internal_error(self, failure: Exception) -> Trouble:
        self.internal_errors.append(failure)
        LOG.error("a step failed inside the simulator", exc_info=failure)
        return Trouble(Code.INVALID_INPUT, trouble_words(failure))

    async def _landed(self, job: asyncio.Future, reply: Reply | None, navigate: bool, counted: bool) -> None:
        view, outcome, error = await job
        async with self._landing:  # one landing at a time, in the order the jobs were queued
            screen = await self._land(view, outcome, error, navigate, counted)
            if reply is not None and view is not None:
                reply.screen, reply.outcome, reply.error = screen, outcome, error
                await self._hand_over(reply)

    async def _hand_over(self, reply: Reply) -> None:
        """Post `reply` to the widget that asked and wait until it has been handled (a callback queued
        behind it runs after its handler), so the next landing finds its follow-up done."""
        handled = asyncio.get_running_loop().create_future()
        if reply.asker.post_message(reply) and reply.asker.call_later(
                lambda: handled.done() or handled.set_result(None)):
            await handled

    def ask(self, fn: Callable[[Ctx], Any], reply: Reply) -> None:
        """Read something from the core off the UI thread (a list, a preview), then hand it over in
        `reply.result`; a refusal is handed over too, a failure inside is shown like any other."""

        def read() -> Any:
            try:
                with self.simulation.ctx() as ctx:
                    return fn(ctx)
            except SimError as refusal:
                return refusal
            except Exception as failure:
                return _Failed(self._internal_error(failure))

        async def hand_over() -> None:
            result = await job
            async with self._landing:
                if isinstance(result, _Failed):
                    self.refused(result.error)
                else:
                    reply.result = result
                    await self._hand_over(reply)

        job = self._in_core(read)
        self.run_worker(hand_over(), group="core", exit_on_error=False)

    async def _land(self, view: View | None, outcome: Outcome | None, error: SimError | None,
                    navigate: bool, counted: bool = False) -> Screen:
        """The learner's screen drawn from `view` with the outcome's message; the screen they are on."""
        message = outcome.message if outcome else (error.message if error else "")
        code = error.code.value if error and not isinstance(error, Trouble) else ""  # codes are the learner's
        failed = error is not None
        if view is None:  # the world cannot be read: stay where the learner is, and say why
            if hasattr(self.screen, "shown"):
                self.screen.shown(message, code, failed=True)
            return self.screen
        self.status_text = view.status
        if self.play is not None:
            from .play import judge_objectives

            if error is not None and not counted and not isinstance(error, Trouble):
                self.play.errors[code] += 1
            scenario = self.play.scenario  # this exercise's, even if another has begun when the read runs
            self.ask(lambda ctx: judge_objectives(ctx, scenario), self.ObjectivesJudged(self))
        if not navigate:
            if hasattr(self.screen, "shown"):
                self.screen.shown(message, code, outcome.fields if outcome else {}, failed=failed)
            return self.screen
        name = SCREEN_FOR_LOCATION.get(view.location, "home")
        screen = self.get_screen(name)
        if self.current_mode != "learner":
            await self.switch_mode("learner")
        while len(self.screen_stack) > 2:  # a dialog or the inbox the action came from
            await self.pop_screen()
        screen.arriving = self.screen is not screen
        with self.batch_update():
            if len(self.screen_stack) == 1:
                await self.push_screen(screen)
            elif screen.arriving:
                await self.switch_screen(screen)
            await screen.render_view(view)
            screen.shown(message, code, outcome.fields if outcome else {}, failed=failed)
        return screen

    # --- exercises (play mode) ---------------------------------------------------------------------

    def start_exercise(self, scenario: Scenario, demo=None, *, simulation: Simulation | None = None,
                       greeting: str = "") -> None:
        """Load the exercise's world (a private one, in this process; or `simulation`, a copy of a
        class's template), then brief the trainee, or play the `demo` (a demo.Demo) through the screens."""
        self._load_exercise(scenario, demo, simulation, greeting)

    @work(group="core", exit_on_error=False)
    async def _load_exercise(self, scenario: Scenario, demo, simulation: Simulation | None, greeting: str) -> None:
        """Always a fresh in-memory world: an exercise never touches the persistent practice world."""

        from ..core import world
        from ..core.context import Simulation

        def load() -> None:
            self.simulation = simulation or Simulation(world.private_world(scenario.world),
                                                        samples_only=self.simulation.samples_only)
            self.world_spec = self.kept_opening = None

        await self._in_core(load)
        await self._begin_exercise(scenario, demo, greeting)

    async def _begin_exercise(self, scenario: Scenario, demo, greeting: str = "") -> None:
        from ..core import signon
        from .play import PlaySession

        self.play = PlaySession(scenario, ticked=[False] * len(scenario.objectives))
        self.refresh_bindings()  # the hint key appears
        self.exercise_text = self.play.checklist()
        if demo is not None:
            self.act(signon.go_home, self.DemoDue(self, demo))  # a demo is shown, not scored
            return
        self.kept_progress().started(self.play.key, scenario.title)
        self.act(_go_home_saying(greeting), self.BriefingDue(self, scenario))

    def resume_exercise(self, scenario: Scenario, simulation: Simulation, greeting: str, hints_used: int = 0) -> None:
        """Carry on an exercise in a world kept from before (a served trainee who rejoined), where
        its browser was: no briefing again, and the objectives judged from that world."""
        from .play import PlaySession

        self.start_world(simulation)
        self.play = PlaySession(scenario, ticked=[False] * len(scenario.objectives), hints_used=hints_used)
        self.play.start_clock()
        self.refresh_bindings()
        self.exercise_text = self.play.checklist()
        self.act(lambda ctx: Outcome(greeting))

    class DemoDue(Reply):
        """The court list is drawn: the demo plays from there."""

        def __init__(self, asker, demo) -> None:
            super().__init__(asker)
            self.demo = demo

    @on(DemoDue)
    def _play_demo(self, due: DemoDue) -> None:
        self.start_demo(due.demo)

    class BriefingDue(Reply):
        """The exercise's world is open at the court list: its briefing comes first."""

        def __init__(self, asker, scenario: Scenario) -> None:
            super().__init__(asker)
            self.scenario = scenario

    @on(BriefingDue)
    def _brief(self, due: BriefingDue) -> None:
        from .play import BriefingScreen

        self.push_screen(BriefingScreen(due.scenario), self._briefed)

    def _briefed(self, _=None) -> None:
        """The exercise's clock starts when the trainee closes the first briefing."""
        if self.play is not None:
            self.play.start_clock()

    class ObjectivesJudged(Reply):
        """An exercise's objectives judged after a step: `result` holds one tick for each."""

    @on(ObjectivesJudged)
    def _objectives_judged(self, judged: ObjectivesJudged) -> None:
        ticked = judged.result
        play = self.play
        if play is None or isinstance(ticked, Exception) or play.finished_after is not None:
            return
        play.ticked = ticked
        if self.recorder is not None:
            texts = [objective.text for objective in play.scenario.objectives]
            self._record_later(lambda: self.recorder.ticks(play.key, texts, ticked))
        self.exercise_text = play.checklist()
        if play.all_done:
            play.finished_after = play.elapsed()
            if self.demo is None:
                from .play import DebriefScreen

                self.progress.finished(play.key, play.scenario.title, play.finished_after, play.hints_used)
                self.push_screen(DebriefScreen(play))

    class JoinDue(Reply):
        """A served trainee's court list is drawn: their class's join screen goes over it."""

    @on(JoinDue)
    def _join(self) -> None:
        self.class_session.open_join()

    class ClassClockMoved(Reply):
        """The trainer moved the class's clock and the trainee's screen shows it."""

    @on(ClassClockMoved)
    def _class_clock_moved(self) -> None:
        self.class_session.keep_paused()

    def kept_progress(self) -> Progress:
        """This machine's progress, read when first needed, unless the app was given its own."""
        if self.progress is None:
            from .progress import Progress

            self.progress = Progress.load()
        return self.progress

    def open_picker(self) -> None:
        from .play import PickerScreen

        self.push_screen(PickerScreen())

    def action_who_am_i(self) -> None:
        """F4: who you can be: the practice world's personas, or what an exercise's briefing gives
        (its people's credentials and its cases), so they are always on screen when needed."""
        from ..scenario.personas import exercise_personas, with_cases
        from .screens.dialogs import WhoAmIScreen

        personas = (exercise_personas(self.play.scenario) if self.play is not None
                    else with_cases(self.personas, self.world_spec or {}))
        self.push_screen(WhoAmIScreen(personas))

    def action_hint(self) -> None:
        """ctrl+y: an exercise's next hint (counted in the debrief)."""
        before = self.play.hints_used
        hint = self.play.next_hint()
        if self.recorder is not None and self.play.hints_used > before:
            self._record_later(self.recorder.hint)
        self.exercise_text = self.play.checklist()
        if hasattr(self.screen, "message_bar"):
            self.screen.message_bar.show(hint)

    def action_briefing(self) -> None:
        from .play import BriefingScreen

        if self.play is not None:
            self.push_screen(BriefingScreen(self.play.scenario))

    # --- navigation and global keys ---------------------------------------------------------------

    def go_home(self) -> None:
        from ..core import signon

        self.act(signon.go_home)

    def action_home(self) -> None:
        self.go_home()

    def action_logout(self) -> None:
        from ..core import signon

        self.act(signon.logout)

    def action_advance(self, by: str) -> None:
        from ..core import world

        self.act(lambda ctx: world.advance_clock(ctx, by=by), navigate=self.current_mode == "learner")

    def action_next_go_live(self) -> None:
        from ..core import world

        self.act(world.advance_to_next_go_live, navigate=self.current_mode == "learner")

    def refused(self, error: SimError, *, counted: bool = False) -> None:
        """Show a refusal a query met, where the core now has the learner (it may have moved them);
        `counted` when an exercise has already counted it among the errors met."""

        def refuse(ctx: Ctx) -> Outcome:
            raise error

        self.act(refuse, counted=counted)

    def refresh_learner(self, message: str = "") -> None:
        """Re-render the learner's current screen from the core, keeping them where they are."""
        self.act(lambda ctx: Outcome(message))

    def action_console(self) -> None:
        if self.current_mode == "console":
            self.switch_mode("learner")
            self.refresh_learner()
        else:
            self.switch_mode("console")

    def start_update(self, kind: str) -> None:
        """Enrol in MFA (showing the new key and backup codes) or change the password."""
        if kind != "mfa":
            dialog = self.get_screen("change_password")
            dialog.fresh = True
            self.push_screen(dialog)
            return

        from ..core import accounts

        self.act(accounts.enroll_mfa, self.MfaEnrolled(self))

    class MfaEnrolled(Reply):
        """MFA enrolment ran: its new key and backup codes are shown once, in their dialog."""

    @on(MfaEnrolled)
    async def _show_new_key(self, enrolled: MfaEnrolled) -> None:
        if enrolled.outcome is None:
            return
        fields = dict(enrolled.outcome.fields)
        dialog = self.get_screen("mfa_enrolled")
        await self.push_screen(dialog)
        dialog.present(fields.pop("username"), fields.pop("provisioning_uri"), fields)

    def start_world(self, simulation: Simulation) -> None:
        """Another world in this app (the runner's next scenario): nothing of the last one remains.
        The swap waits for core work already queued, so none of it runs against the new world."""

        def swap() -> None:
            self.simulation = simulation

        self._core_thread.submit(swap).result()
        self.play = None
        self.refresh_bindings()
        self.exercise_text = self.narration = ""
        self.internal_errors = []

    def start_over(self, moment) -> None:
        """Free practice only: load the practice world again, its clock at `moment`."""
        if self.world_spec is None:
            self.screen.shown("Starting over is for free practice; in an exercise the clock only moves forward.",
                              "INVALID_INPUT")
            return
        self._start_over({**self.world_spec, "start": moment})

    @work(group="core", exit_on_error=False)
    async def _start_over(self, spec: dict) -> None:
        from ..core import world

        def reload() -> None:
            world.load_world(self.simulation.engine, spec)
            self.simulation.browser_id = self.simulation.new_browser()

        await self._in_core(reload)
        message = f"The practice world starts over at {spec['start'].isoformat()}: every account and docket is as new."
        self.act(lambda ctx: Outcome(message))

    def action_inbox(self) -> None:
        self.push_screen("inbox")

    def action_help(self) -> None:
        """Help for what the learner is looking at: a dialog without its own shows the screen's below it."""
        screen = next((s for s in reversed(self.screen_stack) if getattr(s, "HELP", "")), None)
        screen = screen or HomeScreen
        from .screens.dialogs import HelpScreen

        self.push_screen(HelpScreen(screen.HELP, getattr(screen, "TITLE_TEXT", "")))

    def action_goto(self) -> None:
        self.push_screen("goto")

    def get_system_commands(self, screen):
        """The command palette (ctrl+p): every screen and the time machine, besides Textual's own."""
        from ..core import accounts, signon

        yield from super().get_system_commands(screen)
        yield SystemCommand("Go to: court list", "Every court, its generation and availability", self.go_home)
        yield SystemCommand("Go to: PACER login", "Sign in to PACER (Central Sign-On)",
                            lambda: self.act(signon.open_pacer_login))
        yield SystemCommand("Go to: Manage My Account", "PACER account type, upgrade, MFA, registrations",
                            lambda: self.act(signon.open_manage_account))
        yield SystemCommand("Go to: Register for a PACER account", "A new individual or firm account",
                            lambda: self.act(accounts.open_registration))
        yield SystemCommand("Go to: a court's CM/ECF page", "Link, file, filing agents, payments (a bookmark)",
                            self.action_goto)
        yield SystemCommand("Go to: inbox", "Every email this world has sent", self.action_inbox)
        yield SystemCommand("Go to: trainer's console", "Clerk's desk, time machine, inspector, deadlines",
                            self.action_console)
        yield SystemCommand("Time machine: one hour later", "Move the simulated clock", lambda: self.action_advance("1h"))
        yield SystemCommand("Time machine: one day later", "Move the simulated clock", lambda: self.action_advance("1d"))
        yield SystemCommand("Time machine: next NextGen go-live", "Jump to the next court's go-live",
                            self.action_next_go_live)
        yield SystemCommand("Exercises", "Pick a guided exercise", self.open_picker)
        yield SystemCommand("Who am I", "The people you can be, their logins, the cases", self.action_who_am_i)
        if self.play is not None:
            yield SystemCommand("Next hint", "The exercise's next hint (counted in the debrief)", self.action_hint)
        yield SystemCommand("High-contrast theme", "Toggle the high-contrast theme", self.action_toggle_contrast)
        yield SystemCommand("Save an SVG screenshot", "For handouts", self.action_screenshot_svg)

    def action_toggle_contrast(self) -> None:
        if self.theme == HIGH_CONTRAST.name:
            self.theme = self._theme_before_contrast
        else:
            self._theme_before_contrast, self.theme = self.theme, HIGH_CONTRAST.name

    def action_screenshot_svg(self) -> None:
        """A file for the handout; in a classroom browser the file is the trainee's, in a new tab."""
        if self.is_web:
            self.deliver_screenshot()
            said = "Screenshot opened in a new browser tab: save it from there for your handout."
        else:
            try:
                if self.screenshot_dir is not None:
                    self.screenshot_dir.mkdir(parents=True, exist_ok=True)
                path = self.save_screenshot(path=str(self.screenshot_dir) if self.screenshot_dir else None)
                said = f"Screenshot saved for your handout: {path}"
            except OSError as failure:
                said = (f"The screenshot could not be saved in {self.screenshot_dir or 'this folder'} "
                        f"({failure.strerror or failure}). Free some space or make the folder writable, then press F8 again.")
        if hasattr(self.screen, "message_bar"):
            self.screen.message_bar.show(said)


def _go_home_saying(greeting: str) -> Work:
    """The court list, with a greeting instead of its own message when there is one."""

    from ..core import signon

    def go_home(ctx: Ctx) -> Outcome:
        outcome = signon.go_home(ctx)
        return Outcome(greeting, outcome.fields) if greeting else outcome

    return go_home


