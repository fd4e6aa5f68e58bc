"""The base of every learner screen: status bar, message bar, footer, per-screen help."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ..scenario.spec import FIELD_KINDS
from .play import ExercisePanel
from .widgets import Fields, KeyBar, MessageBar, NarrationBar, StatusBar, show_value

if TYPE_CHECKING:
    from .app import SimApp
    from ..core.pages import View


class KeptScreen(Screen):
    """A screen installed once and shown again and again. Textual restyles every widget of a screen
    each time it is shown, in case the stylesheet changed while it was away; a kept screen's widgets
    are restyled as their classes and focus change, shown or not, so it is restyled only when the
    stylesheet did change (a theme) since it was last shown. The full restyles were a sixth of a
    scripted run."""

    _styled_for_css: int | None = None

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        css_version = self.app._css_update_count  # Textual's count of stylesheet changes
        if self._styled_for_css == css_version:
            event.refresh_styles = False
        self._styled_for_css = css_version


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
