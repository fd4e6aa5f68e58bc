"""The base of every learner screen: status bar, message bar, footer, per-screen help."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual._context import NoActiveAppError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ..scenario.spec import FIELD_KINDS
from .widgets import ExercisePanel, Fields, KeyBar, MessageBar, NarrationBar, StatusBar, show_value

if TYPE_CHECKING:
    from .app import SimApp
    from ..core.pages import View


class KeptScreen(Screen):
    """A screen installed once and shown again and again. Textual restyles every widget of a screen
    each time it is shown, in case the stylesheet changed while it was away; a kept screen's widgets
    are restyled as their classes and focus change, shown or not, so it is restyled only when the
    stylesheet did change (a theme) since its widgets were last styled. The full restyles were a
    sixth of a scripted run, and two of the three a first screen met before it was drawn."""

    _styled_for_css: int | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        try:
            self._take_breakpoints(self.app.size)
            # styled when mounted, with the stylesheet as it is now: Textual counts a new screen as
            # styled under none, and restyled the whole app the first time its mode was shown
            self._css_update_count = self.app._css_update_count
        except NoActiveAppError:  # made outside an app (a test): the first resize sets them
            pass

    def _take_breakpoints(self, size) -> None:
        """The size classes (-short, -tall) Textual gives a screen at its first resize, given now, before
        its widgets are first styled: otherwise that resize restyles them all again."""
        horizontal = (self.app.HORIZONTAL_BREAKPOINTS if self.HORIZONTAL_BREAKPOINTS is None
                      else self.HORIZONTAL_BREAKPOINTS) or []
        vertical = (self.app.VERTICAL_BREAKPOINTS if self.VERTICAL_BREAKPOINTS is None
                    else self.VERTICAL_BREAKPOINTS) or []
        self.add_class(*self._get_breakpoint_classes(size.width, horizontal),
                       *self._get_breakpoint_classes(size.height, vertical))

    def on_mount(self) -> None:
        self._styled_for_css = self.app._css_update_count  # Textual's count of stylesheet changes

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        css_version = self.app._css_update_count
        if self._styled_for_css == css_version:
            event.refresh_styles = False
        self._styled_for_css = css_version

    def _screen_resized(self, size) -> None:
        """Textual lays a screen out afresh each time its mode is shown, resized or not (the console
        and back cost a whole layout each way). A kept screen already laid out at this size is left as
        it is, unless what changed while it was away asked for a layout: then it is laid out now, as
        Textual would (not at the next refresh: a batch update holds that back, and scrolling inside
        the batch would measure the old layout)."""
        if self._compositor.size == size and not (self._layout_required or self._layout_widgets):
            return
        super()._screen_resized(size)

    def _compositor_refresh(self) -> None:
        """Textual renders a frame after each layout, also inside a batch update, where the frame is
        thrown away: the app lands every result in one batch, so that frame was drawn for nothing (a
        fifth of the first screen's start). Inside a batch the screen is only marked for a full repaint,
        which the batch's end gives it."""
        if self.app._batch_count:
            self._repaint_required = True
            return
        super()._compositor_refresh()


class LearnerScreen(KeptScreen):
    """A screen of the learner's browser. `LOCATION` is the SPEC §5 location it stands for."""

    LOCATION = ""
    TITLE_TEXT = ""
    arriving = True  # set by the app: this screen is being switched to, rather than re-shown
    HELP = ""
    BINDINGS = [Binding("escape", "back", "Back", show=True)]

    app: "SimApp"

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield NarrationBar()
        yield ExercisePanel()
        yield Static(self.TITLE_TEXT, id="screen-title", markup=False)
        yield MessageBar(id="message")
        with VerticalScroll(id="body", can_focus=False):
            yield from self.compose_body()
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        yield from ()

    @property
    def location(self) -> str:
        return self.LOCATION

    @property
    def message_bar(self) -> MessageBar:
        return self.query_one("#message", MessageBar)

    def set_title(self, text: str) -> None:
        self.query_one("#screen-title", Static).update(text)

    async def render_view(self, view: "View") -> None:
        """Show the data the core returned for this location."""

    def action_back(self) -> None:
        self.app.go_home()

    def shown(self, outcome_message: str, code: str = "", fields: dict[str, Any] | None = None, *,
              failed: bool = False) -> None:
        """After an action lands here: its message, and the result fields this screen displays
        (every `#field-<name>` of a `.result-fields` block; the others are cleared)."""
        self.message_bar.show(outcome_message, code, failed=failed)
        show_fields(self, fields or {})


def show_fields(screen: Screen, fields: dict[str, Any]) -> None:
    texts = {name: show_value(value, FIELD_KINDS.get(name, "str")) for name, value in fields.items()}
    for block in screen.query(".result-fields").results(Fields):
        block.show_texts(texts)
